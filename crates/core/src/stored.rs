//! The storage document of the current version, read by hand from a `serde_json::Value`.
//!
//! [`StoreDocument::from_current_stored_json`] and [`StoreDocument::from_stored_json`] read the
//! current version with it. It accepts what the types' derived deserialisers accept, or less, with
//! the same checks (ids, urls, dates, spans, timestamps go through the model's own parsers), and
//! every error names the path of the bad value. serde's derived deserialisers for the dozen types of
//! an annotation are about 40 KB of the widget's wasm, this is a few: the publisher bundle, which
//! parses JSON into a `Value` for its options anyway, holds no other reader of the format. Tests
//! check that every document it reads, [`StoreDocument::from_json`] reads the same.
//!
//! [`StoreDocument::from_current_stored_json`]: crate::store::StoreDocument::from_current_stored_json
//! [`StoreDocument::from_stored_json`]: crate::store::StoreDocument::from_stored_json
//! [`StoreDocument::from_json`]: crate::store::StoreDocument::from_json

use std::fmt;

use serde_json::{Map, Value};

use crate::json_path::{join, kind_of};
use crate::model::{
    Annotation, AnnotationId, ClaimKind, FieldClocks, IsoDate, ModelError, Origin, Selector, Selectors,
    Source, SourceId, SourceTombstone, SourceUrl, Target, TextPositionSelector, TextQuoteSelector, Timestamp,
    Verdict,
};
use crate::store::{ArticleInfo, StoreDocument, StoreError, Tombstone, CURRENT_VERSION};
use crate::text::CharOffset;

type Read<T> = Result<T, StoreError>;

fn bad(path: &str, message: impl fmt::Display) -> StoreError {
    StoreError::Shape { path: path.to_owned(), message: message.to_string(), line: None, column: None }
}

fn expected(path: &str, what: &str, found: &Value) -> StoreError {
    bad(path, format!("expected {what}, found {}", kind_of(found)))
}

/// One JSON object and its path.
struct At<'a> {
    object: &'a Map<String, Value>,
    path: &'a str,
}

impl<'a> At<'a> {
    fn of(value: &'a Value, path: &'a str, what: &str) -> Read<At<'a>> {
        match value {
            Value::Object(object) => Ok(At { object, path }),
            other => Err(expected(path, what, other)),
        }
    }

    fn path(&self, key: &str) -> String {
        join(self.path, key)
    }

    /// A field that must be there (`null` is there).
    fn required(&self, key: &str) -> Read<(&'a Value, String)> {
        let path = self.path(key);
        match self.object.get(key) {
            Some(value) => Ok((value, path)),
            None => Err(bad(&path, "missing")),
        }
    }

    /// A field with a default: `f` reads it when it is there (`null` included).
    fn or_default<T: Default>(&self, key: &str, f: impl FnOnce(&Value, &str) -> Read<T>) -> Read<T> {
        match self.object.get(key) {
            Some(value) => f(value, &self.path(key)),
            None => Ok(T::default()),
        }
    }

    /// An optional field: missing and `null` are `None`.
    fn optional<T>(&self, key: &str, f: impl FnOnce(&Value, &str) -> Read<T>) -> Read<Option<T>> {
        match self.object.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => f(value, &self.path(key)).map(Some),
        }
    }

    fn string(&self, key: &str) -> Read<String> {
        let (value, path) = self.required(key)?;
        string(value, &path)
    }

    fn timestamp(&self, key: &str) -> Read<Timestamp> {
        let (value, path) = self.required(key)?;
        timestamp(value, &path)
    }
}

fn string(value: &Value, path: &str) -> Read<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        other => Err(expected(path, "a string", other)),
    }
}

fn whole(value: &Value, path: &str) -> Read<usize> {
    value
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| expected(path, "a whole number", value))
}

fn boolean(value: &Value, path: &str) -> Read<bool> {
    value.as_bool().ok_or_else(|| expected(path, "true or false", value))
}

fn model<T>(path: &str, result: Result<T, ModelError>) -> Read<T> {
    result.map_err(|e| bad(path, e))
}

