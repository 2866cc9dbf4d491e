//! ClaimReview export: golden file, the fields fact-check aggregators require, and warnings.

mod export_fixture;

use claimmark_core::export::claimreview::{self, ClaimReviewConfig, Warning, MAX_CLAIM_CHARS};
use claimmark_core::export::ArticleDetails;
use claimmark_core::model::{AnnotationId, Verdict};
use export_fixture::*;
use serde_json::Value;

fn config() -> ClaimReviewConfig {
    ClaimReviewConfig {
        org_name: "Check Desk".into(),
        org_url: Some("https://www.checkdesk.example/".into()),
        publisher_domain: None,
        review_url: Some("https://checkdesk.example/reviews/council-budget".into()),
    }
}

#[test]
fn golden() {
    let out = claimreview::export(&document(), &details(), &config());
    check_golden("claimreview.jsonld", &(out.to_string_pretty() + "\n"));
}

#[test]
fn one_review_per_rated_claim_with_required_fields() {
    let doc = document();
    let out = claimreview::export(&doc, &details(), &config());
    let rated = doc.annotations.iter().filter(|a| a.verdict.is_rated() && !a.dismissed).count();
    assert_eq!(out.reviews.len(), rated);
    assert_eq!(rated, 6);
    for review in &out.reviews {
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert!(review["claimReviewed"].as_str().is_some_and(|c| !c.is_empty()));
        let rating = &review["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        let name = rating["alternateName"].as_str().unwrap();
        let verdict = Verdict::parse(name).unwrap();
        match verdict.rating() {
            Some(value) => {
                assert_eq!(rating["ratingValue"], value);
                assert_eq!(rating["bestRating"], 5);
                assert_eq!(rating["worstRating"], 1);
            }
            None => assert!(rating.get("ratingValue").is_none()),
        }
        assert!(review["url"]
            .as_str()
            .unwrap()
            .starts_with("https://checkdesk.example/reviews/council-budget#claim-"));
        assert_eq!(review["author"]["@type"], "Organization");
        assert_eq!(review["author"]["name"], "Check Desk");
        assert_eq!(review["author"]["url"], "https://www.checkdesk.example/");
        assert!(review["datePublished"].as_str().unwrap().starts_with("2024-05-01"));
        let item = &review["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        assert_eq!(item["author"]["name"], "Jana Novák");
        assert_eq!(item["datePublished"], "2020-03-04");
        assert_eq!(item["appearance"]["url"], "https://news.example/2020/03/council-budget");
    }
    let verdicts: Vec<&str> =
        out.reviews.iter().map(|r| r["reviewRating"]["alternateName"].as_str().unwrap()).collect();
    for v in ["True", "Mostly true", "Half true", "Misleading", "False", "Unverifiable"] {
        assert!(verdicts.contains(&v), "{v}");
    }
}

#[test]
fn warns_about_long_claims_only() {
    let out = claimreview::export(&document(), &details(), &config());
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    let Warning::ClaimTooLong { id, chars } = &out.warnings[0] else { panic!("{:?}", out.warnings) };
    assert_eq!(id, &AnnotationId::from_random_bytes([3; 16]));
    assert!(*chars > MAX_CLAIM_CHARS);
    assert!(out.warnings[0].to_string().contains("aggregators show at most 75"));
}

#[test]
fn warns_when_url_is_off_the_publishers_domain() {
    // No review url: the article's url is used, and it is on the newspaper's domain.
    let config = ClaimReviewConfig { review_url: None, ..config() };
    let out = claimreview::export(&document(), &details(), &config);
    let off: Vec<&Warning> =
        out.warnings.iter().filter(|w| matches!(w, Warning::UrlNotOnPublisherDomain { .. })).collect();
    assert_eq!(off.len(), 6);
    assert!(off[0].to_string().contains("is not on the publisher's domain checkdesk.example"));

    // An explicit domain wins over the organisation's url.
    let config =
        ClaimReviewConfig { review_url: None, publisher_domain: Some("news.example".into()), ..config };
    let out = claimreview::export(&document(), &details(), &config);
    assert!(!out.warnings.iter().any(|w| matches!(w, Warning::UrlNotOnPublisherDomain { .. })));
}

#[test]
fn warns_without_organisation_or_url() {
    let out = claimreview::export(&document(), &ArticleDetails::default(), &ClaimReviewConfig::default());
    assert!(out.warnings.contains(&Warning::NoOrganisation));
    assert!(out.warnings.contains(&Warning::NoPublisherDomain));
    assert!(out.warnings.iter().any(|w| matches!(w, Warning::MissingUrl { .. })));
    for review in &out.reviews {
        assert!(review.get("author").is_none());
        assert!(review.get("url").is_none());
        assert!(review["reviewRating"]["alternateName"].is_string());
    }
}

#[test]
fn safe_inside_a_script_tag() {
    let mut doc = document();
    doc.annotations[0].target.selectors.quote.exact = "</script><script>alert(1)</script>".into();
    doc.annotations[0].verdict = Verdict::False;
    let text = claimreview::export(&doc, &details(), &config()).to_string_pretty();
    assert!(!text.contains("</"));
    let parsed: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed[0]["claimReviewed"], "</script><script>alert(1)</script>");
}
