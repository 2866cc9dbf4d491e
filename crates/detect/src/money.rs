//! Money: a number with a currency before or after it, an optional scale, an optional range
//! ("$2-3 billion", "$5 to $7 million", "between $5 and $7 billion": a scale after the second
//! figure only scales both).
//!
//! A number is money only when a currency is written next to it: "$13.2M", "US$ 2-3 billion",
//! "Rs5bn", "PKR 2.5 billion", "€1,500", "5 million dollars", "200 rupees". A scale alone
//! ("13 million people") is a count, not money.

use std::borrow::Cow;

use super::format::group_thousands;
use super::scan::cursor::{
    byte_at, dash_at, is_word_end, letters_after, letters_before, parse_number, skip_spaces,
    skip_spaces_back, starts_with_ci, word_after, word_before, word_in, Num,
};
use super::words::{self, key_of};
use super::{ClaimValue, Found};
use crate::ClaimKind;

const FROM: u64 = key_of("from");
const BETWEEN: u64 = key_of("between");
const CRORE: u64 = key_of("crore");
const CRORES: u64 = key_of("crores");

/// Currency codes and words written before a number, with their ISO 4217 code where it is known.
/// "Rs" is used for both the Pakistani and the Indian rupee, so it stays unknown.
const CODES_BEFORE: &[(&str, Option<&str>)] = &[
    ("Rs", None),
    ("RS", None),
    ("PKR", Some("PKR")),
    ("INR", Some("INR")),
    ("USD", Some("USD")),
    ("EUR", Some("EUR")),
    ("GBP", Some("GBP")),
    ("JPY", Some("JPY")),
    ("CNY", Some("CNY")),
    ("RMB", Some("CNY")),
    ("AUD", Some("AUD")),
    ("CAD", Some("CAD")),
    ("CHF", Some("CHF")),
    ("BDT", Some("BDT")),
    ("Tk", Some("BDT")),
    ("AED", Some("AED")),
    ("SAR", Some("SAR")),
    ("RUB", Some("RUB")),
];

/// Letters before a dollar sign, the symbol they make with it, and its code.
const DOLLAR_PREFIXES: &[(&str, &str, &str)] = &[
    ("", "$", "USD"),
    ("US", "US$", "USD"),
    ("A", "A$", "AUD"),
    ("AU", "AU$", "AUD"),
    ("C", "C$", "CAD"),
    ("CA", "CA$", "CAD"),
    ("HK", "HK$", "HKD"),
    ("NZ", "NZ$", "NZD"),
    ("S", "S$", "SGD"),
    ("SG", "SG$", "SGD"),
    ("R", "R$", "BRL"),
    ("MX", "MX$", "MXN"),
];

/// Scale words after a number ("13.2 million") and their factors.
pub(crate) const SCALE_WORDS: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("trillion", 1e12),
    ("crore", 1e7),
    ("crores", 1e7),
    ("lakh", 1e5),
    ("lakhs", 1e5),
    ("lac", 1e5),
    ("mn", 1e6),
    ("bn", 1e9),
    ("tn", 1e12),
    ("trn", 1e12),
];

/// Scale suffixes glued to a number ("$13.2M", "Rs5bn"); case matters ("m" and "M" are both
/// million in news, "B" and "bn" billion, "K" and "k" thousand).
const SCALE_SUFFIXES: &[(&str, f64)] = &[
    ("K", 1e3),
    ("k", 1e3),
    ("M", 1e6),
    ("m", 1e6),
    ("mn", 1e6),
    ("MN", 1e6),
    ("mln", 1e6),
    ("B", 1e9),
    ("b", 1e9),
    ("bn", 1e9),
    ("BN", 1e9),
    ("T", 1e12),
    ("tn", 1e12),
    ("trn", 1e12),
    ("cr", 1e7),
    ("tr", 1e12),
];

/// Currency words after a number ("5 million dollars"), lowercase, with their ISO code.
pub(crate) const WORDS_AFTER: &[(&str, Option<&str>)] = &[
    ("dollars", Some("USD")),
    ("dollar", Some("USD")),
    ("rupees", None),
    ("rupee", None),
    ("euros", Some("EUR")),
    ("euro", Some("EUR")),
    ("yen", Some("JPY")),
    ("yuan", Some("CNY")),
    ("renminbi", Some("CNY")),
    ("roubles", Some("RUB")),
    ("rubles", Some("RUB")),
    ("taka", Some("BDT")),
    ("riyals", Some("SAR")),
    ("dirhams", Some("AED")),
];

