//! The annotation data model: what a fact-checker's work on one article consists of.
//!
//! An [`Annotation`] is a highlighted claim with a [`Verdict`], [`Source`]s, a note and tags. Its
//! [`Target`] says where it is, twice over, as the W3C Web Annotation model does: a
//! [`TextQuoteSelector`] (the words, with some context) and a [`TextPositionSelector`] (character
//! offsets). When the article changes, [`crate::anchor`] uses both to find the words again.
//!
//! Every edit is a method that takes the current time and bumps a per-field clock as well as
//! `modified`. Two copies of one annotation (two tabs, an import) are merged field by field by
//! [`crate::store::merge`], newest edit first, so setting the verdict in one tab and writing a note
//! in another keeps both.
//!
//! Nothing here reads the clock or a random number generator: the caller passes `now` and the
//! random bytes for ids, which keeps the crate deterministic, testable, and buildable for wasm
//! without `getrandom`.
//!
//! ```
//! use claimmark_core::model::*;
//! use claimmark_core::text::CharSpan;
//!
//! let text = "Spending rose to $277M in 2019, the council said.";
//! let now = Timestamp::parse("2024-05-01T09:30:00Z").unwrap();
//! let target = Target::describe("council-budget", text, CharSpan::new(17, 22));
//! assert_eq!(target.selectors.quote.exact, "$277M");
//!
//! // A detected claim becomes an annotation only when the user acts on it.
//! let id = AnnotationId::from_random_bytes([7; 16]);
//! let mut annotation = Annotation::from_detected(id, target, ClaimKind::Money, now);
//! annotation.set_verdict(Verdict::MostlyTrue, now.plus_millis(1_000));
//! let url = SourceUrl::parse("https://example.org/budget-2019.pdf").unwrap();
//! let source = Source::new(SourceId::from_random_bytes([8; 16]), url, now.plus_millis(2_000));
//! annotation.add_source(source, now.plus_millis(2_000));
//! assert_eq!(annotation.verdict.label(), "Mostly true");
//! assert_eq!(annotation.modified.to_rfc3339(), "2024-05-01T09:30:02.000Z");
//!
//! let err = SourceUrl::parse("javascript:alert(1)").unwrap_err();
//! assert_eq!(err.to_string(), "source url 'javascript:alert(1)' is not http or https");
//! ```

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text::{CharOffset, CharSpan};

pub use claimmark_detect::ClaimKind;

// ---------------------------------------------------------------------------------------------
// Errors

