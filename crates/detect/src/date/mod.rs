//! Dates: day-month-year in either order, month-year, day ranges, ISO dates, decades, and bare years
//! when the words around them make them a date.
//!
//! A date is given as a [`PartialDate`] (or two, for an interval) with the parts the text does not
//! give left out: "December 2021" is `2021-12`, "23-24 Feb" is `--02-23/--02-24`. Nothing is
//! guessed, so "early 1970s" is the decade `1970/1979` with the qualifier "early", not 1970-1973.
//!
//! A bare four-digit number is a year only with evidence: a preposition that takes dates ("in",
//! "since", "during"), a qualifier ("mid-", "early"), "the" followed by an event or punctuation
//! ("the 1965, Indo-Pak War"), or a second year ("1996 to 2019"). Without it ("2019 people",
//! "Section 1965", "page 2019") it is left alone.

mod partial_date;
pub(crate) mod relative;
pub(crate) mod word_lists;

pub use self::partial_date::PartialDate;
pub use self::relative::{CalendarDate, CalendarDateError, Relative, RelativeUnit};
use self::word_lists::QUALIFIERS;
use super::scan::cursor::{
    byte_at, dash_at, dash_before, is_capitalised, is_word_end, letters_after, letters_before, parse_number,
    skip_spaces, skip_spaces_back, starts_with_ci, word_after, word_before, Num,
};
use super::words::{self, key_of};
use super::{ClaimValue, Found};
use crate::ClaimKind;

const BETWEEN: u64 = key_of("between");
const FROM: u64 = key_of("from");
const THE: u64 = key_of("the");

/// The month a capitalised word names ("May", "Feb", "Sept"); lowercase "may" and "march" are
/// verbs far more often than months, so they do not count.
fn month_of(word: &[u8]) -> Option<u8> {
    if word.len() < 3 || !word[0].is_ascii_uppercase() {
        return None;
    }
    // The table holds the names, their first three letters and "sept", with the month's number.
    let entry = words::get(word);
    entry.is(words::MONTH).then_some(entry.value)
}

/// A month name that ends just before `i` (across spaces, or a dash: "January-1966").
fn month_before(bytes: &[u8], i: usize) -> Option<(usize, u8)> {
    let j = match dash_before(bytes, i) {
        Some(n) => i - n,
        None => {
            let j = skip_spaces_back(bytes, i);
            if j == i {
                return None;
            }
            j
        }
    };
    let j = if j >= 1 && bytes[j - 1] == b'.' { j - 1 } else { j };
    let (s, e) = letters_before(bytes, j);
    if s > 0 && bytes[s - 1].is_ascii_alphanumeric() {
        return None;
    }
    month_of(&bytes[s..e]).map(|m| (s, m))
}

/// A month name that starts at `i`; returns its end (after an abbreviation's dot) and number.
fn month_at(bytes: &[u8], i: usize) -> Option<(usize, u8)> {
    let (s, e) = letters_after(bytes, i);
    if !is_word_end(bytes, e) {
        return None;
    }
    let month = month_of(&bytes[s..e])?;
    let end = if e - s <= 4 && byte_at(bytes, e) == b'.' { e + 1 } else { e };
    Some((end, month))
}

fn days_in(month: u8) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Whether a number that ends at `i` stands alone: not glued to letters, a '%', or more digits
/// ("2019.5", "2019-20" are handled before this is asked).
fn stands_alone(bytes: &[u8], i: usize) -> bool {
    let b = byte_at(bytes, i);
    if b.is_ascii_alphanumeric() || b == b'%' {
        return false;
    }
    !(matches!(b, b'.' | b',' | b'-' | b'/' | b':') && byte_at(bytes, i + 1).is_ascii_digit())
}

/// A year after a day and month: " 1948", ", 1948".
fn year_after(bytes: &[u8], i: usize) -> Option<(usize, i32)> {
    let j = if byte_at(bytes, i) == b',' { i + 1 } else { i };
    let k = skip_spaces(bytes, j);
    if k == j || !byte_at(bytes, k).is_ascii_digit() {
        return None;
    }
    let num = parse_number(bytes, k);
    let y = num.as_u32()?;
    (num.int_digits == 4 && (1000..=2999).contains(&y) && stands_alone(bytes, num.end))
        .then_some((num.end, y as i32))
}

