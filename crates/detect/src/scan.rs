//! Shared scanning code: the one pass over the text, numbers, and words around a position.
//!
//! Everything here works on UTF-8 bytes. Every position a detector stores is either the position of
//! an ASCII byte or the start or end of a character it matched whole, so every span falls on a
//! character boundary; [`super::detect`] converts the byte spans to character spans at the end.
//!
//! Why bytes and a lookup table rather than a regex: the interesting bytes (digits, quote marks, the
//! lead byte of `“”‘’€₹`, newlines, and `p`/`f` for "per" and "from ") are a few per cent of news
//! text, so the loop skips eight bytes at a time between them and dispatches on one table load at
//! each, and every detector looks at a bounded window around its anchor. Words are compared through
//! one table of every listed word (`words.rs`), not list by list. That keeps the whole scan linear
//! with a small constant and adds no regex engine to the wasm download.

use super::{date, money, percent, quote, Found};

/// What the scanner does at a byte.
const NONE: u8 = 0;
const DIGIT: u8 = 1;
const QUOTE_MARK: u8 = 2;
const NEWLINE: u8 = 3;
/// 'p' and 'f': "per" may end a percentage in words, "from " may start a trend.
const WORD: u8 = 4;

static CLASS: [u8; 256] = {
    let mut t = [NONE; 256];
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = DIGIT;
        d += 1;
    }
    t[b'"' as usize] = QUOTE_MARK;
    t[b'\'' as usize] = QUOTE_MARK;
    // Lead byte of U+2000..U+2FFF: curly quotes, dashes, the euro and rupee signs.
    t[0xE2] = QUOTE_MARK;
    t[b'\n' as usize] = NEWLINE;
    t[b'p' as usize] = WORD;
    t[b'f' as usize] = WORD;
    t
};

/// Runs the number detectors (money, percentages, dates), the quotation state machine and the
/// word-start checks (percentages written in words, "from " of trends) in one pass. Returns the
/// positions of "from " for the trends, which need every other claim first.
pub(crate) fn scan(text: &str, out: &mut Vec<Found>) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut quotes = quote::QuoteScanner::default();
    let mut froms = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        i = skip_uninteresting(bytes, i);
        if i >= bytes.len() {
            break;
        }
        match CLASS[bytes[i] as usize] {
            NONE => i += 1,
            WORD => {
                word_start(text, i, out, &mut froms);
                i += 1;
            }
            DIGIT => {
                let end = at_digit(text, i, out);
                // A number or a claim can hold a 'p' or an 'f' ("5 per cent", "v1.from"); the
                // scan does not stop inside it, so those are checked here.
                for (k, &b) in bytes.iter().enumerate().take(end).skip(i + 1) {
                    if matches!(b, b'p' | b'f') {
                        word_start(text, k, out, &mut froms);
                    }
                }
                i = end;
            }
            QUOTE_MARK => i = quotes.on_mark(text, i, out),
            _ => i = quotes.on_newline(text, i, out),
        }
    }
    froms
}

