//! The boundary between the DOM and core offsets.
//!
//! The DOM counts UTF-16 code units; core counts characters. This module is the only place that
//! converts, through [`claimmark_core::text::TextIndex`].

use claimmark_core::text::{CharOffset, TextIndex, Utf16Offset};

/// Converts a DOM offset within `text` to a character offset, or `None` when it splits a
/// surrogate pair or lies past the end.
pub fn utf16_to_char(text: &str, at: u32) -> Option<CharOffset> {
    TextIndex::new(text).utf16_to_char(Utf16Offset(at as usize))
}

/// Converts a character offset within `text` to the DOM's UTF-16 offset.
pub fn char_to_utf16(text: &str, at: CharOffset) -> u32 {
    TextIndex::new(text).char_to_utf16(at).0 as u32
}
