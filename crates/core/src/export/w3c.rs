//! W3C Web Annotation JSON-LD export.
//!
//! The output is one `AnnotationCollection` whose `first` is an embedded `AnnotationPage` holding
//! every annotation (dismissed candidates included, so that they stay dismissed after a round
//! trip; deleted annotations are not exported). Each annotation has:
//!
//! - `motivation`: `assessing` when it has a verdict, else `commenting` when it has a note, else
//!   `highlighting`;
//! - a `target` that is a `SpecificResource`: its `source` is the article's url when that is an
//!   http or https url, or `urn:claimmark:article:<id>`; its `selector` is a
//!   `TextQuoteSelector` and a `TextPositionSelector`, whose offsets count Unicode code points as
//!   the W3C model says (not the UTF-16 units of JavaScript);
//! - bodies: a `TextualBody` for the note (purpose `commenting`), one for the verdict (purpose
//!   `assessing`, its value the verdict in words), one for the claim kind (purpose `tagging`,
//!   marked `"claimKind": true` to tell it apart from the user's tags, which are `tagging` bodies
//!   too; not by an `id`, because the W3C tests take any body with an `id` and no `source` for an
//!   external resource, which must not have a `purpose`), and a `SpecificResource` with purpose
//!   `linking` for each source, whose `source` is the source's url.
//!
//! The W3C context has no terms for a source's title, publisher, excerpt or accessed date, nor
//! for what claimmark needs to merge copies (field clocks, removed sources), so a second, small
//! context maps them ([`extension_context`]): `title` and `publisher` to Dublin Core, the rest to
//! `urn:claimmark:vocab#`. JSON-LD processors that do not know them ignore nothing they need;
//! claimmark's own import reads them back, so an export imported again is the same document.
//!
//! Ids are IRIs: `urn:uuid:<uuid>` for claimmark's UUIDs, the id itself when it already is an
//! absolute IRI (an imported annotation), else `urn:claimmark:annotation:<escaped id>`.
//!
//! ```
//! use claimmark_core::export::{w3c, ArticleDetails};
//! use claimmark_core::model::*;
//! use claimmark_core::store::{ArticleInfo, StoreDocument};
//! use claimmark_core::text::CharSpan;
//!
//! let text = "Crime fell 😀 12% last year.";
//! let now = Timestamp::parse("2024-05-01T09:30:00Z").unwrap();
//! let mut doc = StoreDocument::new(ArticleInfo::new("crime", "Crime figures", text));
//! let target = Target::describe("crime", text, CharSpan::new(13, 16)); // "12%", after an emoji
//! doc.insert(Annotation::new_user(AnnotationId::from_random_bytes([2; 16]), target, ClaimKind::Percent, now));
//!
//! let value = w3c::to_json_ld(&doc, &ArticleDetails::default());
//! let item = &value["first"]["items"][0];
//! assert_eq!(item["motivation"], "highlighting");
//! assert_eq!(item["target"]["source"], "urn:claimmark:article:crime");
//! assert_eq!(item["target"]["selector"][1]["start"], 13); // code points: the emoji counts once
//! ```

use serde_json::{json, Map, Value};

use super::{urn_escape, ArticleDetails};
use crate::model::{Annotation, AnnotationId, Source, SourceId, SourceTombstone, Timestamp};
use crate::store::StoreDocument;

/// The W3C Web Annotation JSON-LD context.
pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The vocabulary of claimmark's extension terms.
pub const VOCAB: &str = "urn:claimmark:vocab#";

/// The target source prefix for an article without a web address.
pub const ARTICLE_URN_PREFIX: &str = "urn:claimmark:article:";

pub(crate) const ANNOTATION_URN_PREFIX: &str = "urn:claimmark:annotation:";
pub(crate) const SOURCE_URN_PREFIX: &str = "urn:claimmark:source:";

