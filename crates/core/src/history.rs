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

use crate::model::{Annotation, Field, Timestamp};
use crate::store::StoreDocument;

/// What an operation did, for labels such as "Undo delete".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    Create,
    Edit,
    Delete,
    Dismiss,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Create => "create",
            ChangeKind::Edit => "edit",
            ChangeKind::Delete => "delete",
            ChangeKind::Dismiss => "dismiss",
        }
    }
}

/// One operation on one annotation: its state before (`None` if it did not exist) and after
/// (`None` if deleted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    pub before: Option<Annotation>,
    pub after: Option<Annotation>,
}

impl Change {
    /// The same change, backwards.
    pub fn inverse(&self) -> Change {
        let kind = match self.kind {
            ChangeKind::Create => ChangeKind::Delete,
            ChangeKind::Delete => ChangeKind::Create,
            other => other,
        };
        Change { kind, before: self.after.clone(), after: self.before.clone() }
    }

    /// Applies the change to `doc` as a new edit at `now`: from whatever state the annotation is in
    /// now, the fields that differ between `before` and `after` are set to their `after` values.
    pub fn apply(&self, doc: &mut StoreDocument, now: Timestamp) {
        match (&self.before, &self.after) {
            (_, None) => {
                if let Some(id) = self.before.as_ref().map(|a| a.id.clone()) {
                    doc.delete(&id, now);
                }
            }
            (None, Some(after)) => doc.restore(after.clone(), now),
            (Some(before), Some(after)) => {
                if doc.get(&after.id).is_none() {
                    // Deleted meanwhile (by another tab): bring back the state the change left.
                    doc.restore(after.clone(), now);
                    return;
                }
                doc.update(&after.id, now, |current, now| apply_fields(current, before, after, now));
            }
        }
    }
}

/// Sets in `current` the fields that differ between `from` and `to` to their values in `to`.
fn apply_fields(current: &mut Annotation, from: &Annotation, to: &Annotation, now: Timestamp) {
    let changed = |field| match field {
        Field::Target => from.target != to.target,
        Field::Kind => from.kind != to.kind,
        Field::Verdict => from.verdict != to.verdict,
        Field::Note => from.note != to.note,
        Field::Tags => from.tags != to.tags,
        Field::Dismissed => from.dismissed != to.dismissed,
    };
    if changed(Field::Target) {
        current.retarget(to.target.clone(), now);
    }
    if changed(Field::Kind) {
        current.set_kind(to.kind, now);
    }
    if changed(Field::Verdict) {
        current.set_verdict(to.verdict, now);
    }
    if changed(Field::Note) {
        current.set_note(to.note.clone(), now);
    }
    if changed(Field::Tags) {
        current.set_tags(to.tags.iter().cloned(), now);
    }
    if changed(Field::Dismissed) {
        current.set_dismissed(to.dismissed, now);
    }
    for source in &from.sources {
        if to.source(&source.id).is_none() {
            current.remove_source(&source.id, now);
        }
    }
    for source in &to.sources {
        if from.source(&source.id) != Some(source) {
            current.add_source(source.clone(), now);
        }
    }
}

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
