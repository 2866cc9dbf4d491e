//! Relative dates: "yesterday", "last year", "earlier this month", "41 years ago", "a decade ago".
//!
//! The scan finds them with no publication date: each becomes a date claim whose
//! [`Relative`] says how far from publication it is and in what unit, and whose `start` has no
//! part set. [`crate::detect_with`] then resolves them when the options carry the publication
//! date, at the precision the words give: "last year" is a year, "last month" a month,
//! "yesterday" a day, "last week" the Monday-to-Sunday week.
//!
//! ```
//! use claimmark_detect::{detect_with, CalendarDate, DetectOptions};
//!
//! let options = DetectOptions { published: CalendarDate::new(2022, 3, 15) };
//! let claims = detect_with("Prices rose last year.", &options);
//! assert_eq!(claims[0].value_label(), "1 year before publication: 2021");
//! let claims = claimmark_detect::detect("Prices rose last year.");
//! assert_eq!(claims[0].value_label(), "1 year before publication");
//! ```
//!
//! Weekdays after "on", "last" or "next" ("on Friday", "last Tuesday") are the day of that name
//! nearest the publication date in the direction the words give (see [`Relative`]); "the past
//! decade" is the ten years up to the publication year, and "the third quarter of the year" or
//! "the first half of last year" the months of that part of the year.
//!
//! Durations are not dates: "for 10 days", "the last year of his term", "in the past year", "a
//! 10-day visit", "a year-long inquiry" are left alone.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{qualifier_before, PartialDate};
use crate::calendar::{civil_from_days, days_from_civil, days_in_month};
use crate::scan::cursor::{
    byte_at, letters_after, letters_before, skip_spaces, skip_spaces_back, word_after, word_before,
};
use crate::words::{self, key, key_of};
use crate::{ClaimKind, ClaimValue, Found};

/// A day of the proleptic Gregorian calendar, with every part known: a publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    year: i32,
    month: u8,
    day: u8,
}

impl CalendarDate {
    /// The date, if it exists (years 1 to 9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<CalendarDate> {
        let ok = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in(year, month);
        ok.then_some(CalendarDate { year, month, day })
    }
    pub fn year(&self) -> i32 {
        self.year
    }
    pub fn month(&self) -> u8 {
        self.month
    }
    pub fn day(&self) -> u8 {
        self.day
    }
    fn partial(self) -> PartialDate {
        PartialDate::ymd(Some(self.year), self.month, self.day)
    }
    /// Days since 1970-01-01.
    fn days(self) -> i64 {
        days_from_civil(i64::from(self.year), u32::from(self.month), u32::from(self.day))
    }
    /// The inverse of [`CalendarDate::days`]; none outside the years 1 to 9999.
    fn from_days(days: i64) -> Option<CalendarDate> {
        let (year, month, day) = civil_from_days(days);
        // civil_from_days gives a month of 1 to 12 and a day of 1 to 31.
        CalendarDate::new(i32::try_from(year).ok()?, month as u8, day as u8)
    }
}

