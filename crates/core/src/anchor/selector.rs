//! Selectors and targets: where an annotation's words are, in the W3C Web Annotation shape.
//!
//! A [`Target`] names the article and holds both [`Selectors`]: the words with context
//! ([`TextQuoteSelector`]) and their character offsets ([`TextPositionSelector`]).
//! [`crate::anchor`] makes them ([`crate::anchor::describe`]) and reads them
//! ([`crate::anchor::anchor`]).

use serde::{Deserialize, Serialize};

use crate::text::{CharOffset, CharSpan};

/// The annotated words with some context either side (W3C `TextQuoteSelector`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct TextQuoteSelector {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

/// Where the words were, in characters (Unicode scalar values) of the article text (W3C
/// `TextPositionSelector`; the W3C model counts code points, not UTF-16 units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "RawPosition")]
pub struct TextPositionSelector {
    pub start: CharOffset,
    pub end: CharOffset,
}

/// Why a stored text position is unusable: it ends before it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("text position {start}..{end} ends before it starts")]
pub struct SpanError {
    pub start: usize,
    pub end: usize,
}

#[derive(Deserialize)]
struct RawPosition {
    start: usize,
    end: usize,
}

impl TryFrom<RawPosition> for TextPositionSelector {
    type Error = SpanError;
    fn try_from(raw: RawPosition) -> Result<Self, SpanError> {
        if raw.end < raw.start {
            return Err(SpanError { start: raw.start, end: raw.end });
        }
        Ok(TextPositionSelector { start: CharOffset(raw.start), end: CharOffset(raw.end) })
    }
}

impl TextPositionSelector {
    pub fn span(self) -> CharSpan {
        CharSpan { start: self.start, end: self.end }
    }
}

impl From<CharSpan> for TextPositionSelector {
    fn from(span: CharSpan) -> Self {
        TextPositionSelector { start: span.start, end: span.end.max(span.start) }
    }
}

/// One W3C selector, tagged by `type` as in the Web Annotation model, so that export and import
/// are mostly serde.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Selector {
    TextQuoteSelector(TextQuoteSelector),
    TextPositionSelector(TextPositionSelector),
}

/// Both selectors of one target: what [`crate::anchor::describe`] makes and
/// [`crate::anchor::anchor`] reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Selectors {
    pub quote: TextQuoteSelector,
    pub position: TextPositionSelector,
}

impl Selectors {
    /// The W3C list form, quote first.
    pub fn to_list(&self) -> Vec<Selector> {
        vec![Selector::TextQuoteSelector(self.quote.clone()), Selector::TextPositionSelector(self.position)]
    }
}

/// What an annotation is about: a passage of one article.
///
/// Stored in the W3C shape, `{"source": <article id>, "selector": [TextQuoteSelector,
/// TextPositionSelector]}`, so the export can copy it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawTarget", into = "RawTarget")]
pub struct Target {
    pub article_id: String,
    pub selectors: Selectors,
}

#[derive(Serialize, Deserialize)]
struct RawTarget {
    source: String,
    selector: Vec<Selector>,
}

/// Why a stored target is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error("target has no TextQuoteSelector")]
    NoQuote,
}

impl TryFrom<RawTarget> for Target {
    type Error = TargetError;
    fn try_from(raw: RawTarget) -> Result<Self, TargetError> {
        let mut quote = None;
        let mut position = None;
        for selector in raw.selector {
            match selector {
                Selector::TextQuoteSelector(q) => quote = quote.or(Some(q)),
                Selector::TextPositionSelector(p) => position = position.or(Some(p)),
            }
        }
        let quote = quote.ok_or(TargetError::NoQuote)?;
        // Without a position the quote alone anchors it (position 0..0 never checks out against a
        // non-empty quote, and its distance only breaks ties between equally good matches).
        let position = position.unwrap_or_default();
        Ok(Target { article_id: raw.source, selectors: Selectors { quote, position } })
    }
}

impl From<Target> for RawTarget {
    fn from(target: Target) -> RawTarget {
        RawTarget { source: target.article_id, selector: target.selectors.to_list() }
    }
}

impl Target {
    /// The target of `span` in the article `text`, with context for re-anchoring (see
    /// [`crate::anchor::describe`]).
    pub fn describe(article_id: &str, text: &str, span: CharSpan) -> Target {
        Target { article_id: article_id.to_owned(), selectors: super::describe(text, span) }
    }

    /// The span this target had when it was last anchored.
    pub fn span(&self) -> CharSpan {
        self.selectors.position.span()
    }

    /// The annotated words as they were.
    pub fn exact(&self) -> &str {
        &self.selectors.quote.exact
    }
}
