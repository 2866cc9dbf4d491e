//! Trend figures: "exports rose at an annualised rate of 14.2%, from $13.2M in 1996 to $277M in
//! 2019", as one claim with its parts, and a check that the stated rate matches the figures.
//!
//! The check is done with the rounding of every figure taken into account: "$13.2M" is anything
//! from 13.15 to 13.25 million, "14.2%" anything from 14.15% to 14.25%. The stated rate is
//! consistent when the range it stands for overlaps the range of rates the figures allow, so a
//! writer who rounded correctly is never flagged, and one whose arithmetic is off is, with the
//! arithmetic shown.

use super::format::{format_number, group_thousands};
use super::scan::cursor::{
    byte_at, is_word_end, letters_after, parse_number, sign_at, skip_spaces, starts_with_ci,
};
use super::words::{self, key_of};
use super::{money, percent, ClaimValue, Direction, Found, PercentUnit, TrendCheck};
use crate::ClaimKind;

const A: u64 = key_of("a");
const PER: u64 = key_of("per");
const YEAR: u64 = key_of("year");

pub(crate) const UP: &[&str] = &[
    "increased",
    "increase",
    "increases",
    "rose",
    "rise",
    "rises",
    "risen",
    "grew",
    "grow",
    "grows",
    "grown",
    "climbed",
    "climbs",
    "jumped",
    "jumps",
    "surged",
    "surges",
    "soared",
    "soars",
    "expanded",
    "expands",
    "doubled",
    "tripled",
    "gained",
    "gains",
    "up",
    "growth",
    "increasing",
    "rising",
    "growing",
];
pub(crate) const DOWN: &[&str] = &[
    "decreased",
    "decrease",
    "decreases",
    "fell",
    "fall",
    "falls",
    "fallen",
    "declined",
    "declines",
    "decline",
    "dropped",
    "drops",
    "drop",
    "shrank",
    "shrunk",
    "shrinks",
    "plunged",
    "plummeted",
    "slumped",
    "slid",
    "tumbled",
    "contracted",
    "down",
    "reduced",
    "lost",
    "falling",
    "declining",
    "decreasing",
];
pub(crate) const NEUTRAL: &[&str] = &["went", "changed", "moved", "go", "goes", "gone", "change"];
/// Nouns a trend is about; the claim starts at one when it is near the verb.
pub(crate) const METRICS: &[&str] = &[
    "exports",
    "imports",
    "export",
    "import",
    "trade",
    "sales",
    "revenue",
    "revenues",
    "gdp",
    "output",
    "production",
    "investment",
    "investments",
    "prices",
    "price",
    "inflation",
    "unemployment",
    "debt",
    "deficit",
    "spending",
    "budget",
    "income",
    "wages",
    "earnings",
    "profits",
    "profit",
    "population",
    "remittances",
    "reserves",
    "emissions",
    "taxes",
    "tax",
    "turnover",
    "volume",
    "cost",
    "costs",
    "expenditure",
    "subsidies",
    "borrowing",
    "fdi",
    "rate",
    "number",
    "enrolment",
    "enrollment",
];
/// Words that make the stated rate a yearly one.
pub(crate) const ANNUAL: &[&str] =
    &["annualized", "annualised", "annual", "annually", "yearly", "cagr", "compound", "compounded", "annum"];

/// A figure in a trend: money, a percentage or a plain number, with its rounding.
#[derive(Debug, Clone)]
struct Figure {
    end: usize,
    value: f64,
    /// The figure as written, before the scale: 13.2 for "$13.2M".
    written: f64,
    /// Half a unit of the last digit written, with the scale applied.
    half: f64,
    unit: Option<std::borrow::Cow<'static, str>>,
    kind: ClaimKind,
}