/// The extension context: terms for what the W3C context lacks.
pub fn extension_context() -> Value {
    json!({
        "@version": 1.1,
        "cm": VOCAB,
        "dcterms": "http://purl.org/dc/terms/",
        "title": "dcterms:title",
        "publisher": "dcterms:publisher",
        "excerpt": "cm:excerpt",
        "accessed": { "@id": "cm:accessed", "@type": "xsd:date" },
        "sourceNote": "cm:sourceNote",
        "claimKind": "cm:claimKind",
        "origin": "cm:origin",
        "dismissed": "cm:dismissed",
        "fieldClocks": { "@id": "cm:fieldClocks", "@type": "@json" },
        "removedSources": { "@id": "cm:removedSources", "@type": "@json" },
        "article": { "@id": "cm:article", "@type": "@json" }
    })
}

/// The `@context` of an export: the W3C context, then the extension.
pub fn context() -> Value {
    json!([ANNO_CONTEXT, extension_context()])
}

/// The IRI of an annotation id.
pub fn annotation_iri(id: &AnnotationId) -> String {
    id_iri(id.as_str(), ANNOTATION_URN_PREFIX)
}

/// The IRI of a source id.
pub fn source_iri(id: &SourceId) -> String {
    id_iri(id.as_str(), SOURCE_URN_PREFIX)
}

fn id_iri(id: &str, prefix: &str) -> String {
    if uuid::Uuid::try_parse(id).is_ok() {
        format!("urn:uuid:{id}")
    } else if is_absolute_iri(id) {
        id.to_owned()
    } else {
        format!("{prefix}{}", urn_escape(id))
    }
}

/// Whether `s` starts with an RFC 3986 scheme followed by `:` (and is free of spaces, which ids
/// are anyway).
pub(crate) fn is_absolute_iri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    !rest.is_empty()
        && scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !s.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
        })
}

/// The target source of the article: its url, or `urn:claimmark:article:<id>`.
pub fn article_source(article_id: &str, details: &ArticleDetails) -> String {
    match details.web_url() {
        Some(url) => url.as_str().to_owned(),
        None => format!("{ARTICLE_URN_PREFIX}{}", urn_escape(article_id)),
    }
}

/// The collection's id.
fn collection_id(article_id: &str) -> String {
    format!("{ARTICLE_URN_PREFIX}{}:annotations", urn_escape(article_id))
}

/// The export as a JSON value.
pub fn to_json_ld(doc: &StoreDocument, details: &ArticleDetails) -> Value {
    let source = article_source(&doc.article.id, details);
    let items: Vec<Value> = doc.annotations.iter().map(|a| annotation(a, &source)).collect();
    let id = collection_id(&doc.article.id);
    let mut article = json!({
        "id": doc.article.id,
        "title": doc.article.title,
        "fingerprint": doc.article.fingerprint,
    });
    if let Some(url) = details.web_url() {
        article["url"] = Value::String(url.to_string());
    }
    let label = if doc.article.title.is_empty() {
        "claimmark annotations".to_owned()
    } else {
        format!("claimmark annotations: {}", doc.article.title)
    };
    json!({
        "@context": context(),
        "id": id,
        "type": "AnnotationCollection",
        "label": label,
        "total": items.len(),
        "article": article,
        "first": {
            "id": format!("{id}:page-1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        }
    })
}

/// The export as indented JSON text.
pub fn to_string(doc: &StoreDocument, details: &ArticleDetails) -> String {
    // Serialising a `Value` cannot fail.
    serde_json::to_string_pretty(&to_json_ld(doc, details)).unwrap_or_default()
}

/// The motivation of an annotation: assessing with a verdict, commenting with a note, else
/// highlighting.
pub fn motivation(annotation: &Annotation) -> &'static str {
    if annotation.verdict.is_rated() {
        "assessing"
    } else if !annotation.note.trim().is_empty() {
        "commenting"
    } else {
        "highlighting"
    }
}

fn time(t: Timestamp) -> Value {
    Value::String(t.to_rfc3339())
}

/// One annotation in W3C form (without `@context`: the collection's applies).
pub fn annotation(a: &Annotation, article_source: &str) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), annotation_iri(&a.id).into());
    out.insert("type".into(), "Annotation".into());
    out.insert("motivation".into(), motivation(a).into());
    out.insert("created".into(), time(a.created));
    out.insert("modified".into(), time(a.modified));
    out.insert("origin".into(), serde_json::to_value(a.origin).unwrap_or(Value::Null));
    if a.dismissed {
        out.insert("dismissed".into(), true.into());
    }
    let bodies = bodies(a);
    if !bodies.is_empty() {
        out.insert("body".into(), Value::Array(bodies));
    }
    let quote = &a.target.selectors.quote;
    let position = a.target.selectors.position;
    out.insert(
        "target".into(),
        json!({
            "type": "SpecificResource",
            "source": article_source,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": quote.exact,
                    "prefix": quote.prefix,
                    "suffix": quote.suffix,
                },
                {
                    "type": "TextPositionSelector",
                    "start": position.start.0,
                    "end": position.end.0,
                }
            ]
        }),
    );
    let clocks: Map<String, Value> = [
        ("target", a.clocks.target),
        ("kind", a.clocks.kind),
        ("verdict", a.clocks.verdict),
        ("note", a.clocks.note),
        ("tags", a.clocks.tags),
        ("dismissed", a.clocks.dismissed),
    ]
    .into_iter()
    .filter_map(|(name, clock)| clock.map(|t| (name.to_owned(), time(t))))
    .collect();
    if !clocks.is_empty() {
        out.insert("fieldClocks".into(), Value::Object(clocks));
    }
    if !a.removed_sources.is_empty() {
        let removed: Vec<Value> = a.removed_sources.iter().map(removed_source).collect();
        out.insert("removedSources".into(), Value::Array(removed));
    }
    Value::Object(out)
}

