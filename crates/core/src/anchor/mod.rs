//! Anchoring: finding an annotation's words again in a (possibly edited) article.
//!
//! [`describe`] turns a span of the article into [`Selectors`]: the exact words with up to
//! [`CONTEXT_CHARS`] characters of context either side (W3C `TextQuoteSelector`) and the character
//! offsets (W3C `TextPositionSelector`). [`anchor`] finds them again, simplest method first, as the
//! Hypothesis client does:
//!
//! 1. the stored position, checked against the quote (and, in a batch, the position shifted by
//!    the drift of the annotations anchored just before it, which catches an insertion or deletion
//!    earlier in the article at almost no cost);
//! 2. the exact quote, near where it was expected and then anywhere, with prefix and suffix used
//!    to choose between repeats;
//! 3. fuzzy matching: a bit-parallel bounded edit distance search (Myers' algorithm, with Hyyrö's
//!    blocks for quotes longer than 64 characters), each candidate scored on the quote, prefix,
//!    suffix and distance from the expected position. Near the expected place a quarter of the
//!    quote may have changed; anywhere else only a tenth (and the search is then limited to where
//!    a piece of the quote occurs exactly, which keeps it fast).
//!
//! A loose match is worse than an orphan: a note on the wrong words misleads, while an orphan is
//! listed and can be re-attached. So every step has a floor (see [`MIN_QUOTE_SIMILARITY`],
//! [`MIN_SCORE`]) and short quotes must also be backed by their context.
//!
//! All comparisons are made on normalised text: runs of whitespace count as one space, curly
//! quotes and primes as straight quotes, dashes as hyphens, and invisible characters (soft hyphen,
//! zero-width space, BOM) are ignored. Offsets in and out are [`CharSpan`]s of the original text.
//!
//! ```
//! use claimmark_core::anchor::{anchor, describe, Anchoring};
//! use claimmark_core::text::CharSpan;
//!
//! let old = "The council said spending rose to $277M in 2019.";
//! let selectors = describe(old, CharSpan::new(34, 39)); // "$277M"
//!
//! // Text inserted before the quote: found again, exactly, further on.
//! let new = "Late on Friday, the council said spending rose to $277M in 2019.";
//! assert_eq!(anchor(new, &selectors), Anchoring::Exact(CharSpan::new(50, 55)));
//!
//! // The passage is gone: an orphan, never a guess.
//! assert_eq!(anchor("Nothing to see here.", &selectors), Anchoring::Orphan);
//! ```
//!
//! For many annotations on one text, build an [`Anchorer`] once and call
//! [`Anchorer::anchor_all`].

pub mod selector;

use crate::text::{CharSpan, TextIndex};
use selector::{Selectors, TextPositionSelector, TextQuoteSelector};

/// Characters of context kept either side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// A fuzzy match must have at most this share of the quote's characters edited (0.75: at most one
/// edit in four characters).
pub const MIN_QUOTE_SIMILARITY: f32 = 0.75;

/// Far from where it was expected (beyond [`LOCAL_RADIUS`] characters), a fuzzy match must be
/// closer still: at most one edit in ten characters.
pub const MIN_FAR_QUOTE_SIMILARITY: f32 = 0.9;

/// A fuzzy match's combined score (quote, prefix, suffix, position) must reach this.
pub const MIN_SCORE: f32 = 0.7;

/// Quotes at least this long (in normalised characters) identify themselves; shorter ones must
/// also agree with their stored context, because "10%" or "$5" recur.
const SELF_EVIDENT_LEN: usize = 32;

/// Characters of context that must agree to back a short exact quote.
const CONTEXT_EVIDENCE: usize = 8;

/// Characters around the expected place searched before the whole text.
pub const LOCAL_RADIUS: usize = 2048;

// Weights of the fuzzy score, as in the Hypothesis client: the quote matters most, the context
// decides between candidates, and the position only breaks ties.
const QUOTE_WEIGHT: f32 = 50.0;
const PREFIX_WEIGHT: f32 = 20.0;
const SUFFIX_WEIGHT: f32 = 20.0;
const POSITION_WEIGHT: f32 = 2.0;