/// Why a value could not become part of the model.
///
/// Messages name the offending value, so that a caller can prefix where it was found
/// ("annotations[3].sources[0].url: source url 'javascript:alert(1)' is not http or https").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    #[error("source url '{url}' is not http or https")]
    UrlScheme { url: String },
    #[error("source url '{url}' is not a valid web address: {reason}")]
    UrlInvalid { url: String, reason: &'static str },
    #[error("'{value}' is not an RFC 3339 timestamp such as 2024-05-01T09:30:00Z")]
    Timestamp { value: String },
    #[error("timestamp {millis} ms is outside the years 0000 to 9999")]
    TimestampRange { millis: i64 },
    #[error("'{value}' is not a date in YYYY-MM-DD form")]
    Date { value: String },
    #[error("id '{value}' is not usable: {reason}")]
    Id { value: String, reason: &'static str },
    #[error("'{value}' is not a verdict (expected one of true, mostly_true, half_true, misleading, false, unverifiable, unrated)")]
    Verdict { value: String },
    #[error("text position {start}..{end} ends before it starts")]
    Span { start: usize, end: usize },
}

// ---------------------------------------------------------------------------------------------
// Ids

fn check_id(value: &str) -> Result<(), ModelError> {
    let reason = if value.is_empty() {
        "it is empty"
    } else if value.len() > 256 {
        "it is longer than 256 bytes"
    } else if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        "it contains whitespace or control characters"
    } else {
        return Ok(());
    };
    Err(ModelError::Id { value: value.to_owned(), reason })
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// A new random (version 4) UUID id, from 16 random bytes the caller supplies
            /// (`crypto.getRandomValues` in the browser).
            pub fn from_random_bytes(bytes: [u8; 16]) -> Self {
                $name(uuid::Builder::from_random_bytes(bytes).into_uuid().hyphenated().to_string())
            }

            /// An existing id. Ids made by claimmark are UUIDs, but ids from imported files (a
            /// Hypothesis id, an IRI) are kept as they are, so they only have to be non-empty,
            /// at most 256 bytes, and free of whitespace.
            ///
            /// # Errors
            /// [`ModelError::Id`] when the id is empty, too long or contains whitespace.
            pub fn parse(value: &str) -> Result<Self, ModelError> {
                check_id(value)?;
                Ok($name(value.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ModelError;
            fn try_from(value: String) -> Result<Self, ModelError> {
                check_id(&value)?;
                Ok($name(value))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// The id of an annotation: a UUID v4 string for annotations made here.
    AnnotationId
);
id_type!(
    /// The id of a source within an annotation, so that two copies can be merged source by source.
    SourceId
);

// ---------------------------------------------------------------------------------------------
// Time

/// Milliseconds since the Unix epoch (UTC), as `Date.now()` returns.
///
/// Restricted to the years 0000 to 9999 so that it always has an RFC 3339 form. It is stored as a
/// JSON number (13 digits rather than a 24-character string: there are many clocks per
/// annotation), and read from either a number or an RFC 3339 string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(i64);

const MILLIS_PER_DAY: i64 = 86_400_000;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Reads exactly `n` ASCII digits at the start of `s`.
fn digits(s: &[u8], n: usize) -> Option<u32> {
    if s.len() < n {
        return None;
    }
    s[..n].iter().try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

/// Parses `YYYY-MM-DD` at the start of `s`, checking the day exists.
fn parse_date_prefix(s: &[u8]) -> Option<(i64, u32, u32)> {
    let year = i64::from(digits(s, 4)?);
    if s.get(4) != Some(&b'-') || s.get(7) != Some(&b'-') {
        return None;
    }
    let month = digits(&s[5..], 2)?;
    let day = digits(&s[8..], 2)?;
    ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some((year, month, day))
}

impl Timestamp {
    /// 0000-01-01T00:00:00.000Z
    pub const MIN: Timestamp = Timestamp(-62_167_219_200_000);
    /// 9999-12-31T23:59:59.999Z
    pub const MAX: Timestamp = Timestamp(253_402_300_799_999);

    /// A timestamp from milliseconds since the epoch, clamped to the years 0000 to 9999.
    pub fn from_millis(millis: i64) -> Timestamp {
        Timestamp(millis.clamp(Self::MIN.0, Self::MAX.0))
    }

    /// A timestamp from the `f64` that `Date.now()` returns (fractions dropped, NaN as the epoch).
    pub fn from_js_millis(millis: f64) -> Timestamp {
        // `as` saturates on out-of-range floats and maps NaN to 0, which is what we want here.
        Timestamp::from_millis(millis as i64)
    }

    pub fn as_millis(self) -> i64 {
        self.0
    }

    /// This timestamp moved by `millis` (saturating at the ends of the range).
    pub fn plus_millis(self, millis: i64) -> Timestamp {
        Timestamp::from_millis(self.0.saturating_add(millis))
    }

    /// The UTC calendar date.
    pub fn date(self) -> IsoDate {
        let (year, month, day) = civil_from_days(self.0.div_euclid(MILLIS_PER_DAY));
        IsoDate { year: year as u16, month: month as u8, day: day as u8 }
    }

    /// The RFC 3339 form in UTC with milliseconds, e.g. `2024-05-01T09:30:00.000Z`, as JavaScript's
    /// `toISOString` writes it.
    pub fn to_rfc3339(self) -> String {
        let date = self.date();
        let ms = self.0.rem_euclid(MILLIS_PER_DAY);
        let (h, m, s, frac) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
        format!("{date}T{h:02}:{m:02}:{s:02}.{frac:03}Z")
    }

    /// Parses an RFC 3339 timestamp: `YYYY-MM-DDTHH:MM:SS`, an optional fraction (kept to the
    /// millisecond), then `Z` or a `+HH:MM`/`-HH:MM` offset. A lowercase `t`/`z` or a space for
    /// the `T` are accepted, as RFC 3339 allows. A leap second (`:60`) is read as `:59.999`.
    ///
    /// # Errors
    /// [`ModelError::Timestamp`] when the text is not in that form or names a day that does not
    /// exist; [`ModelError::TimestampRange`] when an offset pushes it out of the years 0000–9999.
    pub fn parse(value: &str) -> Result<Timestamp, ModelError> {
        let bad = || ModelError::Timestamp { value: value.to_owned() };
        let s = value.trim().as_bytes();
        let (year, month, day) = parse_date_prefix(s).ok_or_else(bad)?;
        if !matches!(s.get(10), Some(b'T' | b't' | b' '))
            || s.get(13) != Some(&b':')
            || s.get(16) != Some(&b':')
        {
            return Err(bad());
        }
        let hour = digits(&s[11..], 2).filter(|h| *h < 24).ok_or_else(bad)?;
        let minute = digits(&s[14..], 2).filter(|m| *m < 60).ok_or_else(bad)?;
        let second = digits(&s[17..], 2).filter(|s| *s <= 60).ok_or_else(bad)?;
        let mut rest = &s[19..];
        let mut millis = 0i64;
        if rest.first() == Some(&b'.') {
            let frac_len = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
            if frac_len == 0 {
                return Err(bad());
            }
            for (i, b) in rest[1..=frac_len.min(3)].iter().enumerate() {
                millis += i64::from(b - b'0') * [100, 10, 1][i];
            }
            rest = &rest[1 + frac_len..];
        }
        let offset_minutes: i64 = match rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), ..] if rest.len() == 6 && rest[3] == b':' => {
                let oh = digits(&rest[1..], 2).filter(|h| *h < 24).ok_or_else(bad)?;
                let om = digits(&rest[4..], 2).filter(|m| *m < 60).ok_or_else(bad)?;
                let total = i64::from(oh * 60 + om);
                if *sign == b'+' {
                    total
                } else {
                    -total
                }
            }
            _ => return Err(bad()),
        };
        let (second, millis) = if second == 60 { (59, 999) } else { (second, millis) };
        let total = days_from_civil(year, month, day) * MILLIS_PER_DAY
            + i64::from(hour) * 3_600_000
            + i64::from(minute) * 60_000
            + i64::from(second) * 1000
            + millis
            - offset_minutes * 60_000;
        if !(Self::MIN.0..=Self::MAX.0).contains(&total) {
            return Err(ModelError::TimestampRange { millis: total });
        }
        Ok(Timestamp(total))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("milliseconds since 1970 or an RFC 3339 timestamp")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Timestamp, E> {
                if (Timestamp::MIN.0..=Timestamp::MAX.0).contains(&v) {
                    Ok(Timestamp(v))
                } else {
                    Err(E::custom(ModelError::TimestampRange { millis: v }))
                }
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Timestamp, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Timestamp, E> {
                if v.is_finite() {
                    self.visit_i64(v as i64)
                } else {
                    Err(E::custom("a timestamp must be a finite number"))
                }
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Timestamp::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A calendar date, `YYYY-MM-DD`, as used for a source's "accessed" date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IsoDate {
    year: u16,
    month: u8,
    day: u8,
}

impl IsoDate {
    /// # Errors
    /// [`ModelError::Date`] unless the text is exactly `YYYY-MM-DD` and names a day that exists.
    pub fn parse(value: &str) -> Result<IsoDate, ModelError> {
        let s = value.trim().as_bytes();
        match parse_date_prefix(s) {
            Some((year, month, day)) if s.len() == 10 => {
                Ok(IsoDate { year: year as u16, month: month as u8, day: day as u8 })
            }
            _ => Err(ModelError::Date { value: value.to_owned() }),
        }
    }
    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for IsoDate {
    type Error = ModelError;
    fn try_from(value: String) -> Result<Self, ModelError> {
        IsoDate::parse(&value)
    }
}

impl From<IsoDate> for String {
    fn from(date: IsoDate) -> String {
        date.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// Verdicts

/// A fact-checker's rating of a claim.
///
/// The five rated verdicts map to a 1–5 scale ([`Verdict::rating`]) for ClaimReview's
/// `reviewRating`; `Unverifiable` and `Unrated` have no place on that scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    True,
    MostlyTrue,
    HalfTrue,
    Misleading,
    False,
    /// Checked, but the evidence to decide does not exist.
    Unverifiable,
    /// Not rated yet.
    #[default]
    Unrated,
}

impl Verdict {
    pub const ALL: [Verdict; 7] = [
        Verdict::True,
        Verdict::MostlyTrue,
        Verdict::HalfTrue,
        Verdict::Misleading,
        Verdict::False,
        Verdict::Unverifiable,
        Verdict::Unrated,
    ];
    /// ClaimReview `bestRating`.
    pub const BEST_RATING: u8 = 5;
    /// ClaimReview `worstRating`.
    pub const WORST_RATING: u8 = 1;

    /// The name used in files and CSS classes (`mostly_true`).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::True => "true",
            Verdict::MostlyTrue => "mostly_true",
            Verdict::HalfTrue => "half_true",
            Verdict::Misleading => "misleading",
            Verdict::False => "false",
            Verdict::Unverifiable => "unverifiable",
            Verdict::Unrated => "unrated",
        }
    }

    /// The name shown to people, also ClaimReview's `alternateName`.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::True => "True",
            Verdict::MostlyTrue => "Mostly true",
            Verdict::HalfTrue => "Half true",
            Verdict::Misleading => "Misleading",
            Verdict::False => "False",
            Verdict::Unverifiable => "Unverifiable",
            Verdict::Unrated => "Unrated",
        }
    }

    /// Position on the 1 (false) to 5 (true) scale, or `None` for unverifiable and unrated.
    pub fn rating(self) -> Option<u8> {
        match self {
            Verdict::True => Some(5),
            Verdict::MostlyTrue => Some(4),
            Verdict::HalfTrue => Some(3),
            Verdict::Misleading => Some(2),
            Verdict::False => Some(1),
            Verdict::Unverifiable | Verdict::Unrated => None,
        }
    }

    /// The verdict at a point of the 1–5 scale.
    pub fn from_rating(rating: u8) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.rating() == Some(rating))
    }

    /// Whether a verdict was given (ClaimReview is only exported for these).
    pub fn is_rated(self) -> bool {
        self != Verdict::Unrated
    }

    /// Reads a verdict by name or label, ignoring case, spaces, hyphens and underscores
    /// ("Mostly true", "mostly-true" and "MOSTLY_TRUE" all work), as spreadsheets and other tools
    /// write them.
    ///
    /// # Errors
    /// [`ModelError::Verdict`] for anything else.
    pub fn parse(value: &str) -> Result<Verdict, ModelError> {
        let squash = |s: &str| -> String {
            s.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).flat_map(char::to_lowercase).collect()
        };
        let wanted = squash(value);
        Verdict::ALL
            .into_iter()
            .find(|v| squash(v.as_str()) == wanted)
            .ok_or_else(|| ModelError::Verdict { value: value.to_owned() })
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

// ---------------------------------------------------------------------------------------------
// Sources

/// A web address that is safe to put in an `href`: `http` or `https` only.
///
/// `javascript:`, `data:` and friends are refused because a source link is clicked by people who
/// trust the tool, and imported files come from anywhere.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SourceUrl(String);

impl SourceUrl {
    /// Longest accepted URL, in bytes; far beyond any real citation.
    pub const MAX_LEN: usize = 4096;

    /// Checks and keeps a URL. Surrounding whitespace is trimmed and the scheme lowercased;
    /// nothing else is rewritten.
    ///
    /// # Errors
    /// [`ModelError::UrlScheme`] when the scheme is not `http` or `https` (including no scheme),
    /// [`ModelError::UrlInvalid`] when there is no host, the URL contains spaces or control
    /// characters, or it is longer than [`SourceUrl::MAX_LEN`].
    pub fn parse(url: &str) -> Result<SourceUrl, ModelError> {
        let trimmed = url.trim();
        let invalid = |reason| ModelError::UrlInvalid { url: url.to_owned(), reason };
        let (scheme, rest) = match trimmed.split_once("://") {
            Some((scheme, rest))
                if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") =>
            {
                (scheme.to_ascii_lowercase(), rest)
            }
            _ => return Err(ModelError::UrlScheme { url: url.to_owned() }),
        };
        if trimmed.len() > Self::MAX_LEN {
            return Err(invalid("it is longer than 4096 bytes"));
        }
        if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid("it contains spaces or control characters"));
        }
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host_port = authority.rsplit('@').next().unwrap_or("");
        let host = if host_port.starts_with('[') {
            host_port.split(']').next().map(|h| h.trim_start_matches('[')).unwrap_or("")
        } else {
            host_port.split(':').next().unwrap_or("")
        };
        if host.is_empty() {
            return Err(invalid("it has no host name"));
        }
        if host.chars().any(|c| matches!(c, '<' | '>' | '"' | '\\' | '^' | '`' | '{' | '|' | '}')) {
            return Err(invalid("its host name contains characters a host name cannot have"));
        }
        Ok(SourceUrl(format!("{scheme}://{rest}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SourceUrl {
    type Error = ModelError;
    fn try_from(value: String) -> Result<Self, ModelError> {
        SourceUrl::parse(&value)
    }
}

impl From<SourceUrl> for String {
    fn from(url: SourceUrl) -> String {
        url.0
    }
}

impl fmt::Display for SourceUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_empty_str(s: &str) -> bool {
    s.is_empty()
}

/// Evidence for or against a claim.
///
/// Sources carry their own clocks so that two copies of an annotation merge source by source:
/// adding a source in each of two tabs keeps both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub id: SourceId,
    pub url: SourceUrl,
    #[serde(default, skip_serializing_if = "is_empty_str")]
    pub title: String,
    #[serde(default, skip_serializing_if = "is_empty_str")]
    pub publisher: String,
    /// The passage of the source that supports or refutes the claim.
    #[serde(default, skip_serializing_if = "is_empty_str")]
    pub excerpt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<IsoDate>,
    #[serde(default, skip_serializing_if = "is_empty_str")]
    pub note: String,
    /// When the source was added; sources are listed in this order.
    pub added: Timestamp,
    /// When any field of the source last changed.
    pub modified: Timestamp,
}

impl Source {
    /// A source with only a url, accessed today (the date of `now`).
    pub fn new(id: SourceId, url: SourceUrl, now: Timestamp) -> Source {
        Source {
            id,
            url,
            title: String::new(),
            publisher: String::new(),
            excerpt: String::new(),
            accessed: Some(now.date()),
            note: String::new(),
            added: now,
            modified: now,
        }
    }
}

/// A source removed from an annotation, remembered so a merge with an older copy does not bring it
/// back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceTombstone {
    pub id: SourceId,
    pub deleted: Timestamp,
}

// ---------------------------------------------------------------------------------------------
// Selectors and targets

/// The annotated words with some context either side (W3C `TextQuoteSelector`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct TextQuoteSelector {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

/// Where the words were, in characters (Unicode scalar values) of the article text (W3C
/// `TextPositionSelector`; the W3C model counts code points, not UTF-16 units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "RawPosition")]
pub struct TextPositionSelector {
    pub start: CharOffset,
    pub end: CharOffset,
}

#[derive(Deserialize)]
struct RawPosition {
    start: usize,
    end: usize,
}

impl TryFrom<RawPosition> for TextPositionSelector {
    type Error = ModelError;
    fn try_from(raw: RawPosition) -> Result<Self, ModelError> {
        if raw.end < raw.start {
            return Err(ModelError::Span { start: raw.start, end: raw.end });
        }
        Ok(TextPositionSelector { start: CharOffset(raw.start), end: CharOffset(raw.end) })
    }
}

impl TextPositionSelector {
    pub fn span(self) -> CharSpan {
        CharSpan { start: self.start, end: self.end }
    }
}

impl From<CharSpan> for TextPositionSelector {
    fn from(span: CharSpan) -> Self {
        TextPositionSelector { start: span.start, end: span.end.max(span.start) }
    }
}

/// One W3C selector, tagged by `type` as in the Web Annotation model, so that export and import
/// are mostly serde.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Selector {
    TextQuoteSelector(TextQuoteSelector),
    TextPositionSelector(TextPositionSelector),
}

/// Both selectors of one target: what [`crate::anchor::describe`] makes and
/// [`crate::anchor::anchor`] reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Selectors {
    pub quote: TextQuoteSelector,
    pub position: TextPositionSelector,
}

