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
//! [`preview`] compares the file with the stored document using the same [`merge`] as two tabs
//! do, and anchors every annotation that would change in the current article text with
//! [`crate::anchor`]: "12 new, 3 updated, 1 conflicting, 2 cannot be anchored". Nothing changes
//! until [`apply`], which merges, so an import never deletes or overwrites newer work. An
//! annotation that cannot be anchored is still imported, as an orphan.
//!
//! Offsets: the W3C model counts code points, but many tools write UTF-16 units. When a foreign
//! `TextPositionSelector` does not select the quote in code points but does in UTF-16 units,
//! [`preview`] converts it.
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

use std::fmt;

use serde::de::{self, DeserializeOwned, IgnoredAny, SeqAccess, Unexpected, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::urn_unescape;
use super::w3c::{self, ANNOTATION_URN_PREFIX, ANNO_CONTEXT, SOURCE_URN_PREFIX, VOCAB};
use crate::anchor::Anchorer;
use crate::json_path::{join, read_node};
use crate::model::{
    Annotation, AnnotationId, ClaimKind, FieldClocks, IsoDate, Origin, Selectors, Source, SourceId,
    SourceTombstone, SourceUrl, SpanError, Target, TextPositionSelector, TextQuoteSelector, Timestamp,
    Verdict,
};
use crate::store::{merge, ArticleInfo, MergeReport, StoreDocument, StoreError, Tombstone};
use crate::text::{CharOffset, CharSpan, TextIndex, Utf16Offset};

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

/// One problem in a file, or one item kept out of an import, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The JSON path, like `rows[3].target[0].selector[1]`; `(document)` for the whole file.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why a file cannot be imported. Nothing stored changes when [`read`] fails.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    #[error("the file is {bytes} bytes, over the limit of {limit} bytes (20 MB)")]
    TooLarge { bytes: usize, limit: usize },
    #[error("the file is not UTF-8 text: line {line}, byte {byte} starts an invalid sequence")]
    NotUtf8 { line: usize, byte: usize },
    /// Not JSON: truncated or malformed.
    #[error("line {line}, column {column}: {message}")]
    Syntax { line: usize, column: usize, message: String },
    #[error("the file has {found} annotations, over the limit of {limit}")]
    TooMany { found: usize, limit: usize },
    #[error(
        "this backup was written by a newer claimmark (version {found}; this one reads up to {supported})"
    )]
    NewerVersion { found: u64, supported: u32 },
    /// JSON, but not an importable file: the wrong shape, an unknown selector type, an unsafe
    /// url... `format` is what the file looked like, when that was clear.
    #[error("{}", invalid_message(problems))]
    Invalid { format: Option<ImportFormat>, problems: Vec<Problem> },
}

fn invalid_message(problems: &[Problem]) -> String {
    match problems {
        [] => "the file is not valid".to_owned(),
        [one] => one.to_string(),
        [first, rest @ ..] => {
            format!("{first} (and {} more problem{})", rest.len(), if rest.len() == 1 { "" } else { "s" })
        }
    }
}

impl ImportError {
    /// Every problem with its path (one for the errors that are not about a place in the file).
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            ImportError::Invalid { problems, .. } => problems.clone(),
            ImportError::Syntax { line, column, message } => {
                vec![Problem { path: format!("line {line}, column {column}"), message: message.clone() }]
            }
            other => vec![Problem { path: "(document)".to_owned(), message: other.to_string() }],
        }
    }

    /// What the file looked like, when that was clear before the error.
    pub fn format(&self) -> Option<ImportFormat> {
        match self {
            ImportError::Invalid { format, .. } => *format,
            ImportError::NewerVersion { .. } => Some(ImportFormat::Backup),
            _ => None,
        }
    }

    fn shape(path: &str, message: impl fmt::Display) -> ImportError {
        ImportError::Invalid {
            format: None,
            problems: vec![Problem { path: path.to_owned(), message: message.to_string() }],
        }
    }
}

/// A file that was read and checked, not yet merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFile {
    pub format: ImportFormat,
    /// The article the file names (a backup, or our W3C export).
    pub article: Option<ArticleInfo>,
    /// The web address of the annotated page, when the file gives one.
    pub article_url: Option<String>,
    pub annotations: Vec<Annotation>,
    /// Deletions (backups only).
    pub tombstones: Vec<Tombstone>,
    /// Items that are not annotations of a passage (page notes, replies) and are not imported.
    pub skipped: Vec<Problem>,
}

