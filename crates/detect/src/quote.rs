//! Quotations: straight and curly marks, nested quotations, quotations that run over several
//! paragraphs, and closing marks a scraper pushed into the next paragraph; with the speaker when
//! the sentence names one.
//!
//! The scanner is a small state machine fed one quote mark at a time by the main scan: at most one
//! double quotation and one single quotation inside it are open at once, so it never looks back
//! over more than one quotation and runs in linear time. A quotation nested in another is part of
//! it and is not reported on its own. Each paragraph of a quotation is at most
//! [`MAX_QUOTE_BYTES`] long. A quotation of fewer than [`MIN_WORDS`] words is a title, a slogan
//! or scare quotes ("the so-called “reforms”", the film “Dune”) unless the sentence attributes it:
//! "Trump called it a “disaster”", "“No,” she said".

use super::scan::cursor::{byte_at, dash_before, is_word_end, letters_after, letters_before};
use super::words;
use super::{ClaimValue, Found};
use crate::ClaimKind;

/// The longest quotation accepted: a long paragraph. An opening mark with no close within this is
/// a stray mark.
pub(crate) const MAX_QUOTE_BYTES: usize = 4000;
/// Fewer words than this are scare quotes or titles, unless attributed.
const MIN_WORDS: usize = 4;
/// The most paragraphs one quotation runs over.
const MAX_PARAGRAPHS: usize = 8;

#[derive(Debug, Clone, Copy)]
struct Open {
    /// Start of the opening mark.
    start: usize,
    /// Just after the opening mark.
    content_start: usize,
}

/// The state between quote marks.
#[derive(Debug, Default)]
pub(crate) struct QuoteScanner {
    double: Option<Open>,
    single: Option<Open>,
    /// The opening marks that continue the open double quotation in later paragraphs, as byte
    /// ranges: they are not part of its words.
    resumed: Vec<(usize, usize)>,
}

/// Whether an opening mark may stand at `i`: at the start, after white space, an opening bracket,
/// a dash, a colon or another opening mark.
fn opens_at(bytes: &[u8], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let p = bytes[i - 1];
    if p.is_ascii_whitespace()
        || matches!(p, b'(' | b'[' | b'{' | b':' | b'"')
        || dash_before(bytes, i).is_some()
    {
        return true;
    }
    // After “ or ‘ (E2 80 9C / 98).
    i >= 3 && bytes[i - 3] == 0xE2 && bytes[i - 2] == 0x80 && matches!(p, 0x9C | 0x98)
}

impl QuoteScanner {
    /// Handles the quote mark or other `0xE2`-led character at `i`; returns where scanning goes on.
    pub(crate) fn on_mark(&mut self, text: &str, i: usize, out: &mut Vec<Found>) -> usize {
        let bytes = text.as_bytes();
        match bytes[i] {
            b'"' => {
                let next = byte_at(bytes, i + 1);
                let prev_space = i == 0 || bytes[i - 1].is_ascii_whitespace();
                // A space may stand before the closing mark after a nested one: `clearly.' "`.
                let space_close = prev_space && i > 0 && (next.is_ascii_whitespace() || i + 1 == bytes.len());
                if self.double.is_some() && (!prev_space || space_close) {
                    self.close_double(text, i, i + 1, out);
                } else if opens_at(bytes, i) && !next.is_ascii_whitespace() {
                    self.open_double(i, i + 1);
                }
                i + 1
            }
            b'\'' => {
                let prev = if i > 0 { bytes[i - 1] } else { b' ' };
                let next = byte_at(bytes, i + 1);
                if prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric() {
                    return i + 1; // an apostrophe: "don't"
                }
                if self.single.is_some() && !prev.is_ascii_whitespace() && !next.is_ascii_alphanumeric() {
                    self.close_single(text, i, i + 1, out);
                } else if opens_at(bytes, i) && next.is_ascii_alphabetic() {
                    self.single = Some(Open { start: i, content_start: i + 1 });
                }
                i + 1
            }
            _ => {
                if byte_at(bytes, i + 1) != 0x80 {
                    return i + 1;
                }
                match byte_at(bytes, i + 2) {
                    0x9C => self.open_double(i, i + 3),
                    0x9D if self.double.is_some() => self.close_double(text, i, i + 3, out),
                    0x98 if opens_at(bytes, i) => self.single = Some(Open { start: i, content_start: i + 3 }),
                    0x99 => {
                        // ’ followed by a letter is an apostrophe ("John’s"); otherwise it may close.
                        let prev_space = i == 0 || bytes[i - 1].is_ascii_whitespace();
                        if self.single.is_some() && !prev_space && is_word_end(bytes, i + 3) {
                            self.close_single(text, i, i + 3, out);
                        }
                    }
                    _ => {}
                }
                i + 3
            }
        }
    }