/// Milliseconds since 1970 (an integer, or a number, truncated) or an RFC 3339 string, in the
/// years 0000 to 9999: what `Timestamp`'s deserialiser accepts.
fn timestamp(value: &Value, path: &str) -> Read<Timestamp> {
    let millis = match value {
        Value::String(s) => return model(path, Timestamp::parse(s)),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => i64::try_from(u).unwrap_or(i64::MAX),
            (None, Some(i), _) => i,
            // Truncated, as the deserialiser's `v as i64` does.
            #[allow(clippy::cast_possible_truncation)]
            (None, None, Some(f)) if f.is_finite() => f as i64,
            _ => return Err(bad(path, "a timestamp must be a finite number")),
        },
        other => return Err(expected(path, "milliseconds since 1970 or an RFC 3339 timestamp", other)),
    };
    if (Timestamp::MIN.as_millis()..=Timestamp::MAX.as_millis()).contains(&millis) {
        Ok(Timestamp::from_millis(millis))
    } else {
        Err(bad(path, ModelError::TimestampRange { millis }))
    }
}

fn optional_timestamp(value: &Value, path: &str) -> Read<Option<Timestamp>> {
    match value {
        Value::Null => Ok(None),
        other => timestamp(other, path).map(Some),
    }
}

/// A list (`null_is_empty`: or `null`), each element read with its path.
fn list<T>(
    value: &Value,
    path: &str,
    null_is_empty: bool,
    f: impl Fn(&Value, &str) -> Read<T>,
) -> Read<Vec<T>> {
    match value {
        Value::Array(items) => {
            items.iter().enumerate().map(|(i, item)| f(item, &format!("{path}[{i}]"))).collect()
        }
        Value::Null if null_is_empty => Ok(Vec::new()),
        other => Err(expected(path, "a list", other)),
    }
}

/// One of `names`, spelled exactly.
fn name<T: Copy>(value: &Value, path: &str, all: &[T], as_str: fn(T) -> &'static str) -> Read<T> {
    let s = match value {
        Value::String(s) => s,
        other => return Err(expected(path, "a string", other)),
    };
    all.iter().copied().find(|v| as_str(*v) == s).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|v| as_str(*v)).collect();
        bad(path, format!("unknown variant `{s}`, expected one of {}", names.join(", ")))
    })
}

fn selector(value: &Value, path: &str) -> Read<Selector> {
    let at = At::of(value, path, "a selector object")?;
    match at.string("type")?.as_str() {
        "TextQuoteSelector" => Ok(Selector::TextQuoteSelector(TextQuoteSelector {
            exact: at.string("exact")?,
            prefix: at.or_default("prefix", string)?,
            suffix: at.or_default("suffix", string)?,
        })),
        "TextPositionSelector" => {
            let (start, start_path) = at.required("start")?;
            let (end, end_path) = at.required("end")?;
            let (start, end) = (whole(start, &start_path)?, whole(end, &end_path)?);
            if end < start {
                return Err(bad(path, ModelError::Span { start, end }));
            }
            Ok(Selector::TextPositionSelector(TextPositionSelector {
                start: CharOffset(start),
                end: CharOffset(end),
            }))
        }
        other => Err(bad(
            &at.path("type"),
            format!("unknown variant `{other}`, expected `TextQuoteSelector` or `TextPositionSelector`"),
        )),
    }
}

fn target(value: &Value, path: &str) -> Read<Target> {
    let at = At::of(value, path, "a target object")?;
    let article_id = at.string("source")?;
    let (selectors, selectors_path) = at.required("selector")?;
    let (mut quote, mut position) = (None, None);
    for selector in list(selectors, &selectors_path, false, selector)? {
        match selector {
            Selector::TextQuoteSelector(q) => quote = quote.or(Some(q)),
            Selector::TextPositionSelector(p) => position = position.or(Some(p)),
        }
    }
    let quote = quote.ok_or_else(|| bad(path, crate::model::TargetError::NoQuote))?;
    Ok(Target { article_id, selectors: Selectors { quote, position: position.unwrap_or_default() } })
}

