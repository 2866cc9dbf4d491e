//! Merging two copies of a document ([`merge`], per annotation and per field, newest edit first)
//! and describing what a merge would do before it is made ([`MergeReport`]).

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use super::{StoreDocument, CURRENT_VERSION};
use crate::model::{Annotation, AnnotationId, FieldClocks, Timestamp};

/// A total order on values for breaking ties between equal clocks, so that the merge does not
/// depend on which copy is "local".
fn tie_key<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Picks the value with the newer clock, breaking ties by the value itself.
fn pick<'a, T: Serialize>(a: (&'a T, Timestamp), b: (&'a T, Timestamp)) -> (&'a T, Timestamp) {
    match a.1.cmp(&b.1) {
        std::cmp::Ordering::Greater => a,
        std::cmp::Ordering::Less => b,
        std::cmp::Ordering::Equal => {
            if tie_key(a.0) >= tie_key(b.0) {
                a
            } else {
                b
            }
        }
    }
}

/// Sorts sources and source tombstones, drops removed sources and duplicate ids, and writes field
/// clocks that equal `created` as "unset".
/// One item per id, and one tombstone per id (the latest): duplicates are combined (`combine`
/// gets the item and the copy kept so far, if any), and an item a tombstone deleted at or after
/// its last change is dropped. Annotations and their sources both go through this.
pub(super) fn dedupe<K: Ord + Clone, T>(
    items: Vec<T>,
    tombstones: impl IntoIterator<Item = (K, Timestamp)>,
    key: impl Fn(&T) -> (&K, Timestamp),
    combine: impl Fn(T, Option<T>) -> T,
) -> (Vec<T>, BTreeMap<K, Timestamp>) {
    let mut tombs: BTreeMap<K, Timestamp> = BTreeMap::new();
    for (id, deleted) in tombstones {
        let e = tombs.entry(id).or_insert(deleted);
        *e = (*e).max(deleted);
    }
    let mut by_id: BTreeMap<K, T> = BTreeMap::new();
    for item in items {
        let (id, modified) = key(&item);
        if tombs.get(id).is_some_and(|&d| d >= modified) {
            continue;
        }
        let id = id.clone();
        let kept = by_id.remove(&id);
        by_id.insert(id, combine(item, kept));
    }
    (by_id.into_values().collect(), tombs)
}

pub(super) fn canonical_annotation(mut a: Annotation) -> Annotation {
    let (sources, removed) = dedupe(
        std::mem::take(&mut a.sources),
        a.removed_sources.drain(..).map(|t| (t.id, t.deleted)),
        |s| (&s.id, s.modified),
        |s, other| match other {
            Some(other) => pick((&s, s.modified), (&other, other.modified)).0.clone(),
            None => s,
        },
    );
    a.sources = sources;
    a.sources.sort_by(|x, y| (x.added, &x.id).cmp(&(y.added, &y.id)));
    a.team = std::mem::take(&mut a.team).canonical();
    a.removed_sources =
        removed.into_iter().map(|(id, deleted)| crate::model::SourceTombstone { id, deleted }).collect();
    let created = a.created;
    for slot in [
        &mut a.clocks.target,
        &mut a.clocks.kind,
        &mut a.clocks.verdict,
        &mut a.clocks.note,
        &mut a.clocks.tags,
        &mut a.clocks.dismissed,
    ] {
        if *slot == Some(created) {
            *slot = None;
        }
    }
    a
}

/// Merges two copies of one annotation, field by field, newest first.
pub fn merge_annotation(a: &Annotation, b: &Annotation) -> Annotation {
    use crate::model::Field;
    let created = a.created.min(b.created);
    // A field never edited in a copy (no clock) loses to any edit in the other copy: otherwise a
    // copy created later in a second tab, with its fields at their defaults, would undo the first
    // tab's edits.
    let clock = |x: &Annotation, field: Field| x.clocks.get(field).unwrap_or(Timestamp::MIN);
    let either = |field: Field| a.clocks.get(field).is_some() || b.clocks.get(field).is_some();
    let target = pick((&a.target, clock(a, Field::Target)), (&b.target, clock(b, Field::Target)));
    let kind = pick((&a.kind, clock(a, Field::Kind)), (&b.kind, clock(b, Field::Kind)));
    let verdict = pick((&a.verdict, clock(a, Field::Verdict)), (&b.verdict, clock(b, Field::Verdict)));
    let note = pick((&a.note, clock(a, Field::Note)), (&b.note, clock(b, Field::Note)));
    let tags = pick((&a.tags, clock(a, Field::Tags)), (&b.tags, clock(b, Field::Tags)));
    let dismissed =
        pick((&a.dismissed, clock(a, Field::Dismissed)), (&b.dismissed, clock(b, Field::Dismissed)));
    let mut sources = a.sources.clone();
    sources.extend(b.sources.iter().cloned());
    let mut removed_sources = a.removed_sources.clone();
    removed_sources.extend(b.removed_sources.iter().cloned());
    canonical_annotation(Annotation {
        id: a.id.clone(),
        target: target.0.clone(),
        // Provenance does not change after creation; the max only makes the merge symmetric.
        origin: a.origin.max(b.origin),
        kind: *kind.0,
        verdict: *verdict.0,
        sources,
        removed_sources,
        note: note.0.clone(),
        tags: tags.0.clone(),
        dismissed: *dismissed.0,
        created,
        modified: a.modified.max(b.modified),
        clocks: FieldClocks {
            target: either(Field::Target).then_some(target.1),
            kind: either(Field::Kind).then_some(kind.1),
            verdict: either(Field::Verdict).then_some(verdict.1),
            note: either(Field::Note).then_some(note.1),
            tags: either(Field::Tags).then_some(tags.1),
            dismissed: either(Field::Dismissed).then_some(dismissed.1),
        },
        team: a.team.merged(&b.team),
    })
}

