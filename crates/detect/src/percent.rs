//! Percentages: "14.2%", "14.2 per cent", "2-3%", "fourteen percent", "-2.1%", "+31.4%",
//! "3 percentage points", "2.1pp", "3% points", "25 basis points".

use super::format::format_number;
use super::scan::cursor::{
    byte_at, dash_at, is_word_end, letters_after, letters_before, parse_number, skip_spaces,
    skip_spaces_back, starts_with_ci, word_after, Num,
};
use super::words::{self, key, key_of};
use super::{ClaimValue, Found, PercentUnit};
use crate::ClaimKind;

const PERCENT: u64 = key_of("percent");
const PCT: u64 = key_of("pct");
const PER: u64 = key_of("per");
const CENT: u64 = key_of("cent");
const PERCENTAGE: u64 = key_of("percentage");
const BASIS: u64 = key_of("basis");
const POINTS: u64 = key_of("points");
const POINT: u64 = key_of("point");

/// The unit written after a number at `i`, and where it ends. "Points" after a percentage makes
/// percentage points ("3% points", "3 per cent points"); "points" alone does not (index points,
/// points in a game).
fn unit_after(bytes: &[u8], i: usize) -> Option<(usize, PercentUnit)> {
    let (end, unit) = bare_unit_after(bytes, i)?;
    if unit == PercentUnit::Percent {
        let (s, e) = word_after(bytes, end);
        let k = key(&bytes[s..e]);
        if (k == POINTS || k == POINT) && is_word_end(bytes, e) {
            return Some((e, PercentUnit::PercentagePoints));
        }
    }
    Some((end, unit))
}

/// The unit written after a number at `i`, "points" after it not read.
fn bare_unit_after(bytes: &[u8], i: usize) -> Option<(usize, PercentUnit)> {
    let j = skip_spaces(bytes, i);
    if j - i <= 1 && byte_at(bytes, j) == b'%' {
        return Some((j + 1, PercentUnit::Percent));
    }
    // "5pc" is British newspaper style; only glued, since "5 pc" is also "5 pieces".
    if j == i && starts_with_ci(bytes, i, "pc") && is_word_end(bytes, i + 2) {
        return Some((i + 2, PercentUnit::Percent));
    }
    // "2.1pp" likewise, since "300 pp" is also 300 pages.
    if j == i && starts_with_ci(bytes, i, "pp") && is_word_end(bytes, i + 2) {
        return Some((i + 2, PercentUnit::PercentagePoints));
    }
    let (s, e) = letters_after(bytes, j);
    let word = &bytes[s..e];
    let k = key(word);
    if k == PERCENT || k == PCT {
        return is_word_end(bytes, e).then_some((e, PercentUnit::Percent));
    }
    if k == PER {
        let (s2, e2) = word_after(bytes, e);
        if key(&bytes[s2..e2]) == CENT && is_word_end(bytes, e2) {
            return Some((e2, PercentUnit::Percent));
        }
        return None;
    }
    if k == PERCENTAGE || k == BASIS {
        let (s2, e2) = word_after(bytes, e);
        let k2 = key(&bytes[s2..e2]);
        if k2 == POINTS || k2 == POINT {
            let unit = if k == BASIS { PercentUnit::BasisPoints } else { PercentUnit::PercentagePoints };
            return Some((e2, unit));
        }
        return None;
    }
    if word == b"bps" && is_word_end(bytes, e) {
        return Some((e, PercentUnit::BasisPoints));
    }
    None
}

/// A percentage whose number starts at `num`.
pub(crate) fn at(text: &str, num: &Num) -> Option<Found> {
    let bytes = text.as_bytes();
    if let Some(found) = unit_after(bytes, num.end) {
        let (end, unit) = found;
        return Some(make(num.start, end, num.value, None, unit));
    }
    // A range: "2-3%", "2 to 3 per cent".
    let j = skip_spaces(bytes, num.end);
    let k = if let Some(n) = dash_at(bytes, j) {
        j + n
    } else if j > num.end && starts_with_ci(bytes, j, "to ") {
        j + 3
    } else {
        return None;
    };
    let k = skip_spaces(bytes, k);
    if !byte_at(bytes, k).is_ascii_digit() {
        return None;
    }
    let second = parse_number(bytes, k);
    let (end, unit) = unit_after(bytes, second.end)?;
    (second.value > num.value).then(|| make(num.start, end, num.value, Some(second.value), unit))
}