    /// Handles a newline at `i`. A blank line ends a paragraph and every open quotation with it,
    /// except when the next paragraph starts with the closing mark: a scraper moved it there.
    pub(crate) fn on_newline(&mut self, text: &str, i: usize, out: &mut Vec<Found>) -> usize {
        let bytes = text.as_bytes();
        if byte_at(bytes, i + 1) != b'\n'
            && !(byte_at(bytes, i + 1) == b'\r' && byte_at(bytes, i + 2) == b'\n')
        {
            return i + 1;
        }
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if self.double.is_some() {
            // `"` before a space or the end closes (a scraper pushed it down); before a word it
            // opens the next paragraph of the quotation, as news prints one that runs on.
            let (len, closes) = if byte_at(bytes, j) == b'"' {
                (1, j + 1 == bytes.len() || byte_at(bytes, j + 1).is_ascii_whitespace())
            } else {
                match bytes.get(j..j + 3) {
                    Some([0xE2, 0x80, 0x9D]) => (3, true),
                    Some([0xE2, 0x80, 0x9C]) => (3, false),
                    _ => (0, false),
                }
            };
            self.single = None;
            if closes {
                self.close_double(text, j, j + len, out);
                return j + len;
            }
            if len > 0 && self.resumed.len() + 1 < MAX_PARAGRAPHS {
                self.resumed.push((j, j + len));
                return j + len;
            }
        }
        self.double = None;
        self.single = None;
        j.max(i + 1)
    }

    fn open_double(&mut self, start: usize, content_start: usize) {
        // An opening mark while one is open means the first was never closed (or a new paragraph
        // of a long quotation began); nested quotations use single marks.
        self.double = Some(Open { start, content_start });
        self.single = None;
        self.resumed.clear();
    }

    fn close_double(&mut self, text: &str, close: usize, end: usize, out: &mut Vec<Found>) {
        if let Some(open) = self.double.take() {
            self.single = None;
            if let Some(mut found) = quotation(text, open, close, end, &self.resumed) {
                found.attribution = speaker(text, open.start, end);
                out.push(found);
            }
            self.resumed.clear();
        }
    }

    /// A single quotation inside a double one is part of it: only a top-level one is reported.
    fn close_single(&mut self, text: &str, close: usize, end: usize, out: &mut Vec<Found>) {
        if let Some(open) = self.single.take() {
            if self.double.is_some() {
                return;
            }
            if let Some(mut found) = quotation(text, open, close, end, &[]) {
                found.attribution = speaker(text, open.start, end);
                out.push(found);
            }
        }
    }
}

/// A quotation from the opening mark to the end of the closing mark, if it is one: long enough, or
/// attributed. `resumed` are the opening marks of its later paragraphs, left out of its words.
fn quotation(text: &str, open: Open, close: usize, end: usize, resumed: &[(usize, usize)]) -> Option<Found> {
    if end - open.start > MAX_QUOTE_BYTES * (1 + resumed.len()) || close < open.content_start {
        return None;
    }
    let mut content = String::new();
    let mut words = 0;
    let mut from = open.content_start;
    for &(mark, after) in resumed.iter().chain([(close, close)].iter()) {
        let (piece, n) = squeeze(text.get(from..mark)?);
        if n > 0 {
            if words > 0 {
                content.push(' ');
            }
            content.push_str(&piece);
            words += n;
        }
        from = after;
    }
    if words < MIN_WORDS && !attributed_short(text.as_bytes(), open, close, end) {
        return None;
    }
    Some(Found::new(ClaimKind::Quote, open.start, end, ClaimValue::Quote { content, words }))
}

