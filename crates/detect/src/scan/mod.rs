//! The scan: one pass over the text that calls each recogniser where it may start.
//!
//! Everything here works on UTF-8 bytes. Every position a recogniser stores is either the position
//! of an ASCII byte or the start or end of a character it matched whole, so every span falls on a
//! character boundary; [`crate::detect`] converts the byte spans to character spans at the end.
//!
//! Why bytes and a lookup table rather than a regex: the interesting bytes (digits, quote marks, the
//! lead byte of `“”‘’€₹`, newlines, and `p`/`f` for "per" and "from ") are a few per cent of news
//! text, so the loop skips eight bytes at a time between them and dispatches on one table load at
//! each, and every recogniser looks at a bounded window around its anchor. Words are compared
//! through one table of every listed word (`words.rs`), not list by list. That keeps the whole scan
//! linear with a small constant and adds no regex engine to the wasm download.
//!
//! The first digit of each run of characters without a space (a token) has the token read once
//! around it: a web address, an e-mail address or percent-encoded text is skipped whole, so no
//! figure or date is found in "https://x.com/2019/05/", "sales2020@x.com" or "q=30%25%2020%".
//! Each token is read at most twice, which keeps the scan linear.
//!
//! The helpers the recognisers share to read around a position (numbers, words, spaces, dashes)
//! are in [`cursor`].

pub(crate) mod cursor;

use self::cursor::{byte_at, parse_number, sign_at};
use super::{date, money, percent, quote, Found};

/// What the scanner does at a byte.
const NONE: u8 = 0;
const DIGIT: u8 = 1;
const QUOTE_MARK: u8 = 2;
const NEWLINE: u8 = 3;
/// 'p' and 'f': "per" may end a percentage in words, "from " may start a trend.
const WORD: u8 = 4;
/// 'y', 'k', 'm', 'c': one of them is in each word a relative date turns on ("year", "days",
/// "yesterday", "today", "week", "month", "tomorrow", "decade").
const UNIT: u8 = 5;

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
    t[b'y' as usize] = UNIT;
    t[b'k' as usize] = UNIT;
    t[b'm' as usize] = UNIT;
    t[b'c' as usize] = UNIT;
    t
};

