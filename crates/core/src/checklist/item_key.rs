//! The key of a checklist item, typed.
//!
//! The checklist gives each item a key string ([`ClaimItem::key`]), which also reaches the
//! widget's DOM (`data-key`, `data-cm-key`) and its JS API (`claim.key`). A
//! [`crate::session::Session`], its edits and the widget's actions hold it as an [`ItemKey`]; its
//! `Display` and `FromStr` are exactly that string, and nothing else parses: a string that does
//! not print back the same is refused.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use super::ClaimItem;
use crate::model::{AnnotationId, ClaimKind};
use crate::text::{CharOffset, CharSpan};

/// Which checklist item an action is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ItemKey {
    /// `d:<kind>:<start>-<end>`: a detected claim, also once an annotation has taken it over.
    Detected {
        kind: ClaimKind,
        span: CharSpan,
        /// What tells apart items on the same detected claim: `#<n>` for the n-th of identical
        /// detections, `#<annotation id>` for a second annotation on the claim.
        twin: Option<Box<str>>,
    },
    /// `a:<annotation id>`: an annotation that is not on a detected claim.
    Annotation(AnnotationId),
}

/// A string that is not an item key, with the string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemKeyError(pub String);

impl fmt::Display for ItemKeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' is not a claim's key (d:<kind>:<start>-<end> or a:<annotation id>)", self.0)
    }
}

impl ItemKey {
    /// The key of `item`.
    ///
    /// # Errors
    /// [`ItemKeyError`] when core's key is not in one of the forms above.
    pub fn of(item: &ClaimItem) -> Result<ItemKey, ItemKeyError> {
        item.key.parse()
    }

    /// Whether this is the key `key` (as core or the DOM spells it), without building a string.
    pub fn is(&self, key: &str) -> bool {
        /// Takes what is written off the front of the expected key, failing at the first difference.
        struct Rest<'a>(&'a str);
        impl fmt::Write for Rest<'_> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                self.0 = self.0.strip_prefix(s).ok_or(fmt::Error)?;
                Ok(())
            }
        }
        let mut rest = Rest(key);
        write!(rest, "{self}").is_ok() && rest.0.is_empty()
    }
}

impl fmt::Display for ItemKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemKey::Detected { kind, span, twin } => {
                write!(f, "d:{}:{}-{}", kind.as_str(), span.start, span.end)?;
                match twin {
                    Some(twin) => write!(f, "#{twin}"),
                    None => Ok(()),
                }
            }
            ItemKey::Annotation(id) => write!(f, "a:{id}"),
        }
    }
}

impl FromStr for ItemKey {
    type Err = ItemKeyError;

    fn from_str(s: &str) -> Result<ItemKey, ItemKeyError> {
        let error = || ItemKeyError(s.to_owned());
        let key = if let Some(id) = s.strip_prefix("a:") {
            ItemKey::Annotation(AnnotationId::parse(id).map_err(|_| error())?)
        } else {
            let rest = s.strip_prefix("d:").ok_or_else(error)?;
            let (claim, twin) = match rest.split_once('#') {
                Some((claim, twin)) => (claim, Some(Box::from(twin))),
                None => (rest, None),
            };
            let (kind, range) = claim.split_once(':').ok_or_else(error)?;
            let (start, end) = range.split_once('-').ok_or_else(error)?;
            let offset = |n: &str| n.parse().map(CharOffset).map_err(|_| error());
            ItemKey::Detected {
                kind: ClaimKind::parse(kind).ok_or_else(error)?,
                span: CharSpan { start: offset(start)?, end: offset(end)? },
                twin,
            }
        };
        // Only the exact spelling: "+5" or "05" would print back differently.
        if key.is(s) {
            Ok(key)
        } else {
            Err(error())
        }
    }
}