impl Selectors {
    /// The W3C list form, quote first.
    pub fn to_list(&self) -> Vec<Selector> {
        vec![Selector::TextQuoteSelector(self.quote.clone()), Selector::TextPositionSelector(self.position)]
    }
}

/// What an annotation is about: a passage of one article.
///
/// Stored in the W3C shape, `{"source": <article id>, "selector": [TextQuoteSelector,
/// TextPositionSelector]}`, so the export can copy it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawTarget", into = "RawTarget")]
pub struct Target {
    pub article_id: String,
    pub selectors: Selectors,
}

#[derive(Serialize, Deserialize)]
struct RawTarget {
    source: String,
    selector: Vec<Selector>,
}

/// Why a stored target is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error("target has no TextQuoteSelector")]
    NoQuote,
}

impl TryFrom<RawTarget> for Target {
    type Error = TargetError;
    fn try_from(raw: RawTarget) -> Result<Self, TargetError> {
        let mut quote = None;
        let mut position = None;
        for selector in raw.selector {
            match selector {
                Selector::TextQuoteSelector(q) => quote = quote.or(Some(q)),
                Selector::TextPositionSelector(p) => position = position.or(Some(p)),
            }
        }
        let quote = quote.ok_or(TargetError::NoQuote)?;
        // Without a position the quote alone anchors it (position 0..0 never checks out against a
        // non-empty quote, and its distance only breaks ties between equally good matches).
        let position = position.unwrap_or_default();
        Ok(Target { article_id: raw.source, selectors: Selectors { quote, position } })
    }
}