/// An ordinal suffix ("1st", "23rd") glued at `i`; returns its length.
fn ordinal_at(bytes: &[u8], i: usize) -> usize {
    let two = [byte_at(bytes, i).to_ascii_lowercase(), byte_at(bytes, i + 1).to_ascii_lowercase()];
    let ok = matches!(&two, b"st" | b"nd" | b"rd" | b"th") && is_word_end(bytes, i + 2);
    if ok {
        2
    } else {
        0
    }
}

/// The second day of a range ("-24", "–24") after `i`, bigger than `first`.
fn day_range_after(bytes: &[u8], i: usize, first: u32) -> Option<(usize, u32)> {
    let n = dash_at(bytes, i)?;
    let k = i + n;
    if !byte_at(bytes, k).is_ascii_digit() {
        return None;
    }
    let num = parse_number(bytes, k);
    let d = num.as_u32()?;
    (num.int_digits <= 2 && d > first && d <= 31).then(|| (num.end + ordinal_at(bytes, num.end), d))
}

fn date(
    start: usize,
    end: usize,
    from: PartialDate,
    to: Option<PartialDate>,
    qualifier: Option<&'static str>,
) -> Found {
    let qualifier = qualifier.map(std::borrow::Cow::Borrowed);
    let value = ClaimValue::Date { start: from, end: to, qualifier, relative: None };
    Found::new(ClaimKind::Date, start, end, value)
}

/// Whether the word after a year at `i` lets it be a year. `strict` asks for a word from
/// [`word_lists::AFTER_YEAR`] when the next word is a lowercase word.
fn year_follow_ok(bytes: &[u8], i: usize, strict: bool) -> bool {
    let (s, e) = word_after(bytes, i);
    if s == e {
        return true; // punctuation or the end
    }
    let entry = words::lookup(bytes, (s, e));
    if entry.is(words::COUNT_NOUN) {
        return false;
    }
    if !strict || is_capitalised(bytes, (s, e)) {
        return true;
    }
    entry.is(words::AFTER_YEAR | words::EVENT_NOUN)
}

#[inline(always)]
fn plausible_year(y: u32) -> bool {
    (1000..=2999).contains(&y)
}

/// A date whose first number starts at `num`.
pub(crate) fn at(text: &str, num: &Num) -> Option<Found> {
    let bytes = text.as_bytes();
    let n = num.as_u32()?;
    let digits = num.int_digits;
    let ordinal = if digits <= 2 { ordinal_at(bytes, num.end) } else { 0 };
    let after = num.end + ordinal;

    // "May 1, 1948", "Feb 23-24", "December 2021", "January-1966".
    if let Some((m_start, month)) = month_before(bytes, num.start) {
        if digits == 4 && ordinal == 0 && plausible_year(n) && stands_alone(bytes, num.end) {
            return Some(date(m_start, num.end, PartialDate::month(n as i32, month), None, None));
        }
        if digits <= 2 && (1..=days_in(month)).contains(&n) && dash_before(bytes, num.start).is_none() {
            let day = n as u8;
            let (end, last) = day_range_after(bytes, after, n).unwrap_or((after, n));
            if end == after && !stands_alone(bytes, after) {
                return None;
            }
            let (end, year) = year_after(bytes, end).map_or((end, None), |(e, y)| (e, Some(y)));
            let from = PartialDate::ymd(year, month, day);
            let to = (last != n).then(|| PartialDate::ymd(year, month, last as u8));
            return Some(date(m_start, end, from, to, None));
        }
    }
    // "01 May 1948", "23-24 Feb", "1st of May".
    if digits <= 2 && (1..=31).contains(&n) {
        let (k, last) = day_range_after(bytes, after, n).unwrap_or((after, n));
        let mut j = skip_spaces(bytes, k);
        if j > k && starts_with_ci(bytes, j, "of ") {
            j = skip_spaces(bytes, j + 3);
        }
        if j > k {
            if let Some((m_end, month)) = month_at(bytes, j) {
                if last <= days_in(month) {
                    let (end, year) = year_after(bytes, m_end).map_or((m_end, None), |(e, y)| (e, Some(y)));
                    let from = PartialDate::ymd(year, month, n as u8);
                    let to = (last != n).then(|| PartialDate::ymd(year, month, last as u8));
                    return Some(date(num.start, end, from, to, None));
                }
            }
        }
        return None;
    }
    if digits != 4 || !plausible_year(n) {
        return None;
    }
    let year = n as i32;
    if let Some(found) = iso_date(bytes, num, year) {
        return Some(found);
    }
    if let Some(found) = decade(bytes, num, year) {
        return Some(found);
    }
    if let Some(found) = year_range(bytes, num, year) {
        return Some(found);
    }
    if !stands_alone(bytes, num.end) || !(1000..=2100).contains(&n) {
        return None;
    }
    year_part(bytes, num, year).or_else(|| bare_year(bytes, num, year))
}

