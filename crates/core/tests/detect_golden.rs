//! The golden test on the seed article: every trade figure, date, percentage and quotation a
//! fact-checker would mark, and nothing else.
//!
//! The expected list is `golden/seed-claims.json`, one object per claim in `detect` order. To see
//! what changed after an intended change, run
//! `cargo test -p claimmark-core --test detect_golden -- --nocapture` and read the diff.

use claimmark_core::article::Article;
use claimmark_core::detect::detect;
use claimmark_core::model::ClaimKind;
use claimmark_core::text::TextIndex;
use serde::Deserialize;

const SEED: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed-article.txt"));
const GOLDEN: &str = include_str!("golden/seed-claims.json");

#[derive(Debug, Deserialize, PartialEq)]
struct Expected {
    kind: String,
    text: String,
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    speaker: Option<String>,
}

#[test]
fn seed_article_claims_match_the_golden_list() {
    let article = Article::parse(SEED).unwrap();
    let expected: Vec<Expected> = serde_json::from_str(GOLDEN).unwrap();
    let got: Vec<Expected> = detect(&article.body)
        .into_iter()
        .map(|c| Expected {
            kind: c.kind.as_str().to_string(),
            start: c.span.start.0,
            end: c.span.end.0,
            label: c.value_label(),
            speaker: c.speaker.clone(),
            text: c.text,
        })
        .collect();
    for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
        assert_eq!(g, e, "claim {i} differs");
    }
    assert_eq!(got.len(), expected.len(), "got {got:#?}");
}

#[test]
fn seed_article_spans_index_the_body() {
    let article = Article::parse(SEED).unwrap();
    let index = TextIndex::new(&article.body);
    for c in detect(&article.body) {
        assert_eq!(index.slice(c.span), c.text);
        // The widget converts to UTF-16 for the DOM; the body has curly quotes (BMP), so the
        // conversion must land inside the text.
        assert!(index.char_to_utf16(c.span.end).0 <= index.utf16_len());
    }
}

#[test]
fn seed_article_has_no_claim_in_the_furniture() {
    // "Previous article…" / "Next article…" and the byline are not in the body, so no claim (and in
    // particular not the "6109" glued to the next headline) can come from them.
    let article = Article::parse(SEED).unwrap();
    assert!(!article.body.contains("Previous article"));
    assert!(detect(&article.body).iter().all(|c| !c.text.contains("6109")));
}

#[test]
fn seed_article_counts_by_kind() {
    let article = Article::parse(SEED).unwrap();
    let claims = detect(&article.body);
    let count = |k: ClaimKind| claims.iter().filter(|c| c.kind == k).count();
    assert_eq!(
        [
            count(ClaimKind::Date),
            count(ClaimKind::Money),
            count(ClaimKind::Percent),
            count(ClaimKind::Quote),
            count(ClaimKind::Trend)
        ],
        [17, 2, 1, 2, 1]
    );
}
