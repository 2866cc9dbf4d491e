//! Time: [`Timestamp`] (milliseconds since the Unix epoch, read from a number or RFC 3339) and
//! [`IsoDate`] (a calendar date), with the proleptic Gregorian calendar arithmetic behind both.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ModelError;
use claimmark_detect::calendar::{civil_from_days, days_from_civil, days_in_month};

/// Milliseconds since the Unix epoch (UTC), as `Date.now()` returns.
///
/// Restricted to the years 0000 to 9999 so that it always has an RFC 3339 form. It is stored as a
/// JSON number (13 digits rather than a 24-character string: there are many clocks per
/// annotation), and read from either a number or an RFC 3339 string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(i64);

const MILLIS_PER_DAY: i64 = 86_400_000;

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