impl From<Target> for RawTarget {
    fn from(target: Target) -> RawTarget {
        RawTarget { source: target.article_id, selector: target.selectors.to_list() }
    }
}

impl Target {
    /// The target of `span` in the article `text`, with context for re-anchoring (see
    /// [`crate::anchor::describe`]).
    pub fn describe(article_id: &str, text: &str, span: CharSpan) -> Target {
        Target { article_id: article_id.to_owned(), selectors: crate::anchor::describe(text, span) }
    }

    /// The span this target had when it was last anchored.
    pub fn span(&self) -> CharSpan {
        self.selectors.position.span()
    }

    /// The annotated words as they were.
    pub fn exact(&self) -> &str {
        &self.selectors.quote.exact
    }
}

// ---------------------------------------------------------------------------------------------
// Annotations

/// Who made an annotation: claim detection (then a person acted on it) or a person selecting text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Detected,
    User,
}

/// The fields of an annotation that are merged separately, each with its own clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Target,
    Kind,
    Verdict,
    Note,
    Tags,
    Dismissed,
}

/// When each field was last edited. `None` means "when the annotation was created", which keeps
/// the stored form small: most annotations have most fields untouched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FieldClocks {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dismissed: Option<Timestamp>,
}

impl FieldClocks {
    fn is_default(&self) -> bool {
        *self == FieldClocks::default()
    }