fn removed_source(t: &SourceTombstone) -> Value {
    json!({ "id": source_iri(&t.id), "deleted": t.deleted.to_rfc3339() })
}

fn bodies(a: &Annotation) -> Vec<Value> {
    let mut bodies = Vec::new();
    if !a.note.is_empty() {
        bodies.push(json!({
            "type": "TextualBody",
            "purpose": "commenting",
            "value": a.note,
            "format": "text/plain",
        }));
    }
    if a.verdict.is_rated() {
        bodies.push(json!({
            "type": "TextualBody",
            "purpose": "assessing",
            "value": a.verdict.label(),
            "format": "text/plain",
        }));
    }
    bodies.push(json!({
        "type": "TextualBody",
        "purpose": "tagging",
        "value": a.kind.as_str(),
        "claimKind": true,
    }));
    for tag in &a.tags {
        bodies.push(json!({ "type": "TextualBody", "purpose": "tagging", "value": tag }));
    }
    bodies.extend(a.sources.iter().map(source_body));
    bodies
}

fn source_body(s: &Source) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), source_iri(&s.id).into());
    out.insert("type".into(), "SpecificResource".into());
    out.insert("purpose".into(), "linking".into());
    out.insert("source".into(), s.url.as_str().into());
    for (key, value) in [("title", &s.title), ("publisher", &s.publisher), ("excerpt", &s.excerpt)] {
        if !value.is_empty() {
            out.insert(key.into(), value.as_str().into());
        }
    }
    if let Some(accessed) = s.accessed {
        out.insert("accessed".into(), accessed.to_string().into());
    }
    if !s.note.is_empty() {
        out.insert("sourceNote".into(), s.note.as_str().into());
    }
    out.insert("created".into(), time(s.added));
    out.insert("modified".into(), time(s.modified));
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris() {
        let uuid = AnnotationId::from_random_bytes([1; 16]);
        assert_eq!(annotation_iri(&uuid), format!("urn:uuid:{uuid}"));
        let iri = AnnotationId::parse("https://hypothes.is/a/abc").unwrap();
        assert_eq!(annotation_iri(&iri), "https://hypothes.is/a/abc");
        let plain = AnnotationId::parse("Hx9_aBc").unwrap();
        assert_eq!(annotation_iri(&plain), "urn:claimmark:annotation:Hx9_aBc");
        assert!(!is_absolute_iri("a:b"));
        assert!(is_absolute_iri("urn:x"));
        assert!(!is_absolute_iri("noscheme"));
    }
}
