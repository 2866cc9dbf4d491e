//! Reading classroom files: the envelope (`format`, `version`) from a `Value`, to tell the kind of
//! file apart, then the whole file with serde's derived deserialisers and `serde_path_to_error`,
//! so that every error names its JSON path.
//!
//! serde alone would report "invalid type at line 1 column 40213" for a bad value deep in a file;
//! teachers need "key[2].require_source: invalid type: string \"yes\", expected a boolean".

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{FileError, FileKind, MAX_FILE_BYTES};
pub(crate) use crate::json_path::{join, null_as_default};

/// Parses `text` and checks the envelope: a JSON object whose `format` is `format` and whose
/// `version` is at most `supported`. Returns the text without a byte order mark, and the object.
pub(crate) fn open<'t>(
    text: &'t str,
    kind: FileKind,
    format: &str,
    supported: u32,
) -> Result<(&'t str, Value), FileError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge { bytes: text.len(), limit: MAX_FILE_BYTES });
    }
    // Windows editors and Excel-minded tools add a byte order mark; it is not damage.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let root: Value = serde_json::from_str(text).map_err(|e| FileError::Syntax {
        line: e.line(),
        column: e.column(),
        message: crate::json_path::without_position(&e),
    })?;
    let found = FileKind::identify(&root);
    let Value::Object(object) = &root else {
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
    Ok((text, root))
}

/// Reads the whole file (its envelope checked by [`open`]) as a `T`.
///
/// # Errors
/// [`FileError::Invalid`] with the path of the first bad value.
pub(crate) fn read<T: DeserializeOwned>(text: &str) -> Result<T, FileError> {
    crate::json_path::read(text).map_err(|e| FileError::invalid(e.path, e.message))
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