    fn slot(&mut self, field: Field) -> &mut Option<Timestamp> {
        match field {
            Field::Target => &mut self.target,
            Field::Kind => &mut self.kind,
            Field::Verdict => &mut self.verdict,
            Field::Note => &mut self.note,
            Field::Tags => &mut self.tags,
            Field::Dismissed => &mut self.dismissed,
        }
    }

    /// When the field was last edited; `None` when it never was.
    pub fn get(&self, field: Field) -> Option<Timestamp> {
        match field {
            Field::Target => self.target,
            Field::Kind => self.kind,
            Field::Verdict => self.verdict,
            Field::Note => self.note,
            Field::Tags => self.tags,
            Field::Dismissed => self.dismissed,
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_unrated(v: &Verdict) -> bool {
    *v == Verdict::Unrated
}

/// A claim someone acted on: its place in the article, a verdict, sources, a note and tags.
///
/// Fields are public for reading and for building fixtures. Change a live annotation through the
/// `set_*`/`*_source` methods, which keep the clocks that merging relies on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub id: AnnotationId,
    pub target: Target,
    pub origin: Origin,
    pub kind: ClaimKind,
    #[serde(default, skip_serializing_if = "is_unrated")]
    pub verdict: Verdict,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Removed sources, so that merging with an older copy does not bring them back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_sources: Vec<SourceTombstone>,
    #[serde(default, skip_serializing_if = "is_empty_str")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// A detected candidate the user said is not worth checking. Kept, so that it stays dismissed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub dismissed: bool,
    pub created: Timestamp,
    pub modified: Timestamp,
    #[serde(default, skip_serializing_if = "FieldClocks::is_default")]
    pub clocks: FieldClocks,
}

impl Annotation {
    fn new(id: AnnotationId, target: Target, origin: Origin, kind: ClaimKind, now: Timestamp) -> Annotation {
        Annotation {
            id,
            target,
            origin,
            kind,
            verdict: Verdict::Unrated,
            sources: Vec::new(),
            removed_sources: Vec::new(),
            note: String::new(),
            tags: Vec::new(),
            dismissed: false,
            created: now,
            modified: now,
            clocks: FieldClocks::default(),
        }
    }

    /// An annotation on text the user selected.
    pub fn new_user(id: AnnotationId, target: Target, kind: ClaimKind, now: Timestamp) -> Annotation {
        Annotation::new(id, target, Origin::User, kind, now)
    }

    /// An annotation for a detected claim, made at the moment the user first acts on it (adds a
    /// source, sets a verdict, writes a note or dismisses it). Build `target` with
    /// [`Target::describe`] from the detected span.
    pub fn from_detected(id: AnnotationId, target: Target, kind: ClaimKind, now: Timestamp) -> Annotation {
        Annotation::new(id, target, Origin::Detected, kind, now)
    }

    /// A dismissed detected candidate: stored so it stays dismissed after a reload.
    pub fn dismissed_candidate(
        id: AnnotationId,
        target: Target,
        kind: ClaimKind,
        now: Timestamp,
    ) -> Annotation {
        let mut annotation = Annotation::from_detected(id, target, kind, now);
        annotation.dismissed = true;
        annotation
    }

    /// When `field` was last edited.
    pub fn clock(&self, field: Field) -> Timestamp {
        self.clocks.get(field).unwrap_or(self.created)
    }

    /// Records an edit of `field` at `now`, and returns the time used.
    ///
    /// The time is forced past the field's previous clock: if the system clock went backwards, an
    /// edit made after another must still win the merge.
    fn touch(&mut self, field: Field, now: Timestamp) -> Timestamp {
        let at = now.max(self.clock(field).plus_millis(1));
        *self.clocks.slot(field) = Some(at);
        self.modified = self.modified.max(at);
        at
    }

    pub fn set_verdict(&mut self, verdict: Verdict, now: Timestamp) {
        self.verdict = verdict;
        self.touch(Field::Verdict, now);
    }

    pub fn set_note(&mut self, note: impl Into<String>, now: Timestamp) {
        self.note = note.into();
        self.touch(Field::Note, now);
    }

    pub fn set_kind(&mut self, kind: ClaimKind, now: Timestamp) {
        self.kind = kind;
        self.touch(Field::Kind, now);
    }

    pub fn set_dismissed(&mut self, dismissed: bool, now: Timestamp) {
        self.dismissed = dismissed;
        self.touch(Field::Dismissed, now);
    }

    /// Replaces the tags. They are trimmed, empty ones dropped, and duplicates (ignoring case)
    /// removed, keeping the first spelling.
    pub fn set_tags<I, S>(&mut self, tags: I, now: Timestamp)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut clean: Vec<String> = Vec::new();
        for tag in tags {
            let tag: String = tag.into();
            let tag = tag.trim();
            if !tag.is_empty() && !clean.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                clean.push(tag.to_owned());
            }
        }
        self.tags = clean;
        self.touch(Field::Tags, now);
    }

