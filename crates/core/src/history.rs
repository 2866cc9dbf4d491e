//! Undo and redo over store operations (create, edit, delete, dismiss), bounded.
//!
//! Every operation on a [`StoreDocument`] returns a [`Change`] holding the annotation before and
//! after. [`History`] keeps them; undoing applies the change backwards *as a new edit*, stamped
//! with the current time, rather than rewinding the document. That matters with two tabs: an
//! undo is then an ordinary newer edit, and the merge carries it to the other tab instead of
//! losing it to the older state. Only the fields the change touched are put back, so an undo does
//! not clobber what another tab changed meanwhile in other fields.
//!
//! ```
//! use claimmark_core::history::History;
//! use claimmark_core::model::*;
//! use claimmark_core::store::{ArticleInfo, StoreDocument};
//! use claimmark_core::text::CharSpan;
//!
//! let text = "Spending rose to $277M in 2019.";
//! let t0 = Timestamp::from_millis(1_700_000_000_000);
//! let mut doc = StoreDocument::new(ArticleInfo::new("budget", "Budget", text));
//! let mut history = History::new(100);
//!
//! let id = AnnotationId::from_random_bytes([1; 16]);
//! let target = Target::describe("budget", text, CharSpan::new(17, 22));
//! history.record(doc.insert(Annotation::new_user(id.clone(), target, ClaimKind::Money, t0)));
//! let change = doc.update(&id, t0.plus_millis(10), |a, now| a.set_verdict(Verdict::False, now));
//! history.record(change.unwrap());
//! assert_eq!(doc.get(&id).unwrap().verdict, Verdict::False);
//!
//! history.undo(&mut doc, t0.plus_millis(20));
//! assert_eq!(doc.get(&id).unwrap().verdict, Verdict::Unrated);
//! history.undo(&mut doc, t0.plus_millis(30)); // the creation
//! assert!(doc.get(&id).is_none());
//! history.redo(&mut doc, t0.plus_millis(40));
//! history.redo(&mut doc, t0.plus_millis(50));
//! assert_eq!(doc.get(&id).unwrap().verdict, Verdict::False);
//! ```

use std::collections::VecDeque;

use crate::model::Timestamp;
use crate::store::StoreDocument;
pub use crate::store::{Change, ChangeKind};

/// A bounded undo/redo stack of [`Change`]s.
#[derive(Debug, Clone)]
pub struct History {
    undo: VecDeque<Change>,
    redo: Vec<Change>,
    limit: usize,
}

impl Default for History {
    fn default() -> Self {
        History::new(History::DEFAULT_LIMIT)
    }
}

impl History {
    /// How many changes [`History::default`] keeps.
    pub const DEFAULT_LIMIT: usize = 200;

    /// A history that keeps the last `limit` changes (at least one).
    pub fn new(limit: usize) -> History {
        History { undo: VecDeque::new(), redo: Vec::new(), limit: limit.max(1) }
    }

    /// Records a change just made. Clears the redo stack, as editors do.
    pub fn record(&mut self, change: Change) {
        if change.before == change.after {
            return;
        }
        self.redo.clear();
        if self.undo.len() == self.limit {
            self.undo.pop_front();
        }
        self.undo.push_back(change);
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What the next undo would undo.
    pub fn peek_undo(&self) -> Option<&Change> {
        self.undo.back()
    }
    /// What the next redo would redo.
    pub fn peek_redo(&self) -> Option<&Change> {
        self.redo.last()
    }

    /// Undoes the last change in `doc`, as an edit at `now`. Returns the change undone.
    pub fn undo(&mut self, doc: &mut StoreDocument, now: Timestamp) -> Option<Change> {
        let change = self.undo.pop_back()?;
        change.inverse().apply(doc, now);
        self.redo.push(change.clone());
        Some(change)
    }

    /// Redoes the last undone change in `doc`, as an edit at `now`. Returns the change redone.
    pub fn redo(&mut self, doc: &mut StoreDocument, now: Timestamp) -> Option<Change> {
        let change = self.redo.pop()?;
        change.apply(doc, now);
        self.undo.push_back(change.clone());
        Some(change)
    }

    /// Forgets everything (another article was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