/// Words that may stand between a reporting verb and a short quotation: "called it a “disaster”".
const BEFORE_SHORT: &[&[u8]] =
    &[b"it", b"them", b"him", b"her", b"this", b"that", b"a", b"an", b"as", b"was"];

/// Whether the sentence attributes the short quotation between `open` and `end` to someone: a
/// reporting verb just before it ("Trump called it a “disaster”", "she said: “No.”"), words
/// ending in punctuation followed by an attribution ("“Never,” she said"), or lowercase words in
/// a sentence that names who spoke ("Khan called Sharif “humble and soft-spoken”": titles and
/// slogans are capitalised). "A plan called “Build Back Better”" names a thing, "the “experts”
/// said" quotes no one, and "“We will,” said Mr. Smith, “do …”" is the start of a split quotation,
/// whose second part is the claim.
fn attributed_short(bytes: &[u8], quote: Open, close: usize, end: usize) -> bool {
    let open = quote.start;
    let spoken = matches!(bytes[..close].trim_ascii_end().last(), Some(b',' | b'.' | b'!' | b'?'))
        || byte_at(bytes, end) == b',';
    if spoken && after_quote(bytes, end).is_some() {
        let mut k = end;
        while k < bytes.len().min(end + 200)
            && !(matches!(bytes[k], b'!' | b'?' | b'\n' | b'"' | 0xE2)
                || bytes[k] == b'.' && !is_abbreviation(bytes, k))
        {
            k += 1;
        }
        let resumes = matches!(byte_at(bytes, k), b'"' | 0xE2) && bytes[..k].trim_ascii_end().ends_with(b",");
        return !resumes;
    }
    if byte_at(bytes, quote.content_start).is_ascii_lowercase()
        && (before_quote(bytes, open).is_some() || after_quote(bytes, end).is_some())
    {
        return true;
    }
    let colon = bytes[..open].trim_ascii_end().last() == Some(&b':');
    let ws = words(bytes, sentence_start(bytes, open), open);
    for (n, w) in ws.iter().rev().take(4).enumerate() {
        if is_verb(bytes, w) {
            return colon || n > 0 || !is(bytes, w, b"called");
        }
        if !colon && !BEFORE_SHORT.iter().any(|b| is(bytes, w, b)) {
            return false;
        }
    }
    false
}

/// The words of `s` joined with single spaces, and how many there are: the words of
/// [`str::split_whitespace`], read a byte at a time in ASCII; only a non-ASCII character is
/// decoded to ask whether it is white space.
fn squeeze(s: &str) -> (String, usize) {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut words = 0;
    let mut word_start = None;
    let mut i = 0;
    // The end of the text reads as white space, so that the last word is ended like the others.
    while i <= bytes.len() {
        let (space, len) = match bytes.get(i) {
            None => (true, 1),
            // char::is_whitespace in ASCII: tab, newline, vertical tab, form feed, return, space.
            Some(&b) if b < 0x80 => (matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '), 1),
            Some(_) => {
                // `i` is always at the start of a character.
                let c = s.get(i..).and_then(|r| r.chars().next()).unwrap_or('\u{FFFD}');
                (c.is_whitespace(), c.len_utf8())
            }
        };
        if space {
            if let Some(w) = word_start.take() {
                if words > 0 {
                    out.push(' ');
                }
                out.push_str(&s[w..i]);
                words += 1;
            }
        } else if word_start.is_none() {
            word_start = Some(i);
        }
        i += len;
    }
    (out, words)
}

/// Verbs that introduce or follow a quotation.
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "states",
    "declared",
    "declares",
    "remarked",
    "remarks",
    "wrote",
    "writes",
    "warned",
    "warns",
    "noted",
    "notes",
    "asked",
    "asks",
    "insisted",
    "insists",
    "argued",
    "argues",
    "explained",
    "explains",
    "announced",
    "announces",
    "claimed",
    "claims",
    "opined",
    "opines",
    "tweeted",
    "tweets",
    "observed",
    "observes",
    "commented",
    "replied",
    "replies",
    "recalled",
    "recalls",
    "stressed",
    "stresses",
    "urged",
    "urges",
    "maintained",
    "acknowledged",
    "admitted",
    "conceded",
    "suggested",
    "predicted",
    "vowed",
    "promised",
    "posted",
    "quipped",
    "continued",
    "elaborated",
    "exclaimed",
    "thanked",
    "responded",
    "testified",
    "confirmed",
    "denied",
    "reported",
    "shouted",
    "recounted",
    "cautioned",
    "emphasised",
    "emphasized",
    "concluded",
    "called",
];
/// Words allowed between a speaker and the verb: "Putin publicly said", "Khan also said".
pub(crate) const BETWEEN_SPEAKER_AND_VERB: &[&str] =
    &["also", "has", "had", "have", "then", "later", "once", "reportedly"];
