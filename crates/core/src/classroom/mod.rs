//! Classroom exercises: a teacher's answer key, a student's submission, scoring and class results.
//!
//! Everything moves as files (download, upload, a shared drive); there is no server. So every
//! file is self-describing and versioned, and reading one validates all of it:
//!
//! - an [`Exercise`] (`"format": "claimmark-exercise"`) holds the article, the instructions and the
//!   answer key: [`KeyItem`]s, each a passage with what it requires (a source, a verdict, a
//!   particular verdict), a hint and an explanation;
//! - a [`Submission`] (`"format": "claimmark-submission"`) holds one student's annotations and names
//!   the exercise by id, title and [`Exercise::checksum`], so that work done on another version of
//!   the exercise is noticed instead of being scored against the wrong key;
//! - [`score`] compares a student's annotations with the key (see [`scoring`] for the matching
//!   rule and the points), and [`ClassSummary`] puts several submissions side by side.
//!
//! Files from a newer claimmark, files of another kind (a submission opened as an exercise, a
//! backup, a W3C export) and damaged files are refused with a [`FileError`] that says what is
//! wrong and where ("key\[2\].target.selector\[0\].exact: missing"). Reading never panics.
//!
//! ```
//! use claimmark_core::article::Article;
//! use claimmark_core::classroom::{score, Exercise, KeyItem, Reveal, Submission};
//! use claimmark_core::model::*;
//! use claimmark_core::text::CharSpan;
//!
//! let article = Article::parse_plain("Exports rose at 14.2% a year, from $13.2M in 1996 to $277M in 2019.").unwrap();
//! let now = Timestamp::parse("2024-09-02T08:00:00Z").unwrap();
//!
//! // The teacher marks "$277M" and requires a source for it.
//! let mut item = KeyItem::describe("k1", &article, CharSpan::new(53, 58), ClaimKind::Money);
//! item.require_source = true;
//! item.hint = "A figure for 2019".into();
//! let exercise = Exercise::new("ex-1", "Trade figures", "Find the money claims.", &article, vec![item], now)?;
//! let file = exercise.to_json();
//! let exercise = Exercise::from_json(&file)?; // what a student opens
//!
//! // The student highlights "to $277M in 2019", with a source: it counts.
//! let target = Target::describe(&article.id, &article.body, CharSpan::new(50, 66));
//! let mut mine = Annotation::new_user(AnnotationId::from_random_bytes([1; 16]), target, ClaimKind::Money, now);
//! let url = SourceUrl::parse("https://example.org/trade.pdf").unwrap();
//! mine.add_source(Source::new(SourceId::from_random_bytes([2; 16]), url, now), now);
//!
//! let result = score(&exercise, &[mine.clone()], Reveal::for_student(&exercise));
//! assert_eq!((result.points, result.max_points), (2, 2));
//! assert_eq!(result.found[0].key_id, "k1");
//!
//! let submission = Submission::new(&exercise, "Amira", vec![mine], now)?;
//! let back = Submission::from_json(&submission.to_json())?;
//! assert!(back.check_against(&exercise).is_ok());
//!
//! // A submission is not an exercise, and the error says so.
//! let err = Exercise::from_json(&submission.to_json()).unwrap_err();
//! assert!(err.to_string().contains("is a claimmark submission"));
//! # Ok::<(), claimmark_core::classroom::FileError>(())
//! ```

mod exercise;
mod json;
pub mod scoring;
mod submission;
mod summary;

use std::fmt;

use serde_json::Value;

pub use exercise::{Exercise, KeyItem};
pub use scoring::{score, Extra, ExtraReason, Found, Missed, MissedAnswer, Reveal, Score, Unmet};
pub use submission::{ExerciseRef, Mismatch, Student, Submission, CSV_HEADER as SUBMISSION_CSV_HEADER};
pub use summary::{Bar, ClassSummary, ItemResult, KeyItemRow, StudentRow, SummaryWarning};

/// The `format` of an exercise file.
pub const EXERCISE_FORMAT: &str = "claimmark-exercise";
/// The `format` of a submission file.
pub const SUBMISSION_FORMAT: &str = "claimmark-submission";
/// The exercise file version this code writes and the newest it reads.
pub const EXERCISE_VERSION: u32 = 1;
/// The submission file version this code writes and the newest it reads.
pub const SUBMISSION_VERSION: u32 = 1;
/// The largest file accepted, as for imports (20 MB).
pub const MAX_FILE_BYTES: usize = crate::export::import::MAX_BYTES;
/// The most key items an exercise may have; far beyond any real exercise.
pub const MAX_KEY_ITEMS: usize = 1_000;