impl ImportFile {
    /// A backup: the storage document as it was read.
    fn backup(doc: StoreDocument) -> ImportFile {
        ImportFile {
            format: ImportFormat::Backup,
            article: Some(doc.article),
            article_url: None,
            annotations: doc.annotations,
            tombstones: doc.tombstones,
            skipped: Vec::new(),
        }
    }

    /// The file's annotations and tombstones as a storage document, with the article it names
    /// (an empty one when it names none). The widget reads foreign files in a second wasm module,
    /// loaded when they are needed, which hands the file over in this form; with the format, the
    /// url and the skipped items, [`ImportFile::from_document`] makes the same file again.
    pub fn into_document(self) -> StoreDocument {
        let article = self.article.unwrap_or_else(|| ArticleInfo {
            id: String::new(),
            title: String::new(),
            fingerprint: String::new(),
        });
        let mut doc = StoreDocument::new(article);
        doc.annotations = self.annotations;
        doc.tombstones = self.tombstones;
        doc
    }

    /// The file that [`ImportFile::into_document`] handed over. `has_article` says whether the
    /// document's article was the file's own.
    pub fn from_document(
        format: ImportFormat,
        doc: StoreDocument,
        has_article: bool,
        article_url: Option<String>,
        skipped: Vec<Problem>,
    ) -> ImportFile {
        ImportFile {
            format,
            article: has_article.then_some(doc.article),
            article_url,
            annotations: doc.annotations,
            tombstones: doc.tombstones,
            skipped,
        }
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
        ImportFormat::Backup => read_backup(text, &head),
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
        (_, head, ImportFormat::Backup) => read_backup(text, &head).ok(),
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

// --- small types the node readers share --------------------------------------------------

/// One value or a list of them, as JSON-LD writes either (in the nodes; the lists of nodes are
/// walked by [`one_or_many`]).
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany<T> {
    Many(Vec<T>),
    One(T),
}

/// A value that is used when it has the expected type and ignored otherwise, such as a
/// `"dismissed": "yes"`. Missing, it is ignored too (`#[serde(default)]`).
#[derive(Deserialize)]
#[serde(untagged)]
enum Lenient<T> {
    Valid(T),
    Invalid(IgnoredAny),
}

impl<T> Default for Lenient<T> {
    fn default() -> Self {
        Lenient::Invalid(IgnoredAny)
    }
}

impl<T> Lenient<T> {
    fn ok(self) -> Option<T> {
        match self {
            Lenient::Valid(v) => Some(v),
            Lenient::Invalid(_) => None,
        }
    }

    fn as_ref(&self) -> Option<&T> {
        match self {
            Lenient::Valid(v) => Some(v),
            Lenient::Invalid(_) => None,
        }
    }
}

/// A node's `type`, one name or a list of them; of any other kind, it names none.
type Types = Lenient<OneOrMany<String>>;

fn has_type(types: &Types, wanted: &str) -> bool {
    match types.as_ref() {
        Some(OneOrMany::One(t)) => t == wanted,
        Some(OneOrMany::Many(ts)) => ts.iter().any(|t| t == wanted),
        None => false,
    }
}

/// A string, or the first string of a list (Hypothesis writes `"title": ["..."]`); empty for a
/// list that does not start with one.
#[derive(Default)]
struct FirstString(String);

impl<'de> Deserialize<'de> for FirstString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = FirstString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<FirstString, E> {
                Ok(FirstString(s.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<FirstString, A::Error> {
                let first = items.next_element::<Lenient<String>>()?.and_then(Lenient::ok);
                while items.next_element::<IgnoredAny>()?.is_some() {}
                Ok(FirstString(first.unwrap_or_default()))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

/// A whole number that is not negative (a position in the text, a count).
struct WholeNumber(usize);

impl<'de> Deserialize<'de> for WholeNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl Visitor<'_> for Visit {
            type Value = WholeNumber;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number that is not negative")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<WholeNumber, E> {
                usize::try_from(n)
                    .map(WholeNumber)
                    .map_err(|_| E::invalid_value(Unexpected::Unsigned(n), &self))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<WholeNumber, E> {
                match u64::try_from(n) {
                    Ok(n) => self.visit_u64(n),
                    Err(_) => Err(E::invalid_value(Unexpected::Signed(n), &self)),
                }
            }
        }
        deserializer.deserialize_u64(Visit)
    }
}

/// A list, called so in errors ("expected a list").
struct List<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Visit<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<List<T>, A::Error> {
                let mut list = Vec::with_capacity(items.size_hint().unwrap_or(0).min(4096));
                while let Some(item) = items.next_element()? {
                    list.push(item);
                }
                Ok(List(list))
            }
        }
        deserializer.deserialize_seq(Visit(std::marker::PhantomData))
    }
}