/// Capitalised words that are not a name at the start of a sentence.
pub(crate) const NOT_NAMES: &[&str] = &[
    "he",
    "she",
    "they",
    "we",
    "i",
    "it",
    "you",
    "the",
    "in",
    "on",
    "at",
    "but",
    "and",
    "then",
    "when",
    "this",
    "that",
    "there",
    "a",
    "an",
    "as",
    "after",
    "before",
    "later",
    "earlier",
    "if",
    "while",
    "however",
    "although",
    "since",
    "because",
    "for",
    "with",
    "from",
    "so",
    "what",
    "how",
    "now",
    "today",
    "yesterday",
    "according",
    "during",
    "despite",
    "his",
    "her",
    "their",
    "our",
    "my",
];

/// One word of a sentence with its byte range.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    /// Punctuation (',', ';', ':', '(') right after the word, which ends a name.
    comma_after: bool,
}

/// Words of `bytes[from..to]`: runs of letters, digits, dots, apostrophes, hyphens and non-ASCII.
fn words(bytes: &[u8], from: usize, to: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        while i < to && !is_name_byte(bytes, i) {
            i += 1;
        }
        let s = i;
        while i < to && is_name_byte(bytes, i) {
            i += 1;
        }
        if i > s {
            let mut e = i;
            // "Mr." and "A." keep their dot; a sentence's last dot does not belong to the word.
            if bytes[e - 1] == b'.' && e - s > 3 {
                e -= 1;
            }
            let comma_after = matches!(byte_at(bytes, i), b',' | b';' | b':' | b'(' | b')');
            out.push(Word { start: s, end: e, comma_after });
        }
        if out.len() > 64 {
            out.drain(..32);
        }
    }
    out
}

fn is_name_byte(bytes: &[u8], i: usize) -> bool {
    let b = bytes[i];
    if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'\'') {
        return true;
    }
    // Non-ASCII letters belong to names (Erdoğan), but not curly quotes or dashes (E2 80 ..), nor
    // characters outside the Basic Multilingual Plane (lead byte F0..F4), which in news are emoji.
    if b >= 0x80 {
        let mut k = i;
        while k > 0 && bytes[k] & 0xC0 == 0x80 {
            k -= 1;
        }
        return bytes[k] < 0xF0 && !(bytes[k] == 0xE2 && byte_at(bytes, k + 1) == 0x80);
    }
    false
}

fn is_name_word(bytes: &[u8], w: &Word) -> bool {
    let first = bytes[w.start];
    // "el-Sisi", "al-Assad": a short lowercase particle joined to a capital.
    let particle = w.end - w.start > 4
        && bytes[w.start + 2] == b'-'
        && bytes[w.start..w.start + 2].iter().all(u8::is_ascii_lowercase)
        && bytes[w.start + 3].is_ascii_uppercase();
    let capital = first.is_ascii_uppercase() || first >= 0xC0 || particle;
    capital && !words::is(bytes, (w.start, w.end), words::NOT_NAME)
}

fn is_verb(bytes: &[u8], w: &Word) -> bool {
    words::is(bytes, (w.start, w.end), words::SPEECH_VERB)
}

fn is(bytes: &[u8], w: &Word, word: &[u8]) -> bool {
    bytes[w.start..w.end].eq_ignore_ascii_case(word)
}