/// Where an annotation is in the current text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Anchoring {
    /// The quote was found word for word (up to whitespace and quote-mark normalisation).
    Exact(CharSpan),
    /// The quote was found with small changes; `score` is in `MIN_SCORE..=1.0`.
    Fuzzy { span: CharSpan, score: f32 },
    /// The quote could not be found with confidence. Keep the annotation and list it.
    Orphan,
}

impl Anchoring {
    /// The span, unless orphaned.
    pub fn span(&self) -> Option<CharSpan> {
        match *self {
            Anchoring::Exact(span) | Anchoring::Fuzzy { span, .. } => Some(span),
            Anchoring::Orphan => None,
        }
    }

    pub fn is_orphan(&self) -> bool {
        matches!(self, Anchoring::Orphan)
    }
}

/// The selectors for `span` of `text`: the exact words, up to [`CONTEXT_CHARS`] characters of
/// context either side, and the position. The span is clamped to the text.
pub fn describe(text: &str, span: CharSpan) -> Selectors {
    describe_in(&TextIndex::new(text), span)
}

/// [`describe`] with a prebuilt index, for describing many spans of one text.
pub fn describe_in(index: &TextIndex<'_>, span: CharSpan) -> Selectors {
    let len = index.char_len();
    let start = span.start.0.min(len);
    let end = span.end.0.clamp(start, len);
    let span = CharSpan::new(start, end);
    let quote = TextQuoteSelector {
        exact: index.slice(span).to_owned(),
        prefix: index.slice(CharSpan::new(start.saturating_sub(CONTEXT_CHARS), start)).to_owned(),
        suffix: index.slice(CharSpan::new(end, (end + CONTEXT_CHARS).min(len))).to_owned(),
    };
    Selectors { quote, position: TextPositionSelector::from(span) }
}

/// Finds `selectors` in `text`. Builds an [`Anchorer`] for the one call; for several annotations
/// on one text use [`Anchorer::anchor_all`].
pub fn anchor(text: &str, selectors: &Selectors) -> Anchoring {
    Anchorer::new(text).anchor(selectors)
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/// What a character becomes for comparison: itself, another character, a space (whitespace, to be
/// collapsed), or nothing.
fn fold(c: char) -> Option<char> {
    Some(match c {
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => return None,
        c if c.is_whitespace() => ' ',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' | '\u{00B4}' => {
            '\''
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => '-',
        c => c,
    })
}

/// The normalised form of `s`, as [`Anchorer`] compares it.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for c in s.chars().filter_map(fold) {
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Myers / Hyyrö bit-parallel edit distance

/// A pattern prepared for bit-parallel matching: for each character, a bit mask (in 64-bit
/// blocks) of the positions where it occurs.
struct Pattern {
    len: usize,
    blocks: usize,
    /// `ascii[c * blocks + b]`: block `b` of the mask of ASCII character `c`.
    ascii: Vec<u64>,
    /// Masks of the other characters (a quote has few distinct ones, so a list is fastest).
    other: Vec<(char, Vec<u64>)>,
    zero: Vec<u64>,
}

impl Pattern {
    fn new(chars: impl Iterator<Item = char> + Clone) -> Pattern {
        let len = chars.clone().count();
        let blocks = len.div_ceil(64).max(1);
        let mut ascii = vec![0u64; 128 * blocks];
        let mut other: Vec<(char, Vec<u64>)> = Vec::new();
        for (i, c) in chars.enumerate() {
            let (block, bit) = (i / 64, 1u64 << (i % 64));
            if c.is_ascii() {
                ascii[c as usize * blocks + block] |= bit;
            } else if let Some((_, mask)) = other.iter_mut().find(|(o, _)| *o == c) {
                mask[block] |= bit;
            } else {
                let mut mask = vec![0u64; blocks];
                mask[block] |= bit;
                other.push((c, mask));
            }
        }
        Pattern { len, blocks, ascii, other, zero: vec![0; blocks] }
    }

    fn peq(&self, c: char) -> &[u64] {
        if c.is_ascii() {
            let at = c as usize * self.blocks;
            &self.ascii[at..at + self.blocks]
        } else {
            self.other.iter().find(|(o, _)| *o == c).map_or(&self.zero[..], |(_, m)| &m[..])
        }
    }

    /// Edit distance of the whole pattern against text ending at each position of `text`: calls
    /// `visit(j, d)` where `d` is the distance of the best match ending after `j + 1` characters.
    ///
    /// With `anchored_start` the match must start at the first character of `text` (global
    /// alignment of the start); otherwise it may start anywhere (search).
    fn scan(
        &self,
        text: impl Iterator<Item = char>,
        anchored_start: bool,
        mut visit: impl FnMut(usize, usize),
    ) {
        if self.len == 0 {
            return;
        }
        let blocks = self.blocks;
        let mut pv = vec![u64::MAX; blocks];
        let mut mv = vec![0u64; blocks];
        // Score at the bottom row of each block but the last, D[64(b+1)][j]; D[r][0] = r.
        let mut score: Vec<isize> = (0..blocks).map(|b| (64 * (b + 1)) as isize).collect();
        let last = blocks - 1;
        let last_rows = self.len - 64 * last;
        let last_mask = if last_rows == 64 { u64::MAX } else { (1u64 << last_rows) - 1 };
        for (j, c) in text.enumerate() {
            let peq = self.peq(c);
            // Horizontal delta entering block 0 from row 0: D[0][j] is 0 when searching and j when
            // the start is anchored.
            let mut hin: i32 = i32::from(anchored_start);
            for b in 0..blocks {
                let (p, m) = (pv[b], mv[b]);
                let mut eq = peq[b];
                let hin_neg = u64::from(hin < 0);
                let xv = eq | m;
                eq |= hin_neg;
                let xh = (((eq & p).wrapping_add(p)) ^ p) | eq;
                let mut ph = m | !(xh | p);
                let mut mh = p & xh;
                let hout = ((ph >> 63) as i32) - ((mh >> 63) as i32);
                ph <<= 1;
                mh <<= 1;
                mh |= hin_neg;
                ph |= u64::from(hin > 0);
                pv[b] = mh | !(xv | ph);
                mv[b] = ph & xv;
                if b < last {
                    score[b] += hout as isize;
                }
                hin = hout;
            }
            // D[len][j] = D[top of last block][j] + vertical deltas inside the last block down to
            // the pattern's last row (rows below it are padding and never flow upwards).
            let top = if last == 0 {
                if anchored_start {
                    j as isize + 1
                } else {
                    0
                }
            } else {
                score[last - 1]
            };
            let d = top + (pv[last] & last_mask).count_ones() as isize
                - (mv[last] & last_mask).count_ones() as isize;
            visit(j, d.max(0) as usize);
        }
    }
}

/// Levenshtein distance of two short strings (context, at most [`CONTEXT_CHARS`] characters).
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diag + usize::from(ca != cb)).min(above + 1).min(row[j] + 1);
            diag = above;
        }
    }
    row[b.len()]
}

