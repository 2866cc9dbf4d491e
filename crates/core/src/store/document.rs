//! [`StoreDocument`]: one article's annotations and tombstones, its reader (every version, migrated)
//! and writer, and the operations on it that return a [`Change`] for undo.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::shape;
use super::merge::{canonical_annotation, dedupe, merge_annotation};
use super::version1::{migrate_v1, parse_v1};
use super::{ArticleInfo, Change, ChangeKind, StoreError, Tombstone, CURRENT_VERSION};
use crate::json_path::{null_as_default, ByLine, ByPath, Locate};
use crate::model::{Annotation, AnnotationId, Timestamp};

/// One storage document: an article's annotations and tombstones.
///
/// Kept in a canonical form (annotations ordered by creation then id, tombstones by id, no
/// duplicates, nothing a tombstone deletes) so that equal content compares equal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreDocument {
    pub version: u32,
    pub article: ArticleInfo,
    #[serde(default, deserialize_with = "null_as_default")]
    pub annotations: Vec<Annotation>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub tombstones: Vec<Tombstone>,
}

impl StoreDocument {
    pub fn new(article: ArticleInfo) -> StoreDocument {
        StoreDocument { version: CURRENT_VERSION, article, annotations: Vec::new(), tombstones: Vec::new() }
    }

    /// Reads a stored document of any version, migrating it to the current one. This is the one
    /// reader of the format: serde's derived deserialisers, with [`serde_path_to_error`] for the
    /// path of a bad value. Import reads backups with it, and `claimmark-io` and the command line
    /// everything; the widget reads localStorage with [`StoreDocument::from_stored_json`], the
    /// same reader with errors located by line and column.
    ///
    /// Besides what claimmark writes, it reads a document without `annotations`, `null` for
    /// either list, and a struct written as a JSON array, as serde does.
    ///
    /// # Errors
    /// [`StoreError::Syntax`] when the input is not JSON, [`StoreError::Shape`] when it is not a
    /// storage document (with the path of the first bad value, and its line and column), and
    /// [`StoreError::NewerVersion`] when a newer claimmark wrote it. It never panics.
    pub fn from_json(input: &str) -> Result<StoreDocument, StoreError> {
        Self::read_as::<ByPath>(input)
    }

    /// [`StoreDocument::from_json`], the same derived deserialisers, reading the same documents
    /// with the same result, but a [`StoreError::Shape`] names the line and column of the bad
    /// value and not its path (its path is `(document)`). It leaves serde_path_to_error's wrappers
    /// out of the build, which the publisher bundle, reading only what claimmark stored, does
    /// without (the widget asks `claimmark-io` for the path when it shows the error).
    ///
    /// # Errors
    /// As [`StoreDocument::from_json`], with the path replaced by the line and column.
    pub fn from_stored_json(input: &str) -> Result<StoreDocument, StoreError> {
        Self::read_as::<ByLine>(input)
    }

    pub(crate) fn read_as<L: Locate>(input: &str) -> Result<StoreDocument, StoreError> {
        // A current document is read straight into the types. Anything else (an older version, a
        // bad document) is looked at as a `Value` to learn which version it claims to be.
        let typed = match L::read::<StoreDocument>(input) {
            Ok(mut doc) if doc.version == CURRENT_VERSION => {
                doc.normalize();
                return Ok(doc);
            }
            Ok(_) => None,
            Err(e) => Some(e),
        };
        let mut doc = match (stored_version(input)?, typed) {
            (1, _) => migrate_v1(parse_v1::<L>(input)?),
            (2, error) => {
                return Err(
                    error.map_or_else(|| shape("(document)", "not a storage document"), StoreError::from)
                )
            }
            (v, _) if v > u64::from(CURRENT_VERSION) => {
                return Err(StoreError::NewerVersion { found: v, supported: CURRENT_VERSION })
            }
            (v, _) => return Err(shape("version", format!("{v} is not a version claimmark ever wrote"))),
        };
        doc.normalize();
        Ok(doc)
    }

