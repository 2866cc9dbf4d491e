//! schema.org `ClaimReview` JSON-LD, the markup that search engines and fact-check aggregators
//! read.
//!
//! One `ClaimReview` per claim with a verdict (dismissed candidates are skipped). The output is a
//! JSON array of them, each with `"@context": "https://schema.org"` (the only context consumers
//! accept), ready to paste into a `<script type="application/ld+json">` tag:
//!
//! - `claimReviewed`: the claim's words;
//! - `reviewRating`: `ratingValue` on the 1 (false) to 5 (true) scale of
//!   [`Verdict::rating`](crate::model::Verdict::rating) with `bestRating` 5 and `worstRating` 1,
//!   and `alternateName`, the verdict in words. "Unverifiable" has no place on the scale, so it
//!   has only the `alternateName`;
//! - `itemReviewed`: a `Claim` whose `author` is the article's author, `datePublished` the
//!   article's date when known, and `appearance` the article's url;
//! - `author`: the fact-checking organisation ([`ClaimReviewConfig`]);
//! - `datePublished`: the day the verdict was given;
//! - `url`: where the review is published: [`ClaimReviewConfig::review_url`], or else the
//!   article's url, with `#claim-<id>` so that each review has its own.
//!
//! Aggregators drop reviews that lack what they require, so [`export`] also returns
//! [`Warning`]s: a `claimReviewed` over 75 characters, a missing `alternateName`, a `url` that is
//! not on the publisher's domain, and no organisation configured.
//!
//! ```
//! use claimmark_core::export::claimreview::{self, ClaimReviewConfig, Warning};
//! use claimmark_core::export::ArticleDetails;
//! use claimmark_core::model::*;
//! use claimmark_core::store::{ArticleInfo, StoreDocument};
//! use claimmark_core::text::CharSpan;
//!
//! let text = "Spending rose to $277M in 2019, the council said.";
//! let now = Timestamp::parse("2024-05-01T09:30:00Z").unwrap();
//! let mut doc = StoreDocument::new(ArticleInfo::new("budget", "Council budget", text));
//! let target = Target::describe("budget", text, CharSpan::new(0, 30));
//! let mut a = Annotation::new_user(AnnotationId::from_random_bytes([5; 16]), target, ClaimKind::Money, now);
//! a.set_verdict(Verdict::MostlyTrue, now);
//! doc.insert(a);
//!
//! let config = ClaimReviewConfig::new("Check Desk", "https://checkdesk.example");
//! let details = ArticleDetails { url: Some("https://news.example/budget".into()), ..Default::default() };
//! let out = claimreview::export(&doc, &details, &config);
//! let review = &out.reviews[0];
//! assert_eq!(review["@context"], "https://schema.org");
//! assert_eq!(review["reviewRating"]["ratingValue"], 4);
//! assert_eq!(review["reviewRating"]["alternateName"], "Mostly true");
//! // The review url defaults to the article, which is not on the publisher's domain.
//! assert!(matches!(out.warnings[0], Warning::UrlNotOnPublisherDomain { .. }));
//! ```

use std::fmt;

use serde_json::{json, Map, Value};

use super::ArticleDetails;
use crate::model::{Annotation, AnnotationId, Field, SourceUrl, Verdict};
use crate::store::StoreDocument;

/// The context every consumer accepts.
pub const SCHEMA_ORG: &str = "https://schema.org";

/// Longest `claimReviewed` that aggregators show in full.
pub const MAX_CLAIM_CHARS: usize = 75;

/// The fact-checking organisation that publishes the reviews.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimReviewConfig {
    /// The organisation's name: the review's `author`.
    pub org_name: String,
    /// The organisation's home page.
    pub org_url: Option<String>,
    /// The domain reviews are published on (`checkdesk.example`); defaults to the host of
    /// `org_url`. A review `url` on this domain or a subdomain of it is accepted.
    pub publisher_domain: Option<String>,
    /// Where the reviews are published. Each review's `url` is this with `#claim-<id>`; without
    /// it the article's url is used.
    pub review_url: Option<String>,
}

