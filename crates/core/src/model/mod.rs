//! The annotation data model: what a fact-checker's work on one article consists of.
//!
//! An [`Annotation`] is a highlighted claim with a [`Verdict`], [`Source`]s, a note and tags. Its
//! [`Target`] says where it is, twice over, as the W3C Web Annotation model does: a
//! [`TextQuoteSelector`] (the words, with some context) and a [`TextPositionSelector`] (character
//! offsets). When the article changes, [`crate::anchor`] uses both to find the words again.
//!
//! Every edit is a method that takes the current time and bumps a per-field clock as well as
//! `modified`. Two copies of one annotation (two tabs, an import) are merged field by field by
//! [`crate::store::merge`], newest edit first, so setting the verdict in one tab and writing a note
//! in another keeps both.
//!
//! Nothing here reads the clock or a random number generator: the caller passes `now` and the
//! random bytes for ids, which keeps the crate deterministic, testable, and buildable for wasm
//! without `getrandom`.
//!
//! ```
//! use claimmark_core::model::*;
//! use claimmark_core::text::CharSpan;
//!
//! let text = "Spending rose to $277M in 2019, the council said.";
//! let now = Timestamp::parse("2024-05-01T09:30:00Z").unwrap();
//! let target = Target::describe("council-budget", text, CharSpan::new(17, 22));
//! assert_eq!(target.selectors.quote.exact, "$277M");
//!
//! // A detected claim becomes an annotation only when the user acts on it.
//! let id = AnnotationId::from_random_bytes([7; 16]);
//! let mut annotation = Annotation::from_detected(id, target, ClaimKind::Money, now);
//! annotation.set_verdict(Verdict::MostlyTrue, now.plus_millis(1_000));
//! let url = SourceUrl::parse("https://example.org/budget-2019.pdf").unwrap();
//! let source = Source::new(SourceId::from_random_bytes([8; 16]), url, now.plus_millis(2_000));
//! annotation.add_source(source, now.plus_millis(2_000));
//! assert_eq!(annotation.verdict.label(), "Mostly true");
//! assert_eq!(annotation.modified.to_rfc3339(), "2024-05-01T09:30:02.000Z");
//!
//! let err = SourceUrl::parse("javascript:alert(1)").unwrap_err();
//! assert_eq!(err.to_string(), "source url 'javascript:alert(1)' is not http or https");
//! ```
//!
//! The model is split by concern: [`Timestamp`] and [`IsoDate`] (`time`), ids (`ids`),
//! [`Verdict`] (`verdict`), [`Source`]s and their [`SourceUrl`]s (`source`), and [`Annotation`]
//! (`annotation`). Selectors and targets live with the code that makes and reads them,
//! [`crate::anchor::selector`], and are re-exported here.

mod annotation;
mod ids;
mod source;
mod team;
mod time;
mod verdict;

pub(crate) use annotation::clean_tags;
pub use annotation::{Annotation, Field, FieldClocks, Origin};
pub use claimmark_detect::ClaimKind;
pub use ids::{derived_id_bytes, AnnotationId, SourceId};
pub use source::{Source, SourceTombstone, SourceUrl};
pub use team::{
    clean_person_name, team_document_name, PersonVerdict, TeamVerdicts, MAX_DOCUMENT_NAME,
    MAX_PERSON_NAME_CHARS,
};
pub use time::{IsoDate, Timestamp};
pub use verdict::Verdict;

pub use crate::anchor::selector::{
    Selector, Selectors, SpanError, Target, TargetError, TextPositionSelector, TextQuoteSelector,
};

/// Why a value could not become part of the model.
///
/// Messages name the offending value, so that a caller can prefix where it was found
/// ("annotations[3].sources[0].url: source url 'javascript:alert(1)' is not http or https").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    #[error("source url '{url}' is not http or https")]
    UrlScheme { url: String },
    #[error("source url '{url}' is not a valid web address: {reason}")]
    UrlInvalid { url: String, reason: &'static str },
    #[error("'{value}' is not an RFC 3339 timestamp such as 2024-05-01T09:30:00Z")]
    Timestamp { value: String },
    #[error("timestamp {millis} ms is outside the years 0000 to 9999")]
    TimestampRange { millis: i64 },
    #[error("'{value}' is not a date in YYYY-MM-DD form")]
    Date { value: String },
    #[error("id '{value}' is not usable: {reason}")]
    Id { value: String, reason: &'static str },
    #[error("'{value}' is not a verdict (expected one of true, mostly_true, half_true, misleading, false, unverifiable, unrated)")]
    Verdict { value: String },
}

fn is_empty_str(s: &str) -> bool {
    s.is_empty()
}