/// Adjectives that make "dollars" and "rupees" precise.
pub(crate) const NATIONAL: &[(&str, &str, &str)] = &[
    ("us", "dollars", "USD"),
    ("american", "dollars", "USD"),
    ("australian", "dollars", "AUD"),
    ("canadian", "dollars", "CAD"),
    ("pakistani", "rupees", "PKR"),
    ("indian", "rupees", "INR"),
    ("sri lankan", "rupees", "LKR"),
    ("nepalese", "rupees", "NPR"),
];

/// A scale after a number: where it ends, as written (a scale word as listed, in lowercase),
/// whether "crore" follows it ("2 lakh crore"), and its factor.
#[derive(Clone, Copy)]
struct Scale {
    end: usize,
    text: &'static str,
    crore: bool,
    factor: f64,
}

impl Scale {
    fn written(&self) -> Cow<'static, str> {
        if self.crore {
            Cow::Owned(format!("{} crore", self.text))
        } else {
            Cow::Borrowed(self.text)
        }
    }
}

/// Nothing is allocated until the number is known to be money: most numbers are not.
struct Currency {
    start: usize,
    symbol: &'static str,
    code: Option<&'static str>,
}

/// Whether a currency code is glued to the number at `i` ("Rs5bn", "PKR5").
pub(crate) fn currency_word_before(bytes: &[u8], i: usize) -> bool {
    let (s, e) = letters_before(bytes, i);
    (s == 0 || !bytes[s - 1].is_ascii_alphanumeric()) && code(&bytes[s..e]).is_some()
}

/// The currency code or word of [`CODES_BEFORE`] that `word` is, exactly (case matters).
fn code(word: &[u8]) -> Option<&'static (&'static str, Option<&'static str>)> {
    // Every code is two or three letters and starts with a capital: most words are not looked up.
    if !(2..=3).contains(&word.len()) || !word[0].is_ascii_uppercase() {
        return None;
    }
    let p = pack(word);
    CODES_BEFORE.iter().find(|(c, _)| pack(c.as_bytes()) == p)
}

/// A word of at most three bytes as a number, its length in the byte above them: two such words
/// are equal exactly when their numbers are.
#[inline(always)]
fn pack(w: &[u8]) -> u32 {
    debug_assert!(w.len() <= 3);
    w.iter().fold(w.len() as u32, |p, &b| p << 8 | u32::from(b))
}