// --- the nodes ---------------------------------------------------------------------------

/// What [`detect`] looks at in a top object (or in the items of a top list), and the
/// `annotations` a backup is counted by before it is read.
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    format: Lenient<String>,
    version: Option<IgnoredAny>,
    annotations: Option<Lenient<Vec<IgnoredAny>>>,
    rows: Option<IgnoredAny>,
    #[serde(rename = "@context")]
    context: Option<OneOrMany<ContextEntry>>,
    #[serde(rename = "type", default)]
    types: Types,
    #[serde(default)]
    target: Lenient<Vec<IgnoredAny>>,
    uri: Option<IgnoredAny>,
    user: Option<IgnoredAny>,
    links: Option<IgnoredAny>,
    permissions: Option<IgnoredAny>,
    group: Option<IgnoredAny>,
}

impl Head {
    /// The head of an object; `None` for any other value.
    fn of(value: &Value) -> Option<Head> {
        if value.is_object() {
            Head::deserialize(value).ok()
        } else {
            None
        }
    }

    fn has_context(&self, wanted: &str) -> bool {
        let iri = |c: &ContextEntry| matches!(c, ContextEntry::Iri(iri) if iri == wanted);
        match &self.context {
            Some(OneOrMany::One(c)) => iri(c),
            Some(OneOrMany::Many(cs)) => cs.iter().any(iri),
            None => false,
        }
    }

    /// Whether the context has claimmark's extension (so the file is our own export).
    fn has_our_vocab(&self) -> bool {
        let ours =
            |c: &ContextEntry| matches!(c, ContextEntry::Terms { cm: Lenient::Valid(v) } if v == VOCAB);
        matches!(&self.context, Some(OneOrMany::Many(cs)) if cs.iter().any(ours))
    }

    fn looks_like_hypothesis(&self) -> bool {
        self.context.is_none()
            && self.types.as_ref().is_none()
            && self.target.as_ref().is_some()
            && [&self.uri, &self.user, &self.links, &self.permissions, &self.group]
                .iter()
                .any(|k| k.is_some())
    }
}

/// One entry of a JSON-LD `@context`: an IRI, or terms (claimmark's own are under `cm`).
#[derive(Deserialize)]
#[serde(untagged)]
enum ContextEntry {
    Iri(String),
    Terms {
        #[serde(default)]
        cm: Lenient<String>,
    },
    Other(IgnoredAny),
}

/// The `type` of an annotation or an annotation list.
#[derive(Deserialize)]
#[serde(expecting = "an Annotation object")]
struct Typed {
    #[serde(rename = "type", default)]
    types: Types,
}

/// An AnnotationCollection, but for its pages, which are read one by one.
#[derive(Deserialize)]
struct Collection {
    #[serde(default)]
    article: Lenient<OurArticle>,
    #[serde(default)]
    total: Lenient<u64>,
}

/// The article our own export names.
#[derive(Deserialize)]
struct OurArticle {
    #[serde(default)]
    id: Lenient<String>,
    #[serde(default)]
    title: Lenient<String>,
    #[serde(default)]
    fingerprint: Lenient<String>,
    #[serde(default)]
    url: Lenient<String>,
}

/// A W3C annotation, but for its bodies, targets and removed sources, which are read one by one.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct W3cAnnotation {
    id: Option<String>,
    created: Option<Timestamp>,
    modified: Option<Timestamp>,
    origin: Option<String>,
    #[serde(default)]
    dismissed: Lenient<bool>,
    #[serde(default)]
    motivation: Lenient<String>,
    body_value: Option<String>,
    field_clocks: Option<FieldClocks>,
}

#[derive(Deserialize)]
#[serde(expecting = "a removed source object")]
struct RemovedSource {
    id: Option<String>,
    deleted: Option<Timestamp>,
}

/// A body object: a TextualBody (a note, a tag, a verdict, claimmark's claim kind) or a
/// resource (a source).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a body object or an IRI")]
struct Body {
    #[serde(rename = "type", default)]
    types: Types,
    #[serde(default)]
    purpose: Lenient<FirstString>,
    value: Option<String>,
    #[serde(default)]
    claim_kind: Lenient<bool>,
    source: Option<String>,
    id: Option<String>,
    created: Option<Timestamp>,
    modified: Option<Timestamp>,
    #[serde(default)]
    accessed: Lenient<String>,
    title: Option<FirstString>,
    publisher: Option<FirstString>,
    excerpt: Option<String>,
    source_note: Option<String>,
}