// ---------------------------------------------------------------------------------------------
// The anchorer

/// A text prepared for anchoring many annotations: built once per article render (one pass over
/// the text), then shared by every [`Anchorer::anchor`] call.
pub struct Anchorer<'a> {
    index: TextIndex<'a>,
    /// The normalised text.
    norm: String,
    /// Byte offset in `norm` of each normalised character, plus its length at the end.
    norm_byte: Vec<u32>,
    /// Character offset in the original text of each normalised character, plus the original
    /// length at the end. Non-decreasing, so it can be searched.
    orig: Vec<u32>,
}

/// A quote prepared once per annotation.
struct Query {
    exact: String,
    exact_chars: Vec<char>,
    prefix: Vec<char>,
    suffix: Vec<char>,
    /// Whitespace (or ignored) characters the raw quote starts and ends with. Normalisation folds
    /// a run of whitespace into one space, so these say where in such a run the quote began and
    /// ended.
    lead: usize,
    trail: usize,
}

impl Query {
    fn new(quote: &TextQuoteSelector) -> Query {
        let exact = normalize(&quote.exact);
        let exact_chars = exact.chars().collect();
        // Context is compared near the quote, so keep only the CONTEXT_CHARS nearest characters.
        let prefix: Vec<char> = normalize(&quote.prefix).chars().collect();
        let prefix = prefix[prefix.len().saturating_sub(CONTEXT_CHARS)..].to_vec();
        let suffix: Vec<char> = normalize(&quote.suffix).chars().take(CONTEXT_CHARS).collect();
        let blank = |c: &char| fold(*c).is_none_or(|f| f == ' ');
        let lead = quote.exact.chars().take_while(blank).count();
        let trail = if lead == quote.exact.chars().count() {
            0
        } else {
            quote.exact.chars().rev().take_while(blank).count()
        };
        Query { exact, exact_chars, prefix, suffix, lead, trail }
    }
    fn len(&self) -> usize {
        self.exact_chars.len()
    }
}