    /// Moves the annotation to other words: an orphan re-attached by selecting new text, or a
    /// highlight the user adjusted. Re-anchoring after an article edit should not call this: the
    /// stored selectors stay as the user made them, and anchoring finds them again each time.
    pub fn retarget(&mut self, target: Target, now: Timestamp) {
        self.target = target;
        self.touch(Field::Target, now);
    }

    /// Adds a source, or replaces the source with the same id.
    pub fn add_source(&mut self, mut source: Source, now: Timestamp) {
        let previous = self.sources.iter().position(|s| s.id == source.id);
        let floor = previous.map(|i| self.sources[i].modified.plus_millis(1)).unwrap_or(now);
        source.modified = now.max(floor);
        self.modified = self.modified.max(source.modified);
        self.removed_sources.retain(|t| t.id != source.id);
        match previous {
            Some(i) => {
                source.added = self.sources[i].added;
                self.sources[i] = source;
            }
            None => self.sources.push(source),
        }
    }

    /// Replaces the source with the same id (same as [`Annotation::add_source`]; the name says
    /// what the caller means).
    pub fn update_source(&mut self, source: Source, now: Timestamp) {
        self.add_source(source, now);
    }

    /// Removes a source; returns it, or `None` when there is no source with that id.
    pub fn remove_source(&mut self, id: &SourceId, now: Timestamp) -> Option<Source> {
        let i = self.sources.iter().position(|s| &s.id == id)?;
        let source = self.sources.remove(i);
        let deleted = now.max(source.modified.plus_millis(1));
        self.removed_sources.retain(|t| &t.id != id);
        self.removed_sources.push(SourceTombstone { id: id.clone(), deleted });
        self.modified = self.modified.max(deleted);
        Some(source)
    }

    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.id == id)
    }

    /// Whether the user did anything with it beyond dismissing: a verdict, a source, a note or a
    /// tag.
    pub fn has_work(&self) -> bool {
        self.verdict.is_rated()
            || !self.sources.is_empty()
            || !self.note.trim().is_empty()
            || !self.tags.is_empty()
    }
}

/// 16 bytes derived from `parts` (two FNV-1a hashes, each part ended by a 0xff byte), for ids that
/// must come out the same wherever they are made: two tabs migrating the same old document, two
/// imports of one file, two tabs acting on the same detected claim.
pub fn derived_id_bytes(parts: &[&str]) -> [u8; 16] {
    let mut out = [0u8; 16];
    for (half, seed) in [0xcbf2_9ce4_8422_2325u64, 0x6c62_272e_07bb_0142].into_iter().enumerate() {
        let mut hash = seed;
        for part in parts {
            for byte in part.bytes().chain([0xff]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        out[half * 8..half * 8 + 8].copy_from_slice(&hash.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn limits_format() {
        assert_eq!(Timestamp::MIN.to_rfc3339(), "0000-01-01T00:00:00.000Z");
        assert_eq!(Timestamp::MAX.to_rfc3339(), "9999-12-31T23:59:59.999Z");
    }
}
