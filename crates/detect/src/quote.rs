//! Quotations: straight and curly marks, nested quotations, and closing marks a scraper pushed into
//! the next paragraph; with the speaker when the sentence names one.
//!
//! The scanner is a small state machine fed one quote mark at a time by the main scan: at most one
//! double quotation and one single quotation inside it are open at once, so it never looks back
//! over more than one quotation and runs in linear time. A quotation is at most
//! [`MAX_QUOTE_BYTES`] long and has at least three words: "scare quotes" of one or two words are
//! emphasis, not something somebody said.

use super::scan::cursor::{byte_at, dash_before, is_word_end, letters_after, letters_before, word_after};
use super::words;
use super::{ClaimValue, Found};
use crate::ClaimKind;

/// The longest quotation accepted: a long paragraph. An opening mark with no close within this is
/// a stray mark.
pub(crate) const MAX_QUOTE_BYTES: usize = 4000;
/// Fewer words than this are scare quotes or titles.
const MIN_WORDS: usize = 3;

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
                if self.double.is_some() && !prev_space {
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
            let closer = if byte_at(bytes, j) == b'"' {
                Some(1)
            } else if bytes.get(j..j + 3) == Some(&[0xE2, 0x80, 0x9D]) {
                Some(3)
            } else {
                None
            };
            if let Some(len) = closer {
                self.single = None;
                self.close_double(text, j, j + len, out);
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
    }

    fn close_double(&mut self, text: &str, close: usize, end: usize, out: &mut Vec<Found>) {
        if let Some(open) = self.double.take() {
            self.single = None;
            if let Some(mut found) = quotation(text, open, close, end) {
                found.speaker = speaker(text, open.start, end);
                out.push(found);
            }
        }
    }

    fn close_single(&mut self, text: &str, close: usize, end: usize, out: &mut Vec<Found>) {
        if let Some(open) = self.single.take() {
            if let Some(mut found) = quotation(text, open, close, end) {
                if self.double.is_none() {
                    found.speaker = speaker(text, open.start, end);
                }
                out.push(found);
            }
        }
    }
}

/// A quotation from the opening mark to the end of the closing mark, if it is long enough to be one.
fn quotation(text: &str, open: Open, close: usize, end: usize) -> Option<Found> {
    if end - open.start > MAX_QUOTE_BYTES || close < open.content_start {
        return None;
    }
    let (content, words) = squeeze(text.get(open.content_start..close)?);
    if words < MIN_WORDS {
        return None;
    }
    Some(Found::new(ClaimKind::Quote, open.start, end, ClaimValue::Quote { content, words }))
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
];
/// Words allowed between a speaker and the verb: "Putin publicly said", "Khan also said".
pub(crate) const BETWEEN_SPEAKER_AND_VERB: &[&str] =
    &["also", "has", "had", "have", "then", "later", "once", "reportedly"];
/// Capitalised words that are not a name at the start of a sentence.
pub(crate) const NOT_NAMES: &[&str] = &[
    "he", "she", "they", "we", "i", "it", "you", "the", "in", "on", "at", "but", "and", "then", "when",
    "this", "that", "there", "a", "an", "as", "after", "before", "later", "earlier",
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
    // Non-ASCII letters belong to names (Erdoğan), but not curly quotes or dashes (E2 80 ..).
    if b >= 0x80 {
        let mut k = i;
        while k > 0 && bytes[k] & 0xC0 == 0x80 {
            k -= 1;
        }
        return !(bytes[k] == 0xE2 && byte_at(bytes, k + 1) == 0x80);
    }
    false
}

fn is_name_word(bytes: &[u8], w: &Word) -> bool {
    let first = bytes[w.start];
    let capital = first.is_ascii_uppercase() || first >= 0xC0;
    capital && !words::is(bytes, (w.start, w.end), words::NOT_NAME)
}

fn text_of(bytes: &[u8], s: usize, e: usize) -> Option<String> {
    std::str::from_utf8(&bytes[s..e]).ok().map(str::to_string)
}

/// The name made of the capitalised words that end at `words[last]`, read backwards.
fn name_ending_at(bytes: &[u8], words: &[Word], last: usize) -> Option<String> {
    let mut first = None;
    for k in (0..=last).rev() {
        if !is_name_word(bytes, &words[k]) || (k < last && words[k].comma_after) {
            break;
        }
        first = Some(k);
        if last - k >= 5 {
            break;
        }
    }
    let first = first?;
    text_of(bytes, words[first].start, words[last].end)
}