impl ClaimReviewConfig {
    pub fn new(org_name: &str, org_url: &str) -> ClaimReviewConfig {
        ClaimReviewConfig {
            org_name: org_name.to_owned(),
            org_url: Some(org_url.to_owned()),
            publisher_domain: None,
            review_url: None,
        }
    }

    /// The publisher's domain, lowercased, without `www.`.
    pub fn domain(&self) -> Option<String> {
        let domain = match &self.publisher_domain {
            Some(d) => d.trim().trim_end_matches('.').to_ascii_lowercase(),
            None => host(self.org_url.as_deref()?)?,
        };
        let domain = domain.strip_prefix("www.").unwrap_or(&domain).to_owned();
        (!domain.is_empty()).then_some(domain)
    }
}

/// The lowercased host of an http or https url.
fn host(url: &str) -> Option<String> {
    let url = SourceUrl::parse(url).ok()?;
    let rest = url.as_str().split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = if host_port.starts_with('[') {
        host_port.split(']').next()?.trim_start_matches('[')
    } else {
        host_port.split(':').next()?
    };
    Some(host.trim_end_matches('.').to_ascii_lowercase())
}

/// Something to fix before publishing; the reviews are exported anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// `claimReviewed` is longer than [`MAX_CLAIM_CHARS`]; aggregators cut it.
    ClaimTooLong { id: AnnotationId, chars: usize },
    /// No `reviewRating.alternateName`, which aggregators require.
    MissingAlternateName { id: AnnotationId },
    /// The review's `url` is not on the publisher's domain, so aggregators ignore it.
    UrlNotOnPublisherDomain { id: AnnotationId, url: String, domain: String },
    /// No review url could be made (no review url configured and no article url).
    MissingUrl { id: AnnotationId },
    /// No organisation name: the reviews have no `author`.
    NoOrganisation,
    /// No publisher domain to check review urls against.
    NoPublisherDomain,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::ClaimTooLong { id, chars } => write!(
                f,
                "claim {id}: claimReviewed is {chars} characters; aggregators show at most {MAX_CLAIM_CHARS}"
            ),
            Warning::MissingAlternateName { id } => {
                write!(f, "claim {id}: reviewRating has no alternateName (the verdict in words)")
            }
            Warning::UrlNotOnPublisherDomain { id, url, domain } => {
                write!(f, "claim {id}: url '{url}' is not on the publisher's domain {domain}")
            }
            Warning::MissingUrl { id } => {
                write!(f, "claim {id}: no url (set a review url or the article's url)")
            }
            Warning::NoOrganisation => {
                f.write_str("no fact-checking organisation is configured: the reviews have no author")
            }
            Warning::NoPublisherDomain => {
                f.write_str("no publisher domain is configured: review urls cannot be checked")
            }
        }
    }
}

/// The reviews and what to fix in them.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimReviewExport {
    /// One `ClaimReview` object per rated claim, in document order.
    pub reviews: Vec<Value>,
    pub warnings: Vec<Warning>,
}

impl ClaimReviewExport {
    /// The reviews as an indented JSON array, to paste into a `<script type="application/ld+json">`
    /// tag. `</` is written `<\/` so that no claim text can close the script element.
    pub fn to_string_pretty(&self) -> String {
        // Serialising `Value`s cannot fail.
        let text = serde_json::to_string_pretty(&self.reviews).unwrap_or_default();
        text.replace("</", "<\\/")
    }
}

/// Whether `url` is on `domain` or one of its subdomains.
fn on_domain(url: &str, domain: &str) -> bool {
    match host(url) {
        Some(h) => h == domain || h.strip_suffix(domain).is_some_and(|rest| rest.ends_with('.')),
        None => false,
    }
}