/// A target object (W3C or Hypothesis), but for its selectors, which are read one by one.
#[derive(Deserialize)]
#[serde(expecting = "a target object or an IRI")]
struct TargetNode {
    #[serde(default)]
    source: Lenient<FirstString>,
    #[serde(default)]
    id: Lenient<String>,
}

#[derive(Deserialize)]
#[serde(expecting = "a selector object with a \"type\"")]
struct SelectorType {
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
struct QuoteNode {
    exact: String,
    prefix: Option<String>,
    suffix: Option<String>,
}

#[derive(Deserialize)]
struct PositionNode {
    start: WholeNumber,
    end: WholeNumber,
}

#[derive(Deserialize)]
struct HypothesisSearch {
    /// Checked, not used: the rows are counted.
    #[serde(rename = "total")]
    _total: Option<WholeNumber>,
}

#[derive(Deserialize)]
#[serde(expecting = "an annotation object")]
struct HypothesisRow {
    id: Option<String>,
    created: Option<Timestamp>,
    updated: Option<Timestamp>,
    text: Option<String>,
    tags: Option<List<String>>,
    uri: Option<String>,
    #[serde(default)]
    references: Lenient<Vec<IgnoredAny>>,
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

fn read_backup(text: &str, head: &Option<Head>) -> Result<ImportFile, ImportError> {
    if let Some(Lenient::Valid(annotations)) = head.as_ref().and_then(|h| h.annotations.as_ref()) {
        let found = annotations.len();
        if found > MAX_ANNOTATIONS {
            return Err(ImportError::TooMany { found, limit: MAX_ANNOTATIONS });
        }
    }
    let doc = StoreDocument::from_json(text).map_err(|e| match e {
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

fn at(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// The nodes of a value that may be one node or a list of them (bodies, targets, selectors),
/// with the path of each.
fn one_or_many<'v>(value: &'v Value, path: &str) -> Vec<(String, &'v Value)> {
    match value {
        Value::Array(items) => items.iter().enumerate().map(|(i, v)| (at(path, i), v)).collect(),
        other => vec![(path.to_owned(), other)],
    }
}

/// Tags trimmed, empty ones dropped, duplicates (ignoring case) removed, as `set_tags` does.
fn clean_tags(tags: Vec<String>) -> Vec<String> {
    let mut clean: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.trim();
        if !tag.is_empty() && !clean.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            clean.push(tag.to_owned());
        }
    }
    clean
}

/// Url schemes that are refused outright wherever a link is expected.
fn is_dangerous_scheme(url: &str) -> bool {
    let scheme = url.trim().split(':').next().unwrap_or("").to_ascii_lowercase();
    url.contains(':') && matches!(scheme.as_str(), "javascript" | "data" | "vbscript" | "file" | "blob")
}

/// What one item of the file became.
enum Item {
    Annotation(Box<Annotation>),
    Skipped(String),
}

struct Reader {
    format: ImportFormat,
    now: Timestamp,
    problems: Vec<Problem>,
    skipped: Vec<Problem>,
    annotations: Vec<Annotation>,
    article: Option<ArticleInfo>,
    article_url: Option<String>,
}

impl Reader {
    fn new(format: ImportFormat, now: Timestamp) -> Reader {
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

    fn problem(&mut self, path: &str, message: impl fmt::Display) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem { path: path.to_owned(), message: message.to_string() });
        }
    }

    /// Reads the node at `path` as a `T`, or notes its first bad value.
    fn node<T: DeserializeOwned>(&mut self, value: &Value, path: &str) -> Option<T> {
        match read_node(value, path) {
            Ok(node) => Some(node),
            Err(e) => {
                self.problem(&e.path, e.message);
                None
            }
        }
    }

