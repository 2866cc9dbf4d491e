//! claimmark-detect: claim detection, the figures, dates and quotations a fact-checker marks first.
//!
//! Its own crate, re-exported as `claimmark_core::detect`, so that it can be built for speed
//! (opt-level "s") while the rest of the widget is built for size ("z"): see the root Cargo.toml.
//!
//! [`detect`] finds five kinds of checkable claim in a text:
//!
//! - **money**: `$13.2M`, `US$ 2-3 billion`, `Rs 5 crore`, `€1,500`, `200 rupees`, normalised to an
//!   amount with the scale applied and an ISO 4217 currency where the text makes it known;
//! - **percent**: `14.2%`, `14.2 per cent`, `fourteen percent`, `-2.1%` (signs kept),
//!   `3 percentage points`, `2.1pp`;
//! - **date**: `01 May 1948`, `May 1, 1948`, `December 2021`, `January-1966`, `23-24 Feb`,
//!   `in 2001`, `1996 to 2019`, `the 1965, Indo-Pak War`, `early 1970s`, `mid-1990s`, as partial
//!   ISO 8601 dates and intervals with the missing parts left missing; and dates relative to
//!   publication, `yesterday`, `last year`, `earlier this month`, `41 years ago`, which
//!   [`detect_with`] resolves when it is given the publication date;
//! - **quote**: direct quotations in straight or curly marks, ones that run over several paragraphs
//!   (each later one opening with a mark), ones whose closing mark a scraper pushed into the next
//!   paragraph, with the speaker when the sentence names one; a quotation nested in another is part
//!   of it, and one of one to three words only counts when the sentence attributes it (not a title
//!   or scare quotes);
//! - **trend**: compound figures such as "exports rose at an annualised rate of 14.2%, from $13.2M in
//!   1996 to $277M in 2019", with a check that the stated rate matches the figures.
//!
//! Claims may nest (a date inside a quotation, money inside a trend); all of them are returned.
//! Spans count Unicode characters of the text; convert with `claimmark_core::text::TextIndex` for the DOM.
//!
//! ```
//! use claimmark_detect::{detect, ClaimKind, ClaimValue};
//!
//! let claims = detect("Exports rose at an annualised rate of 14.2%, from $13.2M in 1996 to $277M in 2019.");
//! let trend = claims.iter().find(|c| c.kind == ClaimKind::Trend).unwrap();
//! assert_eq!(trend.text, "Exports rose at an annualised rate of 14.2%, from $13.2M in 1996 to $277M in 2019");
//! let ClaimValue::Trend { check: Some(check), .. } = &trend.value else { panic!() };
//! assert!(check.consistent); // (277 ÷ 13.2)^(1/23) − 1 = 14.15%, within rounding of 14.2%
//!
//! let money: Vec<String> =
//!     claims.iter().filter(|c| c.kind == ClaimKind::Money).map(|c| c.value_label()).collect();
//! assert_eq!(money, ["US$ 13.2 million", "US$ 277 million"]);
//! assert_eq!(claims[0].span.start.0, 0); // sorted by start, longest first
//! ```
//!
//! The scanner is hand-written (see `scan/mod.rs` for why): it runs in linear time on any input and
//! added about 18 KB gzipped to the wasm download, word lists and value formatting included, where
//! `regex-lite` alone cost 30 KB and `regex` over 100 (measured 2026-11-26; `bench/run.sh` gives
//! today's figure).

pub mod calendar;
mod date;
mod format;
mod kind;
mod money;
pub mod offsets;
mod percent;
mod quote;
mod scan;
mod trend;
mod words;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::offsets::{ByteOffset, ByteSpan, CharSpan};

pub use date::{CalendarDate, CalendarDateError, PartialDate, Relative, RelativeUnit};
pub use kind::ClaimKind;

/// A detected claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub kind: ClaimKind,
    /// Where the claim is, in Unicode characters of the text given to [`detect`].
    pub span: CharSpan,
    /// The exact text of the span.
    pub text: String,
    /// The claim normalised.
    pub value: ClaimValue,
    /// Who is quoted, for quotations whose sentence says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Who is quoted, with where the name is: also a speaker inferred from a pronoun.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Speaker>,
}

/// The speaker of a quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The name as the text writes it.
    pub name: String,
    /// Where the name is, in characters of the text given to [`detect`].
    pub span: CharSpan,
    /// The role or title written beside the name: "a member of Parliament".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The pronoun that stands for the speaker at the quotation ("she"), when the name is inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pronoun: Option<String>,
    /// The name is the one person named shortly before the pronoun, not written at the quotation.
    #[serde(default)]
    pub inferred: bool,
}

/// Whether a percentage is a ratio or a difference of two percentages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PercentUnit {
    /// "14.2%", "14.2 per cent".
    Percent,
    /// "3 percentage points".
    PercentagePoints,
    /// "25 basis points" (hundredths of a percentage point).
    BasisPoints,
}

/// Which way a trend figure goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
    /// The sentence does not say ("went from … to …").
    Unstated,
}

