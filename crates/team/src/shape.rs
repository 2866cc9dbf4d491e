//! The storage document as a Yjs document, and back.
//!
//! One Y.Doc per article, named by the article id. Its shape:
//!
//! ```text
//! annotations: Y.Map   annotation id → Y.Map, one entry per field:
//!     origin, created                  Any strings, set when the annotation is first written
//!     target, kind, verdict, note,     Any maps {"value": <the field as in the storage format>,
//!     tags, dismissed                    "at": <the field's clock, as the storage format has it;
//!                                        absent if never edited>}
//!     sources                          Y.Array of sources (as in the storage format)
//!     removed_sources                  Y.Array of {"id", "deleted"}
//!     verdicts                         Y.Array of {"by", "verdict", "at"}: each person's verdicts
//! tombstones:  Y.Map   annotation id → deletion time, as the storage format has it
//! ```
//!
//! Each field is its own Y.Map entry, so two people editing different fields of one claim both
//! keep their edit, as the storage format's per-field merge does. Where two people edit the same
//! field, the entry's `at` decides, by the same rule as [`claimmark_core::store::merge`]: every
//! copy writes back what the merge of its own copy and the Y.Doc picks, until they agree.
//!
//! The Y.Doc is as untrusted as an imported file. [`read`] checks every annotation against the
//! storage format's own reader (serde, with the path of a bad value) and leaves out what does not
//! fit, naming it; [`write`] then writes the local copy's version over it.

use std::collections::{BTreeMap, HashMap};

use claimmark_core::model::{Annotation, AnnotationId, Timestamp};
use claimmark_core::store::{ArticleInfo, StoreDocument, Tombstone};
use serde_json::{json, Map as JsonMap, Value};
use yrs::types::ToJson;
use yrs::{
    Any, Array, ArrayPrelim, ArrayRef, Doc, Map, MapPrelim, MapRef, Out, ReadTxn, Transact, TransactionMut,
    WriteTxn,
};

/// The root map of annotations.
pub const ANNOTATIONS: &str = "annotations";
/// The root map of deletions.
pub const TOMBSTONES: &str = "tombstones";

/// The fields kept as `{"value", "at"}` entries, with the storage format's names.
const CLOCKED: [&str; 6] = ["target", "kind", "verdict", "note", "tags", "dismissed"];
const SOURCES: &str = "sources";
const REMOVED_SOURCES: &str = "removed_sources";
const VERDICTS: &str = "verdicts";

/// Something in a Y.Doc that does not follow the shape, and was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it is, as `annotations/<id>/note`.
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// What a Y.Doc holds, as a storage document for `article`, and what was left out of it.
#[derive(Debug, Clone)]
pub struct Read {
    pub document: StoreDocument,
    pub problems: Vec<Problem>,
}

fn to_json(any: &Any) -> Value {
    serde_json::to_value(any).unwrap_or(Value::Null)
}

fn to_any(value: &Value) -> Any {
    yrs::encoding::serde::to_any(value).unwrap_or(Any::Null)
}

fn out_json<T: ReadTxn>(txn: &T, out: &Out) -> Value {
    to_json(&out.to_json(txn))
}

/// Reads the annotations and tombstones of the Y.Doc `doc`, for `article`.
pub fn read(doc: &Doc, article: &ArticleInfo) -> Read {
    let txn = doc.transact();
    read_txn(&txn, article)
}

fn read_txn<T: ReadTxn>(txn: &T, article: &ArticleInfo) -> Read {
    let mut problems = Vec::new();
    let mut document = StoreDocument::new(article.clone());
    if let Some(map) = txn.get_map(ANNOTATIONS) {
        for (key, value) in map.iter(txn) {
            let path = format!("{ANNOTATIONS}/{key}");
            match annotation(txn, key, &value) {
                Ok(a) => document.annotations.push(a),
                Err(message) => problems.push(Problem { path, message }),
            }
        }
    }
    if let Some(map) = txn.get_map(TOMBSTONES) {
        for (key, value) in map.iter(txn) {
            let path = format!("{TOMBSTONES}/{key}");
            let tombstone = json!({ "id": key, "deleted": out_json(txn, &value) });
            match serde_path_to_error::deserialize::<_, Tombstone>(tombstone) {
                Ok(t) => document.tombstones.push(t),
                Err(e) => problems.push(Problem { path, message: e.to_string() }),
            }
        }
    }
    document.normalize();
    Read { document, problems }
}