    fn finish(self) -> Result<ImportFile, ImportError> {
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

    fn check_count(&self, found: usize) -> Result<(), ImportError> {
        if found > MAX_ANNOTATIONS {
            Err(ImportError::TooMany { found, limit: MAX_ANNOTATIONS })
        } else {
            Ok(())
        }
    }

    fn take(&mut self, path: &str, item: Option<Item>) {
        match item {
            Some(Item::Annotation(a)) => self.annotations.push(*a),
            Some(Item::Skipped(reason)) => self.skipped.push(Problem {
                path: if path.is_empty() { "(document)".into() } else { path.into() },
                message: reason,
            }),
            None => {}
        }
    }

    fn url(&mut self, url: &str, path: &str) -> Option<SourceUrl> {
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
    fn selectors(&mut self, selectors: &Value, path: &str) -> Option<Selectors> {
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
    fn target(&mut self, targets: &Value, path: &str) -> Result<(String, Selectors), String> {
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

    // --- W3C -----------------------------------------------------------------------------

    fn w3c(mut self, root: &Value) -> Result<ImportFile, ImportError> {
        let mut items: Vec<(String, &Value)> = Vec::new();
        let types = Head::of(root).map(|h| h.types).unwrap_or_default();
        match root {
            Value::Array(list) => items.extend(list.iter().enumerate().map(|(i, v)| (format!("[{i}]"), v))),
            _ if has_type(&types, "AnnotationCollection") => {
                let Some(collection) = self.node::<Collection>(root, "") else { return self.finish() };
                if let Some(article) = collection.article.ok() {
                    self.our_article(article);
                }
                let mut page = root.get("first");
                let mut path = "first".to_owned();
                if page.is_none() && collection.total.ok().unwrap_or(0) > 0 {
                    self.problem("first", "missing: the collection has no pages");
                }
                // Embedded pages, following `next` while it is embedded too.
                while let Some(p) = page {
                    match p {
                        Value::Object(_) => {
                            items.extend(self.list(p, "items", &path));
                            page = p.get("next").filter(|n| n.is_object());
                            path = join(&path, "next");
                        }
                        Value::String(iri) => {
                            self.problem(&path, format!("the page '{iri}' is a link, not in the file: export the collection with its pages embedded"));
                            break;
                        }
                        other => {
                            self.problem(
                                &path,
                                format!("expected an AnnotationPage, found {}", kind_of(other)),
                            );
                            break;
                        }
                    }
                    if items.len() > MAX_ANNOTATIONS {
                        break;
                    }
                }
            }
            _ if has_type(&types, "AnnotationPage") => items.extend(self.list(root, "items", "")),
            _ => items.push((String::new(), root)),
        }
        self.check_count(items.len())?;
        for (path, item) in items {
            let result = self.w3c_annotation(item, &path);
            self.take(&path, result);
        }
        self.finish()
    }

    /// The items of the list under `key` in the object `node` at `path`, with their paths.
    fn list<'v>(&mut self, node: &'v Value, key: &str, path: &str) -> Vec<(String, &'v Value)> {
        let base = join(path, key);
        match node.get(key) {
            Some(Value::Array(list)) => list.iter().enumerate().map(|(i, v)| (at(&base, i), v)).collect(),
            Some(other) => {
                self.problem(&base, format!("expected a list, found {}", kind_of(other)));
                Vec::new()
            }
            None => {
                self.problem(&base, "missing");
                Vec::new()
            }
        }
    }

    fn our_article(&mut self, article: OurArticle) {
        if let Some(id) = article.id.ok() {
            self.article = Some(ArticleInfo {
                id,
                title: article.title.ok().unwrap_or_default(),
                fingerprint: article.fingerprint.ok().unwrap_or_default(),
            });
        }
        self.article_url = article.url.ok();
    }

    fn w3c_annotation(&mut self, value: &Value, path: &str) -> Option<Item> {
        let Typed { types } = self.node(value, path)?;
        if !has_type(&types, "Annotation") {
            self.problem(&join(path, "type"), "expected \"Annotation\"");
            return None;
        }
        let node: W3cAnnotation = self.node(value, path)?;
        let fingerprint = serde_json::to_string(value).unwrap_or_default();
        let id = annotation_id(node.id.as_deref(), &[&fingerprint]);
        let (created, modified) = times(node.created, node.modified, self.now);
        let origin = match node.origin.as_deref() {
            Some("detected") => Origin::Detected,
            _ => Origin::User,
        };
        let dismissed = node.dismissed.ok().unwrap_or(false);
        let motivation = node.motivation.ok().unwrap_or_default();

        let mut content = Content::default();
        content.notes.extend(node.body_value);
        if let Some(bodies) = value.get("body") {
            for (p, body) in one_or_many(bodies, &join(path, "body")) {
                self.w3c_body(body, &p, &motivation, &id, created, &mut content);
            }
        }
        let Some(targets) = value.get("target") else {
            self.problem(&join(path, "target"), "missing");
            return None;
        };
        let (source, selectors) = match self.target(targets, &join(path, "target")) {
            Ok(found) => found,
            Err(reason) => return Some(Item::Skipped(reason)),
        };
        if self.article_url.is_none() && !source.starts_with(w3c::ARTICLE_URN_PREFIX) && !source.is_empty() {
            self.article_url = Some(source.clone());
        }
        let article_id = match source.strip_prefix(w3c::ARTICLE_URN_PREFIX).and_then(urn_unescape) {
            Some(id) => id,
            None => self.article.as_ref().map(|a| a.id.clone()).unwrap_or(source),
        };
        let clocks = match node.field_clocks {
            Some(clocks) => clocks,
            None if self.format == ImportFormat::ClaimmarkAnnotations => FieldClocks::default(),
            None => foreign_clocks(created, modified),
        };
        let mut removed_sources = Vec::new();
        let removed_path = join(path, "removedSources");
        let removed = value.get("removedSources").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
        for (i, removed) in removed.iter().enumerate() {
            if let Some(RemovedSource { id: sid, deleted }) = self.node(removed, &at(&removed_path, i)) {
                let sid = source_id(sid.as_deref(), &id, "");
                removed_sources.push(SourceTombstone { id: sid, deleted: deleted.unwrap_or(modified) });
            }
        }
        let Content { notes, verdict, kind, tags, sources } = content;
        let annotation = Annotation {
            id,
            target: Target { article_id, selectors },
            origin,
            kind: kind.unwrap_or(ClaimKind::Other),
            verdict: verdict.unwrap_or_default(),
            sources,
            removed_sources,
            note: notes.join("\n\n"),
            tags: clean_tags(tags),
            dismissed,
            created,
            modified,
            clocks,
        };
        Some(Item::Annotation(Box::new(annotation)))
    }

    fn w3c_body(
        &mut self,
        body: &Value,
        path: &str,
        motivation: &str,
        annotation: &AnnotationId,
        created: Timestamp,
        content: &mut Content,
    ) {
        if let Value::String(iri) = body {
            if iri.starts_with("http://") || iri.starts_with("https://") || is_dangerous_scheme(iri) {
                if let Some(url) = self.url(iri, path) {
                    let id = SourceId::from_random_bytes(crate::model::derived_id_bytes(&[
                        "source",
                        annotation.as_str(),
                        iri,
                    ]));
                    content.sources.push(plain_source(id, url, created));
                }
            }
            return;
        }
        let Some(body) = self.node::<Body>(body, path) else { return };
        let purpose = match body.purpose {
            Lenient::Valid(FirstString(purpose)) => purpose,
            Lenient::Invalid(_) => motivation.to_owned(),
        };
        let is_textual =
            has_type(&body.types, "TextualBody") || (body.types.as_ref().is_none() && body.value.is_some());
        if is_textual {
            let Some(text) = body.value else {
                self.problem(&join(path, "value"), "missing: a TextualBody needs a value");
                return;
            };
            match purpose.as_str() {
                "tagging" if body.claim_kind.ok() == Some(true) => match ClaimKind::parse(&text) {
                    Some(kind) => content.kind = Some(kind),
                    None => self.problem(&join(path, "value"), format!("'{text}' is not a claim kind")),
                },
                "tagging" => content.tags.push(text),
                "assessing" => match Verdict::parse(&text) {
                    Ok(v) if content.verdict.is_none() => content.verdict = Some(v),
                    _ => content.notes.push(format!("Verdict: {text}")),
                },
                _ => content.notes.push(text),
            }
            return;
        }
        let (key, url) = match (&body.source, &body.id) {
            (Some(source), _) => ("source", source.as_str()),
            (None, Some(id)) => ("id", id.as_str()),
            // Anything else (a Choice, a List, an embedded image) has nothing claimmark keeps.
            (None, None) => return,
        };
        // A body that is only an id with a non-web scheme (urn:isbn:..., mailto:) names a thing,
        // not a page to cite: nothing to import, nothing unsafe.
        if key == "id"
            && !url.starts_with("http://")
            && !url.starts_with("https://")
            && !is_dangerous_scheme(url)
        {
            return;
        }
        let Some(url) = self.url(url, &join(path, key)) else { return };
        let id = if key == "source" {
            source_id(body.id.as_deref(), annotation, url.as_str())
        } else {
            SourceId::from_random_bytes(crate::model::derived_id_bytes(&[
                "source",
                annotation.as_str(),
                url.as_str(),
            ]))
        };
        let added = body.created.unwrap_or(created);
        let modified = body.modified.unwrap_or(added);
        let accessed = match body.accessed.ok() {
            Some(d) => match IsoDate::parse(&d) {
                Ok(d) => Some(d),
                Err(e) => {
                    self.problem(&join(path, "accessed"), e);
                    None
                }
            },
            None => None,
        };
        content.sources.push(Source {
            id,
            url,
            title: body.title.unwrap_or_default().0,
            publisher: body.publisher.unwrap_or_default().0,
            excerpt: body.excerpt.unwrap_or_default(),
            accessed,
            note: body.source_note.unwrap_or_default(),
            added,
            modified,
        });
    }

    // --- Hypothesis ----------------------------------------------------------------------

    fn hypothesis(mut self, root: &Value) -> Result<ImportFile, ImportError> {
        let rows: Vec<(String, &Value)> = match root {
            Value::Array(list) => list.iter().enumerate().map(|(i, v)| (format!("[{i}]"), v)).collect(),
            _ => match self.node::<HypothesisSearch>(root, "") {
                Some(_) if root.get("rows").is_some() => self.list(root, "rows", ""),
                Some(_) => vec![(String::new(), root)],
                None => Vec::new(),
            },
        };
        self.check_count(rows.len())?;
        for (path, row) in rows {
            let result = self.hypothesis_row(row, &path);
            self.take(&path, result);
        }
        self.finish()
    }

    fn hypothesis_row(&mut self, value: &Value, path: &str) -> Option<Item> {
        let row: HypothesisRow = self.node(value, path)?;
        let fingerprint = serde_json::to_string(value).unwrap_or_default();
        let id = annotation_id(row.id.as_deref(), &[&fingerprint]);
        let (created, modified) = times(row.created, row.updated, self.now);
        let Some(targets) = value.get("target") else {
            self.problem(&join(path, "target"), "missing");
            return None;
        };
        let target = self.target(targets, &join(path, "target"));
        if row.references.ok().is_some_and(|r| !r.is_empty()) {
            return Some(Item::Skipped("a reply to another annotation".to_owned()));
        }
        let (source, selectors) = match target {
            Ok(found) => found,
            Err(reason) => return Some(Item::Skipped(reason)),
        };
        let page = row.uri.filter(|u| !u.is_empty()).unwrap_or(source);
        if self.article_url.is_none() && !page.is_empty() {
            self.article_url = Some(page.clone());
        }
        let annotation = Annotation {
            id,
            target: Target { article_id: page, selectors },
            origin: Origin::User,
            kind: ClaimKind::Other,
            verdict: Verdict::Unrated,
            sources: Vec::new(),
            removed_sources: Vec::new(),
            note: row.text.unwrap_or_default(),
            tags: clean_tags(row.tags.map(|List(tags)| tags).unwrap_or_default()),
            dismissed: false,
            created,
            modified,
            clocks: foreign_clocks(created, modified),
        };
        Some(Item::Annotation(Box::new(annotation)))
    }
}

/// The annotation's id from the file (a UUID urn, our own urn, or any id claimmark accepts), or
/// one derived from it and from `fallback`, the same on every import.
fn annotation_id(id: Option<&str>, fallback: &[&str]) -> AnnotationId {
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
fn source_id(id: Option<&str>, annotation: &AnnotationId, url: &str) -> SourceId {
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
struct Content {
    notes: Vec<String>,
    verdict: Option<Verdict>,
    kind: Option<ClaimKind>,
    tags: Vec<String>,
    sources: Vec<Source>,
}

fn plain_source(id: SourceId, url: SourceUrl, added: Timestamp) -> Source {
    Source {
        id,
        url,
        title: String::new(),
        publisher: String::new(),
        excerpt: String::new(),
        accessed: None,
        note: String::new(),
        added,
        modified: added,
    }
}

/// Created and modified times, filling in what is missing and keeping modified ≥ created.
fn times(created: Option<Timestamp>, modified: Option<Timestamp>, now: Timestamp) -> (Timestamp, Timestamp) {
    let created = created.or(modified).unwrap_or(now);
    let modified = modified.unwrap_or(created).max(created);
    (created, modified)
}

/// Another tool keeps one time for the whole annotation: every field counts as edited then, so
/// that importing a newer copy of it updates every field.
fn foreign_clocks(created: Timestamp, modified: Timestamp) -> FieldClocks {
    let clock = (modified > created).then_some(modified);
    FieldClocks { target: clock, kind: clock, verdict: clock, note: clock, tags: clock, dismissed: clock }
}

// ---------------------------------------------------------------------------------------------
// Preview and apply

/// What importing a file would do, computed without changing anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPreview {
    pub format: ImportFormat,
    /// The file as a storage document of the local article: what [`apply`] merges.
    pub incoming: StoreDocument,
    /// New, updated, conflicting, unchanged and deleted annotations, from [`MergeReport`].
    pub report: MergeReport,
    /// Annotations that would be added or changed but cannot be anchored in the current text.
    /// They are imported anyway, as orphans.
    pub unanchored: Vec<AnnotationId>,
    /// Positions that were in UTF-16 units and were converted to code points.
    pub converted_positions: usize,
    /// Items of the file that are not imported (page notes, replies), with their paths.
    pub skipped: Vec<Problem>,
    /// The article the file was made for, when it names one that is not the local article.
    pub other_article: Option<ArticleInfo>,
}

impl ImportPreview {
    /// Whether applying changes nothing.
    pub fn is_noop(&self) -> bool {
        self.report.is_noop()
    }
}

impl fmt::Display for ImportPreview {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} new, {} updated, {} conflicting, {} cannot be anchored",
            self.report.new.len(),
            self.report.updated.len(),
            self.report.conflicting.len(),
            self.unanchored.len()
        )?;
        if !self.report.deleted.is_empty() {
            write!(f, ", {} deleted", self.report.deleted.len())?;
        }
        if !self.skipped.is_empty() {
            write!(f, ", {} skipped", self.skipped.len())?;
        }
        Ok(())
    }
}

/// Compares `file` with the stored document `local` of the article whose text is `text`.
pub fn preview(local: &StoreDocument, file: &ImportFile, text: &str) -> ImportPreview {
    let index = TextIndex::new(text);
    let mut converted_positions = 0;
    let mut incoming = StoreDocument::new(local.article.clone());
    incoming.annotations = file
        .annotations
        .iter()
        .cloned()
        .map(|mut a| {
            a.target.article_id = local.article.id.clone();
            if !file.format.trusted_positions() && utf16_to_chars(&index, &mut a.target.selectors) {
                converted_positions += 1;
            }
            a
        })
        .collect();
    incoming.tombstones = file.tombstones.clone();
    incoming.normalize();
    let report = MergeReport::preview(local, &incoming);
    let merged = merge(local, &incoming);
    let by_id: std::collections::HashMap<&AnnotationId, &Annotation> =
        merged.annotations.iter().map(|a| (&a.id, a)).collect();
    let changed: Vec<&Annotation> = report
        .new
        .iter()
        .chain(&report.updated)
        .chain(&report.conflicting)
        .filter_map(|id| by_id.get(id).copied())
        .collect();
    let anchorer = Anchorer::new(text);
    let anchored = anchorer.anchor_all(changed.iter().map(|a| &a.target.selectors));
    let unanchored = changed
        .iter()
        .zip(anchored)
        .filter(|(_, anchoring)| anchoring.is_orphan())
        .map(|(a, _)| a.id.clone())
        .collect();
    let other_article = file.article.clone().filter(|a| a.id != local.article.id);
    ImportPreview {
        format: file.format,
        incoming,
        report,
        unanchored,
        converted_positions,
        skipped: file.skipped.clone(),
        other_article,
    }
}

/// When the position selects the quote in UTF-16 units but not in code points, converts it.
/// Returns whether it did.
fn utf16_to_chars(index: &TextIndex<'_>, selectors: &mut Selectors) -> bool {
    let exact = &selectors.quote.exact;
    let position = selectors.position;
    if exact.is_empty() || index.char_len() == index.utf16_len() {
        return false;
    }
    if index.slice(position.span()) == exact {
        return false;
    }
    let start = index.utf16_to_char(Utf16Offset(position.start.0));
    let end = index.utf16_to_char(Utf16Offset(position.end.0));
    match (start, end) {
        (Some(start), Some(end)) if index.slice(CharSpan { start, end }) == exact => {
            selectors.position = TextPositionSelector { start, end };
            true
        }
        _ => false,
    }
}

/// Applies a previewed import: the merge of `local` and the file. Pass the document as it is now
/// (another tab may have changed it since the preview); the merge keeps the newest edit of every
/// field either way.
pub fn apply(local: &StoreDocument, preview: &ImportPreview) -> StoreDocument {
    merge(local, &preview.incoming)
}

/// Reads a file and previews it in one step.
///
/// # Errors
/// As [`read`].
pub fn read_and_preview(
    bytes: &[u8],
    local: &StoreDocument,
    text: &str,
    now: Timestamp,
) -> Result<ImportPreview, ImportError> {
    Ok(preview(local, &read(bytes, now)?, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        Timestamp::parse("2024-06-01T00:00:00Z").unwrap()
    }

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

    #[test]
    fn utf16_positions_are_converted() {
        let text = "😀😀 rose 12% today";
        let index = TextIndex::new(text);
        // "12%" is at code points 8..11, UTF-16 units 10..13.
        let mut selectors = Selectors {
            quote: TextQuoteSelector { exact: "12%".into(), ..Default::default() },
            position: TextPositionSelector { start: CharOffset(10), end: CharOffset(13) },
        };
        assert!(utf16_to_chars(&index, &mut selectors));
        assert_eq!(selectors.position.span(), CharSpan::new(8, 11));
        assert!(!utf16_to_chars(&index, &mut selectors));
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