/// The reviews of every rated, not dismissed, annotation of `doc`.
pub fn export(
    doc: &StoreDocument,
    details: &ArticleDetails,
    config: &ClaimReviewConfig,
) -> ClaimReviewExport {
    let mut warnings = Vec::new();
    let org_name = config.org_name.trim();
    if org_name.is_empty() {
        warnings.push(Warning::NoOrganisation);
    }
    let domain = config.domain();
    if domain.is_none() {
        warnings.push(Warning::NoPublisherDomain);
    }
    let base_url = config
        .review_url
        .as_deref()
        .and_then(|u| SourceUrl::parse(u).ok())
        .or_else(|| details.web_url())
        .map(|u| u.as_str().split('#').next().unwrap_or_default().to_owned());
    let reviews = doc
        .annotations
        .iter()
        .filter(|a| a.verdict.is_rated() && !a.dismissed)
        .map(|a| review(a, details, config, base_url.as_deref(), domain.as_deref(), &mut warnings))
        .collect();
    ClaimReviewExport { reviews, warnings }
}

fn review(
    a: &Annotation,
    details: &ArticleDetails,
    config: &ClaimReviewConfig,
    base_url: Option<&str>,
    domain: Option<&str>,
    warnings: &mut Vec<Warning>,
) -> Value {
    let claim = a.target.exact().split_whitespace().collect::<Vec<_>>().join(" ");
    let chars = claim.chars().count();
    if chars > MAX_CLAIM_CHARS {
        warnings.push(Warning::ClaimTooLong { id: a.id.clone(), chars });
    }
    let mut out = Map::new();
    out.insert("@context".into(), SCHEMA_ORG.into());
    out.insert("@type".into(), "ClaimReview".into());
    match base_url {
        Some(base) => {
            let url = format!("{base}#claim-{}", super::urn_escape(a.id.as_str()));
            if let Some(domain) = domain {
                if !on_domain(&url, domain) {
                    warnings.push(Warning::UrlNotOnPublisherDomain {
                        id: a.id.clone(),
                        url: url.clone(),
                        domain: domain.to_owned(),
                    });
                }
            }
            out.insert("url".into(), url.into());
        }
        None => warnings.push(Warning::MissingUrl { id: a.id.clone() }),
    }
    out.insert("claimReviewed".into(), claim.into());
    out.insert("datePublished".into(), a.clock(Field::Verdict).date().to_string().into());
    let org_name = config.org_name.trim();
    if !org_name.is_empty() {
        let mut author = json!({ "@type": "Organization", "name": org_name });
        if let Some(url) = config.org_url.as_deref().and_then(|u| SourceUrl::parse(u).ok()) {
            author["url"] = url.as_str().into();
        }
        out.insert("author".into(), author);
    }
    out.insert("reviewRating".into(), rating(a.verdict));
    if a.verdict.label().is_empty() {
        warnings.push(Warning::MissingAlternateName { id: a.id.clone() });
    }
    let mut item = Map::new();
    item.insert("@type".into(), "Claim".into());
    if let Some(author) = details.author_name() {
        item.insert("author".into(), json!({ "@type": "Person", "name": author }));
    }
    if let Some(published) = details.published {
        item.insert("datePublished".into(), published.to_string().into());
    }
    if let Some(url) = details.web_url() {
        item.insert("appearance".into(), json!({ "@type": "CreativeWork", "url": url.as_str() }));
    }
    out.insert("itemReviewed".into(), Value::Object(item));
    Value::Object(out)
}

fn rating(verdict: Verdict) -> Value {
    let mut rating = json!({ "@type": "Rating", "alternateName": verdict.label() });
    if let Some(value) = verdict.rating() {
        rating["ratingValue"] = value.into();
        rating["bestRating"] = Verdict::BEST_RATING.into();
        rating["worstRating"] = Verdict::WORST_RATING.into();
    }
    rating
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains() {
        assert!(on_domain("https://www.checkdesk.example/a#b", "www.checkdesk.example"));
        assert!(on_domain("https://news.checkdesk.example/a", "checkdesk.example"));
        assert!(!on_domain("https://evilcheckdesk.example/a", "checkdesk.example"));
        assert!(!on_domain("https://checkdesk.example.evil/a", "checkdesk.example"));
        let config = ClaimReviewConfig::new("X", "https://WWW.CheckDesk.example/about");
        assert_eq!(config.domain().as_deref(), Some("checkdesk.example"));
        assert!(on_domain("https://www.checkdesk.example/a", "checkdesk.example"));
    }
}