/// The name made of the capitalised words from `words[first]` on.
fn name_starting_at(bytes: &[u8], words: &[Word], first: usize) -> Option<String> {
    let mut last = None;
    for (k, w) in words.iter().enumerate().skip(first).take(6) {
        if !is_name_word(bytes, w) {
            break;
        }
        last = Some(k);
        if w.comma_after {
            break;
        }
    }
    text_of(bytes, words[first].start, words[last?].end)
}

fn is_verb(bytes: &[u8], w: &Word) -> bool {
    words::is(bytes, (w.start, w.end), words::SPEECH_VERB)
}

/// Who said the quotation between `open` and `close_end`, if its sentence says.
fn speaker(text: &str, open: usize, close_end: usize) -> Option<String> {
    let bytes = text.as_bytes();
    before_quote(bytes, open).or_else(|| after_quote(bytes, close_end))
}

/// "President Vladimir Putin publicly said that, “…”", "According to Khan, “…”", "Said Khan: “…”".
fn before_quote(bytes: &[u8], open: usize) -> Option<String> {
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
    let ws = words(bytes, from, open);
    let v =
        ws.iter().rposition(|w| is_verb(bytes, w) || bytes[w.start..w.end].eq_ignore_ascii_case(b"to"))?;
    let verb = &ws[v];
    if bytes[verb.start..verb.end].eq_ignore_ascii_case(b"to") {
        // "according to X, “…”"
        let according = v > 0 && bytes[ws[v - 1].start..ws[v - 1].end].eq_ignore_ascii_case(b"according");
        return if according && v + 1 < ws.len() { name_starting_at(bytes, &ws, v + 1) } else { None };
    }
    let mut k = v;
    while k > 0 {
        let w = &ws[k - 1];
        let adverb = bytes[w.start..w.end].ends_with(b"ly") && !is_name_word(bytes, w);
        if adverb || words::is(bytes, (w.start, w.end), words::BETWEEN_SPEAKER_AND_VERB) {
            k -= 1;
        } else {
            break;
        }
    }
    if k > 0 && !ws[k - 1].comma_after {
        if let Some(name) = name_ending_at(bytes, &ws, k - 1) {
            return Some(name);
        }
    }
    // "said Prime Minister Imran Khan: “…”"
    if v + 1 < ws.len() {
        return name_starting_at(bytes, &ws, v + 1);
    }
    None
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

fn text_is_boundary(bytes: &[u8], i: usize) -> bool {
    i >= bytes.len() || bytes[i] & 0xC0 != 0x80
}

/// "“…,” said Y", "“…,” Y said", "“…”, according to Y".
fn after_quote(bytes: &[u8], close_end: usize) -> Option<String> {
    let mut i = close_end;
    while matches!(byte_at(bytes, i), b',' | b' ') && i < bytes.len() {
        i += 1;
    }
    let to = (i + 200).min(bytes.len());
    let mut to_sentence_end = to;
    for (k, &b) in bytes.iter().enumerate().take(to).skip(i) {
        if matches!(b, b'.' | b'!' | b'?' | b'\n' | b'"') || b == 0xE2 {
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
        return if ws.len() > 1 { name_starting_at(bytes, &ws, 1) } else { None };
    }
    if bytes[first.start..first.end].eq_ignore_ascii_case(b"according") {
        let (ts, te) = word_after(bytes, first.end);
        return if bytes[ts..te].eq_ignore_ascii_case(b"to") && ws.len() > 2 {
            name_starting_at(bytes, &ws, 2)
        } else {
            None
        };
    }
    // "Khan said", "Imran Khan told reporters".
    let mut k = 0;
    while k < ws.len() && k < 6 && is_name_word(bytes, &ws[k]) && !ws[k].comma_after {
        k += 1;
    }
    let mut v = k;
    while v < ws.len() && words::is(bytes, (ws[v].start, ws[v].end), words::BETWEEN_SPEAKER_AND_VERB) {
        v += 1;
    }
    if k > 0 && v < ws.len() && is_verb(bytes, &ws[v]) {
        return text_of(bytes, ws[0].start, ws[k - 1].end);
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