/// The result of checking a trend's stated rate against its figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendCheck {
    /// The rate the figures imply, in per cent.
    pub implied_rate: f64,
    /// Whether the stated rate agrees with the implied one within the rounding of the figures.
    pub consistent: bool,
    /// The arithmetic, written out for a reader: "(277 ÷ 13.2)^(1/23) − 1 = 14.15% a year; …".
    pub arithmetic: String,
}

/// A claim normalised. Serialised with a `"type"` tag: `{"type": "money", "amount": 277000000, …}`.
///
/// Codes, symbols, scales and qualifiers are [`Cow`]s: the detector borrows the ones it lists
/// (most of them), so that a claim costs no allocation for them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ClaimValue {
    Money {
        /// The amount with the scale applied: `$13.2M` is 13200000.
        amount: f64,
        /// The upper end of a range ("$2-3 billion"), scale applied.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount_max: Option<f64>,
        /// ISO 4217 code, when the text makes the currency known (`$` is read as US dollars).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        currency: Option<Cow<'static, str>>,
        /// The currency as written: "$", "US$", "Rs", "rupees".
        symbol: Cow<'static, str>,
        /// The scale word or suffix as written ("M", "billion", "crore"), already applied to `amount`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scale: Option<Cow<'static, str>>,
    },
    Percent {
        value: f64,
        /// The upper end of a range ("2-3%").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value_max: Option<f64>,
        unit: PercentUnit,
        /// Whether a sign was written before the figure: "+31.4%" and "-2.1%" are changes, and
        /// `value` keeps the sign.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        signed: bool,
    },
    Date {
        start: PartialDate,
        /// The end of an interval ("1996 to 2019", "23-24 Feb", "the 1980s").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        end: Option<PartialDate>,
        /// A word that makes the date approximate: "early", "mid", "late", "summer", "earlier".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        qualifier: Option<Cow<'static, str>>,
        /// For a date written relative to publication ("last year", "41 years ago"): how far
        /// from it. `start` (and `end`, for a week) hold the resolved date when
        /// [`DetectOptions::published`] was given, and no part otherwise.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        relative: Option<Relative>,
    },
    Quote {
        /// The quoted words, without the marks.
        content: String,
        words: usize,
    },
    Trend {
        direction: Direction,
        /// The stated rate in per cent, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rate: Option<f64>,
        /// Whether the rate is per year (annualised, compound) rather than the total change.
        annualised: bool,
        from: f64,
        to: f64,
        /// ISO 4217 currency of the figures, "%" for percentages, none for plain numbers.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<Cow<'static, str>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from_year: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to_year: Option<i32>,
        /// The consistency check, when the sentence gives enough to do it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        check: Option<TrendCheck>,
    },
}

impl Claim {
    /// The value as people read it: "1948-05-01", "US$ 277 million", "14.2%", "1996/2019".
    pub fn value_label(&self) -> String {
        match &self.value {
            ClaimValue::Money { amount, amount_max, currency, symbol, .. } => {
                money::label(*amount, *amount_max, currency.as_deref(), symbol)
            }
            ClaimValue::Percent { value, value_max, unit, signed } => {
                percent::label(*value, *value_max, *unit, *signed)
            }
            ClaimValue::Date { start, end, qualifier, relative } => {
                let mut s = relative.map(|r| r.label()).unwrap_or_default();
                let resolved = *start != PartialDate::default();
                if relative.is_some() && resolved {
                    s.push_str(": ");
                }
                if resolved || relative.is_none() {
                    s.push_str(&start.to_string());
                }
                if let Some(end) = end {
                    s.push('/');
                    s.push_str(&end.to_string());
                }
                if let Some(q) = qualifier {
                    s.push_str(&format!(" ({q})"));
                }
                s
            }
            ClaimValue::Quote { words, .. } => match (&self.speaker, &self.attribution) {
                (Some(who), _) => format!("quotation, {words} words, by {who}"),
                // A pronoun resolved to the one person named shortly before: shown as inferred.
                (None, Some(Speaker { name, pronoun: Some(pronoun), inferred: true, .. })) => {
                    format!("quotation, {words} words, by {pronoun}: {name}, inferred")
                }
                (None, _) => format!("quotation, {words} words, speaker not named"),
            },
            ClaimValue::Trend { check, .. } => trend::label(&self.value, check.as_ref()),
        }
    }
}

/// A claim as a recogniser finds it: where it is, in UTF-8 bytes of the text passed to
/// [`detect`], and what it says. [`detect`] turns each into a [`Claim`], with its span in
/// characters and its text.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub kind: ClaimKind,
    pub span: ByteSpan,
    pub value: ClaimValue,
    /// Who is quoted, for quotations whose sentence says so or whose pronoun is resolved.
    pub attribution: Option<quote::Attr>,
}