fn figure_at(text: &str, j: usize) -> Option<Figure> {
    let bytes = text.as_bytes();
    let d = (j..(j + 7).min(bytes.len())).find(|&k| bytes[k].is_ascii_digit())?;
    if d > j
        && (j..d).any(|k| bytes[k].is_ascii_whitespace() && k + 1 < d && bytes[k + 1].is_ascii_whitespace())
    {
        return None;
    }
    let num = parse_number(bytes, d);
    if let Some(m) = money::at(text, &num).filter(|m| m.start() == j) {
        let end = m.end();
        if let ClaimValue::Money { amount, currency, symbol, amount_max: None, .. } = m.value {
            let factor = if num.value > 0.0 { amount / num.value } else { 1.0 };
            return Some(Figure {
                end,
                value: amount,
                written: num.value,
                half: num.half_unit() * factor,
                unit: Some(currency.unwrap_or(symbol)),
                kind: ClaimKind::Money,
            });
        }
        return None;
    }
    if d != j {
        return None;
    }
    if let Some(p) = percent::at(text, &num) {
        if let ClaimValue::Percent { value, value_max: None, unit: PercentUnit::Percent, .. } = p.value {
            return Some(Figure {
                end: p.end(),
                value,
                written: value,
                half: num.half_unit(),
                unit: Some(std::borrow::Cow::Borrowed("%")),
                kind: ClaimKind::Percent,
            });
        }
        return None;
    }
    // A plain number; a year is not a figure ("from 1996 to 2019" is a date range).
    let looks_like_year = num.is_plain_int() && num.int_digits == 4 && (1000.0..=2100.0).contains(&num.value);
    let (s, e) = letters_after(bytes, skip_spaces(bytes, num.end));
    let factor = match &bytes[s..e] {
        w if w.eq_ignore_ascii_case(b"million") => 1e6,
        w if w.eq_ignore_ascii_case(b"billion") => 1e9,
        w if w.eq_ignore_ascii_case(b"trillion") => 1e12,
        w if w.eq_ignore_ascii_case(b"thousand") => 1e3,
        _ => 1.0,
    };
    if looks_like_year && factor == 1.0 {
        return None;
    }
    let end = if factor > 1.0 { e } else { num.end };
    Some(Figure {
        end,
        value: num.value * factor,
        written: num.value,
        half: num.half_unit() * factor,
        unit: None,
        kind: ClaimKind::Other,
    })
}

/// " in 1996" after a figure; returns the end and the year.
fn in_year(bytes: &[u8], i: usize) -> Option<(usize, i32)> {
    let j = skip_spaces(bytes, i);
    if j == i || !starts_with_ci(bytes, j, "in ") {
        return None;
    }
    let k = skip_spaces(bytes, j + 3);
    if !byte_at(bytes, k).is_ascii_digit() {
        return None;
    }
    let num = parse_number(bytes, k);
    let y = num.as_u32()?;
    let alone = !byte_at(bytes, num.end).is_ascii_alphanumeric();
    (num.int_digits == 4 && (1000..=2100).contains(&y) && alone).then_some((num.end, y as i32))
}

/// The start of the sentence that contains `i`, looking back at most 300 bytes.
fn sentence_start(bytes: &[u8], i: usize) -> usize {
    let floor = i.saturating_sub(300);
    let mut k = i;
    while k > floor {
        let b = bytes[k - 1];
        if b == b'\n' {
            return k;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            let next = byte_at(bytes, k);
            // "trade.In the last…": scrapers drop the space after a full stop.
            if next.is_ascii_whitespace() || next.is_ascii_uppercase() {
                return k;
            }
        }
        k -= 1;
    }
    // Do not start inside a multi-byte character.
    while k < i && bytes[k] & 0xC0 == 0x80 {
        k += 1;
    }
    k
}