/// Runs the number detectors (money, percentages, dates), the quotation state machine and the
/// word-start checks (percentages written in words, "from " of trends) in one pass. Returns the
/// positions of "from " for the trends, which need every other claim first.
pub(crate) fn scan(text: &str, out: &mut Vec<Found>) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut quotes = quote::QuoteScanner::default();
    let mut froms = Vec::new();
    // Numbers before this position are in a token already found not to be an address.
    let mut plain_until = 0;
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
                if i >= plain_until {
                    let (start, end) = token_around(bytes, i);
                    if is_address(&bytes[start..end]) {
                        i = end;
                        continue;
                    }
                    plain_until = end;
                }
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
            UNIT => {
                let (found, next) = date::relative::at(text, i);
                out.extend(found);
                i = next;
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

/// Marks the bytes of `w` that may be interesting: non-ASCII, digits, `"`, `'`, newline, `p`, `f`,
/// and the letters of [`UNIT`].
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
        | has_zero(w ^ (b'f' as u64 * LO))
        | has_zero(w ^ (b'y' as u64 * LO))
        | has_zero(w ^ (b'k' as u64 * LO))
        | has_zero(w ^ (b'm' as u64 * LO))
        | has_zero(w ^ (b'c' as u64 * LO));
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

/// The run of characters around `i` that holds no space and no quotation mark: a word, a figure
/// with its punctuation, or an address. Quotation marks end it so that the quotation scanner still
/// sees them; a non-ASCII character ends it too (addresses are ASCII).
fn token_around(bytes: &[u8], i: usize) -> (usize, usize) {
    let inside = |b: u8| b.is_ascii_graphic() && b != b'"' && b != b'\'';
    let mut start = i;
    while start > 0 && inside(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = i;
    while end < bytes.len() && inside(bytes[end]) {
        end += 1;
    }
    (start, end)
}

/// Whether a token is a web address ("http://…", "https://…", "www.…"), an e-mail address (an
/// '@') or percent-encoded text ("%28", "%20", "%E2%80%99"): the figures in it are not claims.
fn is_address(token: &[u8]) -> bool {
    let www = |k: usize| {
        token[k..].len() > 4
            && token[k..k + 4].eq_ignore_ascii_case(b"www.")
            && (k == 0 || !token[k - 1].is_ascii_alphanumeric())
    };
    let marked = |k: usize| {
        let w = &token[k..];
        w.starts_with(b"://")
            || w.len() >= 3 && w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit()
    };
    token.contains(&b'@') || (0..token.len()).any(|k| marked(k) || www(k))
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
    let sign = sign_before(bytes, i);
    if prev == b'+' {
        // "+31.4%" is a change; "+92 300 1234567" a telephone number.
        return match sign.and_then(|(s, neg)| percent::signed_at(text, &num, s, neg)) {
            Some(f) => push(f, num.end, out),
            None => skip_token(bytes, num.end),
        };
    }
    if prev == b'/' || prev == b'#' {
        return skip_token(bytes, num.end);
    }
    // Phone numbers and codes: a leading zero before three or more digits ("0300-1234567").
    if num.leading_zero && num.int_digits >= 3 {
        return skip_token(bytes, num.end);
    }
    let found = money::at(text, &num)
        .or_else(|| sign.and_then(|(s, neg)| percent::signed_at(text, &num, s, neg)))
        .or_else(|| percent::at(text, &num))
        .or_else(|| date::at(text, &num));
    match found {
        Some(f) => push(f, num.end, out),
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

/// Keeps a claim and returns where scanning goes on: past it, and past the number it starts at.
fn push(f: Found, num_end: usize, out: &mut Vec<Found>) -> usize {
    let end = f.end().max(num_end);
    out.push(f);
    end
}

/// A sign just before the number at `i` ("-2.1%", "+31.4%", "−2.1%"), with only a space, an
/// opening bracket or quotation mark, or the start of the text before it, not a word or a figure
/// ("2-3%" is a range, "COVID-19" a name). Returns where the sign starts and whether it is a minus.
fn sign_before(bytes: &[u8], i: usize) -> Option<(usize, bool)> {
    let s = [1, 3]
        .into_iter()
        .filter(|&n| i >= n)
        .map(|n| i - n)
        .find(|&s| sign_at(bytes, s).is_some_and(|(n, _)| s + n == i))?;
    let (_, negative) = sign_at(bytes, s)?;
    let before = if s > 0 { bytes[s - 1] } else { b' ' };
    let free = before.is_ascii_whitespace() || b"([{:;\"'".contains(&before) || before >= 0x80;
    free.then_some((s, negative))
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn slow_skip(bytes: &[u8], i: usize) -> usize {
        (i..bytes.len())
            .find(|&k| {
                bytes[k] >= 0x80
                    || bytes[k].is_ascii_digit()
                    || matches!(bytes[k], b'"' | b'\'' | b'\n' | b'p' | b'f' | b'y' | b'k' | b'm' | b'c')
            })
            .unwrap_or(bytes.len().max(i))
    }

    #[test]
    fn skip_finds_each_kind_of_byte() {
        for (text, at) in [
            ("abxdeghi1", 8),
            ("abx\"deghi", 3),
            ("abxdeghijo'", 10),
            ("ab\nxd", 2),
            ("abxdeghi", 8),
            ("abxdeghijp", 9),
            ("abf", 2),
            ("abxdeghiy", 8),
            ("abk", 2),
            ("abxdeghijm", 9),
            ("abc", 2),
        ] {
            assert_eq!(skip_uninteresting(text.as_bytes(), 0), slow_skip(text.as_bytes(), 0), "{text:?}");
            assert_eq!(skip_uninteresting(text.as_bytes(), 0).min(text.len()), at.min(text.len()));
        }
        assert_eq!(skip_uninteresting("abxdeghi€".as_bytes(), 0), 8);
        assert_eq!(skip_uninteresting(b"/:;<=>?@", 0), 8); // the bytes around '0'..='9' are not digits
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
