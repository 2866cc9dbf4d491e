//! W3C Web Annotation export: golden file, round trip, and validation against the W3C
//! web-annotation-tests JSON schemas.
//!
//! # Schema validation
//!
//! The schemas are the W3C web-annotation-tests suite's (draft-04), kept outside the repository
//! in `../shared/w3c-web-annotation-tests/` (see its PROVENANCE.md for the commit and licence).
//! They are read from there at test time, never copied. Validated:
//!
//! - every exported annotation against every assertion listed in
//!   `annotations/annotationMusts.test` (the MUSTs for one annotation). Items of a page inherit
//!   the collection's `@context` in JSON-LD, so each item is validated with that `@context` added,
//!   as a consumer that takes one annotation out of the collection would see it;
//! - the collection against `collections/collectionMusts.test`;
//! - the embedded page (with the collection's `@context`) against
//!   `collections/pages/pageMusts.test`.
//!
//! `$ref`s between schema files (`"annotations.json#/definitions/..."`) are resolved locally:
//! every file of `definitions/` is registered in a `jsonschema` registry under the base URI
//! `json-schema:///` (the default base of a schema with a relative `id`) plus its file name, and
//! no retriever can reach the network (the crate is built without its `resolve-http` and
//! `resolve-file` features). Format checking (`"format": "uri"`, `date-time`) is on.
//!
//! To show the validator is wired correctly, the suite's own samples are checked too: every
//! `samples/correct` annotation passes the MUSTs (except anno11 to anno13, which use constructs
//! dropped from the final model), and every `samples/incorrect` annotation fails at least one.

mod export_fixture;

use std::path::{Path, PathBuf};

use claimmark_core::export::import::{self, ImportFormat};
use claimmark_core::export::{w3c, ArticleDetails};
use claimmark_core::store::StoreDocument;
use export_fixture::*;
use jsonschema::{Draft, Registry, Validator};
use serde_json::Value;

const SUITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/w3c-web-annotation-tests");
const BASE: &str = "json-schema:///";

fn suite() -> PathBuf {
    PathBuf::from(SUITE)
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn registry() -> Registry<'static> {
    let mut builder = Registry::new().draft(Draft::Draft4);
    let mut entries: Vec<_> = std::fs::read_dir(suite().join("definitions")).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".json") {
            continue;
        }
        let schema = read_json(&entry.path());
        builder = builder.add(format!("{BASE}{name}"), schema).unwrap();
    }
    builder.prepare().unwrap()
}

/// The assertion schemas a `.test` file lists, each with its validator.
fn assertions(registry: &Registry<'static>, test_file: &str) -> Vec<(String, Validator)> {
    let test = read_json(&suite().join(test_file));
    test["assertions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let rel = a.as_str().unwrap();
            let schema = read_json(&suite().join(rel));
            assert_eq!(schema["expectedResult"], "valid", "{rel}");
            let validator = jsonschema::options()
                .with_draft(Draft::Draft4)
                .with_base_uri(BASE)
                .should_validate_formats(true)
                .with_registry(registry)
                .build(&schema)
                .unwrap_or_else(|e| panic!("{rel}: {e}"));
            (rel.to_owned(), validator)
        })
        .collect()
}

/// The assertions `value` fails, with the first error of each.
fn failures(assertions: &[(String, Validator)], value: &Value) -> Vec<String> {
    assertions
        .iter()
        .filter_map(|(name, v)| v.validate(value).err().map(|e| format!("{name}: {e}")))
        .collect()
}

fn exported() -> Value {
    w3c::to_json_ld(&document(), &details())
}

#[test]
fn golden() {
    check_golden("annotations.jsonld", &(w3c::to_string(&document(), &details()) + "\n"));
}

