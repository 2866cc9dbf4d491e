//! Anchoring: finding an annotation's words again in a (possibly edited) article.

use crate::model::{Selectors, TextPositionSelector, TextQuoteSelector};
use crate::text::{CharSpan, TextIndex};

/// Characters of context kept either side of a quote.
pub const CONTEXT_CHARS: usize = 32;

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
