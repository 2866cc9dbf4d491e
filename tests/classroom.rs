//! Component tests of the classroom glue (`claimmark_widget::classroom`), in headless Chromium:
//! storage keys per student, and the teacher's draft kept in localStorage.
#![cfg(target_arch = "wasm32")]

use claimmark_core::article::Article;
use claimmark_core::classroom::KeyItem;
use claimmark_core::model::ClaimKind;
use claimmark_core::text::CharSpan;
use claimmark_widget::classroom::{name_slug, student_namespace, Draft};
use claimmark_widget::storage::local_storage;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TEXT: &str = "Exports rose at 14.2% a year, from $13.2M in 1996 to $277M in 2019.";

fn article() -> Article {
    Article::parse_plain(TEXT).expect("the test article parses")
}

#[wasm_bindgen_test]
fn names_make_distinct_storage_keys() {
    assert_eq!(name_slug("  Amira Qureshi "), "amira-qureshi");
    // Names with no ASCII letters still get distinct, stable slugs.
    let a = name_slug("陈伟");
    let b = name_slug("李娜");
    assert_ne!(a, b);
    assert_eq!(a, name_slug("陈伟"));
    assert!(!a.is_empty());
}

#[wasm_bindgen_test]
fn student_work_is_stored_per_exercise_and_student() {
    let article = article();
    let mut draft = Draft::new(&article.title);
    draft.key.push(KeyItem::describe("k1", &article, CharSpan::new(53, 58), ClaimKind::Money));
    let exercise = draft.exercise(&article).expect("a one-item key is a valid exercise");
    let amira = student_namespace(&exercise, "Amira Qureshi");
    let ben = student_namespace(&exercise, "Ben Carter");
    assert_eq!(amira, format!("claimmark-exercise-{}-amira-qureshi", exercise.id));
    assert_ne!(amira, ben);
}

#[wasm_bindgen_test]
fn the_draft_round_trips_through_local_storage() {
    let article = article();
    let mut draft = Draft::new(&article.title);
    draft.instructions = "Find the money claims.".into();
    let mut item = KeyItem::describe("k1", &article, CharSpan::new(53, 58), ClaimKind::Money);
    item.require_source = true;
    item.hint = "A figure for 2019".into();
    draft.key.push(item);
    assert!(draft.save(&article.id));
    let back = Draft::load(&article.id);
    let _ = local_storage().map(|s| s.remove_item(&format!("claimmark-teacher:v1:draft:{}", article.id)));
    assert_eq!(back.as_ref(), Some(&draft));
    let exercise = back.unwrap().exercise(&article).expect("valid");
    assert_eq!(exercise.key[0].quote(), "$277M");
}

#[wasm_bindgen_test]
fn an_empty_key_says_what_is_missing() {
    let article = article();
    let error = Draft::new(&article.title).exercise(&article).unwrap_err();
    assert!(error.starts_with("key: is empty"), "{error}");
}