#[test]
fn every_annotation_passes_the_w3c_musts() {
    let registry = registry();
    let musts = assertions(&registry, "annotations/annotationMusts.test");
    assert!(musts.len() > 40, "the MUST list was read");
    let collection = exported();
    let items = collection["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), document().annotations.len());
    for (i, item) in items.iter().enumerate() {
        let mut annotation = item.clone();
        annotation["@context"] = collection["@context"].clone();
        let failed = failures(&musts, &annotation);
        assert!(failed.is_empty(), "items[{i}] fails: {failed:#?}");
    }
    // Also without an article url (the urn: source) and for an empty document.
    let bare = w3c::to_json_ld(&document(), &ArticleDetails::default());
    for item in bare["first"]["items"].as_array().unwrap() {
        let mut annotation = item.clone();
        annotation["@context"] = bare["@context"].clone();
        assert!(failures(&musts, &annotation).is_empty());
    }
}

#[test]
fn collection_and_page_pass_the_w3c_musts() {
    let registry = registry();
    let collection_musts = assertions(&registry, "collections/collectionMusts.test");
    let page_musts = assertions(&registry, "collections/pages/pageMusts.test");
    for doc in [document(), StoreDocument::new(document().article)] {
        let collection = w3c::to_json_ld(&doc, &details());
        let failed = failures(&collection_musts, &collection);
        assert!(failed.is_empty(), "collection fails: {failed:#?}");
        let mut page = collection["first"].clone();
        page["@context"] = collection["@context"].clone();
        let failed = failures(&page_musts, &page);
        assert!(failed.is_empty(), "page fails: {failed:#?}");
    }
}

#[test]
fn the_validator_agrees_with_the_suites_samples() {
    let registry = registry();
    let musts = assertions(&registry, "annotations/annotationMusts.test");
    let mut checked = 0;
    for kind in ["correct", "incorrect"] {
        let mut entries: Vec<_> =
            std::fs::read_dir(suite().join("samples").join(kind)).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let Ok(sample) = serde_json::from_str::<Value>(&text) else {
                assert_eq!(kind, "incorrect", "samples/{kind}/{name} is not JSON");
                checked += 1;
                continue;
            };
            if !name.starts_with("anno")
                || ["anno11.json", "anno12.json", "anno13.json"].contains(&name.as_str()) && kind == "correct"
            {
                continue;
            }
            let failed = failures(&musts, &sample);
            if kind == "correct" {
                assert!(failed.is_empty(), "samples/correct/{name} fails: {failed:#?}");
            } else {
                assert!(!failed.is_empty(), "samples/incorrect/{name} passes every MUST");
            }
            checked += 1;
        }
    }
    assert!(checked > 70, "checked {checked} samples");
}

#[test]
fn motivations_bodies_and_offsets() {
    let collection = exported();
    let items = collection["first"]["items"].as_array().unwrap();
    let by_id = |n: u8| {
        let id = claimmark_core::model::AnnotationId::from_random_bytes([n; 16]);
        items.iter().find(|i| i["id"] == format!("urn:uuid:{id}")).unwrap().clone()
    };
    let money = by_id(1);
    assert_eq!(money["motivation"], "assessing");
    let purposes: Vec<&str> =
        money["body"].as_array().unwrap().iter().map(|b| b["purpose"].as_str().unwrap()).collect();
    assert_eq!(purposes, ["commenting", "assessing", "tagging", "tagging", "tagging", "linking", "linking"]);
    let source = &money["body"][5];
    assert_eq!(source["type"], "SpecificResource");
    assert_eq!(source["source"], "https://council.example/budget-2019.pdf");
    assert_eq!(source["title"], "Budget 2019, \"final\" version");
    assert_eq!(money["target"]["source"], "https://news.example/2020/03/council-budget");
    assert_eq!(by_id(4)["motivation"], "highlighting");
    assert_eq!(by_id(5)["motivation"], "commenting");

    // Offsets are code points: the quote after the emoji and flag starts where chars say.
    let quote = by_id(2);
    let start = quote["target"]["selector"][1]["start"].as_u64().unwrap() as usize;
    let end = quote["target"]["selector"][1]["end"].as_u64().unwrap() as usize;
    let chars: String = TEXT.chars().skip(start).take(end - start).collect();
    assert_eq!(chars, quote["target"]["selector"][0]["exact"].as_str().unwrap());
    assert!(chars.ends_with("🇸🇪"));

    // The extension context defines what the W3C context lacks.
    assert_eq!(collection["@context"][0], w3c::ANNO_CONTEXT);
    for term in
        ["title", "publisher", "excerpt", "accessed", "claimKind", "fieldClocks", "removedSources", "article"]
    {
        assert!(collection["@context"][1].get(term).is_some(), "{term}");
    }
}

#[test]
fn round_trip_into_an_empty_store() {
    let doc = document();
    let text = w3c::to_string(&doc, &details());
    let file = import::read(text.as_bytes(), t("2030-01-01T00:00:00Z")).unwrap();
    assert_eq!(file.format, ImportFormat::ClaimmarkAnnotations);
    assert_eq!(file.article.as_ref(), Some(&doc.article));
    assert!(file.skipped.is_empty());

    let empty = StoreDocument::new(doc.article.clone());
    let preview = import::preview(&empty, &file, TEXT);
    assert_eq!(preview.report.new.len(), doc.annotations.len());
    assert_eq!(
        preview.to_string(),
        format!("{} new, 0 updated, 0 conflicting, 0 cannot be anchored", doc.annotations.len())
    );
    let imported = import::apply(&empty, &preview);
    assert_eq!(imported.annotations, doc.annotations);
    assert_eq!(imported, doc);

    // Importing it again changes nothing.
    let again = import::preview(&imported, &file, TEXT);
    assert!(again.is_noop(), "{again}");
    assert_eq!(again.report.unchanged.len(), doc.annotations.len());
}

#[test]
fn round_trip_without_an_article_url() {
    let doc = document();
    let text = w3c::to_string(&doc, &ArticleDetails::default());
    let file = import::read(text.as_bytes(), t("2030-01-01T00:00:00Z")).unwrap();
    assert!(file.annotations.iter().all(|a| a.target.article_id == doc.article.id));
    let empty = StoreDocument::new(doc.article.clone());
    assert_eq!(import::apply(&empty, &import::preview(&empty, &file, TEXT)), doc);
}
