//! Reading classroom files field by field, so that every error names its JSON path.
//!
//! serde alone would report "invalid type at line 1 column 40213" for a bad value deep in a file;
//! teachers need "key[2].require_source: expected true or false, found a string".

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::{FileError, FileKind, MAX_FILE_BYTES};
pub(crate) use crate::json_path::{join, kind_of};

/// Parses `text` and checks the envelope: a JSON object whose `format` is `format` and whose
/// `version` is at most `supported`. Returns the object and its version.
pub(crate) fn open(
    text: &str,
    kind: FileKind,
    format: &str,
    supported: u32,
) -> Result<(Map<String, Value>, u64), FileError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge { bytes: text.len(), limit: MAX_FILE_BYTES });
    }
    // Windows editors and Excel-minded tools add a byte order mark; it is not damage.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let root: Value = serde_json::from_str(text).map_err(|e| FileError::Syntax {
        line: e.line(),
        column: e.column(),
        message: without_position(&e),
    })?;
    let found = FileKind::identify(&root);
    let Value::Object(object) = root else {
        return Err(FileError::WrongKind { expected: kind, found });
    };
    match object.get("format") {
        Some(Value::String(f)) if f == format => {}
        Some(Value::String(other)) if found.is_none() => {
            return Err(FileError::invalid("format", format!("'{other}' is not a claimmark file format")))
        }
        _ => return Err(FileError::WrongKind { expected: kind, found }),
    }
    let version = match object.get("version") {
        None => return Err(FileError::invalid("version", "missing")),
        Some(v) => v.as_u64().filter(|v| *v >= 1).ok_or_else(|| {
            FileError::invalid("version", format!("expected a whole number from 1, found {v}"))
        })?,
    };
    if version > u64::from(supported) {
        return Err(FileError::NewerVersion { kind, found: version, supported });
    }
    Ok((object, version))
}

fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// Deserialises one value, naming `path` in the error.
pub(crate) fn read<T: DeserializeOwned>(value: &Value, path: &str) -> Result<T, FileError> {
    T::deserialize(value).map_err(|e| FileError::invalid(path, without_position(&e)))
}

/// The value at `key` of an object; an error naming the path when it is missing.
pub(crate) fn required<'v>(
    object: &'v Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<&'v Value, FileError> {
    object.get(key).ok_or_else(|| FileError::invalid(join(path, key), "missing"))
}

/// Reads the required field `key`.
pub(crate) fn field<T: DeserializeOwned>(
    object: &Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<T, FileError> {
    read(required(object, key, path)?, &join(path, key))
}

/// Reads the optional field `key`; missing and `null` give the default.
pub(crate) fn optional<T: DeserializeOwned + Default>(
    object: &Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<T, FileError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(T::default()),
        Some(v) => read(v, &join(path, key)),
    }
}

/// The object at `value`, or an error saying what was found instead.
pub(crate) fn object<'v>(
    value: &'v Value,
    path: &str,
    what: &str,
) -> Result<&'v Map<String, Value>, FileError> {
    value.as_object().ok_or_else(|| {
        FileError::invalid(path, format!("expected {what} (an object), found {}", kind_of(value)))
    })
}

/// The elements of the list at `key`, each with its path. A missing list is an error when
/// `needed`, else empty.
pub(crate) fn list<'v>(
    object: &'v Map<String, Value>,
    key: &str,
    path: &str,
    needed: bool,
) -> Result<Vec<(String, &'v Value)>, FileError> {
    let at = join(path, key);
    match object.get(key) {
        None | Some(Value::Null) if !needed => Ok(Vec::new()),
        None => Err(FileError::invalid(at, "missing")),
        Some(Value::Array(items)) => {
            Ok(items.iter().enumerate().map(|(i, v)| (format!("{at}[{i}]"), v)).collect())
        }
        Some(other) => Err(FileError::invalid(at, format!("expected a list, found {}", kind_of(other)))),
    }
}

/// Checks a string's length (in characters) and, when `needed`, that it is not blank.
pub(crate) fn check_text(value: &str, path: &str, max: usize, needed: bool) -> Result<(), FileError> {
    if needed && value.trim().is_empty() {
        return Err(FileError::invalid(path, "is empty"));
    }
    if value.chars().count() > max {
        return Err(FileError::invalid(path, format!("is longer than {max} characters")));
    }
    Ok(())
}

/// Checks an identifier: non-empty, at most 256 bytes, no whitespace or control characters (it
/// appears in file names and storage keys).
pub(crate) fn check_id(value: &str, path: &str) -> Result<(), FileError> {
    let problem = if value.is_empty() {
        "is empty"
    } else if value.len() > 256 {
        "is longer than 256 bytes"
    } else if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        "contains whitespace or control characters"
    } else {
        return Ok(());
    };
    Err(FileError::invalid(path, format!("'{value}' {problem}")))
}

/// Writes a timestamp as RFC 3339 text, since people read these files. (Reading accepts text or
/// milliseconds, as [`Timestamp`] always does.)
pub(crate) fn rfc3339<S: serde::Serializer>(t: &crate::model::Timestamp, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339())
}
