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
//! [`merge`] combines two copies (two tabs, or an import) per annotation and per field, newest
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

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::history::{Change, ChangeKind};
use crate::json_path::{join, null_as_default};
use crate::model::{
    Annotation, AnnotationId, ClaimKind, FieldClocks, Origin, Source, SourceId, SourceUrl, Target,
    TextPositionSelector, TextQuoteSelector, Timestamp, Verdict,
};

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

/// Why a stored document could not be read.
///
/// The widget's reaction is the same for all of them (copy the raw value to a backup key, never
/// overwrite it, tell the user); the variants let it say why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Not JSON at all (truncated, or not JSON to begin with).
    #[error("line {line}, column {column}: {message}")]
    Syntax { line: usize, column: usize, message: String },
    /// JSON, but not the shape of a storage document. `path` is like `annotations[3].sources[0].url`.
    #[error("{path}: {message}{}", at_line(*.line, *.column))]
    Shape { path: String, message: String, line: Option<usize>, column: Option<usize> },
    /// Written by a newer claimmark; reading it could lose what the newer version stored.
    #[error("version {found} was written by a newer claimmark (this one reads versions up to {supported})")]
    NewerVersion { found: u64, supported: u32 },
}

fn at_line(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!(" (line {line}, column {column})"),
        _ => String::new(),
    }
}