/// Words of `bytes[from..to]` as `(start, end)` letter runs.
fn letter_words(bytes: &[u8], from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if bytes[i].is_ascii_alphabetic() {
            let s = i;
            while i < to && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            if (s == 0 || !bytes[s - 1].is_ascii_alphanumeric()) && is_word_end(bytes, i) {
                out.push((s, i));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Finds trend claims and adds them to `found`, which is sorted by start. `froms` are the
/// positions of "from " that start a word, in order, as [`super::scan::scan`] found them.
pub(crate) fn find(text: &str, froms: &[usize], found: &mut Vec<Found>) {
    let mut trends = Vec::new();
    for &at in froms {
        if let Some(trend) = trend_at(text, at, found) {
            trends.push(trend);
        }
    }
    found.extend(trends);
}

fn trend_at(text: &str, at: usize, found: &[Found]) -> Option<Found> {
    let bytes = text.as_bytes();
    let from = figure_at(text, skip_spaces(bytes, at + 5))?;
    let (mut k, from_year) = in_year(bytes, from.end).map_or((from.end, None), |(e, y)| (e, Some(y)));
    if byte_at(bytes, k) == b',' {
        k += 1;
    }
    let j = skip_spaces(bytes, k);
    if !starts_with_ci(bytes, j, "to ") {
        return None;
    }
    let to = figure_at(text, skip_spaces(bytes, j + 3))?;
    if to.kind != from.kind || (from.kind == ClaimKind::Money && to.unit != from.unit) {
        return None;
    }
    let (mut end, to_year) = in_year(bytes, to.end).map_or((to.end, None), |(e, y)| (e, Some(y)));
    if from.kind == ClaimKind::Other && (from_year.is_none() || to_year.is_none()) {
        return None; // "from 2 to 3" with nothing else is not a trend figure
    }

    // Before "from": the verb, the metric, a rate ("at an annualised rate of 14.2%", "by 40%").
    let s_start = sentence_start(bytes, at);
    let words = letter_words(bytes, s_start, at);
    let verb = words.iter().rposition(|&w| words::is(bytes, w, words::UP | words::DOWN | words::NEUTRAL));
    let direction = match verb.map(|v| words::lookup(bytes, words[v])) {
        Some(w) if w.is(words::UP) => Direction::Up,
        Some(w) if w.is(words::DOWN) => Direction::Down,
        _ => Direction::Unstated,
    };
    let verb_start = verb.map(|v| words[v].0);
    let percents_between = |lo: usize, hi: usize| {
        let first = found.partition_point(|f| f.start() < lo);
        found[first..]
            .iter()
            .take_while(|f| f.start() < hi)
            .filter(|f| f.kind == ClaimKind::Percent)
            .last()
            .cloned()
    };
    let mut rate = percents_between(verb_start.unwrap_or(at), at);
    // After the figures: ", an annual rise of 14.2%", "(14.2% a year)".
    if rate.is_none() {
        let mut sentence_end = (end + 80).min(bytes.len());
        if let Some(p) =
            bytes[end..sentence_end].iter().position(|&b| matches!(b, b'.' | b'!' | b'?' | b'\n'))
        {
            if !byte_at(bytes, end + p + 1).is_ascii_digit() {
                sentence_end = end + p;
            }
        }
        if let Some(p) = percents_between(end, sentence_end) {
            end = p.end();
            rate = Some(p);
        }
    }
    if verb.is_none() && rate.is_none() {
        return None;
    }
    let start = match verb {
        Some(v) => {
            // The subject: a metric noun in the six words before the verb.
            let lo = v.saturating_sub(6);
            (lo..v)
                .rev()
                .find(|&m| words::is(bytes, words[m], words::METRIC))
                .map_or(words[v].0, |m| words[m].0)
        }
        None => rate.as_ref().map_or(at, |r| r.start().min(at)),
    };
    let span_words = letter_words(bytes, start, end);
    let annualised = span_words.iter().any(|&w| words::is(bytes, w, words::ANNUAL))
        || span_words
            .windows(2)
            .any(|p| matches!(words::key_at(bytes, p[0]), A | PER) && words::is_word(bytes, p[1], YEAR));

    let rate_value = rate.as_ref().and_then(|r| match r.value {
        ClaimValue::Percent { value, value_max: None, unit, .. } => {
            // Past a sign ("-2.1%") to the digits.
            let d = r.start() + sign_at(bytes, r.start()).map_or(0, |(n, _)| n);
            let num = parse_number(bytes, d);
            Some((value, if byte_at(bytes, d).is_ascii_digit() { num.half_unit() } else { 0.5 }, unit))
        }
        _ => None,
    });
    let check = check(&from, &to, from_year, to_year, rate_value, annualised, direction);
    let value = ClaimValue::Trend {
        direction,
        rate: rate_value.map(|r| r.0),
        annualised,
        from: from.value,
        to: to.value,
        unit: from.unit.clone(),
        from_year,
        to_year,
        check,
    };
    Some(Found::new(ClaimKind::Trend, start, end, value))
}

/// The rate from `a` to `b` over `years` (or in total when `years` is none), in per cent.
fn rate(a: f64, b: f64, years: Option<f64>) -> f64 {
    match years {
        Some(n) => ((b / a).powf(1.0 / n) - 1.0) * 100.0,
        None => (b / a - 1.0) * 100.0,
    }
}

fn check(
    from: &Figure,
    to: &Figure,
    from_year: Option<i32>,
    to_year: Option<i32>,
    stated: Option<(f64, f64, PercentUnit)>,
    annualised: bool,
    direction: Direction,
) -> Option<TrendCheck> {
    let shown = |f: &Figure| {
        if (from.value / from.written - to.value / to.written).abs()
            < 1e-9 * (from.value / from.written).abs()
        {
            format_number(f.written, 6)
        } else {
            group_thousands(f.value, 6)
        }
    };
    let (a, b) = (shown(from), shown(to));
    let (stated_rate, half, unit) = match stated {
        Some(s) => s,
        None => {
            // No rate: only the direction can be checked.
            let wrong = match direction {
                Direction::Up => to.value < from.value,
                Direction::Down => to.value > from.value,
                Direction::Unstated => return None,
            };
            if !wrong {
                return None;
            }
            let implied = if from.value != 0.0 { rate(from.value, to.value, None) } else { 0.0 };
            let word = if direction == Direction::Up { "a rise" } else { "a fall" };
            return Some(TrendCheck {
                implied_rate: implied,
                consistent: false,
                arithmetic: format!("the sentence says {word}, but the figures go from {a} to {b}"),
            });
        }
    };
    let stated_text = format_number(stated_rate, 4);
    if unit == PercentUnit::PercentagePoints && from.kind == ClaimKind::Percent {
        let implied = to.value - from.value;
        let (lo, hi) = (implied - from.half - to.half, implied + from.half + to.half);
        let consistent =
            overlaps(implied.abs(), lo.abs().min(hi.abs()), lo.abs().max(hi.abs()), stated_rate, half);
        return Some(TrendCheck {
            implied_rate: implied,
            consistent,
            arithmetic: format!(
                "{b} − {a} = {} percentage points; stated {stated_text}: {}",
                format_number(implied, 2),
                verdict(consistent)
            ),
        });
    }
    if unit != PercentUnit::Percent || from.value <= 0.0 || to.value <= 0.0 {
        return None;
    }
    let years = match (annualised, from_year, to_year) {
        (true, Some(y1), Some(y2)) if y2 > y1 => Some(f64::from(y2 - y1)),
        (true, _, _) => return None, // a yearly rate without the years cannot be checked
        _ => None,
    };
    let implied = rate(from.value, to.value, years);
    let lo = rate(from.value + from.half, (to.value - to.half).max(f64::MIN_POSITIVE), years);
    let hi = rate((from.value - from.half).max(f64::MIN_POSITIVE), to.value + to.half, years);
    // A stated fall is a positive number ("fell 20%") for a negative change, unless it is
    // written with its sign ("fell -20%").
    let signed_stated = if direction == Direction::Down && implied < 0.0 && stated_rate > 0.0 {
        -stated_rate
    } else {
        stated_rate
    };
    let consistent = overlaps(implied, lo, hi, signed_stated, half);
    let arithmetic = match years {
        // Whole years: written as the integer they are, as `{n}` of the f64 would.
        Some(n) => format!(
            "({b} ÷ {a})^(1/{}) − 1 = {}% a year; stated {stated_text}%: {}",
            n as i64,
            format_number(implied, 2),
            verdict(consistent)
        ),
        None => format!(
            "{b} ÷ {a} − 1 = {}%; stated {stated_text}%: {}",
            format_number(implied, 2),
            verdict(consistent)
        ),
    };
    Some(TrendCheck { implied_rate: implied, consistent, arithmetic })
}

fn overlaps(_implied: f64, lo: f64, hi: f64, stated: f64, half: f64) -> bool {
    let (lo, hi) = (lo.min(hi), lo.max(hi));
    stated + half >= lo - 1e-9 && stated - half <= hi + 1e-9
}

fn verdict(consistent: bool) -> &'static str {
    if consistent {
        "consistent within the rounding of the figures"
    } else {
        "does not match the figures, even allowing for rounding"
    }
}

/// "14.2% a year, US$ 13.2 million (1996) → US$ 277 million (2019); check: consistent".
pub(crate) fn label(value: &ClaimValue, check: Option<&TrendCheck>) -> String {
    let ClaimValue::Trend { rate, annualised, from, to, unit, from_year, to_year, .. } = value else {
        return String::new();
    };
    let figure = |x: f64, year: &Option<i32>| {
        let x = match unit.as_deref() {
            Some("%") => format!("{}%", format_number(x, 4)),
            Some(u) if u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase()) => {
                money::label(x, None, Some(u), u)
            }
            Some(u) => money::label(x, None, None, u),
            None => group_thousands(x, 4),
        };
        match year {
            Some(y) => format!("{x} ({y})"),
            None => x,
        }
    };
    let mut s = String::new();
    if let Some(r) = rate {
        s.push_str(&format_number(*r, 4));
        s.push_str(if *annualised { "% a year, " } else { "%, " });
    }
    s.push_str(&format!("{} → {}", figure(*from, from_year), figure(*to, to_year)));
    s.push_str(match check {
        Some(c) if c.consistent => "; check: consistent",
        Some(_) => "; check: DOES NOT MATCH",
        None => "; not checked",
    });
    s
}