/// What a JSON file is, as far as claimmark can tell. Used to say "this is a submission, not an
/// exercise" instead of listing missing fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    Exercise,
    Submission,
    /// The storage document ("Export → backup").
    Backup,
    /// W3C Web Annotation JSON-LD.
    WebAnnotations,
    /// ClaimReview JSON-LD.
    ClaimReview,
    /// A Hypothesis API response.
    Hypothesis,
}

impl FileKind {
    /// The kind of file in words, with an article: "a claimmark submission".
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Exercise => "a claimmark exercise",
            FileKind::Submission => "a claimmark submission (a student's work)",
            FileKind::Backup => "a claimmark backup of annotations",
            FileKind::WebAnnotations => "a W3C Web Annotation export",
            FileKind::ClaimReview => "a ClaimReview export",
            FileKind::Hypothesis => "a Hypothesis annotation export",
        }
    }

    /// Recognises a parsed JSON file by its marks (`format`, `@context`, `@type`...), without
    /// validating it.
    pub fn identify(value: &Value) -> Option<FileKind> {
        let object = match value {
            Value::Array(items) => return items.first().and_then(FileKind::identify),
            Value::Object(object) => object,
            _ => return None,
        };
        match object.get("format").and_then(Value::as_str) {
            Some(EXERCISE_FORMAT) => return Some(FileKind::Exercise),
            Some(SUBMISSION_FORMAT) => return Some(FileKind::Submission),
            _ => {}
        }
        let ty = object.get("@type").or_else(|| object.get("type")).and_then(Value::as_str);
        if matches!(ty, Some("ClaimReview")) {
            Some(FileKind::ClaimReview)
        } else if matches!(ty, Some("Annotation" | "AnnotationPage" | "AnnotationCollection"))
            || object.get("@context").is_some_and(|c| c.to_string().contains("w3.org/ns/anno"))
        {
            Some(FileKind::WebAnnotations)
        } else if object.contains_key("rows") && object.contains_key("total") {
            Some(FileKind::Hypothesis)
        } else if object.contains_key("version") && object.contains_key("annotations") {
            Some(FileKind::Backup)
        } else {
            None
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Why an exercise or submission file cannot be used. Nothing stored changes when reading fails.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FileError {
    #[error("the file is {bytes} bytes, over the limit of {limit} bytes (20 MB)")]
    TooLarge { bytes: usize, limit: usize },
    /// Not JSON: truncated or malformed.
    #[error("the file is damaged or not JSON: line {line}, column {column}: {message}")]
    Syntax { line: usize, column: usize, message: String },
    /// Another kind of file. `found` is what it looks like, when recognisable.
    #[error("{}", wrong_kind_message(*expected, *found))]
    WrongKind { expected: FileKind, found: Option<FileKind> },
    /// Made by a newer claimmark, whose format this one cannot read without losing something.
    #[error(
        "this {} was made by a newer claimmark (version {found}); this one reads up to version {supported}",
        noun(*kind)
    )]
    NewerVersion { kind: FileKind, found: u64, supported: u32 },
    /// The right kind of file, with a bad value. `path` is like `key[2].target.selector[0]`, or
    /// `(document)` for the file as a whole.
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

fn noun(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Exercise => "exercise",
        FileKind::Submission => "submission",
        _ => "file",
    }
}

fn wrong_kind_message(expected: FileKind, found: Option<FileKind>) -> String {
    match found {
        Some(found) => format!("expected {}, but this file is {found}", expected.label()),
        None => {
            format!("expected {}, but this file is not one (it has no \"format\" mark)", expected.label())
        }
    }
}

impl FileError {
    /// The JSON path of the problem, when it is about one value.
    pub fn path(&self) -> Option<&str> {
        match self {
            FileError::Invalid { path, .. } => Some(path),
            _ => None,
        }
    }

    pub(crate) fn invalid(path: impl Into<String>, message: impl fmt::Display) -> FileError {
        FileError::Invalid { path: path.into(), message: message.to_string() }
    }
}
