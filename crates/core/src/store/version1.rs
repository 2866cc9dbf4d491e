//! Version 1 of the storage document, as the first release wrote it (camelCase keys, sources as
//! bare URLs, RFC 3339 times, dismissed candidates in a separate list), and its migration to the
//! current version.

use serde::Deserialize;

use super::error::shape;
use super::{ArticleInfo, StoreDocument, StoreError};
use crate::json_path::{join, null_as_default};
use crate::model::{
    clean_tags, Annotation, AnnotationId, ClaimKind, FieldClocks, Origin, Source, SourceId, SourceUrl,
    Target, TextPositionSelector, TextQuoteSelector, Timestamp, Verdict,
};

/// Version 1, as the first release wrote it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct V1Document {
    pub article_id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub fingerprint: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub annotations: Vec<V1Annotation>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub dismissed: Vec<V1Dismissed>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct V1Annotation {
    pub id: AnnotationId,
    pub quote: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    pub start: usize,
    pub end: usize,
    pub kind: ClaimKind,
    /// Whether it came from claim detection.
    #[serde(default)]
    pub detected: bool,
    /// Free text such as `"mostly-true"`; read with [`Verdict::parse`].
    #[serde(default)]
    pub verdict: Option<String>,
    /// Bare URLs: version 1 had no source titles or excerpts.
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub created_at: Timestamp,
    #[serde(default)]
    pub updated_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct V1Dismissed {
    pub quote: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    pub start: usize,
    pub end: usize,
    pub kind: ClaimKind,
    pub at: Timestamp,
}

/// What version 1's types do not check: the span's order and the verdict's words.
fn check_v1_annotation(annotation: &V1Annotation, path: &str) -> Result<(), StoreError> {
    if annotation.end < annotation.start {
        return Err(shape(
            join(path, "end"),
            format!("{} is before start {}", annotation.end, annotation.start),
        ));
    }
    if let Some(verdict) = &annotation.verdict {
        Verdict::parse(verdict).map_err(|e| shape(join(path, "verdict"), e))?;
    }
    Ok(())
}

/// Reads a version 1 document, and checks what its types do not.
pub(super) fn parse_v1<L: crate::json_path::Locate>(input: &str) -> Result<V1Document, StoreError> {
    let doc: V1Document = L::read(input)?;
    for (i, annotation) in doc.annotations.iter().enumerate() {
        check_v1_annotation(annotation, &format!("annotations[{i}]"))?;
    }
    Ok(doc)
}

fn v1_target(
    article_id: &str,
    quote: String,
    prefix: String,
    suffix: String,
    start: usize,
    end: usize,
) -> Target {
    Target {
        article_id: article_id.to_owned(),
        selectors: crate::model::Selectors {
            quote: TextQuoteSelector { exact: quote, prefix, suffix },
            position: TextPositionSelector::from(crate::text::CharSpan::new(start, end)),
        },
    }
}

/// Migrates a version 1 document to the current version. Pure and total: nothing in a readable
/// version 1 document is dropped. A source URL that is no longer accepted (not http or https) is
/// moved into the annotation's note rather than lost or kept as a link.
pub fn migrate_v1(v1: V1Document) -> StoreDocument {
    let article = ArticleInfo { id: v1.article_id.clone(), title: v1.title, fingerprint: v1.fingerprint };
    let mut doc = StoreDocument::new(article);
    for old in v1.annotations {
        let modified = old.updated_at.unwrap_or(old.created_at).max(old.created_at);
        let origin = if old.detected { Origin::Detected } else { Origin::User };
        let target = v1_target(&v1.article_id, old.quote, old.prefix, old.suffix, old.start, old.end);
        let mut note = old.note;
        let mut sources = Vec::new();
        for (i, url) in old.sources.iter().enumerate() {
            match SourceUrl::parse(url) {
                Ok(url) => {
                    let id = SourceId::from_random_bytes(crate::model::derived_id_bytes(&[
                        old.id.as_str(),
                        &i.to_string(),
                        url.as_str(),
                    ]));
                    let mut source = Source::new(id, url, old.created_at);
                    // Version 1 did not record when a source was looked at.
                    source.accessed = None;
                    source.modified = modified;
                    sources.push(source);
                }
                Err(_) => {
                    if !note.is_empty() {
                        note.push_str("\n\n");
                    }
                    note.push_str(&format!(
                        "Source removed when upgrading (not an http or https link): {url}"
                    ));
                }
            }
        }
        // Every field counts as edited at the last modification: version 1 knew no better.
        let clock = (modified > old.created_at).then_some(modified);
        let clocks = FieldClocks {
            target: clock,
            kind: clock,
            verdict: clock,
            note: clock,
            tags: clock,
            dismissed: None,
        };
        let mut annotation = Annotation {
            id: old.id,
            target,
            origin,
            kind: old.kind,
            verdict: old.verdict.as_deref().and_then(|v| Verdict::parse(v).ok()).unwrap_or_default(),
            sources,
            removed_sources: Vec::new(),
            note,
            tags: Vec::new(),
            dismissed: false,
            created: old.created_at,
            modified,
            clocks,
            team: Default::default(),
        };
        annotation.tags = clean_tags(old.tags);
        doc.annotations.push(annotation);
    }
    for old in v1.dismissed {
        let id = AnnotationId::from_random_bytes(crate::model::derived_id_bytes(&[
            &v1.article_id,
            "dismissed",
            &old.start.to_string(),
            &old.end.to_string(),
            &old.quote,
        ]));
        let target = v1_target(&v1.article_id, old.quote, old.prefix, old.suffix, old.start, old.end);
        doc.annotations.push(Annotation::dismissed_candidate(id, target, old.kind, old.at));
    }
    doc.normalize();
    doc
}
