//! Offsets into text, one type per unit.
//!
//! Rust slices strings by UTF-8 byte, the DOM counts UTF-16 code units, and the W3C Web Annotation
//! selectors count Unicode code points ("characters"). Mixing them up is the classic annotation bug:
//! it works on English and breaks on the first emoji. So each unit has its own newtype, and a
//! [`TextIndex`] converts between them. Core APIs speak [`CharOffset`]; the widget converts to
//! [`Utf16Offset`] only where it touches the DOM.
//!
//! ```
//! use claimmark_core::text::{CharOffset, TextIndex, Utf16Offset};
//! let text = "a😀b";
//! let index = TextIndex::new(text);
//! assert_eq!(index.char_to_utf16(CharOffset(2)), Utf16Offset(3));
//! assert_eq!(index.utf16_to_char(Utf16Offset(3)), Some(CharOffset(2)));
//! assert_eq!(index.utf16_to_char(Utf16Offset(2)), None); // inside the surrogate pair
//! assert_eq!(index.char_to_byte(CharOffset(2)).0, 5);
//! ```

pub use claimmark_detect::offsets::{ByteOffset, CharOffset, CharSpan, Utf16Offset};

/// Checkpoints are kept every `STRIDE` characters, so a conversion walks at most `STRIDE` characters.
const STRIDE: usize = 64;

#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    byte: usize,
    utf16: usize,
}

/// Converts offsets between bytes, characters and UTF-16 units of one text.
///
/// Building it is one pass over the text. On pure ASCII every conversion is the identity and costs
/// nothing more.
#[derive(Debug, Clone)]
pub struct TextIndex<'a> {
    text: &'a str,
    ascii: bool,
    char_len: usize,
    utf16_len: usize,
    /// `checkpoints[i]` is the position of character `i * STRIDE`.
    checkpoints: Vec<Checkpoint>,
}

impl<'a> TextIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return TextIndex {
                text,
                ascii: true,
                char_len: text.len(),
                utf16_len: text.len(),
                checkpoints: Vec::new(),
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut utf16 = 0;
        let mut chars = 0;
        for (byte, c) in text.char_indices() {
            if chars % STRIDE == 0 {
                checkpoints.push(Checkpoint { byte, utf16 });
            }
            chars += 1;
            utf16 += c.len_utf16();
        }
        if chars % STRIDE == 0 {
            checkpoints.push(Checkpoint { byte: text.len(), utf16 });
        }
        TextIndex { text, ascii: false, char_len: chars, utf16_len: utf16, checkpoints }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }
    /// Length in characters.
    pub fn char_len(&self) -> usize {
        self.char_len
    }
    /// Length in UTF-16 code units.
    pub fn utf16_len(&self) -> usize {
        self.utf16_len
    }

    /// Byte offset of a character offset; offsets past the end clamp to the end.
    pub fn char_to_byte(&self, at: CharOffset) -> ByteOffset {
        self.walk(at).0
    }

    /// UTF-16 offset of a character offset; offsets past the end clamp to the end.
    pub fn char_to_utf16(&self, at: CharOffset) -> Utf16Offset {
        self.walk(at).1
    }

    fn walk(&self, at: CharOffset) -> (ByteOffset, Utf16Offset) {
        if at.0 >= self.char_len {
            return (ByteOffset(self.text.len()), Utf16Offset(self.utf16_len));
        }
        if self.ascii {
            return (ByteOffset(at.0), Utf16Offset(at.0));
        }
        let cp = self.checkpoints[at.0 / STRIDE];
        let mut byte = cp.byte;
        let mut utf16 = cp.utf16;
        for c in self.text[byte..].chars().take(at.0 % STRIDE) {
            byte += c.len_utf8();
            utf16 += c.len_utf16();
        }
        (ByteOffset(byte), Utf16Offset(utf16))
    }

    /// Character offset of a byte offset, or `None` when it is not on a character boundary or is
    /// past the end.
    pub fn byte_to_char(&self, at: ByteOffset) -> Option<CharOffset> {
        if at.0 > self.text.len() || !self.text.is_char_boundary(at.0) {
            return None;
        }
        if self.ascii {
            return Some(CharOffset(at.0));
        }
        let block = self.checkpoints.partition_point(|cp| cp.byte <= at.0) - 1;
        let cp = self.checkpoints[block];
        Some(CharOffset(block * STRIDE + self.text[cp.byte..at.0].chars().count()))
    }

    /// Character offset of a UTF-16 offset, or `None` when it falls inside a surrogate pair or past
    /// the end.
    pub fn utf16_to_char(&self, at: Utf16Offset) -> Option<CharOffset> {
        if at.0 > self.utf16_len {
            return None;
        }
        if self.ascii {
            return Some(CharOffset(at.0));
        }
        let block = self.checkpoints.partition_point(|cp| cp.utf16 <= at.0) - 1;
        let cp = self.checkpoints[block];
        let mut utf16 = cp.utf16;
        let mut chars = block * STRIDE;
        for c in self.text[cp.byte..].chars() {
            if utf16 >= at.0 {
                break;
            }
            utf16 += c.len_utf16();
            chars += 1;
        }
        (utf16 == at.0).then_some(CharOffset(chars))
    }

    /// The text of a character span (clamped to the text).
    pub fn slice(&self, span: CharSpan) -> &'a str {
        let start = self.char_to_byte(span.start).0;
        let end = self.char_to_byte(span.end).0.max(start);
        &self.text[start..end]
    }
}

