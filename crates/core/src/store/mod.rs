//! The storage document: one per article, versioned, migrated, and mergeable.
//!
//! The widget keeps one JSON document per article in localStorage under
//! [`storage_key`]`("claimmark", article_id)` = `claimmark:v1:<article id>`:
//!
//! ```json
//! { "version": 2,
//!   "article": { "id": "...", "title": "...", "fingerprint": "..." },
//!   "annotations": [ ... ],
//!   "tombstones": [ { "id": "...", "deleted": 1714555800000 } ] }
//! ```
//!
//! (The `v1` in the key names the key scheme; the document carries its own `version`.)
//!
//! [`StoreDocument::from_json`] reads every version claimmark ever wrote and migrates it with pure
//! functions; it never panics, and its errors say what is wrong and where (a JSON path, and a line
//! and column when they exist). Version 1 was the first release's shape: camelCase keys, sources
//! as bare URLs, RFC 3339 strings for times, dismissed candidates in a separate list, and no
//! tombstones or field clocks.
//!
//! [`merge`](fn@merge) combines two copies (two tabs, or an import) per annotation and per field, newest
//! edit first. Deletions are tombstones. **An annotation deleted in one copy and edited in the
//! other survives if its last edit (`modified`) is newer than the deletion, and is deleted
//! otherwise (a tie keeps it: losing work is worse than a stray annotation).** The tombstone is
//! kept either way, so a later merge with a third, older copy still deletes that copy's version.
//! The merge is commutative and idempotent; property tests check both.
//!
//! ```
//! use claimmark_core::model::*;
//! use claimmark_core::store::{merge, storage_key, ArticleInfo, StoreDocument};
//! use claimmark_core::text::CharSpan;
//!
//! let text = "Spending rose to $277M in 2019, the council said.";
//! let t0 = Timestamp::from_millis(1_714_555_800_000);
//! let mut tab_a = StoreDocument::new(ArticleInfo::new("budget", "Council budget", text));
//! let id = AnnotationId::from_random_bytes([3; 16]);
//! let target = Target::describe("budget", text, CharSpan::new(17, 22));
//! tab_a.insert(Annotation::new_user(id.clone(), target, ClaimKind::Money, t0));
//!
//! // Both tabs edit the same annotation, different fields.
//! let mut tab_b = StoreDocument::from_json(&tab_a.to_json()).unwrap();
//! tab_a.update(&id, t0.plus_millis(5), |a, now| a.set_verdict(Verdict::False, now));
//! tab_b.update(&id, t0.plus_millis(9), |a, now| a.set_note("Budget book p. 12", now));
//!
//! let merged = merge(&tab_a, &tab_b);
//! let annotation = merged.get(&id).unwrap();
//! assert_eq!((annotation.verdict, annotation.note.as_str()), (Verdict::False, "Budget book p. 12"));
//! assert_eq!(merged, merge(&tab_b, &tab_a));
//! assert_eq!(storage_key("claimmark", "budget"), "claimmark:v1:budget");
//!
//! let err = StoreDocument::from_json("{\"version\": 2, \"article\": ").unwrap_err();
//! assert_eq!(err.to_string(), "line 1, column 26: EOF while parsing a value");
//! ```
//!
//! The document and its reader are in `document`, the version 1 shape and its migration in
//! `version1`, merging in `merge`, read errors in `error`, and what an operation did (for undo)
//! in `change`.

mod change;
mod document;
mod error;
mod merge;
mod version1;

use serde::{Deserialize, Serialize};

use crate::model::{AnnotationId, Timestamp};

pub use change::{Change, ChangeKind};
pub use document::StoreDocument;
pub use error::StoreError;
pub use merge::{merge, merge_annotation, MergeReport};
pub use version1::{migrate_v1, V1Annotation, V1Dismissed, V1Document};

/// The document version this code writes.
pub const CURRENT_VERSION: u32 = 2;

/// The localStorage key of an article's document: `<namespace_prefix>:v1:<article id>`.
///
/// The namespace lets a publisher embedding several widgets on one origin keep them apart; the
/// widget's default is `"claimmark"`.
pub fn storage_key(namespace_prefix: &str, article_id: &str) -> String {
    format!("{namespace_prefix}:v1:{article_id}")
}

/// The article a document belongs to. The fingerprint ([`crate::text::fingerprint`] of the text
/// the annotations were last anchored on) tells the widget that the text changed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ArticleInfo {
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub fingerprint: String,
}

impl ArticleInfo {
    /// Article info for `text`, fingerprinting it.
    pub fn new(id: &str, title: &str, text: &str) -> ArticleInfo {
        ArticleInfo {
            id: id.to_owned(),
            title: title.to_owned(),
            fingerprint: crate::text::fingerprint(text),
        }
    }
}

/// A deleted annotation, remembered so that a merge with a copy that still has it does not bring
/// it back (unless that copy edited it after the deletion).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Tombstone {
    pub id: AnnotationId,
    pub deleted: Timestamp,
}
