//! [`StoreError`]: why a stored document could not be read, with the JSON path and, when they
//! exist, the line and column.

use std::fmt;

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

pub(super) fn shape(path: impl Into<String>, message: impl fmt::Display) -> StoreError {
    StoreError::Shape { path: path.into(), message: message.to_string(), line: None, column: None }
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