/// "Q3 2019", "H1 2020", "the third quarter of 2019", "the first half of 2020": the months of
/// that part of the year.
fn year_part(bytes: &[u8], num: &Num, year: i32) -> Option<Found> {
    let j = skip_spaces_back(bytes, num.start);
    if j == num.start || j < 2 {
        return None;
    }
    let (letter, digit) = (bytes[j - 2], bytes[j - 1]);
    let alone = j < 3 || !bytes[j - 3].is_ascii_alphanumeric();
    let (start, first, last) = match (letter, digit) {
        (b'Q', b'1'..=b'4') if alone => (j - 2, 3 * (digit - b'0') - 2, 3 * (digit - b'0')),
        (b'H', b'1' | b'2') if alone => (j - 2, 6 * (digit - b'0') - 5, 6 * (digit - b'0')),
        _ => {
            let (s, _, first, last) = relative::part_before_of(bytes, letters_before(bytes, j))?;
            (s, first, last)
        }
    };
    let (from, to) = (PartialDate::month(year, first), PartialDate::month(year, last));
    Some(date(start, num.end, from, Some(to), None))
}

/// "2020-05-12".
fn iso_date(bytes: &[u8], num: &Num, year: i32) -> Option<Found> {
    let e = num.end;
    let two = |i: usize| -> Option<u32> {
        let (a, b) = (byte_at(bytes, i), byte_at(bytes, i + 1));
        (a.is_ascii_digit() && b.is_ascii_digit()).then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
    };
    if byte_at(bytes, e) != b'-' || byte_at(bytes, e + 3) != b'-' {
        return None;
    }
    let month = two(e + 1)?;
    let day = two(e + 4)?;
    let end = e + 6;
    if !(1..=12).contains(&month) || day == 0 || day > days_in(month as u8) {
        return None;
    }
    if byte_at(bytes, end).is_ascii_digit() || byte_at(bytes, end) == b'-' {
        return None;
    }
    Some(date(num.start, end, PartialDate::ymd(Some(year), month as u8, day as u8), None, None))
}

/// A qualifier word just before `i` ("early 1970s", "mid-1990s"); returns its start and text.
fn qualifier_before(bytes: &[u8], i: usize) -> Option<(usize, &'static str)> {
    let j = match dash_before(bytes, i) {
        Some(n) => i - n,
        None => skip_spaces_back(bytes, i),
    };
    if j == i {
        return None;
    }
    let (s, e) = letters_before(bytes, j);
    if s > 0 && bytes[s - 1].is_ascii_alphanumeric() {
        return None;
    }
    let entry = words::lookup(bytes, (s, e));
    entry.is(words::QUALIFIER).then(|| (s, QUALIFIERS[usize::from(entry.value) - 1]))
}

/// "1980s", "1980's", "early 1970s", "mid-1990s".
fn decade(bytes: &[u8], num: &Num, year: i32) -> Option<Found> {
    if year % 10 != 0 {
        return None;
    }
    let e = num.end;
    let end = if byte_at(bytes, e) == b's' {
        e + 1
    } else if byte_at(bytes, e) == b'\'' && byte_at(bytes, e + 1) == b's' {
        e + 2
    } else if bytes.get(e..e + 4) == Some(&[0xE2, 0x80, 0x99, b's']) {
        e + 4
    } else {
        return None;
    };
    if !is_word_end(bytes, end) {
        return None;
    }
    let (start, qualifier) =
        qualifier_before(bytes, num.start).map_or((num.start, None), |(s, q)| (s, Some(q)));
    let qualifier = qualifier.filter(|q| matches!(*q, "early" | "mid" | "late"));
    let start = if qualifier.is_some() { start } else { num.start };
    Some(date(start, end, PartialDate::year(year), Some(PartialDate::year(year + 9)), qualifier))
}

