//! Import: format detection, the Hypothesis API fixture, other tools' W3C JSON-LD, UTF-16
//! positions, previews computed with the shared merge, and errors that name their path.
//!
//! `fixtures/export/hypothesis_search.json` was written by hand from the Hypothesis API's
//! published documentation (the `GET /api/search` response: `total` and `rows`, each row an
//! annotation with `id`, `created`, `updated`, `user`, `uri`, `text`, `tags`, `group`,
//! `permissions`, `target[].source` and `target[].selector`, `document`, `links`, `flagged`,
//! `hidden`, and `references` for replies). It holds a highlight whose position counts UTF-16
//! units (as the Hypothesis client's do) after an emoji, a quote-only highlight, a page note, a
//! reply, and an annotation on a passage that is no longer in the article.

mod export_fixture;

use claimmark_core::export::import::{self, ImportError, ImportFormat, MAX_ANNOTATIONS, MAX_BYTES};
use claimmark_core::export::{w3c, ArticleDetails};
use claimmark_core::model::*;
use claimmark_core::store::StoreDocument;
use claimmark_core::text::CharSpan;
use export_fixture::*;
use proptest::prelude::*;

fn now() -> Timestamp {
    t("2030-01-01T00:00:00Z")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/export/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn empty() -> StoreDocument {
    StoreDocument::new(document().article)
}

fn span_text(text: &str, span: CharSpan) -> String {
    text.chars().skip(span.start.0).take(span.len()).collect()
}

#[test]
fn hypothesis_search_response() {
    let file = import::read(&fixture("hypothesis_search.json"), now()).unwrap();
    assert_eq!(file.format, ImportFormat::HypothesisSearch);
    assert_eq!(file.article_url.as_deref(), Some("https://news.example/2020/03/council-budget"));
    assert_eq!(file.annotations.len(), 3);
    let skipped: Vec<String> = file.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        [
            "rows[2]: a note on the whole page, not on a passage of it",
            "rows[3]: a reply to another annotation",
        ]
    );
    let first = &file.annotations[0];
    assert_eq!(first.id.as_str(), "Kx3vQpD8Ee6aBcdEfGh01A");
    assert_eq!(first.note, "The budget book says $276.8M, see p. 12.");
    assert_eq!(first.tags, ["budget", "council"]);
    assert_eq!(first.created, t("2024-04-02T10:15:30.123Z"));
    assert_eq!(first.modified, t("2024-04-03T08:00:00Z"));
    assert_eq!(first.clock(Field::Note), first.modified);
    assert_eq!(first.origin, Origin::User);

    let preview = import::preview(&empty(), &file, TEXT);
    assert_eq!(preview.to_string(), "3 new, 0 updated, 0 conflicting, 1 cannot be anchored, 2 skipped");
    assert_eq!(preview.converted_positions, 1);
    assert_eq!(preview.unanchored, [AnnotationId::parse("Rp7zUtH2Ee6eFghIjKl05E").unwrap()]);

    let merged = import::apply(&empty(), &preview);
    assert_eq!(merged.annotations.len(), 3, "the orphan is kept");
    let first = merged.get(&AnnotationId::parse("Kx3vQpD8Ee6aBcdEfGh01A").unwrap()).unwrap();
    assert_eq!(first.target.article_id, ARTICLE_ID);
    // The UTF-16 position 26..48 became code points 25..47.
    assert_eq!(first.target.span(), CharSpan::new(25, 47));
    assert_eq!(span_text(TEXT, first.target.span()), "Spending rose to $277M");

    // Importing the same file again changes nothing.
    let again = import::preview(&merged, &file, TEXT);
    assert!(again.is_noop(), "{again}");
}

#[test]
fn single_hypothesis_annotation() {
    let search: serde_json::Value = serde_json::from_slice(&fixture("hypothesis_search.json")).unwrap();
    let single = serde_json::to_vec(&search["rows"][1]).unwrap();
    let file = import::read(&single, now()).unwrap();
    assert_eq!(file.format, ImportFormat::HypothesisAnnotation);
    assert_eq!(file.annotations.len(), 1);
    assert_eq!(file.annotations[0].target.exact(), "12%");
}