/// A percentage whose number starts at `num` with a sign written before it at `sign_start`
/// ("-2.1%", "+31.4 per cent", "−3 percentage points"): the sign is kept in the value. A range
/// is not read after a signed figure ("-2-3%" is read by [`at`] as 2–3%).
pub(crate) fn signed_at(text: &str, num: &Num, sign_start: usize, negative: bool) -> Option<Found> {
    let (end, unit) = unit_after(text.as_bytes(), num.end)?;
    let value = if negative { -num.value } else { num.value };
    let value = ClaimValue::Percent { value, value_max: None, unit, signed: true };
    Some(Found::new(ClaimKind::Percent, sign_start, end, value))
}

fn make(start: usize, end: usize, value: f64, value_max: Option<f64>, unit: PercentUnit) -> Found {
    Found::new(ClaimKind::Percent, start, end, ClaimValue::Percent { value, value_max, unit, signed: false })
}

/// "14.2%", "2–3%", "-2.1%", "+31.4%", "3 percentage points", "25 basis points".
pub(crate) fn label(value: f64, max: Option<f64>, unit: PercentUnit, signed: bool) -> String {
    let number = match max {
        Some(m) => format!("{}–{}", format_number(value, 4), format_number(m, 4)),
        None if signed && value >= 0.0 => format!("+{}", format_number(value, 4)),
        None => format_number(value, 4),
    };
    match unit {
        PercentUnit::Percent => format!("{number}%"),
        PercentUnit::PercentagePoints => format!("{number} percentage points"),
        PercentUnit::BasisPoints => format!("{number} basis points"),
    }
}

pub(crate) const UNITS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
];

fn number_word(word: &[u8]) -> Option<u32> {
    let entry = words::get(word);
    // Values are entered plus one (see `words`).
    entry.is(words::NUMBER_WORD).then(|| u32::from(entry.value) - 1)
}

/// A percentage written in words that ends with the "per" at `at` ("fourteen percent",
/// "twenty-five per cent", "one hundred percent"): read the number words backwards from it.
///
/// Digits are handled by the number scan; [`super::scan::scan`] calls this at each "per" that
/// starts a word, which is rare enough in prose to cost little.
pub(crate) fn word_percent_at(text: &str, at: usize, out: &mut Vec<Found>) {
    let bytes = text.as_bytes();
    let Some((end, unit)) = unit_after(bytes, at) else { return };
    if unit == PercentUnit::BasisPoints {
        return;
    }
    // Read number words backwards: "twenty-five", "one hundred", "a hundred".
    let mut start = at;
    let mut parts = [0u32; 4];
    let mut n = 0;
    let mut i = skip_spaces_back(bytes, at);
    while n < parts.len() {
        let (s, e) = letters_before(bytes, i);
        if s == e {
            break;
        }
        let word = &bytes[s..e];
        let a = word.eq_ignore_ascii_case(b"a");
        let value = number_word(word).or_else(|| (a && n == 1 && parts[0] == 100).then_some(1));
        let Some(value) = value else { break };
        parts[n] = value;
        n += 1;
        start = s;
        i = if s >= 1 && bytes[s - 1] == b'-' { s - 1 } else { skip_spaces_back(bytes, s) };
        if i == s || value == 1 && n > 1 && a {
            break;
        }
    }
    if n == 0 || (start > 0 && bytes[start - 1].is_ascii_alphanumeric()) {
        return;
    }
    // The words were read last first.
    let mut value = 0u32;
    for &p in parts[..n].iter().rev() {
        if p == 100 {
            value = value.max(1) * 100;
        } else {
            value += p;
        }
    }
    out.push(make(start, end, f64::from(value), None, unit));
}