fn shape(path: impl Into<String>, message: impl fmt::Display) -> StoreError {
    StoreError::Shape { path: path.into(), message: message.to_string(), line: None, column: None }
}

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
    /// path of a bad value. The widget reads localStorage with it, on the app page and in the
    /// publisher bundle alike, and import reads backups with it.
    ///
    /// Besides what claimmark writes, it reads a document without `annotations`, `null` for
    /// either list, and a struct written as a JSON array, as serde does.
    ///
    /// # Errors
    /// [`StoreError::Syntax`] when the input is not JSON, [`StoreError::Shape`] when it is not a
    /// storage document (with the path of the first bad value, and its line and column), and
    /// [`StoreError::NewerVersion`] when a newer claimmark wrote it. It never panics.
    pub fn from_json(input: &str) -> Result<StoreDocument, StoreError> {
        // A current document is read straight into the types. Anything else (an older version, a
        // bad document) is looked at as a `Value` to learn which version it claims to be.
        let typed = match crate::json_path::read::<StoreDocument>(input) {
            Ok(mut doc) if doc.version == CURRENT_VERSION => {
                doc.normalize();
                return Ok(doc);
            }
            Ok(_) => None,
            Err(e) => Some(e),
        };
        let mut doc = match (stored_version(input)?, typed) {
            (1, _) => migrate_v1(parse_v1(input)?),
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
    /// dropped, lists sorted. [`StoreDocument::from_json`] and [`merge`] return canonical
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

impl From<crate::json_path::PathError> for StoreError {
    fn from(e: crate::json_path::PathError) -> StoreError {
        let position = (e.line > 0).then_some((e.line, e.column));
        StoreError::Shape {
            path: e.path,
            message: e.message,
            line: position.map(|p| p.0),
            column: position.map(|p| p.1),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Version 1 and its migration

/// Version 1, as the first release wrote it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct V1Document {
    pub article_id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub fingerprint: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub annotations: Vec<V1Annotation>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub dismissed: Vec<V1Dismissed>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct V1Annotation {
    pub id: AnnotationId,
    pub quote: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    pub start: usize,
    pub end: usize,
    pub kind: ClaimKind,
    /// Whether it came from claim detection.
    #[serde(default)]
    pub detected: bool,
    /// Free text such as `"mostly-true"`; read with [`Verdict::parse`].
    #[serde(default)]
    pub verdict: Option<String>,
    /// Bare URLs: version 1 had no source titles or excerpts.
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub created_at: Timestamp,
    #[serde(default)]
    pub updated_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct V1Dismissed {
    pub quote: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    pub start: usize,
    pub end: usize,
    pub kind: ClaimKind,
    pub at: Timestamp,
}

/// What version 1's types do not check: the span's order and the verdict's words.
fn check_v1_annotation(annotation: &V1Annotation, path: &str) -> Result<(), StoreError> {
    if annotation.end < annotation.start {
        return Err(shape(
            join(path, "end"),
            format!("{} is before start {}", annotation.end, annotation.start),
        ));
    }
    if let Some(verdict) = &annotation.verdict {
        Verdict::parse(verdict).map_err(|e| shape(join(path, "verdict"), e))?;
    }
    Ok(())
}

/// Reads a version 1 document, and checks what its types do not.
fn parse_v1(input: &str) -> Result<V1Document, StoreError> {
    let doc: V1Document = crate::json_path::read(input)?;
    for (i, annotation) in doc.annotations.iter().enumerate() {
        check_v1_annotation(annotation, &format!("annotations[{i}]"))?;
    }
    Ok(doc)
}

fn v1_target(
    article_id: &str,
    quote: String,
    prefix: String,
    suffix: String,
    start: usize,
    end: usize,
) -> Target {
    Target {
        article_id: article_id.to_owned(),
        selectors: crate::model::Selectors {
            quote: TextQuoteSelector { exact: quote, prefix, suffix },
            position: TextPositionSelector::from(crate::text::CharSpan::new(start, end)),
        },
    }
}

/// Migrates a version 1 document to the current version. Pure and total: nothing in a readable
/// version 1 document is dropped. A source URL that is no longer accepted (not http or https) is
/// moved into the annotation's note rather than lost or kept as a link.
pub fn migrate_v1(v1: V1Document) -> StoreDocument {
    let article = ArticleInfo { id: v1.article_id.clone(), title: v1.title, fingerprint: v1.fingerprint };
    let mut doc = StoreDocument::new(article);
    for old in v1.annotations {
        let modified = old.updated_at.unwrap_or(old.created_at).max(old.created_at);
        let origin = if old.detected { Origin::Detected } else { Origin::User };
        let target = v1_target(&v1.article_id, old.quote, old.prefix, old.suffix, old.start, old.end);
        let mut note = old.note;
        let mut sources = Vec::new();
        for (i, url) in old.sources.iter().enumerate() {
            match SourceUrl::parse(url) {
                Ok(url) => {
                    let id = SourceId::from_random_bytes(crate::model::derived_id_bytes(&[
                        old.id.as_str(),
                        &i.to_string(),
                        url.as_str(),
                    ]));
                    let mut source = Source::new(id, url, old.created_at);
                    // Version 1 did not record when a source was looked at.
                    source.accessed = None;
                    source.modified = modified;
                    sources.push(source);
                }
                Err(_) => {
                    if !note.is_empty() {
                        note.push_str("\n\n");
                    }
                    note.push_str(&format!(
                        "Source removed when upgrading (not an http or https link): {url}"
                    ));
                }
            }
        }
        // Every field counts as edited at the last modification: version 1 knew no better.
        let clock = (modified > old.created_at).then_some(modified);
        let clocks = FieldClocks {
            target: clock,
            kind: clock,
            verdict: clock,
            note: clock,
            tags: clock,
            dismissed: None,
        };
        let mut annotation = Annotation {
            id: old.id,
            target,
            origin,
            kind: old.kind,
            verdict: old.verdict.as_deref().and_then(|v| Verdict::parse(v).ok()).unwrap_or_default(),
            sources,
            removed_sources: Vec::new(),
            note,
            tags: Vec::new(),
            dismissed: false,
            created: old.created_at,
            modified,
            clocks,
        };
        annotation.tags = clean_tags(old.tags);
        doc.annotations.push(annotation);
    }
    for old in v1.dismissed {
        let id = AnnotationId::from_random_bytes(crate::model::derived_id_bytes(&[
            &v1.article_id,
            "dismissed",
            &old.start.to_string(),
            &old.end.to_string(),
            &old.quote,
        ]));
        let target = v1_target(&v1.article_id, old.quote, old.prefix, old.suffix, old.start, old.end);
        doc.annotations.push(Annotation::dismissed_candidate(id, target, old.kind, old.at));
    }
    doc.normalize();
    doc
}

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

// ---------------------------------------------------------------------------------------------
// Merging

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
fn dedupe<K: Ord + Clone, T>(
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

fn canonical_annotation(mut a: Annotation) -> Annotation {
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