impl<'a> Anchorer<'a> {
    pub fn new(text: &'a str) -> Anchorer<'a> {
        let index = TextIndex::new(text);
        let mut norm = String::with_capacity(text.len());
        let mut norm_byte = Vec::with_capacity(text.len() + 1);
        let mut orig = Vec::with_capacity(text.len() + 1);
        let mut last_space = false;
        let mut chars = 0u32;
        for c in text.chars() {
            let at = chars;
            chars += 1;
            let Some(f) = fold(c) else { continue };
            if f == ' ' && last_space {
                continue;
            }
            last_space = f == ' ';
            norm_byte.push(norm.len() as u32);
            orig.push(at);
            norm.push(f);
        }
        norm_byte.push(norm.len() as u32);
        orig.push(chars);
        Anchorer { index, norm, norm_byte, orig }
    }

    /// The offset index of the original text, for converting results to UTF-16 for the DOM.
    pub fn text_index(&self) -> &TextIndex<'a> {
        &self.index
    }

    /// [`describe`] on this text.
    pub fn describe(&self, span: CharSpan) -> Selectors {
        describe_in(&self.index, span)
    }

    /// Finds one annotation's selectors in this text.
    pub fn anchor(&self, selectors: &Selectors) -> Anchoring {
        self.anchor_with_drift(selectors, 0).0
    }

    /// Anchors many annotations; the results are in the order of the input.
    ///
    /// Annotations are visited in the order of their stored positions, and the drift (new start
    /// minus stored start) of each one found is used as a hint for the next: after an edit early
    /// in the article, every later annotation is found by a shifted position check instead of a
    /// search.
    pub fn anchor_all<'s, I>(&self, selectors: I) -> Vec<Anchoring>
    where
        I: IntoIterator<Item = &'s Selectors>,
    {
        let selectors: Vec<&Selectors> = selectors.into_iter().collect();
        let mut order: Vec<usize> = (0..selectors.len()).collect();
        order.sort_by_key(|&i| (selectors[i].position.start, i));
        let mut out = vec![Anchoring::Orphan; selectors.len()];
        let mut drift = 0isize;
        for i in order {
            let (anchoring, found_drift) = self.anchor_with_drift(selectors[i], drift);
            if let Some(d) = found_drift {
                drift = d;
            }
            out[i] = anchoring;
        }
        out
    }

    fn norm_len(&self) -> usize {
        self.orig.len() - 1
    }

    /// The first normalised character at or after original character `at`.
    fn norm_of_orig(&self, at: usize) -> usize {
        self.orig.partition_point(|&o| (o as usize) < at)
    }

    fn norm_str(&self, from: usize, to: usize) -> &str {
        &self.norm[self.norm_byte[from] as usize..self.norm_byte[to] as usize]
    }