fn cat(bytes: &[u8], w: &Word, c: u32) -> bool {
    words::is(bytes, (w.start, w.end), c)
}

/// Who said a quotation, in bytes of the text: the name, the role given beside it ("a member of
/// Parliament"), and the pronoun that named the speaker when the name was inferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Attr {
    pub name: (usize, usize),
    pub role: Option<(usize, usize)>,
    pub pronoun: Option<(usize, usize)>,
    pub inferred: bool,
}

fn named(ws: &[Word], first: usize, last: usize, role: Option<(usize, usize)>) -> Attr {
    Attr { name: (ws[first].start, ws[last].end), role, pronoun: None, inferred: false }
}

/// Who said the quotation between `open` and `close_end`, if its sentence says; a pronoun ("she
/// said") is resolved when exactly one person named shortly before fits.
pub(crate) fn speaker(text: &str, open: usize, close_end: usize) -> Option<Attr> {
    let bytes = text.as_bytes();
    let found = before_quote(bytes, open).or_else(|| after_quote(bytes, close_end))?;
    match found.pronoun {
        None => Some(found),
        Some(p) => resolve(bytes, p, open).map(|name| Attr { name, inferred: true, ..found }),
    }
}

/// The attribution of a pronoun, if `ws[k]` is "he" or "she" followed (after "also", "later", …)
/// by a reporting verb.
fn pronoun_at(bytes: &[u8], ws: &[Word], k: usize) -> Option<Attr> {
    let w = ws.get(k)?;
    if !(is(bytes, w, b"he") || is(bytes, w, b"she")) {
        return None;
    }
    let mut v = k + 1;
    while v < ws.len() && cat(bytes, &ws[v], words::BETWEEN_SPEAKER_AND_VERB) {
        v += 1;
    }
    let span = (w.start, w.end);
    (v < ws.len() && is_verb(bytes, &ws[v])).then_some(Attr {
        name: span,
        role: None,
        pronoun: Some(span),
        inferred: false,
    })
}

/// The one person a pronoun at `p` can stand for: the names in the same and the previous
/// paragraph before `open`, not after an article or preposition ("the Ukrainians", "of Egypt"),
/// not contradicting a gendered title; `None` when none or two different people fit.
fn resolve(bytes: &[u8], p: (usize, usize), open: usize) -> Option<(usize, usize)> {
    let she = bytes[p.0..p.1].eq_ignore_ascii_case(b"she");
    let mut from = open.saturating_sub(1000);
    let mut breaks = 0;
    for k in (from + 1..open).rev() {
        if bytes[k] == b'\n' && bytes[k - 1] == b'\n' {
            breaks += 1;
            if breaks == 2 {
                from = k;
                break;
            }
        }
    }
    while from < open && !text_is_boundary(bytes, from) {
        from += 1;
    }
    let ws = words(bytes, from, open);
    let mut best: Option<(usize, usize)> = None;
    let mut k = 0;
    while k < ws.len() {
        if !is_name_word(bytes, &ws[k]) {
            k += 1;
            continue;
        }
        let first = k;
        while k + 1 < ws.len()
            && !ws[k].comma_after
            && !ends_sentence(bytes, &ws[k])
            && is_name_word(bytes, &ws[k + 1])
        {
            k += 1;
        }
        let last = k;
        k += 1;
        if bytes[ws[first].start..ws[last].end].contains(&b'\'') {
            continue; // "I'm", "Trump's"
        }
        if first > 0 && cat(bytes, &ws[first - 1], words::NAME_LINK) {
            continue;
        }
        // "Mr." is not "she", "Mrs." and "Ms." are not "he".
        let title = &bytes[ws[first].start..ws[first].end];
        let title = title.strip_suffix(b".").unwrap_or(title);
        let gender = [&b"mr"[..], b"mrs", b"ms"].iter().position(|t| title.eq_ignore_ascii_case(t));
        if gender.is_some_and(|g| (g == 0) == she) {
            continue;
        }
        let surname = (ws[last].start, ws[last].end);
        match best {
            Some(b)
                if bytes[b.1 - (surname.1 - surname.0).min(b.1 - b.0)..b.1]
                    == bytes[surname.0..surname.1] => {}
            Some(_) => return None,
            None => best = Some((ws[first].start, ws[last].end)),
        }
    }
    best
}

