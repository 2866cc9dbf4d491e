//! The nodes of a foreign file, as serde reads them: the top object, collections and pages, W3C
//! annotations with their bodies, targets and selectors, and Hypothesis rows.

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;

use super::lenient::{FirstString, Lenient, List, OneOrMany, Types, WholeNumber};
use crate::export::w3c::VOCAB;
use crate::model::{FieldClocks, Timestamp};

/// What [`detect`](super::detect) looks at in a top object (or in the items of a top list), and the
/// `annotations` a backup is counted by before it is read.
#[derive(Deserialize)]
pub(super) struct Head {
    #[serde(default)]
    pub(super) format: Lenient<String>,
    pub(super) version: Option<IgnoredAny>,
    pub(super) annotations: Option<Lenient<Vec<IgnoredAny>>>,
    pub(super) rows: Option<IgnoredAny>,
    #[serde(rename = "@context")]
    context: Option<OneOrMany<ContextEntry>>,
    #[serde(rename = "type", default)]
    pub(super) types: Types,
    #[serde(default)]
    target: Lenient<Vec<IgnoredAny>>,
    uri: Option<IgnoredAny>,
    user: Option<IgnoredAny>,
    links: Option<IgnoredAny>,
    permissions: Option<IgnoredAny>,
    group: Option<IgnoredAny>,
}

impl Head {
    /// The head of an object; `None` for any other value.
    pub(super) fn of(value: &Value) -> Option<Head> {
        if value.is_object() {
            Head::deserialize(value).ok()
        } else {
            None
        }
    }

    pub(super) fn has_context(&self, wanted: &str) -> bool {
        let iri = |c: &ContextEntry| matches!(c, ContextEntry::Iri(iri) if iri == wanted);
        match &self.context {
            Some(OneOrMany::One(c)) => iri(c),
            Some(OneOrMany::Many(cs)) => cs.iter().any(iri),
            None => false,
        }
    }

    /// Whether the context has claimmark's extension (so the file is our own export).
    pub(super) fn has_our_vocab(&self) -> bool {
        let ours =
            |c: &ContextEntry| matches!(c, ContextEntry::Terms { cm: Lenient::Valid(v) } if v == VOCAB);
        matches!(&self.context, Some(OneOrMany::Many(cs)) if cs.iter().any(ours))
    }

    pub(super) fn looks_like_hypothesis(&self) -> bool {
        self.context.is_none()
            && self.types.as_ref().is_none()
            && self.target.as_ref().is_some()
            && [&self.uri, &self.user, &self.links, &self.permissions, &self.group]
                .iter()
                .any(|k| k.is_some())
    }
}

/// One entry of a JSON-LD `@context`: an IRI, or terms (claimmark's own are under `cm`).
#[derive(Deserialize)]
#[serde(untagged)]
enum ContextEntry {
    Iri(String),
    Terms {
        #[serde(default)]
        cm: Lenient<String>,
    },
    Other(IgnoredAny),
}

/// The `type` of an annotation or an annotation list.
#[derive(Deserialize)]
#[serde(expecting = "an Annotation object")]
pub(super) struct Typed {
    #[serde(rename = "type", default)]
    pub(super) types: Types,
}

/// An AnnotationCollection, but for its pages, which are read one by one.
#[derive(Deserialize)]
pub(super) struct Collection {
    #[serde(default)]
    pub(super) article: Lenient<OurArticle>,
    #[serde(default)]
    pub(super) total: Lenient<u64>,
}

/// The article our own export names.
#[derive(Deserialize)]
pub(super) struct OurArticle {
    #[serde(default)]
    pub(super) id: Lenient<String>,
    #[serde(default)]
    pub(super) title: Lenient<String>,
    #[serde(default)]
    pub(super) fingerprint: Lenient<String>,
    #[serde(default)]
    pub(super) url: Lenient<String>,
}

/// A W3C annotation, but for its bodies, targets and removed sources, which are read one by one.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct W3cAnnotation {
    pub(super) id: Option<String>,
    pub(super) created: Option<Timestamp>,
    pub(super) modified: Option<Timestamp>,
    pub(super) origin: Option<String>,
    #[serde(default)]
    pub(super) dismissed: Lenient<bool>,
    #[serde(default)]
    pub(super) motivation: Lenient<String>,
    pub(super) body_value: Option<String>,
    pub(super) field_clocks: Option<FieldClocks>,
}

#[derive(Deserialize)]
#[serde(expecting = "a removed source object")]
pub(super) struct RemovedSource {
    pub(super) id: Option<String>,
    pub(super) deleted: Option<Timestamp>,
}

/// A body object: a TextualBody (a note, a tag, a verdict, claimmark's claim kind) or a
/// resource (a source).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a body object or an IRI")]
pub(super) struct Body {
    #[serde(rename = "type", default)]
    pub(super) types: Types,
    #[serde(default)]
    pub(super) purpose: Lenient<FirstString>,
    pub(super) value: Option<String>,
    #[serde(default)]
    pub(super) claim_kind: Lenient<bool>,
    pub(super) source: Option<String>,
    pub(super) id: Option<String>,
    pub(super) created: Option<Timestamp>,
    pub(super) modified: Option<Timestamp>,
    #[serde(default)]
    pub(super) accessed: Lenient<String>,
    pub(super) title: Option<FirstString>,
    pub(super) publisher: Option<FirstString>,
    pub(super) excerpt: Option<String>,
    pub(super) source_note: Option<String>,
}

/// A target object (W3C or Hypothesis), but for its selectors, which are read one by one.
#[derive(Deserialize)]
#[serde(expecting = "a target object or an IRI")]
pub(super) struct TargetNode {
    #[serde(default)]
    pub(super) source: Lenient<FirstString>,
    #[serde(default)]
    pub(super) id: Lenient<String>,
}

#[derive(Deserialize)]
#[serde(expecting = "a selector object with a \"type\"")]
pub(super) struct SelectorType {
    #[serde(rename = "type")]
    pub(super) kind: String,
}

#[derive(Deserialize)]
pub(super) struct QuoteNode {
    pub(super) exact: String,
    pub(super) prefix: Option<String>,
    pub(super) suffix: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct PositionNode {
    pub(super) start: WholeNumber,
    pub(super) end: WholeNumber,
}

#[derive(Deserialize)]
pub(super) struct HypothesisSearch {
    /// Checked, not used: the rows are counted.
    #[serde(rename = "total")]
    _total: Option<WholeNumber>,
}

#[derive(Deserialize)]
#[serde(expecting = "an annotation object")]
pub(super) struct HypothesisRow {
    pub(super) id: Option<String>,
    pub(super) created: Option<Timestamp>,
    pub(super) updated: Option<Timestamp>,
    pub(super) text: Option<String>,
    pub(super) tags: Option<List<String>>,
    pub(super) uri: Option<String>,
    #[serde(default)]
    pub(super) references: Lenient<Vec<IgnoredAny>>,
}