    fn norm_chars(&self, from: usize, to: usize) -> impl Iterator<Item = char> + '_ {
        self.norm_str(from, to).chars()
    }

    /// The original span of normalised characters `from..to`, for `query`.
    fn orig_span(&self, query: &Query, from: usize, to: usize) -> CharSpan {
        if to <= from {
            let at = self.orig[from] as usize;
            return CharSpan::new(at, at);
        }
        let mut start = self.orig[from] as usize;
        let mut end = self.orig[to - 1] as usize + 1;
        // A quote that starts or ends inside a run of whitespace keeps as much of the run as it had.
        if query.exact == " " {
            // Only whitespace: as many characters of the run as the quote had, ending where the
            // run ends.
            let run_end = self.orig[to] as usize;
            let start = start.max(run_end.saturating_sub(query.lead));
            return CharSpan::new(start, run_end.min(start + query.lead));
        }
        if query.lead > 0 && self.norm_str(from, from + 1) == " " {
            start = start.max((self.orig[from + 1] as usize).saturating_sub(query.lead));
        }
        if query.trail > 0 && self.norm_str(to - 1, to) == " " {
            end = (self.orig[to] as usize).min(self.orig[to - 1] as usize + query.trail).max(end);
        }
        CharSpan::new(start, end)
    }

    /// Whether the normalised quote is at normalised offset `at`.
    fn quote_at(&self, query: &Query, at: usize) -> bool {
        let end = at + query.len();
        end <= self.norm_len() && self.norm_str(at, end) == query.exact
    }

    /// How many characters of stored prefix and suffix agree with the text around `from..to`,
    /// counting outwards from the quote.
    fn context_agreement(&self, query: &Query, from: usize, to: usize) -> usize {
        let before = self.norm_str(from.saturating_sub(query.prefix.len()), from).chars().rev();
        let prefix = before.zip(query.prefix.iter().rev()).take_while(|(a, b)| a == *b).count();
        let after = self.norm_chars(to, (to + query.suffix.len()).min(self.norm_len()));
        let suffix = after.zip(query.suffix.iter()).take_while(|(a, b)| a == *b).count();
        prefix + suffix
    }

    /// Whether an exact occurrence at `from..to` is trustworthy on its own or by its context.
    fn context_backs(&self, query: &Query, from: usize, to: usize, unique: bool) -> bool {
        let available = query.prefix.len() + query.suffix.len();
        let needed = CONTEXT_EVIDENCE.min(available);
        query.len() >= SELF_EVIDENT_LEN
            || (unique && query.len() >= SELF_EVIDENT_LEN / 2)
            || self.context_agreement(query, from, to) >= needed
    }

    /// Anchors one annotation, expecting it `drift` characters from its stored position. Returns
    /// the drift observed when it was found exactly.
    fn anchor_with_drift(&self, selectors: &Selectors, drift: isize) -> (Anchoring, Option<isize>) {
        let query = Query::new(&selectors.quote);
        let stored = selectors.position.start.0;
        let exact = |from: usize| {
            let span = self.orig_span(&query, from, from + query.len());
            (Anchoring::Exact(span), Some(span.start.0 as isize - stored as isize))
        };

        // 1. The stored position, checked against the quote.
        if query.len() == 0 {
            // Nothing to search for: only the position can place it, and only if it still fits.
            let span = selectors.position.span();
            return if span.end.0 <= self.index.char_len() {
                (Anchoring::Exact(span), Some(0))
            } else {
                (Anchoring::Orphan, None)
            };
        }
        let span = selectors.position.span();
        if span.end.0 <= self.index.char_len() && normalize(self.index.slice(span)) == query.exact {
            return (Anchoring::Exact(span), Some(0));
        }
        // 1b. The position shifted by the drift of its neighbours, backed by context, because
        // a coincidence at a shifted offset is less unlikely than at the stored one.
        let expected_orig = (stored as isize + drift).max(0) as usize;
        let expected = self.norm_of_orig(expected_orig);
        if drift != 0
            && self.quote_at(&query, expected)
            && self.context_backs(&query, expected, expected + query.len(), false)
        {
            return exact(expected);
        }

        // 2. The exact quote: near the expected place first, then anywhere.
        let m = query.len();
        let local =
            (expected.saturating_sub(LOCAL_RADIUS), (expected + m + LOCAL_RADIUS).min(self.norm_len()));
        if let Some(from) = self.find_exact(&query, local, expected, false) {
            return exact(from);
        }
        if let Some(from) = self.find_exact(&query, (0, self.norm_len()), expected, true) {
            return exact(from);
        }

        // 3. Fuzzy, near the expected place first, then anywhere.
        let max_edits = ((m as f32) * (1.0 - MIN_QUOTE_SIMILARITY)).floor() as usize;
        if m < 4 || max_edits == 0 {
            return (Anchoring::Orphan, None);
        }
        let local = (
            expected.saturating_sub(LOCAL_RADIUS + max_edits),
            (expected + m + max_edits + LOCAL_RADIUS).min(self.norm_len()),
        );
        let best = self
            .find_fuzzy(&query, &[local], expected, max_edits)
            .or_else(|| self.find_fuzzy_anywhere(&query, expected));
        match best {
            Some((from, to, score)) => {
                (Anchoring::Fuzzy { span: self.orig_span(&query, from, to), score }, None)
            }
            None => (Anchoring::Orphan, None),
        }
    }

    /// The best exact occurrence of the quote in normalised `window`, chosen by context and then
    /// by distance from `expected`, if it is trustworthy.
    fn find_exact(
        &self,
        query: &Query,
        window: (usize, usize),
        expected: usize,
        whole: bool,
    ) -> Option<usize> {
        let (from, to) = window;
        let hay = self.norm_str(from, to).as_bytes();
        let base = self.norm_byte[from] as usize;
        let mut best: Option<(usize, usize, usize)> = None; // (agreement, -distance as key, at)
        let mut count = 0usize;
        for byte in memchr::memmem::find_iter(hay, query.exact.as_bytes()) {
            let at = self.norm_byte.partition_point(|&b| (b as usize) < base + byte);
            count += 1;
            let agreement = self.context_agreement(query, at, at + query.len());
            let distance = at.abs_diff(expected);
            let better = match best {
                None => true,
                Some((a, d, _)) => agreement > a || (agreement == a && distance < d),
            };
            if better {
                best = Some((agreement, distance, at));
            }
        }
        let (_, _, at) = best?;
        // Uniqueness only counts when the whole text was searched.
        (self.context_backs(query, at, at + query.len(), whole && count == 1)).then_some(at)
    }

    /// Similarity of stored context to the text, 0.0–1.0. A side with no stored context (the quote
    /// was at the start or end of the article) is neutral.
    fn context_similarity(&self, stored: &[char], actual: impl Iterator<Item = char>) -> f32 {
        if stored.is_empty() {
            return 0.5;
        }
        let actual: Vec<char> = actual.collect();
        1.0 - levenshtein(stored, &actual) as f32 / stored.len().max(actual.len()) as f32
    }

    /// The best fuzzy match in normalised `window` as (from, to, score), if any reaches the floors.
    /// Fuzzy search far from the expected place, where a wrong match is likeliest, so it asks for
    /// more: at most one edit in ten characters ([`MIN_FAR_QUOTE_SIMILARITY`]). That also makes
    /// it fast. Split the quote into `k + 1` pieces for `k` allowed edits: a match keeps at least
    /// one piece intact (pigeonhole), so only the places where some piece occurs exactly are
    /// checked, instead of the whole text.
    fn find_fuzzy_anywhere(&self, query: &Query, expected: usize) -> Option<(usize, usize, f32)> {
        let m = query.len();
        let max_edits = ((m as f32) * (1.0 - MIN_FAR_QUOTE_SIMILARITY)).floor() as usize;
        if max_edits == 0 {
            return None;
        }
        let piece = m / (max_edits + 1);
        let mut windows: Vec<(usize, usize)> = Vec::new();
        for p in 0..=max_edits {
            let offset = p * piece;
            let text: String = query.exact_chars[offset..offset + piece].iter().collect();
            for byte in memchr::memmem::find_iter(self.norm.as_bytes(), text.as_bytes()) {
                let at = self.norm_byte.partition_point(|&b| (b as usize) < byte);
                let from = at.saturating_sub(offset + max_edits);
                windows.push((from, (at + m + max_edits).saturating_sub(offset).min(self.norm_len())));
            }
        }
        windows.sort();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (from, to) in windows {
            match merged.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        self.find_fuzzy(query, &merged, expected, max_edits)
    }

    fn find_fuzzy(
        &self,
        query: &Query,
        windows: &[(usize, usize)],
        expected: usize,
        max_edits: usize,
    ) -> Option<(usize, usize, f32)> {
        if windows.is_empty() {
            return None;
        }
        let pattern = Pattern::new(query.exact_chars.iter().copied());
        // Runs of ends with acceptable distance, each reduced to its ends of least distance (a few:
        // "2025" edited to "2026" matches as well ending before the "6" as after it, and the
        // context decides).
        const ENDS_PER_RUN: usize = 8;
        let mut ends: Vec<(usize, usize)> = Vec::new();
        for &(from, to) in windows {
            let mut run: Vec<(usize, usize)> = Vec::new();
            pattern.scan(self.norm_chars(from, to), false, |j, d| {
                if d <= max_edits {
                    match run.first() {
                        Some(&(_, best)) if d > best => {}
                        Some(&(_, best)) if d == best => {
                            if run.len() < ENDS_PER_RUN {
                                run.push((from + j + 1, d));
                            }
                        }
                        _ => run = vec![(from + j + 1, d)],
                    }
                } else {
                    ends.append(&mut run);
                }
            });
            ends.append(&mut run);
        }

        let reversed = Pattern::new(query.exact_chars.iter().rev().copied());
        let text_len = self.norm_len().max(1) as f32;
        let mut best: Option<(usize, usize, f32)> = None;
        for (end, d) in ends {
            // The start: align the reversed quote leftwards from the end, start fixed at `end`.
            let left = end.saturating_sub(query.len() + max_edits);
            let mut start = None;
            let reversed_text = self.norm_str(left, end).chars().rev();
            reversed.scan(reversed_text, true, |j, rd| {
                if rd == d && start.is_none() {
                    start = Some(end - (j + 1));
                }
            });
            let Some(start) = start else { continue };
            let quote_sim = 1.0 - d as f32 / query.len() as f32;
            let before = self.norm_chars(start.saturating_sub(query.prefix.len()), start);
            let after = self.norm_chars(end, (end + query.suffix.len()).min(self.norm_len()));
            let prefix_sim = self.context_similarity(&query.prefix, before);
            let suffix_sim = self.context_similarity(&query.suffix, after);
            let position_sim = 1.0 - start.abs_diff(expected) as f32 / text_len;
            let score = (QUOTE_WEIGHT * quote_sim
                + PREFIX_WEIGHT * prefix_sim
                + SUFFIX_WEIGHT * suffix_sim
                + POSITION_WEIGHT * position_sim)
                / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
            // Short quotes match too much by chance: their context has to agree as well.
            let context_ok = query.len() >= SELF_EVIDENT_LEN / 2 || (prefix_sim + suffix_sim) / 2.0 >= 0.6;
            if score >= MIN_SCORE && context_ok && best.is_none_or(|(_, _, s)| score > s) {
                best = Some((start, end, score));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distances(pattern: &str, text: &str, anchored: bool) -> Vec<usize> {
        let p = Pattern::new(pattern.chars());
        let mut out = Vec::new();
        p.scan(text.chars(), anchored, |_, d| out.push(d));
        out
    }

    /// Reference semi-global / anchored edit distance by dynamic programming.
    fn reference(pattern: &str, text: &str, anchored: bool) -> Vec<usize> {
        let p: Vec<char> = pattern.chars().collect();
        let t: Vec<char> = text.chars().collect();
        let mut col: Vec<usize> = (0..=p.len()).collect();
        let mut out = Vec::new();
        for (j, tc) in t.iter().enumerate() {
            let mut next = vec![if anchored { j + 1 } else { 0 }; p.len() + 1];
            for i in 1..=p.len() {
                next[i] = (col[i - 1] + usize::from(p[i - 1] != *tc)).min(col[i] + 1).min(next[i - 1] + 1);
            }
            out.push(next[p.len()]);
            col = next;
        }
        out
    }

    #[test]
    fn myers_matches_dynamic_programming() {
        let long: String = "the quick brown fox jumps over the lazy dog ".repeat(4);
        let cases = [
            ("abc", "xxabcxxabxcx"),
            ("survey", "surgery survey servey"),
            ("h😀llo", "hello h😀llo h😀lo"),
            (long.as_str(), &format!("zz{}zz{}", long.replace("fox", "cat"), long)),
        ];
        for (p, t) in cases {
            for anchored in [false, true] {
                assert_eq!(distances(p, t, anchored), reference(p, t, anchored), "{p:?} in {t:?} {anchored}");
            }
        }
    }

    #[test]
    fn levenshtein_basics() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(levenshtein(&c("kitten"), &c("sitting")), 3);
        assert_eq!(levenshtein(&c(""), &c("abc")), 3);
    }

    #[test]
    fn normalize_folds() {
        assert_eq!(
            normalize("“Hi,”  she\u{00A0}said\n\u{2019}twas — ok\u{00AD}ay"),
            "\"Hi,\" she said 'twas - okay"
        );
    }

    proptest::proptest! {
        #[test]
        fn myers_equals_reference(p in "[ab😀]{1,70}", t in "[ab😀c]{0,90}", anchored in proptest::bool::ANY) {
            proptest::prop_assert_eq!(distances(&p, &t, anchored), reference(&p, &t, anchored));
        }
    }
}