/// At a 'p' or 'f': a "per" or "from " that starts a word (no letter or digit before it; case
/// matters, as in "per cent" and "from $13.2M to…") reads the percentage written in words that the
/// "per" may end, or keeps the position of the "from ".
fn word_start(text: &str, at: usize, out: &mut Vec<Found>, froms: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    if at > 0 && bytes[at - 1].is_ascii_alphanumeric() {
        return;
    }
    // Past the end reads as 0, which no letter and no space is.
    let next = |k: usize| bytes.get(at + k).copied().unwrap_or(0);
    if next(0) == b'p' && next(1) == b'e' && next(2) == b'r' {
        percent::word_percent_at(text, at, out);
    } else if next(0) == b'f' && next(1) == b'r' && next(2) == b'o' && next(3) == b'm' && next(4) == b' ' {
        froms.push(at);
    }
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// Marks the zero bytes of `v` (their high bit), and possibly bytes above a zero byte: the lowest
/// mark is always a zero byte, and no zero byte goes unmarked.
#[inline(always)]
fn has_zero(v: u64) -> u64 {
    v.wrapping_sub(LO) & !v & HI
}

/// Marks the bytes of `w` that may be interesting: non-ASCII, digits, `"`, `'`, newline, `p`, `f`.
///
/// Eight bytes at a time (SWAR): prose is mostly letters and spaces, so this skips most of the
/// text without a table load per byte. The lowest set bit is always a true match (the zero-byte
/// trick can only add false bits above a true one), which is all [`skip_uninteresting`] uses.
fn interesting_mask(w: u64) -> u64 {
    let ascii = w & !HI;
    // No byte carries into the next: ascii bytes are < 0x80 and the constants < 0x80.
    let at_least_0 = ascii.wrapping_add(0x50 * LO) & HI;
    let above_9 = ascii.wrapping_add(0x46 * LO) & HI;
    let digits = at_least_0 & !above_9;
    let marks = has_zero(w ^ (b'"' as u64 * LO))
        | has_zero(w ^ (b'\'' as u64 * LO))
        | has_zero(w ^ (b'\n' as u64 * LO))
        | has_zero(w ^ (b'p' as u64 * LO))
        | has_zero(w ^ (b'f' as u64 * LO));
    (w & HI) | digits | marks
}

/// The first position at or after `i` that may need a look.
fn skip_uninteresting(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let m = interesting_mask(w);
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && CLASS[bytes[i] as usize] == NONE && bytes[i] < 0x80 {
        i += 1;
    }
    i
}

/// Handles the number that starts at `i` and returns where scanning goes on.
fn at_digit(text: &str, i: usize, out: &mut Vec<Found>) -> usize {
    let bytes = text.as_bytes();
    let prev = if i > 0 { bytes[i - 1] } else { b' ' };
    // A digit glued to a letter or a digit group is a code, a model or a version ("A4", "F16",
    // "v1.2"), never a claim. "Rs5bn" is the one common exception, and money handles it.
    if prev.is_ascii_alphanumeric() && !money::currency_word_before(bytes, i) {
        return skip_token(bytes, i);
    }
    if prev == b'.' && i >= 2 && bytes[i - 2].is_ascii_digit() {
        return skip_token(bytes, i);
    }
    let num = parse_number(bytes, i);
    // "1.2.3", "192.168.0.1", "1,2,3": versions, addresses and lists are not figures.
    if matches!(byte_at(bytes, num.end), b'.' | b',') && byte_at(bytes, num.end + 1).is_ascii_digit() {
        return skip_token(bytes, num.end);
    }
    // "24/7", "3/4", "12/05/2020": fractions and numeric dates whose order is ambiguous.
    if byte_at(bytes, num.end) == b'/' && byte_at(bytes, num.end + 1).is_ascii_digit() {
        return skip_token(bytes, num.end);
    }
    if prev == b'/' || prev == b'+' || prev == b'#' {
        return skip_token(bytes, num.end);
    }
    // Phone numbers and codes: a leading zero before three or more digits ("0300-1234567").
    if num.leading_zero && num.int_digits >= 3 {
        return skip_token(bytes, num.end);
    }
    let found = money::at(text, &num).or_else(|| percent::at(text, &num)).or_else(|| date::at(text, &num));
    match found {
        Some(f) => {
            let end = f.end().max(num.end);
            out.push(f);
            end
        }
        None => {
            if byte_at(bytes, num.end) == b'-' && byte_at(bytes, num.end + 1).is_ascii_digit() {
                // A hyphenated run that is not a range we know ("555-1234", "3-2"): skip it whole
                // so that its second half is not read as a year.
                skip_token(bytes, num.end)
            } else {
                num.end.max(i + 1)
            }
        }
    }
}

/// Skips a run of characters that belong to one code-like token.
fn skip_token(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len()
        && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'.' | b',' | b'/' | b'-' | b'+'))
    {
        // Stop at sentence punctuation: a '.' or ',' not followed by a digit ends the token.
        if matches!(bytes[i], b'.' | b',' | b'/' | b'-' | b'+')
            && !byte_at(bytes, i + 1).is_ascii_alphanumeric()
        {
            break;
        }
        i += 1;
    }
    i.max(1)
}

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

/// Parses digits with thousands separators ("1,500,000", Indian "1,50,000") and a decimal part.
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
    // Groups: ",ddd" (or ",dd" in the Indian system when a ",ddd" group follows).
    if int_digits <= 3 && !leading_zero {
        let mut j = i;
        let mut ends_in_three = false;
        while byte_at(bytes, j) == b',' {
            let k = j + 1;
            let mut n = 0;
            while byte_at(bytes, k + n).is_ascii_digit() {
                n += 1;
            }
            if n != 2 && n != 3 {
                break;
            }
            j = k + n;
            if n == 3 {
                ends_in_three = true;
                break;
            }
        }
        if ends_in_three && !byte_at(bytes, j).is_ascii_digit() {
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

/// Formats a number for people: at most `max_decimals` (up to 9), rounded half to even, with
/// trailing zeros dropped. It rounds the exact binary value, as `format!("{x:.2}")` does, but with
/// integer arithmetic on the f64's bits: core::fmt's float formatting is slow in wasm and adds
/// about 10 KB to it. Magnitudes past 1e29 saturate.
pub(crate) fn format_number(x: f64, max_decimals: usize) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "NaN".to_owned()
        } else if x > 0.0 {
            "inf".to_owned()
        } else {
            "-inf".to_owned()
        };
    }
    let decimals = max_decimals.min(9) as u32;
    let scale = 10u128.pow(decimals);
    // |x| = mantissa · 2^shift exactly, so |x| · 10^decimals = mantissa · scale · 2^shift, and
    // mantissa · scale < 2^83 fits in a u128.
    let bits = x.abs().to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = u128::from(bits & ((1 << 52) - 1));
    let (mantissa, shift) =
        if exponent == 0 { (fraction, -1074) } else { (fraction | 1 << 52, exponent - 1075) };
    let product = mantissa * scale;
    let scaled = match shift {
        0.. if shift <= 44 => product << shift,
        0.. => u128::MAX,
        // Below half a unit in the last decimal kept.
        _ if shift <= -85 => 0,
        _ => {
            let k = shift.unsigned_abs();
            let (q, r, half) = (product >> k, product & ((1 << k) - 1), 1u128 << (k - 1));
            q + u128::from(r > half || (r == half && q & 1 == 1))
        }
    };
    let (int, mut frac) = (scaled / scale, scaled % scale);
    let mut out = String::new();
    if x < 0.0 && scaled != 0 {
        out.push('-');
    }
    out.push_str(&int.to_string());
    if frac != 0 {
        let mut width = decimals as usize;
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        let digits = frac.to_string();
        out.push('.');
        out.extend(std::iter::repeat_n('0', width - digits.len()));
        out.push_str(&digits);
    }
    out
}