fn source(value: &Value, path: &str) -> Read<Source> {
    let at = At::of(value, path, "a source object")?;
    Ok(Source {
        id: model(&at.path("id"), SourceId::try_from(at.string("id")?))?,
        url: model(&at.path("url"), SourceUrl::parse(&at.string("url")?))?,
        title: at.or_default("title", string)?,
        publisher: at.or_default("publisher", string)?,
        excerpt: at.or_default("excerpt", string)?,
        accessed: at.optional("accessed", |v, p| model(p, IsoDate::parse(&string(v, p)?)))?,
        note: at.or_default("note", string)?,
        added: at.timestamp("added")?,
        modified: at.timestamp("modified")?,
    })
}

fn source_tombstone(value: &Value, path: &str) -> Read<SourceTombstone> {
    let at = At::of(value, path, "an object")?;
    Ok(SourceTombstone {
        id: model(&at.path("id"), SourceId::try_from(at.string("id")?))?,
        deleted: at.timestamp("deleted")?,
    })
}

fn clocks(value: &Value, path: &str) -> Read<FieldClocks> {
    let at = At::of(value, path, "an object of clocks")?;
    let clock = |key: &str| at.or_default(key, optional_timestamp);
    Ok(FieldClocks {
        target: clock("target")?,
        kind: clock("kind")?,
        verdict: clock("verdict")?,
        note: clock("note")?,
        tags: clock("tags")?,
        dismissed: clock("dismissed")?,
    })
}

fn annotation(value: &Value, path: &str) -> Read<Annotation> {
    let at = At::of(value, path, "an annotation object")?;
    let (target_value, target_path) = at.required("target")?;
    let (origin, origin_path) = at.required("origin")?;
    let (kind, kind_path) = at.required("kind")?;
    Ok(Annotation {
        id: model(&at.path("id"), AnnotationId::try_from(at.string("id")?))?,
        target: target(target_value, &target_path)?,
        origin: name(origin, &origin_path, &[Origin::Detected, Origin::User], |o| match o {
            Origin::Detected => "detected",
            Origin::User => "user",
        })?,
        kind: name(kind, &kind_path, &ClaimKind::ALL, ClaimKind::as_str)?,
        verdict: match at.object.get("verdict") {
            None => Verdict::Unrated,
            Some(v) => name(v, &at.path("verdict"), &Verdict::ALL, Verdict::as_str)?,
        },
        sources: at.or_default("sources", |v, p| list(v, p, false, source))?,
        removed_sources: at.or_default("removed_sources", |v, p| list(v, p, false, source_tombstone))?,
        note: at.or_default("note", string)?,
        tags: at.or_default("tags", |v, p| list(v, p, false, string))?,
        dismissed: at.or_default("dismissed", boolean)?,
        created: at.timestamp("created")?,
        modified: at.timestamp("modified")?,
        clocks: at.or_default("clocks", clocks)?,
    })
}

fn tombstone(value: &Value, path: &str) -> Read<Tombstone> {
    let at = At::of(value, path, "an object")?;
    Ok(Tombstone {
        id: model(&at.path("id"), AnnotationId::try_from(at.string("id")?))?,
        deleted: at.timestamp("deleted")?,
    })
}

/// A document of the current version (its `version` already checked), not yet normalised.
/// `annotations` must be there, as a list or `null`; `tombstones` may be missing or `null`.
pub(crate) fn document(value: &Value) -> Read<StoreDocument> {
    let at = At::of(value, "(document)", "a JSON object")?;
    let at = At { object: at.object, path: "" };
    let (article, article_path) = at.required("article")?;
    let article = At::of(article, &article_path, "an object")?;
    let article = ArticleInfo {
        id: article.string("id")?,
        title: article.or_default("title", string)?,
        fingerprint: article.or_default("fingerprint", string)?,
    };
    let (annotations, annotations_path) = at.required("annotations")?;
    Ok(StoreDocument {
        version: CURRENT_VERSION,
        article,
        annotations: list(annotations, &annotations_path, true, annotation)?,
        tombstones: at.or_default("tombstones", |v, p| list(v, p, true, tombstone))?,
    })
}