#[test]
fn other_tools_w3c_page() {
    let file = import::read(&fixture("w3c_other_tool.json"), now()).unwrap();
    assert_eq!(file.format, ImportFormat::W3c);
    assert_eq!(file.annotations.len(), 2);
    let preview = import::preview(&empty(), &file, TEXT);
    assert_eq!(preview.to_string(), "2 new, 0 updated, 0 conflicting, 0 cannot be anchored");
    assert_eq!(preview.converted_positions, 1);
    let merged = import::apply(&empty(), &preview);

    let quote = merged.get(&AnnotationId::parse("https://annotations.example/anno/1").unwrap()).unwrap();
    assert_eq!(quote.note, "Quoted correctly, per the council's video.");
    assert_eq!(span_text(TEXT, quote.target.span()), "Zoë Ångström 🇸🇪");
    assert_eq!(quote.created, quote.modified);

    let report = merged.get(&AnnotationId::parse("https://annotations.example/anno/2").unwrap()).unwrap();
    assert_eq!(report.verdict, Verdict::Misleading);
    assert_eq!(report.tags, ["reports"]);
    assert_eq!(report.kind, ClaimKind::Other);
    let urls: Vec<&str> = report.sources.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(urls, ["https://police.example/annual-report-2019", "https://archive.example/annual-report"]);
    // No position: the quote alone anchors it.
    assert_eq!(report.target.span(), CharSpan::new(0, 0));

    // Our own export of what was imported validates and reads back equal.
    let exported = w3c::to_string(&merged, &ArticleDetails::default());
    let back = import::read(exported.as_bytes(), now()).unwrap();
    let again = import::apply(&empty(), &import::preview(&empty(), &back, TEXT));
    assert_eq!(again, merged);
}

#[test]
fn single_annotation_and_plain_list() {
    let one = r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
        "target": {"source": "https://x.example/", "selector": {"type": "TextQuoteSelector", "exact": "12%"}}}"#;
    let file = import::read(one.as_bytes(), now()).unwrap();
    assert_eq!(file.format, ImportFormat::W3c);
    assert_eq!(file.annotations.len(), 1);
    // An annotation without an id gets the same derived id on every import.
    let again = import::read(one.as_bytes(), now()).unwrap();
    assert_eq!(file.annotations[0].id, again.annotations[0].id);
    assert_eq!(file.annotations[0].created, now());

    let list = format!("[{one}, {one}]");
    let file = import::read(list.as_bytes(), now()).unwrap();
    assert_eq!(file.annotations.len(), 2);
}

#[test]
fn backup_round_trip_and_merge_preview() {
    let doc = document();
    let backup = doc.to_json_pretty();
    let file = import::read(backup.as_bytes(), now()).unwrap();
    assert_eq!(file.format, ImportFormat::Backup);
    let imported = import::apply(&empty(), &import::preview(&empty(), &file, TEXT));
    assert_eq!(imported, doc);

    // Local and file both move on from the same document.
    let later = t("2024-06-01T00:00:00Z");
    let (two, four) = (AnnotationId::from_random_bytes([2; 16]), AnnotationId::from_random_bytes([4; 16]));
    let mut local = doc.clone();
    local.update(&two, later, |a, now| a.set_note("local note", now));
    let mut theirs = doc.clone();
    theirs.update(&two, later.plus_millis(5), |a, now| a.set_verdict(Verdict::HalfTrue, now));
    theirs.update(&four, later, |a, now| a.set_note("their note", now));
    let fresh = Annotation::new_user(
        AnnotationId::from_random_bytes([42; 16]),
        Target::describe(ARTICLE_ID, TEXT, span_of(TEXT, "Crime fell")),
        ClaimKind::Trend,
        later,
    );
    theirs.insert(fresh);
    // An older copy of a note that local has since changed: not an update.
    let file = import::read(theirs.to_json().as_bytes(), now()).unwrap();
    let preview = import::preview(&local, &file, TEXT);
    assert_eq!(preview.to_string(), "1 new, 1 updated, 1 conflicting, 0 cannot be anchored");
    let merged = import::apply(&local, &preview);
    let two = merged.get(&two).unwrap();
    assert_eq!((two.note.as_str(), two.verdict), ("local note", Verdict::HalfTrue), "both edits kept");
    assert_eq!(merged.get(&four).unwrap().note, "their note");

    // An import never overwrites newer work: importing the original again changes nothing.
    let original = import::read(doc.to_json().as_bytes(), now()).unwrap();
    let preview = import::preview(&merged, &original, TEXT);
    assert!(preview.is_noop(), "{preview}");
    assert_eq!(import::apply(&merged, &preview), merged);
}

