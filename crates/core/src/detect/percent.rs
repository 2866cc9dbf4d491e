//! Percentages: "14.2%", "14.2 per cent", "2-3%", "fourteen percent", "3 percentage points",
//! "25 basis points".

use std::sync::OnceLock;

use memchr::memmem;

/// Built once: building a searcher costs more than searching a paragraph.
static PER: OnceLock<memmem::Finder<'static>> = OnceLock::new();

use super::scan::{
    byte_at, dash_at, format_number, is_word_end, letters_after, parse_number, skip_spaces, starts_with_ci,
    word_after, Num,
};
use super::{ClaimValue, Found, PercentUnit};
use crate::model::ClaimKind;

/// The unit written after a number at `i`, and where it ends.
fn unit_after(bytes: &[u8], i: usize) -> Option<(usize, PercentUnit)> {
    let j = skip_spaces(bytes, i);
    if j - i <= 1 && byte_at(bytes, j) == b'%' {
        return Some((j + 1, PercentUnit::Percent));
    }
    // "5pc" is British newspaper style; only glued, since "5 pc" is also "5 pieces".
    if j == i && starts_with_ci(bytes, i, "pc") && is_word_end(bytes, i + 2) {
        return Some((i + 2, PercentUnit::Percent));
    }
    let (s, e) = letters_after(bytes, j);
    let word = &bytes[s..e];
    if word.eq_ignore_ascii_case(b"percent") || word.eq_ignore_ascii_case(b"pct") {
        return is_word_end(bytes, e).then_some((e, PercentUnit::Percent));
    }
    if word.eq_ignore_ascii_case(b"per") {
        let (s2, e2) = word_after(bytes, e);
        if bytes[s2..e2].eq_ignore_ascii_case(b"cent") && is_word_end(bytes, e2) {
            return Some((e2, PercentUnit::Percent));
        }
        return None;
    }
    if word.eq_ignore_ascii_case(b"percentage") {
        let (s2, e2) = word_after(bytes, e);
        let w2 = &bytes[s2..e2];
        if w2.eq_ignore_ascii_case(b"points") || w2.eq_ignore_ascii_case(b"point") {
            return Some((e2, PercentUnit::PercentagePoints));
        }
        return None;
    }
    if word.eq_ignore_ascii_case(b"basis") {
        let (s2, e2) = word_after(bytes, e);
        let w2 = &bytes[s2..e2];
        if w2.eq_ignore_ascii_case(b"points") || w2.eq_ignore_ascii_case(b"point") {
            return Some((e2, PercentUnit::BasisPoints));
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

fn make(start: usize, end: usize, value: f64, value_max: Option<f64>, unit: PercentUnit) -> Found {
    Found::new(ClaimKind::Percent, start, end, ClaimValue::Percent { value, value_max, unit })
}

/// "14.2%", "2–3%", "3 percentage points", "25 basis points".
pub(crate) fn label(value: f64, max: Option<f64>, unit: PercentUnit) -> String {
    let number = match max {
        Some(m) => format!("{}–{}", format_number(value, 4), format_number(m, 4)),
        None => format_number(value, 4),
    };
    match unit {
        PercentUnit::Percent => format!("{number}%"),
        PercentUnit::PercentagePoints => format!("{number} percentage points"),
        PercentUnit::BasisPoints => format!("{number} basis points"),
    }
}

const UNITS: &[(&str, u32)] = &[
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
    UNITS.iter().find(|(w, _)| word.eq_ignore_ascii_case(w.as_bytes())).map(|(_, v)| *v)
}

/// Percentages written in words: "fourteen percent", "twenty-five per cent", "one hundred percent".
///
/// Digits are handled by the number scan; this pass jumps between occurrences of "per" with
/// `memmem`, which is rare enough in prose to cost little.
pub(crate) fn find_word_percents(text: &str, out: &mut Vec<Found>) {
    let bytes = text.as_bytes();
    for at in PER.get_or_init(|| memmem::Finder::new("per")).find_iter(bytes) {
        if at > 0 && bytes[at - 1].is_ascii_alphanumeric() {
            continue;
        }
        let Some((end, unit)) = unit_after(bytes, at) else { continue };
        if unit != PercentUnit::Percent {
            continue;
        }
        // Read number words backwards: "twenty-five", "one hundred", "a hundred".
        let mut start = at;
        let mut parts: Vec<u32> = Vec::new();
        let mut i = super::scan::skip_spaces_back(bytes, at);
        while parts.len() < 4 {
            let (s, e) = super::scan::letters_before(bytes, i);
            if s == e {
                break;
            }
            let word = &bytes[s..e];
            let value = number_word(word)
                .or_else(|| (word.eq_ignore_ascii_case(b"a") && parts == [100]).then_some(1));
            let Some(value) = value else { break };
            parts.push(value);
            start = s;
            i = if s >= 1 && bytes[s - 1] == b'-' { s - 1 } else { super::scan::skip_spaces_back(bytes, s) };
            if i == s || value == 1 && parts.len() > 1 && word.eq_ignore_ascii_case(b"a") {
                break;
            }
        }
        if parts.is_empty() || (start > 0 && bytes[start - 1].is_ascii_alphanumeric()) {
            continue;
        }
        parts.reverse();
        let mut value = 0u32;
        let mut current = 0u32;
        for p in parts {
            if p == 100 {
                current = current.max(1) * 100;
            } else {
                current += p;
            }
        }
        value += current;
        out.push(make(start, end, f64::from(value), None, unit));
    }
}
