//! `ItemKey` prints exactly the key strings core's checklist makes (they reach the DOM and the JS
//! API), and reads back only those.
#![cfg(target_arch = "wasm32")]

use claimmark_core::article::Article;
use claimmark_core::checklist::{self, AnchorCache};
use claimmark_core::model::{Annotation, AnnotationId, ClaimKind, Target, Timestamp};
use claimmark_core::store::{ArticleInfo, StoreDocument};
use claimmark_core::text::CharSpan;
use claimmark_widget::item_key::ItemKey;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("../../shared/seed-article.txt");

#[wasm_bindgen_test]
fn every_key_of_the_seed_checklist_reads_back_as_itself() {
    let article = Article::parse(SEED).unwrap();
    let body = &article.body;
    let claims = claimmark_core::detect::detect(body);
    let claim = claims.first().expect("the seed article has detected claims");
    let now = Timestamp::from_millis(1_700_000_000_000);
    let on_claim = |byte: u8| {
        let target = Target::describe(&article.id, body, claim.span);
        Annotation::from_detected(AnnotationId::from_random_bytes([byte; 16]), target, claim.kind, now)
    };
    let mut doc = StoreDocument::new(ArticleInfo::new(&article.id, &article.title, body));
    // One annotation takes the claim's key, a second on the same claim gets `#<id>`, and one the
    // reader made gets `a:<id>`.
    doc.insert(on_claim(1));
    doc.insert(on_claim(2));
    let user = Target::describe(&article.id, body, CharSpan::new(0, 4));
    doc.insert(Annotation::new_user(AnnotationId::from_random_bytes([3; 16]), user, ClaimKind::Other, now));
    let items = checklist::build(body, &claims, &doc, &mut AnchorCache::default());
    assert!(items.iter().any(|i| i.key.starts_with("a:")));
    assert!(items.iter().any(|i| i.key.contains('#')));
    for item in &items {
        let key = ItemKey::of(item).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(key.to_string(), item.key);
        assert!(key.is(&item.key));
    }
}

#[wasm_bindgen_test]
fn keys_have_their_parts() {
    let key: ItemKey = "d:money:5-9#3".parse().unwrap();
    assert_eq!(
        key,
        ItemKey::Detected { kind: ClaimKind::Money, span: CharSpan::new(5, 9), twin: Some("3".into()) }
    );
    assert!(!key.is("d:money:5-9"));
    let id = AnnotationId::from_random_bytes([9; 16]);
    assert_eq!(format!("a:{id}").parse::<ItemKey>(), Ok(ItemKey::Annotation(id)));
}

#[wasm_bindgen_test]
fn strings_that_would_print_back_differently_are_refused() {
    for bad in ["", "x", "d:", "d:money:5", "d:nope:1-2", "d:money:+5-9", "d:money:05-9", "a:", "a:has space"]
    {
        let error = bad.parse::<ItemKey>().expect_err(bad);
        assert!(error.to_string().contains("is not a claim's key"), "{error}");
    }
}