/// The days of a month of 1 to 12.
fn days_in(year: i32, month: u8) -> u8 {
    // At most 31: the cast cannot truncate.
    days_in_month(i64::from(year), u32::from(month)) as u8
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a string is not a `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a date written YYYY-MM-DD that exists")]
pub struct CalendarDateError(String);

impl FromStr for CalendarDate {
    type Err = CalendarDateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || CalendarDateError(s.to_string());
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = b.get(r)?;
            part.iter()
                .all(u8::is_ascii_digit)
                .then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
        };
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let (y, m, d) =
            (digits(0..4).ok_or_else(err)?, digits(5..7).ok_or_else(err)?, digits(8..10).ok_or_else(err)?);
        CalendarDate::new(y as i32, m as u8, d as u8).ok_or_else(err)
    }
}

/// The unit of a relative date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RelativeUnit {
    Day,
    Week,
    Month,
    Year,
    Decade,
    /// A day of the week: "last Tuesday", "on Friday". See [`Relative`] for what the offset means.
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
    /// The ten years up to the publication year: "the past decade", "the last decade".
    PastDecade,
    /// A quarter or a half of the year `offset` years from publication: "the third quarter of
    /// the year", "the first half of last year".
    Q1,
    Q2,
    Q3,
    Q4,
    H1,
    H2,
}

/// The parts of a year, with their names in labels and their first and last months.
const PARTS: [(RelativeUnit, &str, u8, u8); 6] = [
    (RelativeUnit::Q1, "first quarter", 1, 3),
    (RelativeUnit::Q2, "second quarter", 4, 6),
    (RelativeUnit::Q3, "third quarter", 7, 9),
    (RelativeUnit::Q4, "fourth quarter", 10, 12),
    (RelativeUnit::H1, "first half", 1, 6),
    (RelativeUnit::H2, "second half", 7, 12),
];

const WEEKDAY_UNITS: [RelativeUnit; 7] = [
    RelativeUnit::Monday,
    RelativeUnit::Tuesday,
    RelativeUnit::Wednesday,
    RelativeUnit::Thursday,
    RelativeUnit::Friday,
    RelativeUnit::Saturday,
    RelativeUnit::Sunday,
];

/// The weekdays' names, Monday first, as labels show them.
const WEEKDAY_NAMES: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

impl RelativeUnit {
    /// The weekday, 0 for Monday to 6 for Sunday; none for the other units.
    fn weekday(self) -> Option<i64> {
        WEEKDAY_UNITS.iter().position(|&d| d == self).map(|d| d as i64)
    }
    fn name(self) -> &'static str {
        if let Some(d) = self.weekday() {
            return WEEKDAY_NAMES[d as usize];
        }
        match self {
            RelativeUnit::Day => "day",
            RelativeUnit::Week => "week",
            RelativeUnit::Month => "month",
            RelativeUnit::Year => "year",
            _ => "decade",
        }
    }
}

/// A date written relative to the publication date: `offset` units after it (negative: before).
/// "last year" is `{offset: -1, unit: year}`, "today" `{offset: 0, unit: day}`, "41 years ago"
/// `{offset: -41, unit: year}`.
///
/// For a weekday the offset says which one: `-1` the last such day before the publication date
/// ("last Tuesday"), `1` the first after it ("next Monday", and "on Friday" in a sentence about
/// the future: one with "will", "shall", "due", "scheduled" or "expected" before it), and `0` the
/// nearest on or before it (a bare "on Friday": news tells of what has happened).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relative {
    pub offset: i32,
    pub unit: RelativeUnit,
}

impl Relative {
    /// "1 year before publication", "the month of publication", "2 weeks after publication".
    pub fn label(&self) -> String {
        let unit = self.unit.name();
        if self.unit.weekday().is_some() {
            let when = match self.offset {
                0 => "on or before",
                o if o < 0 => "before",
                _ => "after",
            };
            return format!("{unit} {when} publication");
        }
        if self.unit == RelativeUnit::PastDecade {
            return "the decade before publication".into();
        }
        if let Some((_, part, _, _)) = PARTS.iter().find(|p| p.0 == self.unit) {
            let year = Relative { offset: self.offset, unit: RelativeUnit::Year }.label();
            return format!("the {part} of {year}");
        }
        let n = self.offset.unsigned_abs();
        let s = if n == 1 { "" } else { "s" };
        match self.offset {
            0 => format!("the {unit} of publication"),
            o if o < 0 => format!("{n} {unit}{s} before publication"),
            _ => format!("{n} {unit}{s} after publication"),
        }
    }

    /// The date, or for a week the Monday and the Sunday, that this is from `published`: none
    /// outside the years 1 to 9999.
    pub fn resolve(&self, published: CalendarDate) -> Option<(PartialDate, Option<PartialDate>)> {
        let o = i64::from(self.offset);
        let year = |y: i64| (1..=9999).contains(&y).then(|| PartialDate::year(y as i32));
        if let Some(target) = self.unit.weekday() {
            let days = published.days();
            // 1970-01-01 was a Thursday: 3 with Monday as 0.
            let gap = (days + 3 - target).rem_euclid(7);
            let day = match self.offset {
                0 => days - gap,
                o if o < 0 => days - if gap == 0 { 7 } else { gap },
                _ => days + 7 - gap,
            };
            return Some((CalendarDate::from_days(day)?.partial(), None));
        }
        let y = i64::from(published.year);
        if self.unit == RelativeUnit::PastDecade {
            return Some((year(y - 10)?, Some(year(y)?)));
        }
        if let Some(&(_, _, first, last)) = PARTS.iter().find(|p| p.0 == self.unit) {
            let y = year(y + o)?.year?;
            return Some((PartialDate::month(y, first), Some(PartialDate::month(y, last))));
        }
        match self.unit {
            RelativeUnit::Day => Some((CalendarDate::from_days(published.days() + o)?.partial(), None)),
            RelativeUnit::Week => {
                let days = published.days();
                // 1970-01-01 was a Thursday: Monday is 3 days after a multiple of 7.
                let monday = days - (days - 4).rem_euclid(7) + 7 * o;
                let start = CalendarDate::from_days(monday)?.partial();
                Some((start, Some(CalendarDate::from_days(monday + 6)?.partial())))
            }
            RelativeUnit::Month => {
                let m = i64::from(published.year) * 12 + i64::from(published.month) - 1 + o;
                let y = m.div_euclid(12);
                year(y)?;
                Some((PartialDate::month(y as i32, (m.rem_euclid(12) + 1) as u8), None))
            }
            RelativeUnit::Year => Some((year(i64::from(published.year) + o)?, None)),
            _ => Some((year(i64::from(published.year) + 10 * o)?, None)),
        }
    }
}

const AGO: u64 = key_of("ago");
const LAST: u64 = key_of("last");
const THIS: u64 = key_of("this");
const NEXT: u64 = key_of("next");
const EARLIER: u64 = key_of("earlier");
const LATER: u64 = key_of("later");
const A: u64 = key_of("a");
const AN: u64 = key_of("an");
const HALF: u64 = key_of("half");
const ON: u64 = key_of("on");
const WEEKDAYS: [u64; 7] = [
    key_of("monday"),
    key_of("tuesday"),
    key_of("wednesday"),
    key_of("thursday"),
    key_of("friday"),
    key_of("saturday"),
    key_of("sunday"),
];
/// Words earlier in the sentence that put a bare weekday after publication: "will vote on Friday".
const DUE: u64 = key_of("due");
const FUTURE: [u64; 5] = [key_of("will"), key_of("shall"), DUE, key_of("scheduled"), key_of("expected")];

/// The unit a word names, and whether it is plural.
fn unit_of(k: u64) -> Option<(RelativeUnit, bool)> {
    Some(match k {
        k if k == key_of("day") => (RelativeUnit::Day, false),
        k if k == key_of("days") => (RelativeUnit::Day, true),
        k if k == key_of("week") => (RelativeUnit::Week, false),
        k if k == key_of("weeks") => (RelativeUnit::Week, true),
        k if k == key_of("month") => (RelativeUnit::Month, false),
        k if k == key_of("months") => (RelativeUnit::Month, true),
        k if k == key_of("year") => (RelativeUnit::Year, false),
        k if k == key_of("years") => (RelativeUnit::Year, true),
        k if k == key_of("decade") => (RelativeUnit::Decade, false),
        k if k == key_of("decades") => (RelativeUnit::Decade, true),
        _ => return None,
    })
}

/// Words before "last year" or "next month" that make it a span of the text's own story
/// ("the last year of his term", "in the next month"), not a date from publication.
fn is_determiner(k: u64) -> bool {
    const WORDS: [u64; 14] = [
        key_of("the"),
        key_of("a"),
        key_of("an"),
        key_of("his"),
        key_of("her"),
        key_of("its"),
        key_of("their"),
        key_of("our"),
        key_of("my"),
        key_of("your"),
        key_of("every"),
        key_of("each"),
        key_of("whose"),
        key_of("that"),
    ];
    WORDS.contains(&k)
}

fn relative(
    start: usize,
    end: usize,
    offset: i32,
    unit: RelativeUnit,
    qualifier: Option<&'static str>,
) -> Found {
    let value = ClaimValue::Date {
        start: PartialDate::default(),
        end: None,
        qualifier: qualifier.map(Cow::Borrowed),
        relative: Some(Relative { offset, unit }),
    };
    Found::new(ClaimKind::Date, start, end, value)
}

/// A relative date around the word that holds byte `i` (a 'y', 'k', 'm' or 'c'). Returns the
/// claim, if any, and where the scan goes on: past the word.
pub(crate) fn at(text: &str, i: usize) -> (Option<Found>, usize) {
    let bytes = text.as_bytes();
    // Most of these letters are in other words: a look at the letters around the one that the
    // unit words have there ("year", "day", "week", "month", "tomorrow", "decade") rules them
    // out before the word is read.
    let has = |at: usize, s: &[u8]| {
        i >= at && bytes.get(i - at..i - at + s.len()).is_some_and(|w| w.eq_ignore_ascii_case(s))
    };
    let candidate = match bytes[i] {
        b'y' => has(0, b"ye") || has(2, b"da"),
        b'k' => has(3, b"week"),
        b'm' => has(0, b"mon") || has(2, b"tom"),
        _ => has(2, b"decad"),
    };
    if !candidate {
        return (None, i + 1);
    }
    let (s, _) = letters_before(bytes, i);
    let (_, e) = letters_after(bytes, i);
    let next = e.max(i + 1);
    let glued = |b: u8| b.is_ascii_alphanumeric();
    if (s > 0 && glued(bytes[s - 1])) || glued(byte_at(bytes, e)) {
        return (None, next);
    }
    (word(bytes, s, e), next)
}

fn word(bytes: &[u8], s: usize, e: usize) -> Option<Found> {
    let k = key(&bytes[s..e]);
    const DAYS: [u64; 3] = [key_of("yesterday"), key_of("today"), key_of("tomorrow")];
    let day = DAYS.iter().position(|&w| w == k);
    if let Some(d) = day {
        // "USA Today", "the Today programme": a capitalised word inside a sentence is a name.
        let before = skip_spaces_back(bytes, s);
        if bytes[s].is_ascii_uppercase() && before > 0 && bytes[before - 1].is_ascii_alphanumeric() {
            return None;
        }
        return Some(relative(s, e, d as i32 - 1, RelativeUnit::Day, None));
    }
    if let Some(d) = WEEKDAYS.iter().position(|&w| w == k) {
        return weekday(bytes, s, e, d);
    }
    let (unit, plural) = unit_of(k)?;
    // "a 10-day visit", "a year-long inquiry", "mid-year": compounds are not dates.
    if (s > 0 && bytes[s - 1] == b'-')
        || (byte_at(bytes, e) == b'-' && byte_at(bytes, e + 1).is_ascii_alphanumeric())
    {
        return None;
    }
    let ago = {
        let (a, b) = letters_after(bytes, skip_spaces(bytes, e));
        (words::is_word(bytes, (a, b), AGO) && !byte_at(bytes, b).is_ascii_alphanumeric()).then_some(b)
    };
    if let Some(end) = ago {
        let (start, n) = count_before(bytes, s, plural)?;
        let max = if unit == RelativeUnit::Decade { 99 } else { 999 };
        return (1..=max).contains(&n).then(|| relative(start, end, -(n as i32), unit, None));
    }
    if plural || unit == RelativeUnit::Day {
        return None;
    }
    let m = word_before(bytes, s);
    if m.0 == m.1 || (m.0 > 0 && bytes[m.0 - 1].is_ascii_alphanumeric()) {
        return None;
    }
    if unit == RelativeUnit::Decade {
        return past_decade(bytes, m, e);
    }
    if let Some(found) = part_of_year(bytes, m, e) {
        return Some(found);
    }
    let offset = match words::key_at(bytes, m) {
        LAST => -1,
        THIS => 0,
        NEXT => 1,
        _ => return None,
    };
    let (mut start, mut qualifier) = (m.0, None);
    let w = word_before(bytes, m.0);
    let wk = words::key_at(bytes, w);
    if offset == 0 && (wk == EARLIER || wk == LATER) && w.1 < m.0 {
        (start, qualifier) = (w.0, Some(if wk == EARLIER { "earlier" } else { "later" }));
    } else if let Some((q_start, q)) =
        qualifier_before(bytes, m.0).filter(|(_, q)| matches!(*q, "early" | "mid" | "late"))
    {
        (start, qualifier) = (q_start, Some(q));
    } else if w.1 < m.0 && is_determiner(wk) {
        return None;
    }
    Some(relative(start, e, offset, unit, qualifier))
}

/// "past decade", "last decade" after "the" (which stays out of the span, as in "the 1980s"),
/// and not "the last decade of the century"; `m` is the word before "decade", which ends at `e`.
fn past_decade(bytes: &[u8], m: (usize, usize), e: usize) -> Option<Found> {
    let k = words::key_at(bytes, m);
    let the = words::is_word(bytes, word_before(bytes, m.0), key_of("the"));
    let of = words::is_word(bytes, word_after(bytes, e), key_of("of"));
    ((k == LAST || k == key_of("past")) && the && !of)
        .then(|| relative(m.0, e, -1, RelativeUnit::PastDecade, None))
}

/// "the third quarter of the year", "the first half of last year": `m` is the word before
/// "year", which ends at `e`. The span starts at the ordinal ("the" stays out).
fn part_of_year(bytes: &[u8], m: (usize, usize), e: usize) -> Option<Found> {
    let offset = match words::key_at(bytes, m) {
        k if k == key_of("the") || k == THIS => 0,
        LAST => -1,
        NEXT => 1,
        _ => return None,
    };
    let (start, unit, _, _) = part_before_of(bytes, word_before(bytes, m.0))?;
    Some(relative(start, e, offset, unit, None))
}

/// "third quarter of", "first half of", where `of` is the word "of": where the ordinal starts,
/// the part of the year and its first and last months.
pub(super) fn part_before_of(bytes: &[u8], of: (usize, usize)) -> Option<(usize, RelativeUnit, u8, u8)> {
    let noun = word_before(bytes, of.0);
    let ordinal = word_before(bytes, noun.0);
    if !words::is_word(bytes, of, key_of("of")) || ordinal.0 == ordinal.1 {
        return None;
    }
    const ORDINALS: [u64; 4] = [key_of("first"), key_of("second"), key_of("third"), key_of("fourth")];
    let n = ORDINALS.iter().position(|&o| o == words::key_at(bytes, ordinal))?;
    let part = match words::key_at(bytes, noun) {
        k if k == key_of("quarter") => PARTS[n],
        k if k == key_of("half") && n < 2 => PARTS[4 + n],
        _ => return None,
    };
    Some((ordinal.0, part.0, part.2, part.3))
}

/// A capitalised weekday at `s..e` (0 for Monday) after "last", "next" or "on": "last Tuesday",
/// "on Friday". "Good Friday", "Black Friday", a weekday alone and "the last Friday of the month"
/// are left alone; so are "since", "until", "by" and "from" before a weekday, whose direction the
/// words do not give ("closed until Sunday") or which name a schedule ("from Monday to Friday").
fn weekday(bytes: &[u8], s: usize, e: usize, d: usize) -> Option<Found> {
    if !bytes[s].is_ascii_uppercase() {
        return None;
    }
    let m = word_before(bytes, s);
    if m.0 == m.1 || (m.0 > 0 && bytes[m.0 - 1].is_ascii_alphanumeric()) {
        return None;
    }
    let unit = WEEKDAY_UNITS[d];
    let k = words::key_at(bytes, m);
    let (start, offset) = match k {
        LAST => (m.0, -1),
        NEXT => (m.0, 1),
        ON => (s, i32::from(future_before(bytes, m.0))),
        _ => return None,
    };
    if start == m.0 && is_determiner(words::key_at(bytes, word_before(bytes, m.0))) {
        return None;
    }
    Some(relative(start, e, offset, unit, None))
}

/// Whether a word of [`FUTURE`] comes before `i` in its sentence and outside a quotation that
/// ends before `i` (looking back a bounded way).
fn future_before(bytes: &[u8], i: usize) -> bool {
    let lo = i.saturating_sub(120);
    let mut j = i;
    while j > lo {
        let b = bytes[j - 1];
        // A sentence or a quotation ends here (the last byte of '”' and '“' is 0x9D or 0x9C).
        if matches!(b, b'.' | b'!' | b'?' | b';' | b'\n' | b'"' | 0x9C | 0x9D) {
            return false;
        }
        if b.is_ascii_alphabetic() {
            let (a, _) = letters_before(bytes, j);
            let k = words::key_at(bytes, (a, j));
            // "due to" gives a cause, not a time.
            if FUTURE.contains(&k) && !(k == DUE && words::is_word(bytes, word_after(bytes, j), key_of("to")))
            {
                return true;
            }
            j = a;
        } else {
            j -= 1;
        }
    }
    false
}

/// The count before a unit word that starts at `s`: digits ("41 years"), a number word up to
/// twelve ("two months"), or "a"/"an" before a singular ("a year"). Returns where it starts.
fn count_before(bytes: &[u8], s: usize, plural: bool) -> Option<(usize, u32)> {
    let j = skip_spaces_back(bytes, s);
    if j == s {
        return None;
    }
    let mut d = j;
    while d > 0 && bytes[d - 1].is_ascii_digit() && j - d < 4 {
        d -= 1;
    }
    let (start, n) = if d < j {
        if d > 0 && (bytes[d - 1].is_ascii_alphanumeric() || matches!(bytes[d - 1], b'.' | b',' | b'-')) {
            return None;
        }
        let n = bytes[d..j].iter().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
        (d, n)
    } else {
        let w = letters_before(bytes, j);
        if w.0 == w.1 || (w.0 > 0 && bytes[w.0 - 1].is_ascii_alphanumeric()) {
            return None;
        }
        let k = words::key_at(bytes, w);
        if k == A || k == AN {
            // "half a year ago" is not a year before.
            if plural || words::is_word(bytes, word_before(bytes, w.0), HALF) {
                return None;
            }
            (w.0, 1)
        } else {
            let entry = words::lookup(bytes, w);
            if !entry.is(words::NUMBER_WORD) || !(2..=13).contains(&entry.value) {
                return None;
            }
            (w.0, u32::from(entry.value) - 1)
        }
    };
    // "1 years", "5 year": a count that disagrees with the noun is not read.
    ((n == 1) != plural).then_some((start, n))
}
