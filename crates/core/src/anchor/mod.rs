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
//!
//! The anchorer and its order of steps are here; the steps are in `exact` and `fuzzy`, the
//! edit distance in `myers`, normalisation in `normalize`, and the selector types in [`selector`].

mod exact;
mod fuzzy;
mod myers;
mod normalize;
pub mod selector;

pub use normalize::normalize;

use normalize::fold;

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
}
