//! Import: read a file, preview what merging it would do, apply it only when the user confirms.
//!
//! [`read`] accepts, and tells apart ([`ImportFormat`]):
//! - our backup (the storage document, any version [`StoreDocument::from_json`] reads);
//! - our W3C Web Annotation export ([`super::w3c`]), read back without loss;
//! - other tools' W3C Web Annotation JSON-LD: one `Annotation`, a list of them, an
//!   `AnnotationPage` or an `AnnotationCollection` with embedded pages;
//! - the Hypothesis API's search response (`{"total": N, "rows": [...]}`) and single Hypothesis
//!   annotations, whose `target[].selector` lists W3C selectors.
//!
//! Imported files are untrusted. [`read`] refuses files over [`MAX_BYTES`] or with more than
//! [`MAX_ANNOTATIONS`] annotations, text that is not UTF-8, truncated or malformed JSON (with its
//! line and column), JSON of the wrong shape, unknown selector types, and source urls that are
//! not http or https (`javascript:`, `data:`). Every problem names its path in the file, such as
//! `first.items[3].target.selector[0]`, and [`ImportError::problems`] lists them for the whole
//! file (up to [`MAX_PROBLEMS`]). It never panics. Passages other tools cannot give as a quote
//! (page notes, replies, whole-page targets) are not errors: they are listed in
//! [`ImportFile::skipped`].
//!
//! Backups are read by [`StoreDocument::from_json`]. Other tools' files are parsed once into a
//! `serde_json::Value`; the reader walks only its lists (the pages and their items, each
//! annotation's bodies, targets, selectors and removed sources) and reads every node in them with
//! serde's derived `Deserialize` through `serde_path_to_error`, so that one bad node does not
//! hide the others: the first bad value of each node is reported, its path after the node's.
//! Where a string is expected, the first string of a list is taken; values claimmark can do
//! without (a `dismissed` that is not true or false, an `@context` or `motivation` of another
//! kind) are ignored when they have the wrong type, and so are fields it does not know.
//!
//! [`preview`](fn@preview) compares the file with the stored document using the same [`merge`](fn@crate::store::merge) as two tabs
//! do, and anchors every annotation that would change in the current article text with
//! [`crate::anchor`]: "12 new, 3 updated, 1 conflicting, 2 cannot be anchored". Nothing changes
//! until [`apply`], which merges, so an import never deletes or overwrites newer work. An
//! annotation that cannot be anchored is still imported, as an orphan.
//!
//! Offsets: the W3C model counts code points, but many tools write UTF-16 units. When a foreign
//! `TextPositionSelector` does not select the quote in code points but does in UTF-16 units,
//! [`preview`](fn@preview) converts it.
//!
//! ```
//! use claimmark_core::export::import;
//! use claimmark_core::model::Timestamp;
//! use claimmark_core::store::{ArticleInfo, StoreDocument};
//!
//! let text = "Spending rose to $277M in 2019, the council said.";
//! let local = StoreDocument::new(ArticleInfo::new("budget", "Council budget", text));
//! let file = r#"{"total": 1, "rows": [{
//!     "id": "Hx1", "created": "2024-05-01T09:30:00.000000+00:00", "updated": "2024-05-01T09:30:00.000000+00:00",
//!     "uri": "https://news.example/budget", "text": "Check the budget book", "tags": ["budget"],
//!     "target": [{"source": "https://news.example/budget", "selector": [
//!         {"type": "TextQuoteSelector", "exact": "$277M", "prefix": "rose to ", "suffix": " in 2019"}]}]}]}"#;
//! let now = Timestamp::parse("2024-06-01T00:00:00Z").unwrap();
//! let parsed = import::read(file.as_bytes(), now).unwrap();
//! assert_eq!(parsed.format, import::ImportFormat::HypothesisSearch);
//!
//! let preview = import::preview(&local, &parsed, text);
//! assert_eq!(preview.to_string(), "1 new, 0 updated, 0 conflicting, 0 cannot be anchored");
//! let merged = import::apply(&local, &preview);
//! assert_eq!(merged.annotations[0].note, "Check the budget book");
//!
//! let bad = r#"{"rows": [{"target": [{"selector": [{"type": "MagicSelector"}]}]}]}"#;
//! let err = import::read(bad.as_bytes(), now).unwrap_err();
//! assert_eq!(err.problems()[0].path, "rows[0].target[0].selector[0]");
//! ```
//!
//! Here are the entry points, the limits and the format detection. The file a read gives is in
//! `file`, its errors in `error`, the serde helpers and node types every reader shares in
//! `lenient` and `nodes`, the reader of foreign files in `reader` (with its W3C and Hypothesis
//! halves in `w3c` and `hypothesis`), and the preview and apply step in `preview`.

mod error;
mod file;
mod hypothesis;
mod lenient;
mod nodes;
mod preview;
mod reader;
mod w3c;

pub use error::{ImportError, Problem};
pub use file::ImportFile;
pub use preview::{apply, preview, read_and_preview, ImportPreview};