/// "1996 to 2019", "1996-2019", "2019-20", "between 1996 and 2019".
fn year_range(bytes: &[u8], num: &Num, year: i32) -> Option<Found> {
    let e = num.end;
    let (k, dash) = if let Some(n) = dash_at(bytes, e) {
        (e + n, true)
    } else {
        let j = skip_spaces(bytes, e);
        if j == e {
            return None;
        }
        if let Some(n) = dash_at(bytes, j) {
            (skip_spaces(bytes, j + n), true)
        } else if starts_with_ci(bytes, j, "to ") {
            (skip_spaces(bytes, j + 3), false)
        } else if starts_with_ci(bytes, j, "and ")
            && words::is_word(bytes, word_before(bytes, num.start), BETWEEN)
        {
            (skip_spaces(bytes, j + 4), false)
        } else {
            return None;
        }
    };
    if !byte_at(bytes, k).is_ascii_digit() {
        return None;
    }
    let second = parse_number(bytes, k);
    let y2 = second.as_u32()? as i32;
    let end_year = match second.int_digits {
        4 => y2,
        // "2019-20": the fiscal-year form, only with a dash and only for the next year.
        2 if dash && (year + 1) % 100 == y2 => year + 1,
        _ => return None,
    };
    if !(1000..=2100).contains(&year) || end_year <= year || end_year - year > 300 || end_year > 2100 {
        return None;
    }
    // "1996 to 2019 people" counts; a dash range reads as years unless a count noun follows.
    if !stands_alone(bytes, second.end) || !year_follow_ok(bytes, second.end, !dash) {
        return None;
    }
    // Without a word that takes years before it, ask for two years a historian would write.
    if !dash && !(1500..=2100).contains(&year) {
        return None;
    }
    // "pp. 1995-2003", "sections 1965-1970" are references, not years.
    if words::is(bytes, label_word_before(bytes, num.start), words::LABEL) {
        return None;
    }
    let (start, qualifier) =
        qualifier_before(bytes, num.start).map_or((num.start, None), |(s, q)| (s, Some(q)));
    Some(date(start, second.end, PartialDate::year(year), Some(PartialDate::year(end_year)), qualifier))
}

/// The word before `i`, across spaces and an abbreviation's dot ("pp. 1995").
fn label_word_before(bytes: &[u8], i: usize) -> (usize, usize) {
    let j = skip_spaces_back(bytes, i);
    let j = if j >= 1 && bytes[j - 1] == b'.' { j - 1 } else { j };
    letters_before(bytes, j)
}

/// A year standing alone, judged by the words around it.
fn bare_year(bytes: &[u8], num: &Num, year: i32) -> Option<Found> {
    if let Some((s, q)) = qualifier_before(bytes, num.start) {
        if year_follow_ok(bytes, num.end, false) {
            return Some(date(s, num.end, PartialDate::year(year), None, Some(q)));
        }
    }
    // "between 2000 and 3000 people": the pair was not a range of years, so neither is a year.
    let next = skip_spaces(bytes, num.end);
    let pair = (starts_with_ci(bytes, next, "and ") || starts_with_ci(bytes, next, "to "))
        && matches!(words::key_at(bytes, word_before(bytes, num.start)), BETWEEN | FROM);
    if pair
        && byte_at(bytes, skip_spaces(bytes, next + 3 + usize::from(byte_at(bytes, next) == b'a')))
            .is_ascii_digit()
    {
        return None;
    }
    let j = skip_spaces_back(bytes, num.start);
    if j == num.start {
        return None; // glued to something: "COVID-19" is handled elsewhere, "(2019)" is not a date
    }
    let prev = letters_before(bytes, j);
    if prev.0 > 0 && bytes[prev.0 - 1].is_ascii_alphanumeric() {
        return None;
    }
    let prev_entry = words::lookup(bytes, prev);
    let ok = if prev_entry.is(words::YEAR_PREPOSITION) {
        year_follow_ok(bytes, num.end, false)
    } else if prev_entry.is(words::WEAK_PREPOSITION) {
        (1800..=2100).contains(&year) && year_follow_ok(bytes, num.end, true)
    } else if words::is_word(bytes, prev, THE) {
        // "the 1965, Indo-Pak War", "the 2019 election", not "the 2019 people".
        let (s, e) = word_after(bytes, num.end);
        (1800..=2100).contains(&year)
            && (s == e || is_capitalised(bytes, (s, e)) || words::is(bytes, (s, e), words::EVENT_NOUN))
    } else {
        false
    };
    ok.then(|| date(num.start, num.end, PartialDate::year(year), None, None))
}