/// One annotation from its Y.Map, checked by the storage format's reader.
fn annotation<T: ReadTxn>(txn: &T, id: &str, value: &Out) -> Result<Annotation, String> {
    let Out::YMap(map) = value else {
        return Err("expected a Y.Map of the annotation's fields".into());
    };
    let mut object = JsonMap::new();
    object.insert("id".into(), Value::String(id.into()));
    let mut clocks = JsonMap::new();
    for name in ["origin", "created"] {
        object.insert(name.into(), map.get(txn, name).map_or(Value::Null, |v| out_json(txn, &v)));
    }
    for name in CLOCKED {
        let Some(entry) = map.get(txn, name) else { continue };
        let entry = out_json(txn, &entry);
        let Value::Object(mut entry) = entry else {
            return Err(format!("{name}: expected an object with a value and its time"));
        };
        object.insert(name.into(), entry.remove("value").unwrap_or(Value::Null));
        if let Some(at) = entry.remove("at") {
            clocks.insert(name.into(), at);
        }
    }
    for name in [SOURCES, REMOVED_SOURCES] {
        if let Some(list) = map.get(txn, name) {
            object.insert(name.into(), out_json(txn, &list));
        }
    }
    if let Some(list) = map.get(txn, VERDICTS) {
        object.insert("team".into(), out_json(txn, &list));
    }
    object.insert("clocks".into(), Value::Object(clocks));
    // `modified` is derived: the latest time anything in the annotation changed.
    object.insert("modified".into(), object.get("created").cloned().unwrap_or(Value::Null));
    let mut annotation: Annotation =
        serde_path_to_error::deserialize(Value::Object(object)).map_err(|e| e.to_string())?;
    annotation.modified = latest(&annotation);
    Ok(annotation)
}

/// The latest time anything in `a` changed.
fn latest(a: &Annotation) -> Timestamp {
    let clocks =
        [a.clocks.target, a.clocks.kind, a.clocks.verdict, a.clocks.note, a.clocks.tags, a.clocks.dismissed];
    clocks
        .into_iter()
        .flatten()
        .chain(a.sources.iter().map(|s| s.modified))
        .chain(a.removed_sources.iter().map(|t| t.deleted))
        .chain(a.team.people().iter().map(|p| p.at))
        .fold(a.created, Timestamp::max)
}

/// Writes into the Y.Doc whatever of `document` it lacks or holds an older version of, in one
/// transaction; returns how many entries it wrote. `document` should be the merge of the local copy
/// and [`read`]'s, so that what is written is what every copy will agree on.
pub fn write(txn: &mut TransactionMut, document: &StoreDocument) -> usize {
    let annotations = txn.get_or_insert_map(ANNOTATIONS);
    let tombstones = txn.get_or_insert_map(TOMBSTONES);
    let mut written = 0;
    for a in &document.annotations {
        written += write_annotation(txn, &annotations, a);
    }
    for t in &document.tombstones {
        let deleted = to_any(&json!(t.deleted));
        let current = tombstones.get(txn, t.id.as_str()).map(|v| v.to_json(txn));
        if current.as_ref() != Some(&deleted) {
            tombstones.insert(txn, t.id.as_str(), deleted);
            written += 1;
        }
    }
    written
}

fn field_entries(a: &Annotation) -> Vec<(&'static str, Any)> {
    let value = serde_json::to_value(a).unwrap_or(Value::Null);
    let clocks = serde_json::to_value(a.clocks).unwrap_or(Value::Null);
    CLOCKED
        .iter()
        .map(|&name| {
            let mut entry = JsonMap::new();
            // Fields at their default are left out of the storage format; their value is the
            // default's, written out so that a reader need not know it.
            entry.insert("value".into(), value.get(name).cloned().unwrap_or_else(|| default_of(name)));
            if let Some(at) = clocks.get(name) {
                entry.insert("at".into(), at.clone());
            }
            (name, to_any(&Value::Object(entry)))
        })
        .collect()
}