/// A byte range of the text.
type Bytes = (usize, usize);

/// Whether a sentence ends after `w` ("the US. Prime Minister"), not after a title ("Mr.").
fn ends_sentence(bytes: &[u8], w: &Word) -> bool {
    let dot = if bytes[w.end - 1] == b'.' { w.end - 1 } else { w.end };
    matches!(byte_at(bytes, dot), b'.' | b'!' | b'?') && !is_abbreviation(bytes, dot)
}

/// The name made of the capitalised words that end at `words[last]`, read backwards, as word
/// indices; "Volokh of UCLA School of Law" is Volokh, "Mayor of London Sadiq Khan" is Sadiq Khan.
fn name_before(bytes: &[u8], ws: &[Word], last: usize) -> Option<(usize, usize, Option<Bytes>)> {
    let run_start = |last: usize| {
        let mut first = None;
        for k in (0..=last).rev() {
            if !is_name_word(bytes, &ws[k]) || (k < last && ws[k].comma_after) {
                break;
            }
            first = Some(k);
            if last - k >= 5 {
                break;
            }
        }
        first
    };
    let mut last = last;
    let mut first = run_start(last)?;
    while first >= 2
        && (is(bytes, &ws[first - 1], b"of") || is(bytes, &ws[first - 1], b"at"))
        && !ws[first - 2].comma_after
    {
        if cat(bytes, &ws[first - 2], words::OFFICE) && last >= first + 2 {
            let role = Some((ws[first - 2].start, ws[last - 2].end));
            return Some((last - 1, last, role));
        }
        let Some(f) = run_start(first - 2) else { break };
        last = first - 2;
        first = f;
    }
    Some((first, last, None))
}

/// The name in the words from `ws[from]` on, after a reporting verb or "according to": the first
/// run of capitalised words ending the phrase ("said UCL astronomer Angelos Tsiaras", "said his
/// father, Abdullah Kurdi,", "said Eugene Volokh of UCLA"), after at most three other words.
fn name_after(bytes: &[u8], ws: &[Word], from: usize) -> Option<Attr> {
    let mut k = from;
    let mut skipped = 0;
    let mut role = None;
    while k < ws.len() && k < from + 10 {
        if !is_name_word(bytes, &ws[k]) {
            if cat(bytes, &ws[k], words::NAME_LINK) && !is(bytes, &ws[k], b"the") {
                return None;
            }
            skipped += 1;
            if ws[k].comma_after {
                role = Some((ws[from].start, ws[k].end));
            }
            if skipped > 3 {
                return None;
            }
            k += 1;
            continue;
        }
        let first = k;
        while k + 1 < ws.len() && !ws[k].comma_after && is_name_word(bytes, &ws[k + 1]) && k - first < 5 {
            k += 1;
        }
        let last = k;
        let next = ws.get(k + 1);
        let ends = ws[last].comma_after || next.is_none_or(|n| cat(bytes, n, words::NAME_LINK));
        if first == last && cat(bytes, &ws[first], words::OFFICE) && next.is_some_and(|n| is(bytes, n, b"of"))
        {
            // "said Mayor of London Sadiq Khan"
            let mut e = k + 2;
            while e + 1 < ws.len() && is_name_word(bytes, &ws[e + 1]) && !ws[e].comma_after {
                e += 1;
            }
            if e >= k + 4 && e < ws.len() {
                return Some(named(ws, e - 1, e, Some((ws[first].start, ws[e - 2].end))));
            }
            return None;
        }
        if ends {
            return Some(named(ws, first, last, role));
        }
        skipped += 1;
        k += 1;
    }
    None
}