use std::fmt;

use serde_json::Value;

use crate::export::w3c::ANNO_CONTEXT;
use crate::json_path::{ByLine, ByPath, Locate};
use crate::model::Timestamp;
use crate::store::{StoreDocument, StoreError};
use lenient::{has_type, Lenient};
use nodes::Head;
use reader::Reader;

/// The largest file accepted: 20 MB.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// The most annotations one file may hold.
pub const MAX_ANNOTATIONS: usize = 100_000;

/// The most problems one error lists; a file with more is reported with the first ones.
pub const MAX_PROBLEMS: usize = 100;

/// Selector types of the W3C model that claimmark does not use. They are skipped; any other type
/// is an error, because a file that uses it is not what it claims to be.
pub const IGNORED_SELECTOR_TYPES: [&str; 6] = [
    "FragmentSelector",
    "CssSelector",
    "XPathSelector",
    "DataPositionSelector",
    "SvgSelector",
    "RangeSelector",
];

/// What kind of file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportFormat {
    /// claimmark's backup: the storage document.
    Backup,
    /// claimmark's own W3C Web Annotation export.
    ClaimmarkAnnotations,
    /// W3C Web Annotation JSON-LD from another tool.
    W3c,
    /// A Hypothesis API search response, `{"total": N, "rows": [...]}`.
    HypothesisSearch,
    /// One Hypothesis annotation, as the API returns it.
    HypothesisAnnotation,
}

impl ImportFormat {
    pub const ALL: [ImportFormat; 5] = [
        ImportFormat::Backup,
        ImportFormat::ClaimmarkAnnotations,
        ImportFormat::W3c,
        ImportFormat::HypothesisSearch,
        ImportFormat::HypothesisAnnotation,
    ];

    /// Whether the file's positions are certainly in code points (claimmark wrote it).
    fn trusted_positions(self) -> bool {
        matches!(self, ImportFormat::Backup | ImportFormat::ClaimmarkAnnotations)
    }

    /// A short stable name, the one [`ImportFile::into_document`]'s caller passes along.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportFormat::Backup => "backup",
            ImportFormat::ClaimmarkAnnotations => "claimmark-annotations",
            ImportFormat::W3c => "w3c",
            ImportFormat::HypothesisSearch => "hypothesis-search",
            ImportFormat::HypothesisAnnotation => "hypothesis-annotation",
        }
    }

    /// The format named by [`ImportFormat::as_str`].
    pub fn parse(name: &str) -> Option<ImportFormat> {
        ImportFormat::ALL.into_iter().find(|f| f.as_str() == name)
    }

    pub fn label(self) -> &'static str {
        match self {
            ImportFormat::Backup => "claimmark backup",
            ImportFormat::ClaimmarkAnnotations => "claimmark W3C Web Annotation export",
            ImportFormat::W3c => "W3C Web Annotation JSON-LD",
            ImportFormat::HypothesisSearch => "Hypothesis API search response",
            ImportFormat::HypothesisAnnotation => "Hypothesis annotation",
        }
    }
}

impl fmt::Display for ImportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Reads and checks a file of any supported format. `now` stands in for timestamps a foreign
/// file leaves out.
///
/// # Errors
/// See [`ImportError`]: too large, not UTF-8, not JSON (line and column), too many annotations,
/// a backup from a newer claimmark, or invalid content with the path of every problem.
pub fn read(bytes: &[u8], now: Timestamp) -> Result<ImportFile, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len(), limit: MAX_BYTES });
    }
    let text = crate::article::utf8(bytes).map_err(|e| match e {
        crate::article::ParseError::NotUtf8 { line, byte } => ImportError::NotUtf8 { line, byte },
        other => ImportError::shape("(document)", other),
    })?;
    read_str(text, now)
}

/// [`read`] for text already decoded.
///
/// # Errors
/// As [`read`].
pub fn read_str(text: &str, now: Timestamp) -> Result<ImportFile, ImportError> {
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len(), limit: MAX_BYTES });
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let (root, head, format) = classify(text)?;
    match format {
        ImportFormat::Backup => read_backup::<ByPath>(text, &head),
        ImportFormat::HypothesisSearch | ImportFormat::HypothesisAnnotation => {
            Reader::new(format, now).hypothesis(&root)
        }
        ImportFormat::W3c | ImportFormat::ClaimmarkAnnotations => Reader::new(format, now).w3c(&root),
    }
}

