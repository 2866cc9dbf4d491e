//! The reader of foreign files: it walks the lists of a parsed file, reads each node, keeps every
//! problem (up to [`MAX_PROBLEMS`]) and what was skipped, and gives the ids, times and clocks of
//! what it imports. Its W3C and Hypothesis halves are in `w3c` and `hypothesis`.

use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::{ImportError, Problem};
use super::file::ImportFile;
use super::lenient::{FirstString, Lenient, WholeNumber};
use super::nodes::{PositionNode, QuoteNode, SelectorType, TargetNode};
use super::{ImportFormat, IGNORED_SELECTOR_TYPES, MAX_ANNOTATIONS, MAX_PROBLEMS};
use crate::export::urn_unescape;
use crate::export::w3c::{ANNOTATION_URN_PREFIX, SOURCE_URN_PREFIX};
use crate::json_path::{join, read_node};
use crate::model::{
    Annotation, AnnotationId, ClaimKind, FieldClocks, Selectors, Source, SourceId, SourceUrl, SpanError,
    TextPositionSelector, TextQuoteSelector, Timestamp, Verdict,
};
use crate::store::ArticleInfo;
use crate::text::CharOffset;

pub(super) fn at(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// The nodes of a value that may be one node or a list of them (bodies, targets, selectors),
/// with the path of each.
pub(super) fn one_or_many<'v>(value: &'v Value, path: &str) -> Vec<(String, &'v Value)> {
    match value {
        Value::Array(items) => items.iter().enumerate().map(|(i, v)| (at(path, i), v)).collect(),
        other => vec![(path.to_owned(), other)],
    }
}

/// Url schemes that are refused outright wherever a link is expected.
pub(super) fn is_dangerous_scheme(url: &str) -> bool {
    let scheme = url.trim().split(':').next().unwrap_or("").to_ascii_lowercase();
    url.contains(':') && matches!(scheme.as_str(), "javascript" | "data" | "vbscript" | "file" | "blob")
}

/// What one item of the file became.
pub(super) enum Item {
    Annotation(Box<Annotation>),
    Skipped(String),
}

pub(super) struct Reader {
    pub(super) format: ImportFormat,
    pub(super) now: Timestamp,
    pub(super) problems: Vec<Problem>,
    pub(super) skipped: Vec<Problem>,
    pub(super) annotations: Vec<Annotation>,
    pub(super) article: Option<ArticleInfo>,
    pub(super) article_url: Option<String>,
}

impl Reader {
    pub(super) fn new(format: ImportFormat, now: Timestamp) -> Reader {
        Reader {
            format,
            now,
            problems: Vec::new(),
            skipped: Vec::new(),
            annotations: Vec::new(),
            article: None,
            article_url: None,
        }
    }

    pub(super) fn problem(&mut self, path: &str, message: impl fmt::Display) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem { path: path.to_owned(), message: message.to_string() });
        }
    }

    /// Reads the node at `path` as a `T`, or notes its first bad value.
    pub(super) fn node<T: DeserializeOwned>(&mut self, value: &Value, path: &str) -> Option<T> {
        match read_node(value, path) {
            Ok(node) => Some(node),
            Err(e) => {
                self.problem(&e.path, e.message);
                None
            }
        }
    }

    pub(super) fn finish(self) -> Result<ImportFile, ImportError> {
        if !self.problems.is_empty() {
            return Err(ImportError::Invalid { format: Some(self.format), problems: self.problems });
        }
        Ok(ImportFile {
            format: self.format,
            article: self.article,
            article_url: self.article_url,
            annotations: self.annotations,
            tombstones: Vec::new(),
            skipped: self.skipped,
        })
    }

    pub(super) fn check_count(&self, found: usize) -> Result<(), ImportError> {
        if found > MAX_ANNOTATIONS {
            Err(ImportError::TooMany { found, limit: MAX_ANNOTATIONS })
        } else {
            Ok(())
        }
    }

    pub(super) fn take(&mut self, path: &str, item: Option<Item>) {
        match item {
            Some(Item::Annotation(a)) => self.annotations.push(*a),
            Some(Item::Skipped(reason)) => self.skipped.push(Problem {
                path: if path.is_empty() { "(document)".into() } else { path.into() },
                message: reason,
            }),
            None => {}
        }
    }

    pub(super) fn url(&mut self, url: &str, path: &str) -> Option<SourceUrl> {
        match SourceUrl::parse(url) {
            Ok(url) => Some(url),
            Err(e) => {
                self.problem(path, e);
                None
            }
        }
    }

    // --- selectors -----------------------------------------------------------------------

    /// Reads a `selector` (one or a list) into our selectors; `None` when there is no quote.
    pub(super) fn selectors(&mut self, selectors: &Value, path: &str) -> Option<Selectors> {
        let mut quote = None;
        let mut position = None;
        for (p, selector) in one_or_many(selectors, path) {
            if selector.is_string() {
                continue; // a selector given by IRI: nothing we can use
            }
            let Some(SelectorType { kind }) = self.node(selector, &p) else { continue };
            match kind.as_str() {
                "TextQuoteSelector" => {
                    if let Some(QuoteNode { exact, prefix, suffix }) = self.node(selector, &p) {
                        let (prefix, suffix) = (prefix.unwrap_or_default(), suffix.unwrap_or_default());
                        quote.get_or_insert(TextQuoteSelector { exact, prefix, suffix });
                    }
                }
                "TextPositionSelector" => match self.node(selector, &p) {
                    Some(PositionNode { start: WholeNumber(start), end: WholeNumber(end) }) if start <= end => {
                        position.get_or_insert(TextPositionSelector { start: CharOffset(start), end: CharOffset(end) });
                    }
                    Some(PositionNode { start: WholeNumber(start), end: WholeNumber(end) }) => {
                        self.problem(&p, SpanError { start, end });
                    }
                    None => {}
                },
                known if IGNORED_SELECTOR_TYPES.contains(&known) => {}
                unknown => self.problem(
                    &p,
                    format!(
                        "unknown selector type '{unknown}' (expected TextQuoteSelector, TextPositionSelector or another W3C selector)"
                    ),
                ),
            }
        }
        let quote = quote?;
        Some(Selectors { quote, position: position.unwrap_or_default() })
    }

    /// Reads a target (one or a list, W3C or Hypothesis): the source and the selectors of the
    /// first target that has a quote.
    pub(super) fn target(&mut self, targets: &Value, path: &str) -> Result<(String, Selectors), String> {
        let mut found = None;
        let mut whole_page = false;
        for (p, target) in one_or_many(targets, path) {
            if target.is_string() {
                whole_page = true;
                continue;
            }
            let Some(TargetNode { source, id }) = self.node(target, &p) else { continue };
            let source = match source {
                Lenient::Valid(FirstString(source)) => source,
                Lenient::Invalid(_) => id.ok().unwrap_or_default(),
            };
            match target.get("selector") {
                Some(selector) => {
                    let selectors = self.selectors(selector, &join(&p, "selector"));
                    if let (None, Some(selectors)) = (&found, selectors) {
                        found = Some((source, selectors));
                    }
                }
                None => whole_page = true,
            }
        }
        match found {
            Some(found) => Ok(found),
            None if whole_page => Err("a note on the whole page, not on a passage of it".to_owned()),
            None => Err("no TextQuoteSelector: the passage cannot be found again".to_owned()),
        }
    }
}