/// Formats an integer part with thousands separators: 1500000 -> "1,500,000".
pub(crate) fn group_thousands(x: f64, max_decimals: usize) -> String {
    let s = format_number(x, max_decimals);
    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::with_capacity(s.len() + 4);
    out.push_str(sign);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `format_number` replaced: core::fmt's exact formatting, trailing zeros dropped.
    fn by_fmt(x: f64, decimals: usize) -> String {
        let s = format!("{x:.decimals$}");
        let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_owned() } else { s };
        if s == "-0" {
            "0".to_owned()
        } else {
            s
        }
    }

    #[test]
    fn format_number_cases() {
        for (x, d, want) in [
            (14.2, 4, "14.2"),
            (0.0, 2, "0"),
            (-0.0, 2, "0"),
            (-3.456, 2, "-3.46"),
            (-0.001, 2, "0"),
            (1.005, 2, "1"),
            (2.5, 0, "2"),
            (3.5, 0, "4"),
            (0.125, 2, "0.12"),
            (0.05, 6, "0.05"),
            (1234567.0, 6, "1234567"),
            (277e6, 6, "277000000"),
            (13.2e6, 6, "13200000"),
            (0.000001, 6, "0.000001"),
            (0.0000004, 6, "0"),
            (1e21, 2, "1000000000000000000000"),
            (f64::NAN, 2, "NaN"),
            (f64::INFINITY, 2, "inf"),
        ] {
            assert_eq!(format_number(x, d), want, "{x} with {d} decimals");
        }
    }

    proptest! {
        #[test]
        fn format_number_matches_fmt(x in -1e12f64..1e12, d in 0usize..=6) {
            prop_assert_eq!(format_number(x, d), by_fmt(x, d));
        }
    }

    fn slow_skip(bytes: &[u8], i: usize) -> usize {
        (i..bytes.len())
            .find(|&k| {
                bytes[k] >= 0x80
                    || bytes[k].is_ascii_digit()
                    || matches!(bytes[k], b'"' | b'\'' | b'\n' | b'p' | b'f')
            })
            .unwrap_or(bytes.len().max(i))
    }

    #[test]
    fn skip_finds_each_kind_of_byte() {
        for (text, at) in [
            ("abcdeghi1", 8),
            ("abc\"deghi", 3),
            ("abcdeghijk'", 10),
            ("ab\ncd", 2),
            ("abcdeghi", 8),
            ("abcdeghijp", 9),
            ("abf", 2),
        ] {
            assert_eq!(skip_uninteresting(text.as_bytes(), 0), slow_skip(text.as_bytes(), 0), "{text:?}");
            assert_eq!(skip_uninteresting(text.as_bytes(), 0).min(text.len()), at.min(text.len()));
        }
        assert_eq!(skip_uninteresting("abcdeghi€".as_bytes(), 0), 8);
        assert_eq!(skip_uninteresting(b"/:;<=>?@", 0), 8); // the bytes around '0'..='9' are not digits
    }

    #[test]
    fn format_number_rounds_as_core_does() {
        let mut values =
            vec![0.0, -0.0, 0.5, 1.5, 2.5, -0.001, 0.125, 13.2, 277.0, 14.15, 1e14, 1e16, 123456.789];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mantissa = (seed >> 11) as f64 / (1u64 << 53) as f64;
            let exp = (seed % 24) as i32 - 8;
            let sign = if seed & 1 == 0 { 1.0 } else { -1.0 };
            values.push(sign * mantissa * 10f64.powi(exp));
            // Numbers written with few decimals, as figures are.
            values.push(sign * ((seed >> 20) % 100_000) as f64 / 10f64.powi((seed % 5) as i32));
        }
        values.extend([f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e29, 5e-324, f64::MIN_POSITIVE]);
        for x in values {
            for d in 0..=9 {
                assert_eq!(format_number(x, d), by_fmt(x, d), "{x:e} with {d} decimals");
            }
        }
    }

    proptest! {
        #[test]
        fn swar_skip_equals_the_byte_loop(bytes in prop::collection::vec(any::<u8>(), 0..64), i in 0usize..64) {
            let i = i.min(bytes.len());
            let fast = skip_uninteresting(&bytes, i);
            prop_assert_eq!(fast, slow_skip(&bytes, i));
        }
    }
}
