//! Reading around a position: the helpers the recognisers share.
//!
//! A number written with digits ([`parse_number`]), the byte at a position ([`byte_at`], a space
//! past the end), the words before and after a position across spaces, dashes, and where a word
//! ends. All of them take the text as bytes and a position in those bytes, and return positions in
//! bytes.

/// A number written with digits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub int_digits: usize,
    pub decimals: usize,
    pub grouped: bool,
    pub leading_zero: bool,
}

impl Num {
    /// A whole number with no separators, as years and days are written.
    #[inline(always)]
    pub fn is_plain_int(&self) -> bool {
        self.decimals == 0 && !self.grouped
    }
    /// Half a unit of the last digit written: how far the true value can be from the figure.
    pub fn half_unit(&self) -> f64 {
        0.5 * 10f64.powi(-(self.decimals as i32))
    }
    #[inline(always)]
    pub fn as_u32(&self) -> Option<u32> {
        (self.is_plain_int() && self.value < 1e9).then_some(self.value as u32)
    }
}

/// The most thousands groups read after the leading digits: "1,000,000,000,000,000,000" (10^21).
const MAX_GROUPS: usize = 7;

/// Parses digits with thousands separators and a decimal part. Two groupings are read: the Western
/// one, one to three digits then groups of three ("1,500", "5,479,761"), and the Indian one, one
/// or two digits, groups of two, then one group of three ("1,50,000", "12,34,56,789"). Anything
/// else ("1,23,4", "123,45,678") is not grouped: the number ends before its first comma, and the
/// scan skips the whole token.
pub(crate) fn parse_number(bytes: &[u8], start: usize) -> Num {
    let mut i = start;
    let mut value = 0f64;
    while i < bytes.len() && bytes[i].is_ascii_digit() && i - start < 20 {
        value = value * 10.0 + f64::from(bytes[i] - b'0');
        i += 1;
    }
    let int_digits = i - start;
    let leading_zero = bytes[start] == b'0' && int_digits > 1;
    let mut grouped = false;
    if int_digits <= 3 && !leading_zero {
        let (mut j, mut twos, mut threes) = (i, 0, 0);
        while byte_at(bytes, j) == b',' && twos + threes < MAX_GROUPS {
            let mut n = 0;
            while n < 4 && byte_at(bytes, j + 1 + n).is_ascii_digit() {
                n += 1;
            }
            match n {
                2 if threes == 0 && int_digits <= 2 => twos += 1,
                3 => threes += 1,
                _ => break,
            }
            j += 1 + n;
            // The Indian grouping ends with its one group of three.
            if twos > 0 && threes > 0 {
                break;
            }
        }
        if threes > 0 && !byte_at(bytes, j).is_ascii_digit() {
            // The digits of the groups, in order, without their commas.
            for &b in &bytes[i..j] {
                if b != b',' {
                    value = value * 10.0 + f64::from(b - b'0');
                }
            }
            grouped = true;
            i = j;
        }
    }
    let mut decimals = 0;
    if byte_at(bytes, i) == b'.' && byte_at(bytes, i + 1).is_ascii_digit() {
        let mut j = i + 1;
        let mut scale = 0.1;
        while byte_at(bytes, j).is_ascii_digit() && decimals < 12 {
            value += f64::from(bytes[j] - b'0') * scale;
            scale /= 10.0;
            j += 1;
            decimals += 1;
        }
        i = j;
    }
    Num { start, end: i, value, int_digits, decimals, grouped, leading_zero }
}

/// A sign at `i`: '-', '+' or '−' (U+2212). Returns its length and whether it is a minus.
#[inline(always)]
pub(crate) fn sign_at(bytes: &[u8], i: usize) -> Option<(usize, bool)> {
    match bytes.get(i..) {
        Some([b'-', ..]) => Some((1, true)),
        Some([b'+', ..]) => Some((1, false)),
        Some([0xE2, 0x88, 0x92, ..]) => Some((3, true)),
        _ => None,
    }
}

/// The byte at `i`, or a space past the end, so that look-ahead needs no bounds checks.
#[inline(always)]
pub(crate) fn byte_at(bytes: &[u8], i: usize) -> u8 {
    bytes.get(i).copied().unwrap_or(b' ')
}