impl Found {
    /// A claim found at bytes `start..end`.
    pub(crate) fn new(kind: ClaimKind, start: usize, end: usize, value: ClaimValue) -> Found {
        let span = ByteSpan { start: ByteOffset(start), end: ByteOffset(end) };
        Found { kind, span, value, attribution: None }
    }
    /// Where the claim starts, in bytes.
    pub(crate) fn start(&self) -> usize {
        self.span.start.0
    }
    /// Where the claim ends, in bytes.
    pub(crate) fn end(&self) -> usize {
        self.span.end.0
    }
}

/// Sorted by start, then longer span first, then kind (stable). The scan finds claims mostly in
/// that order already, so it is checked first.
fn sort(found: &mut [Found]) {
    let order = |a: &Found, b: &Found| {
        a.start().cmp(&b.start()).then(b.end().cmp(&a.end())).then(a.kind.cmp(&b.kind))
    };
    if !found.is_sorted_by(|a, b| order(a, b).is_le()) {
        found.sort_by(order);
    }
}

/// The number of characters in `s`: its bytes that do not continue a character.
fn count_chars(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// What [`detect_with`] knows of the text beyond its words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DetectOptions {
    /// The day the text was published: relative dates ("last year", "yesterday") are resolved
    /// against it. Without it they keep only their [`Relative`] offset.
    pub published: Option<CalendarDate>,
}

/// Finds every claim in `text`: sorted by start, then longer span first, then kind; deterministic.
/// Relative dates are not resolved: [`detect_with`] with no options.
///
/// Runs in time linear in the length of the text.
pub fn detect(text: &str) -> Vec<Claim> {
    detect_with(text, &DetectOptions::default())
}

/// [`detect`], with relative dates resolved against `options.published` when it is given.
///
/// ```
/// use claimmark_detect::{detect_with, CalendarDate, DetectOptions};
///
/// let options = DetectOptions { published: "2019-06-12".parse().ok() };
/// let claims = detect_with("Two days ago, and 41 years ago.", &options);
/// let labels: Vec<String> = claims.iter().map(|c| c.value_label()).collect();
/// assert_eq!(labels, ["2 days before publication: 2019-06-10", "41 years before publication: 1978"]);
/// # let _: Option<CalendarDate> = options.published;
/// ```
///
/// Runs in time linear in the length of the text.
pub fn detect_with(text: &str, options: &DetectOptions) -> Vec<Claim> {
    let mut found = Vec::new();
    let froms = scan::scan(text, &mut found);
    sort(&mut found);
    if !froms.is_empty() {
        let n = found.len();
        trend::find(text, &froms, &mut found);
        if found.len() > n {
            sort(&mut found);
        }
    }
    found.dedup_by(|a, b| a.start() == b.start() && a.end() == b.end() && a.kind == b.kind);
    // Byte offsets to characters in one forward walk: claims are sorted by start, so each
    // character is counted once, plus the length of each claim for its end. In ASCII text, a
    // byte is a character.
    let ascii = text.is_ascii();
    let count = |s: &str| if ascii { s.len() } else { count_chars(s) };
    let mut claims = Vec::with_capacity(found.len());
    let mut byte = 0;
    let mut chars = 0;
    for f in found {
        let (start, end) = (f.start(), f.end());
        let Some(before) = text.get(byte..start) else { continue };
        chars += count(before);
        byte = start;
        let Some(claim_text) = text.get(start..end) else { continue };
        let span = CharSpan::new(chars, chars + count(claim_text));
        let attribution = f.attribution.and_then(|a| speaker(text, a, start, chars, count));
        let speaker = attribution.as_ref().filter(|a| !a.inferred).map(|a| a.name.clone());
        let Found { kind, mut value, .. } = f;
        if let (ClaimValue::Date { start, end, relative: Some(r), .. }, Some(p)) =
            (&mut value, options.published)
        {
            if let Some((s, e)) = r.resolve(p) {
                (*start, *end) = (s, e);
            }
        }
        claims.push(Claim { kind, span, text: claim_text.to_string(), value, speaker, attribution });
    }
    claims
}

/// The speaker `a` in characters, given that byte `start` is character `chars`; the name is within
/// a paragraph or two of the claim, so counting from `start` keeps [`detect`] linear.
fn speaker(
    text: &str,
    a: quote::Attr,
    start: usize,
    chars: usize,
    count: impl Fn(&str) -> usize,
) -> Option<Speaker> {
    let at = |b: usize| -> Option<usize> {
        if b < start {
            chars.checked_sub(count(text.get(b..start)?))
        } else {
            Some(chars + count(text.get(start..b)?))
        }
    };
    let piece = |(s, e): (usize, usize)| text.get(s..e).map(str::to_string);
    Some(Speaker {
        name: piece(a.name)?,
        span: CharSpan::new(at(a.name.0)?, at(a.name.1)?),
        role: a.role.and_then(piece),
        pronoun: a.pronoun.and_then(piece),
        inferred: a.inferred,
    })
}

/// Finds the claims of one kind only.
pub fn detect_kind(text: &str, kind: ClaimKind) -> Vec<Claim> {
    detect(text).into_iter().filter(|c| c.kind == kind).collect()
}