/// The span without the white space at its ends (a selection often takes a trailing space).
pub fn trim_span(text: &str, span: CharSpan) -> CharSpan {
    let index = TextIndex::new(text);
    let inner = index.slice(span);
    let lead = inner.chars().take_while(|c| c.is_whitespace()).count();
    let kept = inner.trim().chars().count();
    let start = span.start.0.min(index.char_len()) + lead;
    CharSpan::new(start, start + kept)
}

/// Length of a string in characters.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// A stable 64-bit FNV-1a fingerprint of a text, as 16 hex digits.
///
/// Used to notice that an article changed since annotations were made. It is not a cryptographic
/// hash and is not used as one.
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_is_identity() {
        let index = TextIndex::new("hello");
        assert_eq!(index.char_to_utf16(CharOffset(3)), Utf16Offset(3));
        assert_eq!(index.utf16_to_char(Utf16Offset(5)), Some(CharOffset(5)));
        assert_eq!(index.utf16_to_char(Utf16Offset(6)), None);
    }

    #[test]
    fn astral_and_bmp() {
        let text = "é😀x𝄞y";
        let index = TextIndex::new(text);
        assert_eq!(index.char_len(), 5);
        assert_eq!(index.utf16_len(), 1 + 2 + 1 + 2 + 1);
        assert_eq!(index.char_to_byte(CharOffset(2)), ByteOffset(6));
        assert_eq!(index.slice(CharSpan::new(1, 4)), "😀x𝄞");
        assert_eq!(index.utf16_to_char(Utf16Offset(4)), Some(CharOffset(3)));
        assert_eq!(index.utf16_to_char(Utf16Offset(5)), None);
        assert_eq!(index.byte_to_char(ByteOffset(3)), None);
    }

    #[test]
    fn trim_span_drops_white_space() {
        assert_eq!(trim_span(" a😀b \n", CharSpan::new(0, 6)), CharSpan::new(1, 4));
        assert_eq!(trim_span("   ", CharSpan::new(0, 3)), CharSpan::new(3, 3));
    }

    #[test]
    fn fingerprint_is_stable() {
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_ne!(fingerprint("a"), fingerprint("b"));
    }

    proptest! {
        #[test]
        fn conversions_round_trip(text in "(\\PC|😀|𝄞|\n){0,300}") {
            let index = TextIndex::new(&text);
            let mut utf16 = 0;
            let mut byte = 0;
            for (i, c) in text.chars().enumerate() {
                prop_assert_eq!(index.char_to_utf16(CharOffset(i)), Utf16Offset(utf16));
                prop_assert_eq!(index.char_to_byte(CharOffset(i)), ByteOffset(byte));
                prop_assert_eq!(index.utf16_to_char(Utf16Offset(utf16)), Some(CharOffset(i)));
                prop_assert_eq!(index.byte_to_char(ByteOffset(byte)), Some(CharOffset(i)));
                if c.len_utf16() == 2 {
                    prop_assert_eq!(index.utf16_to_char(Utf16Offset(utf16 + 1)), None);
                }
                utf16 += c.len_utf16();
                byte += c.len_utf8();
            }
            let n = index.char_len();
            prop_assert_eq!(index.char_to_utf16(CharOffset(n)), Utf16Offset(utf16));
            prop_assert_eq!(index.utf16_to_char(Utf16Offset(utf16)), Some(CharOffset(n)));
            prop_assert_eq!(index.byte_to_char(ByteOffset(text.len())), Some(CharOffset(n)));
        }
    }
}