/// Parses a file and tells what it is, refusing classroom files (they carry annotations too, but
/// they are not backups) and anything that is none of the formats.
fn classify(text: &str) -> Result<(Value, Option<Head>, ImportFormat), ImportError> {
    let root: Value = serde_json::from_str(text).map_err(syntax_error)?;
    let head = Head::of(&root);
    // Classroom files carry annotations too, but they are not backups: say what the file is.
    match head.as_ref().and_then(|h| h.format.as_ref()).map(String::as_str) {
        Some("claimmark-exercise") => {
            return Err(ImportError::shape(
                "format",
                "this is a claimmark classroom exercise, not annotations: open it with \"Open exercise\"",
            ))
        }
        Some("claimmark-submission") => {
            return Err(ImportError::shape(
                "format",
                "this is a student's classroom submission, not annotations: import it under \"Import submissions\"",
            ))
        }
        _ => {}
    }
    let format = detect(&root).ok_or_else(|| {
        ImportError::shape(
            "(document)",
            format!(
                "expected a claimmark backup, W3C Web Annotations or a Hypothesis API response, found {}",
                kind_of(&root)
            ),
        )
    })?;
    Ok((root, head, format))
}

/// [`read`] for a claimmark backup alone: `Some` only when `bytes` are a backup that [`read`]
/// accepts, with the same result, and `None` for anything else, which the caller then gives to
/// [`read`] to learn what it is or what is wrong with it. It calls none of the readers of the
/// other formats, so a build that needs only backups (the publisher bundle, which loads the
/// others on demand) leaves them out.
pub fn read_backup_only(bytes: &[u8]) -> Option<ImportFile> {
    if bytes.len() > MAX_BYTES {
        return None;
    }
    let text = crate::article::utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    match classify(text).ok()? {
        (_, head, ImportFormat::Backup) => read_backup::<ByLine>(text, &head).ok(),
        _ => None,
    }
}

/// What a JSON value is, in words for an error message.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn syntax_error(e: serde_json::Error) -> ImportError {
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    };
    let message =
        if e.is_eof() { format!("the file ends too soon, it may be truncated ({message})") } else { message };
    ImportError::Syntax { line: e.line(), column: e.column(), message }
}
fn detect(root: &Value) -> Option<ImportFormat> {
    match root {
        Value::Object(_) => {
            let head = Head::of(root)?;
            if head.version.is_some() && head.annotations.is_some() {
                Some(ImportFormat::Backup)
            } else if head.rows.is_some() {
                Some(ImportFormat::HypothesisSearch)
            } else if head.has_our_vocab() {
                Some(ImportFormat::ClaimmarkAnnotations)
            } else if head.has_context(ANNO_CONTEXT)
                || ["Annotation", "AnnotationPage", "AnnotationCollection"]
                    .iter()
                    .any(|t| has_type(&head.types, t))
            {
                Some(ImportFormat::W3c)
            } else if head.looks_like_hypothesis() {
                Some(ImportFormat::HypothesisAnnotation)
            } else {
                None
            }
        }
        Value::Array(items) => {
            let heads = || items.iter().filter_map(Head::of);
            if items.is_empty() || heads().any(|h| has_type(&h.types, "Annotation")) {
                Some(ImportFormat::W3c)
            } else if heads().any(|h| h.looks_like_hypothesis()) {
                Some(ImportFormat::HypothesisSearch)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Reads a backup, with errors located as `L` locates them: [`read`] names paths;
/// [`read_backup_only`] drops its errors, so it leaves the path tracking out of the build.
fn read_backup<L: Locate>(text: &str, head: &Option<Head>) -> Result<ImportFile, ImportError> {
    if let Some(Lenient::Valid(annotations)) = head.as_ref().and_then(|h| h.annotations.as_ref()) {
        let found = annotations.len();
        if found > MAX_ANNOTATIONS {
            return Err(ImportError::TooMany { found, limit: MAX_ANNOTATIONS });
        }
    }
    let doc = StoreDocument::read_as::<L>(text).map_err(|e| match e {
        StoreError::Syntax { line, column, message } => ImportError::Syntax { line, column, message },
        StoreError::NewerVersion { found, supported } => ImportError::NewerVersion { found, supported },
        StoreError::Shape { path, message, line, column } => {
            let at = match (line, column) {
                (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
                _ => String::new(),
            };
            ImportError::Invalid {
                format: Some(ImportFormat::Backup),
                problems: vec![Problem { path, message: format!("{message}{at}") }],
            }
        }
    })?;
    Ok(ImportFile::backup(doc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats() {
        let cases: &[(&str, Option<ImportFormat>)] = &[
            (r#"{"version": 2, "article": {"id": "a"}, "annotations": []}"#, Some(ImportFormat::Backup)),
            (r#"{"rows": [], "total": 0}"#, Some(ImportFormat::HypothesisSearch)),
            (
                r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation"}"#,
                Some(ImportFormat::W3c),
            ),
            (r#"[]"#, Some(ImportFormat::W3c)),
            (
                r#"{"id": "x", "uri": "https://a.example", "target": []}"#,
                Some(ImportFormat::HypothesisAnnotation),
            ),
            (r#"{"hello": 1}"#, None),
            (r#"42"#, None),
        ];
        for (text, expected) in cases {
            let value: Value = serde_json::from_str(text).unwrap();
            assert_eq!(detect(&value), *expected, "{text}");
        }
    }
}