/// "President Vladimir Putin publicly said that, “…”", "Souhail Alouini, a member of
/// Parliament, said: “…”", "According to Khan, “…”", "Said Khan: “…”".
fn before_quote(bytes: &[u8], open: usize) -> Option<Attr> {
    let ws = words(bytes, sentence_start(bytes, open), open);
    let v = ws.iter().rposition(|w| is_verb(bytes, w) || is(bytes, w, b"to"))?;
    let verb = &ws[v];
    if is(bytes, verb, b"to") {
        // "according to X, “…”"
        let according = v > 0 && is(bytes, &ws[v - 1], b"according");
        return if according { name_after(bytes, &ws, v + 1) } else { None };
    }
    let mut k = v;
    while k > 0 {
        let w = &ws[k - 1];
        let adverb = bytes[w.start..w.end].ends_with(b"ly") && !is_name_word(bytes, w);
        if adverb || cat(bytes, w, words::BETWEEN_SPEAKER_AND_VERB) {
            k -= 1;
        } else {
            break;
        }
    }
    // "Alex Greenwich, who said"
    if k > 1 && is(bytes, &ws[k - 1], b"who") && is_name_word(bytes, &ws[k - 2]) {
        k -= 1;
    }
    if k > 0 {
        if let Some(p) = pronoun_at(bytes, &ws, k - 1) {
            return Some(p);
        }
        if !ws[k - 1].comma_after {
            if let Some((f, l, role)) = name_before(bytes, &ws, k - 1) {
                return Some(named(&ws, f, l, role));
            }
        } else if let Some(a) = appositive(bytes, &ws, k - 1) {
            return Some(a);
        }
    }
    // "said Prime Minister Imran Khan: “…”"; never the one told or asked.
    if v + 1 < ws.len() && !cat(bytes, verb, words::TAKES_OBJECT) {
        return name_after(bytes, &ws, v + 1);
    }
    None
}

/// Where the sentence that holds `open` starts, looking back at most 300 bytes.
fn sentence_start(bytes: &[u8], open: usize) -> usize {
    let mut from = open.saturating_sub(300);
    for k in (from..open).rev() {
        if matches!(bytes[k], b'.' | b'!' | b'?' | b'\n') && byte_at(bytes, k + 1).is_ascii_whitespace() {
            if bytes[k] == b'.' && is_abbreviation(bytes, k) {
                continue;
            }
            from = k + 1;
            break;
        }
    }
    while from < open && !text_is_boundary(bytes, from) {
        from += 1;
    }
    from
}

/// The speaker of "A, B, said" where `ws[last]` ends B with its comma: "Souhail Alouini, a member
/// of Parliament, said", "The mayor of London, Sadiq Khan, tweeted", "Cruz, in remarks to ABC,
/// said".
fn appositive(bytes: &[u8], ws: &[Word], last: usize) -> Option<Attr> {
    let p = (last.saturating_sub(12)..last).rev().find(|&k| ws[k].comma_after)?;
    let b = p + 1;
    if (b..=last).all(|k| is_name_word(bytes, &ws[k])) {
        let a = (0..p).rev().find(|&k| ws[k].comma_after).map_or(0, |k| k + 1);
        let role = cat(bytes, &ws[a], words::NOT_NAME).then_some((ws[a].start, ws[p].end));
        return Some(named(ws, b, last, role));
    }
    if !is_name_word(bytes, &ws[p]) {
        return None;
    }
    let (f, l, _) = name_before(bytes, ws, p)?;
    let article = ["a", "an", "the"].iter().any(|a| is(bytes, &ws[b], a.as_bytes()));
    Some(named(ws, f, l, article.then_some((ws[b].start, ws[last].end))))
}

/// Whether the dot at `dot` ends a title or an initial ("Mr.", "Dr.", "A.") rather than a sentence.
fn is_abbreviation(bytes: &[u8], dot: usize) -> bool {
    let (s, e) = letters_before(bytes, dot);
    let single_capital = e - s == 1 && bytes[s].is_ascii_uppercase();
    single_capital || words::is(bytes, (s, e), words::TITLE)
}

/// Titles written with a dot before a name.
pub(crate) const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sen", "rep", "gov", "jr", "sr", "capt", "maj",
];
/// Offices named as "Mayor of London Sadiq Khan".
pub(crate) const OFFICES: &[&str] = &[
    "mayor",
    "president",
    "governor",
    "minister",
    "secretary",
    "king",
    "queen",
    "prince",
    "chief",
    "director",
];
/// Reporting verbs whose next name is the one spoken to: "told Paul Rivera".
pub(crate) const TAKES_OBJECT: &[&str] =
    &["told", "tells", "asked", "asks", "thanked", "thanks", "urged", "urges", "warned", "warns", "called"];