    /// The compact JSON that is stored.
    pub fn to_json(&self) -> String {
        // Serialising these types cannot fail: every map key is a string.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Indented JSON, for a backup file a person may open.
    pub fn to_json_pretty(&self) -> String {
        // Serialising these types cannot fail: every map key is a string.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn get(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.annotations.iter().find(|a| &a.id == id)
    }

    fn position(&self, id: &AnnotationId) -> Option<usize> {
        self.annotations.iter().position(|a| &a.id == id)
    }

    /// Annotations that are not dismissed candidates.
    pub fn active(&self) -> impl Iterator<Item = &Annotation> {
        self.annotations.iter().filter(|a| !a.dismissed)
    }

    /// Adds a new annotation (or replaces one with the same id). Returns the change for undo.
    pub fn insert(&mut self, annotation: Annotation) -> Change {
        let kind = if annotation.dismissed { ChangeKind::Dismiss } else { ChangeKind::Create };
        let before = self.position(&annotation.id).map(|i| self.annotations.remove(i));
        let change = Change { kind, before, after: Some(annotation.clone()) };
        self.annotations.push(annotation);
        change
    }

    /// Edits an annotation with `edit(annotation, now)` (one of the `set_*` methods). Returns the
    /// change for undo, or `None` when there is no annotation with that id.
    pub fn update(
        &mut self,
        id: &AnnotationId,
        now: Timestamp,
        edit: impl FnOnce(&mut Annotation, Timestamp),
    ) -> Option<Change> {
        let i = self.position(id)?;
        let before = self.annotations[i].clone();
        edit(&mut self.annotations[i], now);
        let after = self.annotations[i].clone();
        let kind = if before.dismissed != after.dismissed { ChangeKind::Dismiss } else { ChangeKind::Edit };
        Some(Change { kind, before: Some(before), after: Some(after) })
    }

    /// Deletes an annotation, leaving a tombstone. Returns the change for undo, or `None` when
    /// there is no annotation with that id.
    pub fn delete(&mut self, id: &AnnotationId, now: Timestamp) -> Option<Change> {
        let i = self.position(id)?;
        let annotation = self.annotations.remove(i);
        // The deletion must be newer than the last edit, or a merge would resurrect it.
        let deleted = now.max(annotation.modified.plus_millis(1));
        self.add_tombstone(Tombstone { id: id.clone(), deleted });
        Some(Change { kind: ChangeKind::Delete, before: Some(annotation), after: None })
    }

    /// Puts back a deleted annotation (undo of a delete, redo of a create), as an edit at `now` so
    /// that it wins over its tombstone in every copy.
    pub fn restore(&mut self, mut annotation: Annotation, now: Timestamp) {
        let tomb = self.tombstones.iter().find(|t| t.id == annotation.id).map(|t| t.deleted);
        let floor = tomb.unwrap_or(Timestamp::MIN).max(annotation.modified).plus_millis(1);
        annotation.modified = now.max(floor);
        if let Some(i) = self.position(&annotation.id) {
            self.annotations.remove(i);
        }
        self.annotations.push(annotation);
    }

    fn add_tombstone(&mut self, tombstone: Tombstone) {
        match self.tombstones.iter_mut().find(|t| t.id == tombstone.id) {
            Some(t) => t.deleted = t.deleted.max(tombstone.deleted),
            None => self.tombstones.push(tombstone),
        }
    }

    /// Puts the document in canonical form: duplicates merged, annotations a tombstone deletes
    /// dropped, lists sorted. [`StoreDocument::from_json`] and [`merge`](fn@super::merge) return canonical
    /// documents.
    pub fn normalize(&mut self) {
        let (annotations, tombs) = dedupe(
            std::mem::take(&mut self.annotations),
            self.tombstones.drain(..).map(|t| (t.id, t.deleted)),
            |a| (&a.id, a.modified),
            |a, other| match other {
                Some(b) => merge_annotation(&a, &b),
                None => canonical_annotation(a),
            },
        );
        self.annotations = annotations;
        self.annotations.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
        self.tombstones = tombs.into_iter().map(|(id, deleted)| Tombstone { id, deleted }).collect();
        self.version = CURRENT_VERSION;
    }
}

/// The `version` of a stored document: the input must be JSON, an object, and have a whole
/// number there.
fn stored_version(input: &str) -> Result<u64, StoreError> {
    let value: Value = serde_json::from_str(input).map_err(|e| StoreError::Syntax {
        line: e.line(),
        column: e.column(),
        message: crate::json_path::without_position(&e),
    })?;
    let object = value.as_object().ok_or_else(|| shape("(document)", "expected a JSON object"))?;
    match object.get("version") {
        None => Err(shape("version", "missing: this is not a claimmark storage document")),
        Some(v) => v.as_u64().ok_or_else(|| shape("version", format!("expected a whole number, found {v}"))),
    }
}