/// The annotation's id from the file (a UUID urn, our own urn, or any id claimmark accepts), or
/// one derived from it and from `fallback`, the same on every import.
pub(super) fn annotation_id(id: Option<&str>, fallback: &[&str]) -> AnnotationId {
    let parsed = id.and_then(|id| {
        let local = if let Some(uuid) = id.strip_prefix("urn:uuid:") {
            uuid.to_owned()
        } else if let Some(rest) = id.strip_prefix(ANNOTATION_URN_PREFIX) {
            urn_unescape(rest)?
        } else {
            id.to_owned()
        };
        AnnotationId::parse(&local).ok()
    });
    parsed.unwrap_or_else(|| {
        let mut parts: Vec<&str> = vec!["annotation"];
        parts.extend(id);
        parts.extend(fallback);
        AnnotationId::from_random_bytes(crate::model::derived_id_bytes(&parts))
    })
}

/// A source's id from the file, or one derived from the annotation and the url.
pub(super) fn source_id(id: Option<&str>, annotation: &AnnotationId, url: &str) -> SourceId {
    let parsed = id.and_then(|id| {
        let local = if let Some(uuid) = id.strip_prefix("urn:uuid:") {
            uuid.to_owned()
        } else if let Some(rest) = id.strip_prefix(SOURCE_URN_PREFIX) {
            urn_unescape(rest)?
        } else {
            id.to_owned()
        };
        SourceId::parse(&local).ok()
    });
    parsed.unwrap_or_else(|| {
        SourceId::from_random_bytes(crate::model::derived_id_bytes(&["source", annotation.as_str(), url]))
    })
}

#[derive(Default)]
pub(super) struct Content {
    pub(super) notes: Vec<String>,
    pub(super) verdict: Option<Verdict>,
    pub(super) kind: Option<ClaimKind>,
    pub(super) tags: Vec<String>,
    pub(super) sources: Vec<Source>,
}

pub(super) fn plain_source(id: SourceId, url: SourceUrl, added: Timestamp) -> Source {
    // Added when the annotation was, with no date of access: the file does not say one.
    Source { accessed: None, ..Source::new(id, url, added) }
}

/// Created and modified times, filling in what is missing and keeping modified ≥ created.
pub(super) fn times(
    created: Option<Timestamp>,
    modified: Option<Timestamp>,
    now: Timestamp,
) -> (Timestamp, Timestamp) {
    let created = created.or(modified).unwrap_or(now);
    let modified = modified.unwrap_or(created).max(created);
    (created, modified)
}

/// Another tool keeps one time for the whole annotation: every field counts as edited then, so
/// that importing a newer copy of it updates every field.
pub(super) fn foreign_clocks(created: Timestamp, modified: Timestamp) -> FieldClocks {
    let clock = (modified > created).then_some(modified);
    FieldClocks { target: clock, kind: clock, verdict: clock, note: clock, tags: clock, dismissed: clock }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        Timestamp::parse("2024-06-01T00:00:00Z").unwrap()
    }

    #[test]
    fn dangerous_schemes() {
        assert!(is_dangerous_scheme("javascript:alert(1)"));
        assert!(is_dangerous_scheme(" DATA:text/html,x"));
        assert!(!is_dangerous_scheme("urn:isbn:123"));
        assert!(!is_dangerous_scheme("javascript"));
    }

    #[test]
    fn derived_ids_are_stable() {
        assert_eq!(crate::model::derived_id_bytes(&["a", "b"]), crate::model::derived_id_bytes(&["a", "b"]));
        assert_ne!(crate::model::derived_id_bytes(&["ab", ""]), crate::model::derived_id_bytes(&["a", "b"]));
        let _ = now();
    }
}
