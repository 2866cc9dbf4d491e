//! Offsets into text, one type per unit: UTF-8 bytes ([`ByteOffset`]), Unicode characters
//! ([`CharOffset`], what detection and the W3C selectors count) and UTF-16 code units
//! ([`Utf16Offset`], what the DOM counts), and a span of characters ([`CharSpan`]). Inside this
//! crate, the recognisers find claims at spans of bytes (`ByteSpan`), which [`crate::detect`]
//! converts to [`CharSpan`]s before it returns them.
//!
//! They live here, with detection, because detection speaks them; `claimmark_core::text`
//! re-exports them next to `TextIndex`, which converts between them.

use serde::{Deserialize, Serialize};

macro_rules! offset_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub usize);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

offset_type!(
    /// An offset in UTF-8 bytes, as Rust's `str` indexes.
    ByteOffset
);
offset_type!(
    /// An offset in Unicode scalar values, as the W3C selectors count.
    CharOffset
);
offset_type!(
    /// An offset in UTF-16 code units, as the DOM counts.
    Utf16Offset
);

/// A half-open range `[start, end)` of UTF-8 bytes of the text passed to [`crate::detect`]: where
/// a recogniser found a claim, before `detect` converts it to a [`CharSpan`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ByteSpan {
    pub start: ByteOffset,
    pub end: ByteOffset,
}

/// A half-open range `[start, end)` of characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct CharSpan {
    pub start: CharOffset,
    pub end: CharOffset,
}

impl CharSpan {
    pub fn new(start: usize, end: usize) -> Self {
        CharSpan { start: CharOffset(start), end: CharOffset(end.max(start)) }
    }
    pub fn len(&self) -> usize {
        // Saturating: a span read from a file may have its ends the wrong way round.
        self.end.0.saturating_sub(self.start.0)
    }
    pub fn is_empty(&self) -> bool {
        self.end.0 <= self.start.0
    }
    /// Number of characters the two spans share.
    pub fn overlap(&self, other: &CharSpan) -> usize {
        let start = self.start.0.max(other.start.0);
        let end = self.end.0.min(other.end.0);
        end.saturating_sub(start)
    }
    pub fn contains(&self, other: &CharSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}
