//! Reading JSON into claimmark's types with serde's derived deserialisers, with errors that name
//! where the bad value is. [`read`] (and [`ByPath`]) names its path (`annotations[3].sources[0].url`)
//! through `serde_path_to_error`: the storage document as `StoreDocument::from_json` reads it (and
//! with it every backup import reads) and the classroom files. [`ByLine`] names its line and column
//! only: the storage document as the widget reads it (`StoreDocument::from_stored_json`). Import's
//! reader of other tools' formats, which lists a problem for every bad node of a file rather than
//! the first of the file, parses it once, walks its lists and reads each node with [`read_node`].

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Why [`read`] failed, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PathError {
    /// Like `annotations[3].sources[0].url`; `(document)` for the whole text.
    pub path: String,
    /// serde's message, without serde_json's " at line X column Y".
    pub message: String,
    /// Where the bad value ends in the text (1-based); 0 when serde_json does not know.
    pub line: usize,
    pub column: usize,
}

/// Reads `text` as a `T`. The text is meant to have been parsed as JSON already, so that syntax
/// errors are reported as such; here they would be reported like any other.
///
/// # Errors
/// The first bad value, with its path. A missing field is reported at its own path
/// (`article: missing`), not at the object's with serde's "missing field `article`".
pub(crate) fn read<T: DeserializeOwned>(text: &str) -> Result<T, PathError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| path_error("", e))?;
    // Only whitespace may follow; text that was parsed as JSON has nothing else.
    deserializer.end().map_err(|e| PathError {
        path: "(document)".to_owned(),
        message: without_position(&e),
        line: e.line(),
        column: e.column(),
    })?;
    Ok(value)
}

/// How a reader says where a bad value is. Both kinds read with the same derived deserialisers;
/// they differ only in what an error names.
pub(crate) trait Locate {
    /// Reads `text` as a `T`, as [`read`] does.
    fn read<T: DeserializeOwned>(text: &str) -> Result<T, PathError>;
}

/// Names the path of a bad value (`annotations[3].sources[0].url`), through serde_path_to_error:
/// [`read`].
pub(crate) struct ByPath;

impl Locate for ByPath {
    fn read<T: DeserializeOwned>(text: &str) -> Result<T, PathError> {
        read(text)
    }
}

/// Names the line and column of a bad value only, without serde_path_to_error's wrapper around
/// every deserialiser. For the widget, which reads what claimmark itself stored and, when it has
/// to show an error, asks `claimmark-io` for the path: leaving the wrappers out took 7.3 KB
/// gzipped off the publisher page (`./x build`, 2026-12-03).
pub(crate) struct ByLine;

impl Locate for ByLine {
    fn read<T: DeserializeOwned>(text: &str) -> Result<T, PathError> {
        let at_line = |e: serde_json::Error| PathError {
            path: "(document)".to_owned(),
            message: without_position(&e),
            line: e.line(),
            column: e.column(),
        };
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let value = T::deserialize(&mut deserializer).map_err(at_line)?;
        deserializer.end().map_err(at_line)?;
        Ok(value)
    }
}

/// Reads one node of a parsed file, found at `at` (like `items[3].target`), as a `T`: for readers
/// that walk a file's lists themselves so as to report every bad node, not only the first. The
/// error's path starts with `at`; its line and column are 0, a parsed value has none.
///
/// # Errors
/// As [`read`]: the first bad value inside the node, with its path.
pub(crate) fn read_node<T: DeserializeOwned>(value: &Value, at: &str) -> Result<T, PathError> {
    serde_path_to_error::deserialize(value).map_err(|e| path_error(at, e))
}

/// A serde_path_to_error failure inside the node at `at` (`""` for the document).
fn path_error(at: &str, e: serde_path_to_error::Error<serde_json::Error>) -> PathError {
    let inner_path = e.path().to_string();
    let inner = e.into_inner();
    let (line, column) = (inner.line(), inner.column());
    let message = without_position(&inner);
    let path = match inner_path.as_str() {
        "." => at.to_owned(),
        inner if at.is_empty() => inner.to_owned(),
        index if index.starts_with('[') => format!("{at}{index}"),
        key => format!("{at}.{key}"),
    };
    match message.strip_prefix("missing field `").and_then(|m| m.strip_suffix('`')) {
        Some(field) => PathError { path: join(&path, field), message: "missing".to_owned(), line, column },
        None => PathError { path: at_least_document(path), message, line, column },
    }
}

fn at_least_document(path: String) -> String {
    if path.is_empty() {
        "(document)".to_owned()
    } else {
        path
    }
}

/// serde_json's message without its " at line X column Y".
pub(crate) fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&position) {
        Some(message) => message.to_owned(),
        None => text,
    }
}

/// For `#[serde(default, deserialize_with = "null_as_default")]`: a field that may be missing or
/// `null`, both meaning its default (an empty list, an empty string).
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// `path.key`, or `key` at the top.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        inner: Vec<Inner>,
        #[serde(default, deserialize_with = "null_as_default")]
        list: Vec<u8>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        name: String,
    }

    #[test]
    fn errors_name_the_path() {
        let err = read::<Outer>(r#"{"inner": [{"name": "a"}, {"name": 3}]}"#).unwrap_err();
        assert_eq!(err.path, "inner[1].name");
        assert_eq!(err.message, "invalid type: integer `3`, expected a string");
        assert_eq!((err.line, err.column), (1, 36));
        let err = read::<Outer>(r#"{"inner": [{}]}"#).unwrap_err();
        assert_eq!((err.path.as_str(), err.message.as_str()), ("inner[0].name", "missing"));
        let err = read::<Outer>("{}").unwrap_err();
        assert_eq!((err.path.as_str(), err.message.as_str()), ("inner", "missing"));
        let err = read::<Outer>("3").unwrap_err();
        assert_eq!(err.path, "(document)");
        assert!(read::<Outer>(r#"{"inner": [], "list": null}"#).unwrap().list.is_empty());
    }

    #[test]
    fn node_errors_start_with_the_node_path() {
        let node: Value = serde_json::from_str(r#"{"inner": [{"name": 3}]}"#).unwrap();
        let err = read_node::<Outer>(&node, "items[2]").unwrap_err();
        assert_eq!(err.path, "items[2].inner[0].name");
        assert_eq!(err.message, "invalid type: integer `3`, expected a string");
        assert_eq!((err.line, err.column), (0, 0));
        let err = read_node::<Outer>(&node["inner"][0], "items[2].inner[0]").unwrap_err();
        assert_eq!(err.path, "items[2].inner[0].inner");
        assert_eq!(err.message, "missing");
        let list: Value = serde_json::from_str("[3]").unwrap();
        let err = read_node::<Vec<String>>(&list, "tags").unwrap_err();
        assert_eq!(err.path, "tags[0]");
        let number = Value::from(3);
        let err = read_node::<Outer>(&number, "rows[1]").unwrap_err();
        assert_eq!(err.path, "rows[1]");
        assert_eq!(read_node::<Outer>(&number, "").unwrap_err().path, "(document)");
    }
}