/// A currency written just before `i`, with at most one space between.
fn currency_before(bytes: &[u8], i: usize) -> Option<Currency> {
    let j = skip_spaces_back(bytes, i);
    if i - j > 2 {
        return None;
    }
    if j >= 1 && bytes[j - 1] == b'$' {
        let (s, e) = letters_before(bytes, j - 1);
        let letters = &bytes[s..e];
        if let Some((p, symbol, code)) = DOLLAR_PREFIXES.iter().find(|(p, _, _)| letters == p.as_bytes()) {
            let start = if p.is_empty() { j - 1 } else { s };
            return Some(Currency { start, symbol, code: Some(code) });
        }
        return Some(Currency { start: j - 1, symbol: "$", code: Some("USD") });
    }
    // Every sign ends in a byte of a multi-byte character.
    if j >= 1 && bytes[j - 1] >= 0x80 {
        let symbols: [(&[u8], &str, Option<&'static str>); 5] = [
            (&[0xC2, 0xA3], "£", Some("GBP")),
            (&[0xC2, 0xA5], "¥", Some("JPY")),
            (&[0xE2, 0x82, 0xAC], "€", Some("EUR")),
            (&[0xE2, 0x82, 0xB9], "₹", Some("INR")),
            (&[0xE2, 0x82, 0xA8], "₨", None),
        ];
        for (seq, symbol, code) in symbols {
            if bytes[..j].ends_with(seq) {
                return Some(Currency { start: j - seq.len(), symbol, code });
            }
        }
    }
    // Codes and "Rs." / "Rs".
    let k = if j >= 1 && bytes[j - 1] == b'.' { j - 1 } else { j };
    let (s, e) = letters_before(bytes, k);
    if s > 0 && bytes[s - 1].is_ascii_alphanumeric() {
        return None;
    }
    let (code_text, code) = code(&bytes[s..e])?;
    if k != j && !code_text.starts_with('R') {
        return None; // only "Rs." takes a dot
    }
    Some(Currency { start: s, symbol: code_text, code: *code })
}

/// A scale glued to the number or written after it; returns `(end, as written, factor)`.
fn scale_after(bytes: &[u8], i: usize) -> Option<Scale> {
    let (s, e) = letters_after(bytes, i);
    if e > s && is_word_end(bytes, e) {
        let w = &bytes[s..e];
        if w.len() > 3 {
            return None; // every suffix is one to three letters
        }
        let p = pack(w);
        let (text, factor) = SCALE_SUFFIXES.iter().find(|(x, _)| pack(x.as_bytes()) == p)?;
        return Some(Scale { end: e, text, crore: false, factor: *factor });
    }
    let (s, e) = word_after(bytes, i);
    if s == i || e == s || !is_word_end(bytes, e) {
        return None;
    }
    let entry = words::lookup(bytes, (s, e));
    if !entry.is(words::SCALE_WORD) {
        return None;
    }
    let (text, factor) = SCALE_WORDS[usize::from(entry.value) - 1];
    // "2 lakh crore": scales multiply.
    let (s2, e2) = word_after(bytes, e);
    let crore = |k| words::is_word(bytes, (s2, e2), k);
    if e2 > s2 && is_word_end(bytes, e2) && (crore(CRORE) || crore(CRORES)) {
        return Some(Scale { end: e2, text, crore: true, factor: factor * 1e7 });
    }
    Some(Scale { end: e, text, crore: false, factor })
}

/// The second number of a range after `i` ("-3", "–3", " to 3", " to $3", " and $3"); returns
/// it and its scale. `allow_to` is asked only when "to" follows; "and" is read only when
/// `between` (the range opened with "between"), and then the second figure repeats the currency
/// sign or has a scale ("between $5 and $7 billion", not "between $500 and 1,000 people").
fn range_after(
    bytes: &[u8],
    i: usize,
    symbol: Option<&str>,
    allow_to: impl FnOnce() -> bool,
    between: bool,
) -> Option<(Num, Option<Scale>)> {
    let mut and = false;
    let mut j = if let Some(n) = dash_at(bytes, i) {
        i + n
    } else {
        let k = skip_spaces(bytes, i);
        if let Some(n) = dash_at(bytes, k) {
            k + n
        } else if k > i && starts_with_ci(bytes, k, "to ") && allow_to() {
            k + 3
        } else if k > i && between && starts_with_ci(bytes, k, "and ") {
            and = true;
            k + 4
        } else {
            return None;
        }
    };
    j = skip_spaces(bytes, j);
    let mut repeated = false;
    if let Some(sym) = symbol {
        if bytes[j..].starts_with(sym.as_bytes()) {
            j = skip_spaces(bytes, j + sym.len());
            repeated = true;
        }
    }
    if !byte_at(bytes, j).is_ascii_digit() {
        return None;
    }
    let num = parse_number(bytes, j);
    if matches!(byte_at(bytes, num.end), b'.' | b',' | b'/') && byte_at(bytes, num.end + 1).is_ascii_digit() {
        return None;
    }
    let scale = scale_after(bytes, num.end);
    if and && symbol.is_some() && !repeated && scale.is_none() {
        return None;
    }
    Some((num, scale))
}

/// Money whose number starts at `num`.
pub(crate) fn at(text: &str, num: &Num) -> Option<Found> {
    let bytes = text.as_bytes();
    let before = currency_before(bytes, num.start);
    let mut end = num.end;
    let mut scale = scale_after(bytes, num.end);
    if let Some(s) = &scale {
        end = s.end;
    }
    let mut max = None;
    // "from $2 billion to $3 billion" is a change, two figures (see trend.rs); "$2 to $3 billion" a range.
    let start_guess = before.as_ref().map_or(num.start, |c| c.start);
    let word = word_before(bytes, start_guess);
    let allow_to = || !words::is_word(bytes, word, FROM);
    // "between $5 and $7 billion": the range starts at "between".
    let between = words::is_word(bytes, word, BETWEEN).then_some(word.0);
    let symbol = before.as_ref().map(|c| c.symbol);
    let mut range_start = None;
    if let Some((n2, s2)) = range_after(bytes, end, symbol, allow_to, between.is_some()) {
        if n2.value > num.value || scale.is_none() && s2.is_some() {
            range_start = between;
            end = s2.as_ref().map_or(n2.end, |s| s.end);
            if scale.is_none() {
                scale = s2;
            }
            let factor = s2.as_ref().or(scale.as_ref()).map_or(1.0, |s| s.factor);
            max = Some(n2.value * factor);
        }
    }
    let factor = scale.as_ref().map_or(1.0, |s| s.factor);
    let (start, symbol, code) = match before {
        Some(c) => (c.start, Cow::Borrowed(c.symbol), c.code.map(Cow::Borrowed)),
        None => {
            let (w_end, symbol, code) = currency_after(bytes, end)?;
            end = w_end;
            (num.start, symbol, code)
        }
    };
    let start = range_start.unwrap_or(start);
    // A "$2-3 billion" range reads the scale of the second figure into the first.
    let amount = num.value * factor;
    let value = ClaimValue::Money {
        amount,
        amount_max: max.filter(|m| *m > amount),
        currency: code,
        symbol,
        scale: scale.map(|s| s.written()),
    };
    Some(Found::new(ClaimKind::Money, start, end, value))
}

/// A currency word or code after a figure: "dollars", "US dollars", "rupees", "PKR".
fn currency_after(bytes: &[u8], i: usize) -> Option<(usize, Cow<'static, str>, Option<Cow<'static, str>>)> {
    let (s, e) = word_after(bytes, i);
    if e == s || !is_word_end(bytes, e) {
        return None;
    }
    let word = &bytes[s..e];
    if let Some((code, iso)) = code(word).filter(|(c, _)| c.len() == 3) {
        return Some((e, Cow::Borrowed(*code), iso.map(Cow::Borrowed)));
    }
    let entry = words::get(word);
    if entry.is(words::NATIONAL_FIRST) {
        if let Some(found) = national_after(bytes, s) {
            return Some(found);
        }
    }
    if !entry.is(words::CURRENCY_WORD) {
        return None;
    }
    let (w, iso) = &WORDS_AFTER[usize::from(entry.value) - 1];
    Some((e, Cow::Borrowed(*w), iso.map(Cow::Borrowed)))
}

/// "US dollars", "Sri Lankan rupees" at `s`.
fn national_after(bytes: &[u8], s: usize) -> Option<(usize, Cow<'static, str>, Option<Cow<'static, str>>)> {
    for (adj, noun, iso) in NATIONAL {
        let mut j = s;
        let mut ok = true;
        for part in adj.split(' ') {
            let (ws, we) = word_after(bytes, j);
            if !word_in(bytes, (ws, we), &[part]) {
                ok = false;
                break;
            }
            j = we;
        }
        if ok {
            let (ws, we) = word_after(bytes, j);
            if word_in(bytes, (ws, we), &[noun, noun.trim_end_matches('s')]) && is_word_end(bytes, we) {
                let written = String::from_utf8_lossy(&bytes[s..we]).into_owned();
                return Some((we, Cow::Owned(written), Some(Cow::Borrowed(*iso))));
            }
        }
    }
    None
}

/// "US$ 277 million", "Rs 50 million", "€ 1,500", "US$ 2–3 billion".
pub(crate) fn label(amount: f64, max: Option<f64>, currency: Option<&str>, symbol: &str) -> String {
    let cur = match currency {
        Some("USD") => "US$",
        Some("EUR") => "€",
        Some("GBP") => "£",
        Some("JPY") => "¥",
        Some("INR") => "₹",
        Some(code) => code,
        None => symbol,
    };
    let top = max.unwrap_or(amount);
    let (div, word) = if top >= 1e12 {
        (1e12, " trillion")
    } else if top >= 1e9 {
        (1e9, " billion")
    } else if top >= 1e6 {
        (1e6, " million")
    } else {
        (1.0, "")
    };
    let fmt = |x: f64| group_thousands(x / div, if div > 1.0 { 3 } else { 2 });
    let number = match max {
        Some(m) => format!("{}–{}{word}", fmt(amount), fmt(m)),
        None => format!("{}{word}", fmt(amount)),
    };
    // "200 rupees" reads better than "rupees 200".
    if cur.starts_with(|c: char| c.is_ascii_lowercase()) {
        format!("{number} {cur}")
    } else {
        format!("{cur} {number}")
    }
}