#[test]
fn backup_of_another_article_is_flagged() {
    let file = import::read(document().to_json().as_bytes(), now()).unwrap();
    let other = StoreDocument::new(claimmark_core::store::ArticleInfo::new("other", "Other", TEXT));
    let preview = import::preview(&other, &file, TEXT);
    assert_eq!(preview.other_article.as_ref().map(|a| a.id.as_str()), Some(ARTICLE_ID));
    assert!(import::apply(&other, &preview).annotations.iter().all(|a| a.target.article_id == "other"));
}

/// One row per bad file: the input, then the path and a piece of the message of the first
/// problem.
#[test]
fn errors_name_their_path() {
    let collection = |item: &str| {
        format!(
            r#"{{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "total": 2,
                "first": {{"type": "AnnotationPage", "items": [
                  {{"type": "Annotation", "target": {{"source": "https://x.example/", "selector": {{"type": "TextQuoteSelector", "exact": "a"}}}}}},
                  {item}]}}}}"#
        )
    };
    let quote = r#"{"type": "TextQuoteSelector", "exact": "12%"}"#;
    let cases: Vec<(String, &str, &str)> = vec![
        (r#"{"rows": [{"id": "a", "#.into(), "line 1, column 22", "truncated"),
        (r#"{"hello": "world"}"#.into(), "(document)", "expected a claimmark backup"),
        (r#""just text""#.into(), "(document)", "found a string"),
        (
            collection(r#"{"type": "Annotation", "target": {"source": "s", "selector": [{"type": "MagicSelector"}]}}"#),
            "first.items[1].target.selector[0]",
            "unknown selector type 'MagicSelector'",
        ),
        (
            collection(&format!(
                r#"{{"type": "Annotation", "body": [{{"type": "TextualBody", "value": "x"}}, {{"type": "SpecificResource", "source": "javascript:alert(1)"}}],
                   "target": {{"source": "s", "selector": {quote}}}}}"#
            )),
            "first.items[1].body[1].source",
            "source url 'javascript:alert(1)' is not http or https",
        ),
        (
            format!(r#"[{{"type": "Annotation", "body": "data:text/html,<script>alert(1)</script>", "target": {{"selector": {quote}}}}}]"#),
            "[0].body",
            "is not http or https",
        ),
        (
            format!(r#"[{{"type": "Annotation", "target": {{"selector": [{quote}, {{"type": "TextPositionSelector", "start": 9, "end": 2}}]}}}}]"#),
            "[0].target.selector[1]",
            "ends before it starts",
        ),
        (
            format!(r#"[{{"type": "Annotation", "target": {{"selector": [{quote}, {{"type": "TextPositionSelector", "start": -1, "end": 2}}]}}}}]"#),
            "[0].target.selector[1].start",
            "not negative",
        ),
        (r#"[{"type": "Annotation", "target": {"selector": [{"type": "TextQuoteSelector"}]}}]"#.into(), "[0].target.selector[0].exact", "missing"),
        (r#"[{"type": "Annotation"}]"#.into(), "[0].target", "missing"),
        (r#"{"type": "AnnotationPage", "items": [{"type": "Note"}]}"#.into(), "items[0].type", "expected \"Annotation\""),
        (
            format!(r#"[{{"type": "Annotation", "created": "yesterday", "target": {{"selector": {quote}}}}}]"#),
            "[0].created",
            "not an RFC 3339 timestamp",
        ),
        (r#"{"rows": {"id": 1}}"#.into(), "rows", "expected a list"),
        (r#"{"rows": [{"target": [{"selector": [{"type": "TextQuoteSelector", "exact": "x"}]}], "tags": [1]}]}"#.into(), "rows[0].tags[0]", "expected a string"),
        (r#"{"type": "AnnotationCollection", "total": 3, "first": "https://x.example/page1"}"#.into(), "first", "is a link, not in the file"),
        (
            r#"{"version": 2, "article": {"id": "a"}, "annotations": [{"id": "x", "target": {"source": "a", "selector": [{"type": "TextQuoteSelector", "exact": "q"}]},
               "origin": "user", "kind": "money", "created": 1, "modified": 1,
               "sources": [{"id": "s", "url": "javascript:alert(1)", "added": 1, "modified": 1}]}]}"#
                .into(),
            "annotations[0].sources[0].url",
            "source url 'javascript:alert(1)' is not http or https",
        ),
    ];
    for (input, path, message) in cases {
        let err = import::read(input.as_bytes(), now()).expect_err(&input);
        let problems = err.problems();
        assert_eq!(problems[0].path, path, "{input}\n{err}");
        assert!(problems[0].message.contains(message), "{input}\n{err}");
    }
}

#[test]
fn every_problem_is_listed() {
    let input = r#"[{"type": "Annotation", "target": {"selector": [{"type": "A"}, {"type": "B"}]}},
                    {"type": "Annotation", "body": {"source": "javascript:x()"}, "target": {"selector": {"type": "C"}}}]"#;
    let err = import::read(input.as_bytes(), now()).unwrap_err();
    let paths: Vec<String> = err.problems().into_iter().map(|p| p.path).collect();
    assert_eq!(
        paths,
        ["[0].target.selector[0]", "[0].target.selector[1]", "[1].body.source", "[1].target.selector"]
    );
    assert!(err.to_string().ends_with("(and 3 more problems)"), "{err}");
    assert_eq!(err.format(), Some(ImportFormat::W3c));
}

#[test]
fn limits() {
    let big = vec![b' '; MAX_BYTES + 1];
    assert!(matches!(import::read(&big, now()), Err(ImportError::TooLarge { .. })));

    let item = r#"{"type":"Annotation"},"#;
    let mut many = String::from("[");
    many.push_str(&item.repeat(MAX_ANNOTATIONS + 1));
    many.pop();
    many.push(']');
    assert!(many.len() < MAX_BYTES);
    let err = import::read(many.as_bytes(), now()).unwrap_err();
    assert_eq!(err, ImportError::TooMany { found: MAX_ANNOTATIONS + 1, limit: MAX_ANNOTATIONS });
    assert_eq!(err.to_string(), "the file has 100001 annotations, over the limit of 100000");

    let err = import::read(b"{\"rows\": [\xff]}", now()).unwrap_err();
    assert_eq!(err, ImportError::NotUtf8 { line: 1, byte: 10 });

    let newer = r#"{"version": 99, "article": {"id": "a"}, "annotations": []}"#;
    assert!(matches!(
        import::read(newer.as_bytes(), now()),
        Err(ImportError::NewerVersion { found: 99, .. })
    ));
}

#[test]
fn every_truncation_is_an_error_with_a_position() {
    let text = w3c::to_string(&document(), &details());
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // Every prefix would be slow in a debug build; every 7th is plenty.
    for &(cut, _) in chars.iter().step_by(7).skip(1) {
        match import::read(&text.as_bytes()[..cut], now()) {
            Err(ImportError::Syntax { line, message, .. }) => {
                assert!(line >= 1 && message.contains("truncated"), "{message}")
            }
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
}

/// JSON values built from the keys and values importers look at.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let key = prop::sample::select(vec![
        "type",
        "id",
        "@context",
        "items",
        "first",
        "next",
        "target",
        "selector",
        "source",
        "body",
        "bodyValue",
        "value",
        "purpose",
        "exact",
        "prefix",
        "suffix",
        "start",
        "end",
        "rows",
        "total",
        "uri",
        "user",
        "text",
        "tags",
        "created",
        "modified",
        "updated",
        "references",
        "version",
        "annotations",
        "article",
        "claimKind",
        "fieldClocks",
        "removedSources",
        "accessed",
        "title",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        prop::sample::select(vec![
            "Annotation",
            "AnnotationPage",
            "AnnotationCollection",
            "TextQuoteSelector",
            "TextPositionSelector",
            "RangeSelector",
            "TextualBody",
            "SpecificResource",
            "tagging",
            "assessing",
            "http://www.w3.org/ns/anno.jsonld",
            "https://x.example/",
            "javascript:alert(1)",
            "urn:uuid:01010101-0101-4101-8101-010101010101",
            "2024-05-01T09:30:00Z",
            "False",
            "money",
            "😀",
            "",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn never_panics_on_json(value in json_value()) {
        let bytes = serde_json::to_vec(&value).unwrap();
        if let Ok(file) = import::read(&bytes, now()) {
            let preview = import::preview(&empty(), &file, TEXT);
            let _ = import::apply(&empty(), &preview);
        }
    }

    #[test]
    fn never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = import::read(&bytes, now());
    }
}

/// Timing of the largest accepted import, for BENCHMARKS.md:
/// `cargo test --release -p claimmark-core --test export_import -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing_of_a_100000_annotation_import() {
    use std::time::Instant;
    // A 100,000-word article and a Hypothesis response with one highlight per sentence.
    let sentences: Vec<String> =
        (0..10_000).map(|i| format!("Sentence {i} says the figure rose to {i}% in 2019.")).collect();
    let text = sentences.join(" ");
    let mut rows = Vec::with_capacity(MAX_ANNOTATIONS);
    for i in 0..MAX_ANNOTATIONS {
        let s = i % sentences.len();
        rows.push(format!(
            r#"{{"id":"h{i}","text":"note {i}","target":[{{"selector":[{{"type":"TextQuoteSelector","exact":"{}"}}]}}]}}"#,
            sentences[s]
        ));
    }
    let file = format!(r#"{{"total":{},"rows":[{}]}}"#, rows.len(), rows.join(","));
    assert!(file.len() <= MAX_BYTES, "{} bytes", file.len());
    let local = StoreDocument::new(claimmark_core::store::ArticleInfo::new("a", "A", &text));
    let started = Instant::now();
    let parsed = import::read(file.as_bytes(), now()).unwrap();
    let read = started.elapsed();
    let started = Instant::now();
    let preview = import::preview(&local, &parsed, &text);
    let previewed = started.elapsed();
    let merged = import::apply(&local, &preview);
    let applied = started.elapsed();
    assert_eq!(merged.annotations.len(), MAX_ANNOTATIONS);
    println!(
        "{} bytes, {} annotations: read {:?}, read+preview {:?}, read+preview+apply {:?} ({})",
        file.len(),
        parsed.annotations.len(),
        read,
        previewed,
        applied,
        preview
    );
}

#[test]
fn classroom_files_are_named_not_read_as_backups() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/classroom");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".submission.json") {
            continue;
        }
        checked += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let error =
            claimmark_core::export::import::read_str(&text, claimmark_core::model::Timestamp::from_millis(0))
                .unwrap_err();
        assert!(error.to_string().contains("classroom submission"), "{name}: {error}");
    }
    assert_eq!(checked, 2, "the two scenario submissions");
}

/// Every file the tests have, and a few made here: backups (of each store version, our own
/// export, with a BOM, one naming "format" in a note), foreign files, classroom files, and bad ones.
fn every_kind_of_file() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for dir in ["export", "store", "classroom", "classroom/bad"] {
        let path = format!("{}/tests/fixtures/{dir}", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(&path).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                files.push((path.display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }
    let doc = document();
    let mut quoting = doc.clone();
    quoting.annotations[0].note = "the \"format\" of the table".into();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(doc.to_json().as_bytes());
    let w3c = w3c::to_string(&doc, &details());
    for (name, bytes) in [
        ("backup", doc.to_json_pretty().into_bytes()),
        ("compact backup", doc.to_json().into_bytes()),
        ("backup quoting \"format\"", quoting.to_json().into_bytes()),
        ("backup with a BOM", bom),
        ("our W3C export", w3c.into_bytes()),
        ("newer backup", br#"{"version": 9, "article": {"id": "a"}, "annotations": []}"#.to_vec()),
        ("not UTF-8", b"{\"version\": 2, \xff}".to_vec()),
        ("truncated", doc.to_json().as_bytes()[..200].to_vec()),
        ("empty list", b"[]".to_vec()),
    ] {
        files.push((name.to_owned(), bytes));
    }
    files
}

#[test]
fn backups_read_alone_as_read_reads_them() {
    let mut backups = 0;
    for (name, bytes) in every_kind_of_file() {
        let full = import::read(&bytes, now());
        match import::read_backup_only(&bytes) {
            Some(file) => {
                backups += 1;
                assert_eq!(Ok(file), full, "{name}");
            }
            None => assert!(
                !matches!(&full, Ok(f) if f.format == ImportFormat::Backup) || name.contains("format"),
                "{name}: a backup that read_backup_only left to read"
            ),
        }
    }
    // The pretty, compact and BOM backups, and the store fixtures.
    assert!(backups >= 4, "{backups} backups read alone");
}

#[test]
fn a_file_handed_over_as_a_document_previews_the_same() {
    let local = empty();
    let text = TEXT;
    let mut handed = 0;
    for (name, bytes) in every_kind_of_file() {
        let Ok(file) = import::read(&bytes, now()) else { continue };
        // Read back as the widget reads it (src/io.rs).
        let doc = StoreDocument::from_json(&file.clone().into_document().to_json())
            .unwrap_or_else(|e| panic!("{name}: the handed-over document does not read back: {e}"));
        let format = ImportFormat::parse(file.format.as_str()).unwrap();
        let again = import::ImportFile::from_document(
            format,
            doc,
            file.article.is_some(),
            file.article_url.clone(),
            file.skipped.clone(),
        );
        assert_eq!(import::preview(&local, &again, text), import::preview(&local, &file, text), "{name}");
        handed += 1;
    }
    assert!(handed >= 8, "{handed} files");
    for format in ImportFormat::ALL {
        assert_eq!(ImportFormat::parse(format.as_str()), Some(format));
    }
}
