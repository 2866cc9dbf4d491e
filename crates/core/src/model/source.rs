//! Sources: evidence for or against a claim ([`Source`]), its web address ([`SourceUrl`], http or
//! https only), and the tombstone a removed source leaves ([`SourceTombstone`]).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{is_empty_str, IsoDate, ModelError, SourceId, Timestamp};

/// A web address that is safe to put in an `href`: `http` or `https` only.
///
/// `javascript:`, `data:` and friends are refused because a source link is clicked by people who
/// trust the tool, and imported files come from anywhere.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SourceUrl(String);

impl SourceUrl {
    /// Longest accepted URL, in bytes; far beyond any real citation.
    pub const MAX_LEN: usize = 4096;

    /// Checks and keeps a URL. Surrounding whitespace is trimmed and the scheme lowercased;
    /// nothing else is rewritten.
    ///
    /// # Errors
    /// [`ModelError::UrlScheme`] when the scheme is not `http` or `https` (including no scheme),
    /// [`ModelError::UrlInvalid`] when there is no host, the URL contains spaces or control
    /// characters, or it is longer than [`SourceUrl::MAX_LEN`].
    pub fn parse(url: &str) -> Result<SourceUrl, ModelError> {
        let trimmed = url.trim();
        let invalid = |reason| ModelError::UrlInvalid { url: url.to_owned(), reason };
        let (scheme, rest) = match trimmed.split_once("://") {
            Some((scheme, rest))
                if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") =>
            {
                (scheme.to_ascii_lowercase(), rest)
            }
            _ => return Err(ModelError::UrlScheme { url: url.to_owned() }),
        };
        if trimmed.len() > Self::MAX_LEN {
            return Err(invalid("it is longer than 4096 bytes"));
        }
        if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid("it contains spaces or control characters"));
        }
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host_port = authority.rsplit('@').next().unwrap_or("");
        let host = if host_port.starts_with('[') {
            host_port.split(']').next().map(|h| h.trim_start_matches('[')).unwrap_or("")
        } else {
            host_port.split(':').next().unwrap_or("")
        };
        if host.is_empty() {
            return Err(invalid("it has no host name"));
        }
        if host.chars().any(|c| matches!(c, '<' | '>' | '"' | '\\' | '^' | '`' | '{' | '|' | '}')) {
            return Err(invalid("its host name contains characters a host name cannot have"));
        }
        Ok(SourceUrl(format!("{scheme}://{rest}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SourceUrl {
    type Error = ModelError;
    fn try_from(value: String) -> Result<Self, ModelError> {
        SourceUrl::parse(&value)
    }
}

impl From<SourceUrl> for String {
    fn from(url: SourceUrl) -> String {
        url.0
    }
}

impl fmt::Display for SourceUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Evidence for or against a claim.
///
/// Sources carry their own clocks so that two copies of an annotation merge source by source:
/// adding a source in each of two tabs keeps both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub id: SourceId,
    pub url: SourceUrl,
    #[serde(default, skip_serializing_if = "is_empty_str")]
    pub title: String,
    #[serde(default, skip_serializing_if = "is_empty_str")]
    pub publisher: String,
    /// The passage of the source that supports or refutes the claim.
    #[serde(default, skip_serializing_if = "is_empty_str")]
    pub excerpt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<IsoDate>,
    #[serde(default, skip_serializing_if = "is_empty_str")]
    pub note: String,
    /// When the source was added; sources are listed in this order.
    pub added: Timestamp,
    /// When any field of the source last changed.
    pub modified: Timestamp,
}

impl Source {
    /// A source with only a url, accessed today (the date of `now`).
    pub fn new(id: SourceId, url: SourceUrl, now: Timestamp) -> Source {
        Source {
            id,
            url,
            title: String::new(),
            publisher: String::new(),
            excerpt: String::new(),
            accessed: Some(now.date()),
            note: String::new(),
            added: now,
            modified: now,
        }
    }
}

/// A source removed from an annotation, remembered so a merge with an older copy does not bring it
/// back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceTombstone {
    pub id: SourceId,
    pub deleted: Timestamp,
}