/// Whether the text at `i` starts with `s`, ignoring ASCII case.
pub(crate) fn starts_with_ci(bytes: &[u8], i: usize, s: &str) -> bool {
    bytes.get(i..i + s.len()).is_some_and(|w| w.eq_ignore_ascii_case(s.as_bytes()))
}

/// Skips spaces (ASCII space, tab, no-break space) forwards, never a newline: claims stay on a line.
pub(crate) fn skip_spaces(bytes: &[u8], mut i: usize) -> usize {
    loop {
        match bytes.get(i) {
            Some(b' ' | b'\t') => i += 1,
            Some(0xC2) if bytes.get(i + 1) == Some(&0xA0) => i += 2,
            _ => return i,
        }
    }
}

/// Skips spaces backwards from `i` (exclusive).
pub(crate) fn skip_spaces_back(bytes: &[u8], mut i: usize) -> usize {
    loop {
        if i >= 1 && matches!(bytes[i - 1], b' ' | b'\t') {
            i -= 1;
        } else if i >= 2 && bytes[i - 2] == 0xC2 && bytes[i - 1] == 0xA0 {
            i -= 2;
        } else {
            return i;
        }
    }
}

/// The ASCII letters that end at `end` (a word read backwards), as `(start, end)`.
pub(crate) fn letters_before(bytes: &[u8], end: usize) -> (usize, usize) {
    let mut s = end;
    while s > 0 && bytes[s - 1].is_ascii_alphabetic() && end - s < 24 {
        s -= 1;
    }
    (s, end)
}

/// The ASCII letters that start at `start`, as `(start, end)`.
pub(crate) fn letters_after(bytes: &[u8], start: usize) -> (usize, usize) {
    let mut e = start;
    while e < bytes.len() && bytes[e].is_ascii_alphabetic() && e - start < 24 {
        e += 1;
    }
    (start, e)
}

/// The word before `i`, across spaces, as `(start, end)`; empty when there is none.
#[inline(always)]
pub(crate) fn word_before(bytes: &[u8], i: usize) -> (usize, usize) {
    let end = skip_spaces_back(bytes, i);
    letters_before(bytes, end)
}

/// The word after `i`, across spaces, as `(start, end)`; empty when there is none.
#[inline(always)]
pub(crate) fn word_after(bytes: &[u8], i: usize) -> (usize, usize) {
    let start = skip_spaces(bytes, i);
    letters_after(bytes, start)
}

/// Whether the word is one of `list` (lowercase), ignoring ASCII case.
pub(crate) fn word_in(bytes: &[u8], (s, e): (usize, usize), list: &[&str]) -> bool {
    let w = &bytes[s..e];
    !w.is_empty() && list.iter().any(|x| w.eq_ignore_ascii_case(x.as_bytes()))
}

/// Whether a letter run does not continue the word at its edges (no letter or digit glued on).
#[inline(always)]
pub(crate) fn is_word_end(bytes: &[u8], i: usize) -> bool {
    !byte_at(bytes, i).is_ascii_alphanumeric()
}

/// Whether `i` is the start of a dash: '-', '–' (U+2013) or '—' (U+2014). Returns its length.
#[inline(always)]
pub(crate) fn dash_at(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i..) {
        Some([b'-', ..]) => Some(1),
        Some([0xE2, 0x80, 0x93 | 0x94, ..]) => Some(3),
        _ => None,
    }
}

/// Whether a dash ends at `i`. Returns its length.
#[inline(always)]
pub(crate) fn dash_before(bytes: &[u8], i: usize) -> Option<usize> {
    if i >= 1 && bytes[i - 1] == b'-' {
        Some(1)
    } else if i >= 3 && bytes[i - 3] == 0xE2 && bytes[i - 2] == 0x80 && matches!(bytes[i - 1], 0x93 | 0x94) {
        Some(3)
    } else {
        None
    }
}

/// Whether the byte range holds a capitalised word ("Putin", "UN").
#[inline(always)]
pub(crate) fn is_capitalised(bytes: &[u8], (s, e): (usize, usize)) -> bool {
    e > s && bytes[s].is_ascii_uppercase()
}
