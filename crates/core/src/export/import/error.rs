//! [`ImportError`]: why a file cannot be imported, with every [`Problem`] and where it is.

use std::fmt;

use super::ImportFormat;

/// One problem in a file, or one item kept out of an import, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The JSON path, like `rows[3].target[0].selector[1]`; `(document)` for the whole file.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why a file cannot be imported. Nothing stored changes when [`read`](super::read) fails.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    #[error("the file is {bytes} bytes, over the limit of {limit} bytes (20 MB)")]
    TooLarge { bytes: usize, limit: usize },
    #[error("the file is not UTF-8 text: line {line}, byte {byte} starts an invalid sequence")]
    NotUtf8 { line: usize, byte: usize },
    /// Not JSON: truncated or malformed.
    #[error("line {line}, column {column}: {message}")]
    Syntax { line: usize, column: usize, message: String },
    #[error("the file has {found} annotations, over the limit of {limit}")]
    TooMany { found: usize, limit: usize },
    #[error(
        "this backup was written by a newer claimmark (version {found}; this one reads up to {supported})"
    )]
    NewerVersion { found: u64, supported: u32 },
    /// JSON, but not an importable file: the wrong shape, an unknown selector type, an unsafe
    /// url... `format` is what the file looked like, when that was clear.
    #[error("{}", invalid_message(problems))]
    Invalid { format: Option<ImportFormat>, problems: Vec<Problem> },
}

fn invalid_message(problems: &[Problem]) -> String {
    match problems {
        [] => "the file is not valid".to_owned(),
        [one] => one.to_string(),
        [first, rest @ ..] => {
            format!("{first} (and {} more problem{})", rest.len(), if rest.len() == 1 { "" } else { "s" })
        }
    }
}

impl ImportError {
    /// Every problem with its path (one for the errors that are not about a place in the file).
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            ImportError::Invalid { problems, .. } => problems.clone(),
            ImportError::Syntax { line, column, message } => {
                vec![Problem { path: format!("line {line}, column {column}"), message: message.clone() }]
            }
            other => vec![Problem { path: "(document)".to_owned(), message: other.to_string() }],
        }
    }

    /// What the file looked like, when that was clear before the error.
    pub fn format(&self) -> Option<ImportFormat> {
        match self {
            ImportError::Invalid { format, .. } => *format,
            ImportError::NewerVersion { .. } => Some(ImportFormat::Backup),
            _ => None,
        }
    }

    pub(super) fn shape(path: &str, message: impl fmt::Display) -> ImportError {
        ImportError::Invalid {
            format: None,
            problems: vec![Problem { path: path.to_owned(), message: message.to_string() }],
        }
    }
}
