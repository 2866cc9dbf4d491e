//! [`Change`]: what one store operation did to one annotation (its state before and after), as
//! [`StoreDocument`]'s operations return it, and how to apply it again as a new edit. The undo and
//! redo stack over changes is [`crate::history::History`].

use super::StoreDocument;
use crate::model::{Annotation, Field, Timestamp};

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