fn default_of(name: &str) -> Value {
    match name {
        "verdict" => json!("unrated"),
        "note" => json!(""),
        "tags" => json!([]),
        "dismissed" => json!(false),
        _ => Value::Null,
    }
}

fn write_annotation(txn: &mut TransactionMut, annotations: &MapRef, a: &Annotation) -> usize {
    let id = a.id.as_str();
    let existing = match annotations.get(txn, id) {
        Some(Out::YMap(map)) => Some(map),
        _ => None,
    };
    let mut written = usize::from(existing.is_none());
    let map = match existing {
        Some(map) => map,
        None => annotations.insert(txn, id, MapPrelim::default()),
    };
    // Set once, and written again only where someone changed them: a bad value would otherwise
    // keep the annotation out of every reader's copy.
    for (name, value) in [("origin", to_any(&json!(a.origin))), ("created", to_any(&json!(a.created)))] {
        if map.get(txn, name).map(|v| v.to_json(txn)).as_ref() != Some(&value) {
            map.insert(txn, name, value);
        }
    }
    for (name, entry) in field_entries(a) {
        if map.get(txn, name).map(|v| v.to_json(txn)).as_ref() != Some(&entry) {
            map.insert(txn, name, entry);
            written += 1;
        }
    }
    let sources: Vec<Any> = a.sources.iter().map(|s| to_any(&json!(s))).collect();
    written += write_list(txn, &map, SOURCES, &sources, |s| key_of(s, "id"));
    let removed: Vec<Any> = a.removed_sources.iter().map(|t| to_any(&json!(t))).collect();
    written += write_list(txn, &map, REMOVED_SOURCES, &removed, |t| key_of(t, "id"));
    let verdicts: Vec<Any> = a.team.people().iter().map(|p| to_any(&json!(p))).collect();
    written += write_list(txn, &map, VERDICTS, &verdicts, |_| None);
    written
}

fn key_of(any: &Any, name: &str) -> Option<String> {
    match any {
        Any::Map(map) => match map.get(name) {
            Some(Any::String(s)) => Some(s.to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// Makes the Y.Array `name` of `map` hold every item of `items`: pushes those it lacks, and
/// removes the other versions of an item with the same key (`key`; items without one are only
/// ever added). Returns how many changes it made.
fn write_list(
    txn: &mut TransactionMut,
    map: &MapRef,
    name: &str,
    items: &[Any],
    key: impl Fn(&Any) -> Option<String>,
) -> usize {
    let array: ArrayRef = match map.get(txn, name) {
        Some(Out::YArray(array)) => array,
        _ => {
            if items.is_empty() {
                return 0;
            }
            map.insert(txn, name, ArrayPrelim::default())
        }
    };
    let present: Vec<Any> = array.iter(txn).map(|v| v.to_json(txn)).collect();
    let mut changes = 0;
    let wanted: HashMap<String, &Any> = items.iter().filter_map(|i| key(i).map(|k| (k, i))).collect();
    // Older versions of a keyed item go, last first so that the indexes stay right.
    for (index, item) in present.iter().enumerate().rev() {
        if let Some(k) = key(item) {
            if wanted.get(&k).is_some_and(|w| *w != item) {
                array.remove(txn, index as u32);
                changes += 1;
            }
        }
    }
    for item in items {
        if !present.contains(item) {
            array.push_back(txn, item.clone());
            changes += 1;
        }
    }
    changes
}

/// Whether two storage documents hold the same work (annotations and tombstones, in canonical
/// form), whatever their article info.
pub fn same_work(a: &StoreDocument, b: &StoreDocument) -> bool {
    let canon = |d: &StoreDocument| {
        let mut d = d.clone();
        d.normalize();
        (d.annotations, d.tombstones)
    };
    canon(a) == canon(b)
}

/// The annotations of `doc` by id, for tests and reports.
pub fn by_id(doc: &StoreDocument) -> BTreeMap<AnnotationId, Annotation> {
    doc.annotations.iter().map(|a| (a.id.clone(), a.clone())).collect()
}