/// Merges two copies of an article's document: per annotation and per field, newest edit first,
/// with deletions as tombstones (see the module documentation for the rule).
///
/// Commutative (`merge(a, b) == merge(b, a)`) and idempotent (`merge(a, a)` is `a` in canonical
/// form). The article info of the copy that sorts last is kept; the widget replaces it with the
/// article it shows anyway.
pub fn merge(local: &StoreDocument, remote: &StoreDocument) -> StoreDocument {
    let article = (&local.article).max(&remote.article).clone();
    let mut doc = StoreDocument {
        version: CURRENT_VERSION,
        article,
        annotations: local.annotations.iter().chain(&remote.annotations).cloned().collect(),
        tombstones: local.tombstones.iter().chain(&remote.tombstones).cloned().collect(),
    };
    doc.normalize();
    doc
}

/// What merging a copy into ours would do, for an import preview ("12 new, 3 updated, 1
/// conflicting") and for telling the user what another tab changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Annotations we do not have.
    pub new: Vec<AnnotationId>,
    /// Annotations where the other copy is newer in every field that differs.
    pub updated: Vec<AnnotationId>,
    /// Annotations changed in both copies: each keeps its newest fields, and an older edit of the
    /// same field in either copy is replaced.
    pub conflicting: Vec<AnnotationId>,
    /// Annotations the other copy has that change nothing here (same, or older).
    pub unchanged: Vec<AnnotationId>,
    /// Our annotations that the other copy deleted after our last edit.
    pub deleted: Vec<AnnotationId>,
}

impl MergeReport {
    /// Compares `incoming` with `local` without changing either.
    pub fn preview(local: &StoreDocument, incoming: &StoreDocument) -> MergeReport {
        let merged = merge(local, incoming);
        // Keyed once: looking every annotation up with `get` (a linear scan) made this quadratic.
        let ours_by_id = by_id(local);
        let merged_by_id = by_id(&merged);
        let mut report = MergeReport::default();
        for theirs in &incoming.annotations {
            let id = &theirs.id;
            match (ours_by_id.get(id).copied(), merged_by_id.get(id).copied()) {
                (_, None) => report.unchanged.push(id.clone()), // deleted here after their edit
                (None, Some(_)) => report.new.push(id.clone()),
                (Some(ours), Some(result)) => {
                    let ours = canonical_annotation(ours.clone());
                    let theirs = canonical_annotation(theirs.clone());
                    if same_content(result, &ours) {
                        report.unchanged.push(id.clone());
                    } else if same_content(result, &theirs) {
                        report.updated.push(id.clone());
                    } else {
                        report.conflicting.push(id.clone());
                    }
                }
            }
        }
        for ours in &local.annotations {
            if !merged_by_id.contains_key(&ours.id) {
                report.deleted.push(ours.id.clone());
            }
        }
        report
    }

    /// Whether merging changes nothing here.
    pub fn is_noop(&self) -> bool {
        self.new.is_empty()
            && self.updated.is_empty()
            && self.conflicting.is_empty()
            && self.deleted.is_empty()
    }
}

/// The document's annotations by id; with duplicate ids (a document not in canonical form) the
/// first one, as [`StoreDocument::get`] finds it.
fn by_id(doc: &StoreDocument) -> BTreeMap<&AnnotationId, &Annotation> {
    let mut map = BTreeMap::new();
    for a in &doc.annotations {
        map.entry(&a.id).or_insert(a);
    }
    map
}

/// Equal in everything a person sees (clocks aside, which a merge rewrites).
fn same_content(a: &Annotation, b: &Annotation) -> bool {
    a.target == b.target
        && a.kind == b.kind
        && a.verdict == b.verdict
        && a.sources == b.sources
        && a.note == b.note
        && a.tags == b.tags
        && a.dismissed == b.dismissed
        && a.team == b.team
}

impl fmt::Display for MergeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} new, {} updated, {} conflicting, {} unchanged, {} deleted",
            self.new.len(),
            self.updated.len(),
            self.conflicting.len(),
            self.unchanged.len(),
            self.deleted.len()
        )
    }
}