/// Words after which a capitalised word is a place or a body rather than a speaker, and which end
/// a speaker's name: "of Egypt", "Khan on Tuesday".
pub(crate) const NAME_LINKS: &[&str] = &[
    "of",
    "in",
    "at",
    "on",
    "to",
    "from",
    "for",
    "by",
    "with",
    "who",
    "after",
    "following",
    "during",
    "as",
    "while",
    "and",
    "when",
    "the",
    "a",
    "an",
    "via",
];

fn text_is_boundary(bytes: &[u8], i: usize) -> bool {
    i >= bytes.len() || bytes[i] & 0xC0 != 0x80
}

/// "“…,” said Y", "“…,” Y said", "“…”, according to Y", "“…,” she added".
fn after_quote(bytes: &[u8], close_end: usize) -> Option<Attr> {
    let mut i = close_end;
    while matches!(byte_at(bytes, i), b',' | b' ') && i < bytes.len() {
        i += 1;
    }
    let to = (i + 200).min(bytes.len());
    let mut to_sentence_end = to;
    for (k, &b) in bytes.iter().enumerate().take(to).skip(i) {
        if matches!(b, b'!' | b'?' | b'\n' | b'"') || b == 0xE2 || (b == b'.' && !is_abbreviation(bytes, k)) {
            to_sentence_end = k;
            break;
        }
    }
    while to_sentence_end < bytes.len() && !text_is_boundary(bytes, to_sentence_end) {
        to_sentence_end += 1;
    }
    let (s, e) = letters_after(bytes, i);
    if s == e {
        return None;
    }
    let ws = words(bytes, i, to_sentence_end);
    let first = ws.first()?;
    if is_verb(bytes, first) {
        // "said the minister" names no one; "said Khan" does.
        return name_after(bytes, &ws, 1);
    }
    if is(bytes, first, b"according") {
        return if ws.len() > 2 && is(bytes, &ws[1], b"to") { name_after(bytes, &ws, 2) } else { None };
    }
    if let Some(p) = pronoun_at(bytes, &ws, 0) {
        return Some(p);
    }
    // "Khan said", "Imran Khan told reporters", "el-Sisi of Egypt said", "Cattelan, the artist, wrote".
    let mut k = 0;
    while k < ws.len() && k < 6 && is_name_word(bytes, &ws[k]) {
        k += 1;
        if ws[k - 1].comma_after {
            break;
        }
    }
    if k == 0 {
        return None;
    }
    let mut v = k;
    while v < ws.len() && cat(bytes, &ws[v], words::BETWEEN_SPEAKER_AND_VERB) {
        v += 1;
    }
    let name = named(&ws, 0, k - 1, None);
    if v < ws.len() && is_verb(bytes, &ws[v]) && !ws[k - 1].comma_after {
        return Some(name);
    }
    // "X of the Northern Arapaho … told", "X, the artist, wrote": a verb a few words on.
    let of = k < ws.len() && is(bytes, &ws[k], b"of");
    if of || ws[k - 1].comma_after {
        let upto = ws.len().min(k + 12);
        let v = (k..upto).find(|&j| is_verb(bytes, &ws[j]))?;
        if (k..v.saturating_sub(1)).any(|j| ws[j].comma_after) && of {
            return None;
        }
        let role = (!of && v > k && ws[v - 1].comma_after).then_some((ws[k].start, ws[v - 1].end));
        return Some(Attr { role, ..name });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::squeeze;
    use proptest::prelude::*;

    proptest! {
        /// The words of `str::split_whitespace`, joined with single spaces, and their count.
        #[test]
        fn squeeze_is_split_whitespace_joined(s in "[ a-z\t\n\u{0B}\u{0C}\r\u{A0}\u{2003}\u{3000}é😀“”]{0,40}") {
            let words: Vec<&str> = s.split_whitespace().collect();
            prop_assert_eq!(squeeze(&s), (words.join(" "), words.len()));
        }
    }
}
