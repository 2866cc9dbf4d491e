//! [`PartialDate`], the value of a date claim: a calendar date with any of its parts missing,
//! written and read as partial ISO 8601 (`1948-05-01`, `2021-12`, `--02-23`), which is also how it
//! serialises.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date with any of its parts missing, written as ISO 8601 allows: `1948-05-01`,
/// `2021-12`, `2001`, `--02-23` (a day in February, year not given).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn year(year: i32) -> PartialDate {
        PartialDate { year: Some(year), month: None, day: None }
    }
    pub fn month(year: i32, month: u8) -> PartialDate {
        PartialDate { year: Some(year), month: Some(month), day: None }
    }
    pub fn ymd(year: Option<i32>, month: u8, day: u8) -> PartialDate {
        PartialDate { year, month: Some(month), day: Some(day) }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => write!(f, "{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => write!(f, "{y:04}-{m:02}"),
            (Some(y), None, _) => write!(f, "{y:04}"),
            (None, Some(m), Some(d)) => write!(f, "--{m:02}-{d:02}"),
            (None, Some(m), None) => write!(f, "--{m:02}"),
            (None, None, _) => Ok(()),
        }
    }
}

/// Why a string is not a partial ISO 8601 date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a partial ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD, --MM or --MM-DD)")]
pub struct PartialDateError(String);

impl FromStr for PartialDate {
    type Err = PartialDateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PartialDateError(s.to_string());
        let num = |p: &str| -> Result<u32, PartialDateError> {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4 {
                return Err(err());
            }
            p.parse().map_err(|_| err())
        };
        let (year, rest) = if let Some(rest) = s.strip_prefix("--") {
            (None, rest)
        } else {
            let (y, rest) = s.split_once('-').unwrap_or((s, ""));
            (Some(num(y)? as i32), rest)
        };
        let mut parts = if rest.is_empty() { Vec::new() } else { rest.split('-').collect() };
        if parts.len() > 2 || (year.is_none() && parts.is_empty()) {
            return Err(err());
        }
        let day = if parts.len() == 2 { Some(num(parts.pop().unwrap_or_default())? as u8) } else { None };
        let month = parts.pop().map(num).transpose()?.map(|m| m as u8);
        if month.is_some_and(|m| !(1..=12).contains(&m)) || day.is_some_and(|d| !(1..=31).contains(&d)) {
            return Err(err());
        }
        Ok(PartialDate { year, month, day })
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        // A relative date with no publication date to resolve it has no part: "".
        if s.is_empty() {
            return Ok(PartialDate::default());
        }
        s.parse().map_err(serde::de::Error::custom)
    }
}
