//! The classroom scenario of `tests/fixtures/classroom/scenario.json` (see its README), built
//! with the public API: the exercise on the seed article, and the two students' work.
#![allow(dead_code)]

use claimmark_core::article::Article;
use claimmark_core::classroom::{Exercise, KeyItem, Submission};
use claimmark_core::model::*;
use claimmark_core::text::CharSpan;
use serde_json::Value;

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/classroom");
pub const SEED_ARTICLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed-article.txt");

pub fn seed_article() -> Article {
    let text = std::fs::read_to_string(SEED_ARTICLE).unwrap_or_else(|e| panic!("{SEED_ARTICLE}: {e}"));
    Article::parse(&text).unwrap()
}

pub fn fixture(name: &str) -> String {
    let path = format!("{FIXTURES}/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn scenario() -> Value {
    serde_json::from_str(&fixture("scenario.json")).unwrap()
}

pub fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// The span of `needle` in `text`, in characters; panics unless it occurs exactly once.
pub fn span_of(text: &str, needle: &str) -> CharSpan {
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the text"));
    assert_eq!(text.matches(needle).count(), 1, "{needle:?} occurs more than once");
    let start = text[..byte].chars().count();
    CharSpan::new(start, start + needle.chars().count())
}

fn str_of<'v>(v: &'v Value, key: &str) -> &'v str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} is not a string in {v}"))
}

fn verdict_of(v: &Value) -> Option<Verdict> {
    v.as_str().map(|s| Verdict::parse(s).unwrap())
}

pub fn key_items(article: &Article) -> Vec<KeyItem> {
    let scenario = scenario();
    scenario["key"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            let span = span_of(&article.body, str_of(k, "quote"));
            let kind = ClaimKind::parse(str_of(k, "kind")).unwrap();
            let mut item = KeyItem::describe(str_of(k, "id"), article, span, kind);
            item.require_source = k["require_source"].as_bool().unwrap();
            item.require_verdict = k["require_verdict"].as_bool().unwrap();
            item.expected_verdict = verdict_of(&k["expected_verdict"]);
            item.hint = str_of(k, "hint").to_owned();
            item.explanation = str_of(k, "explanation").to_owned();
            item
        })
        .collect()
}

pub fn exercise() -> Exercise {
    let scenario = scenario();
    let e = &scenario["exercise"];
    let article = seed_article();
    let mut exercise = Exercise::new(
        str_of(e, "id"),
        str_of(e, "title"),
        str_of(e, "instructions"),
        &article,
        key_items(&article),
        t(str_of(e, "created")),
    )
    .unwrap();
    exercise.show_answers = e["show_answers"].as_bool().unwrap();
    exercise
}

/// Student `n`'s annotations (0: Amira, 1: Ben), described on `text` (the article body, or a
/// drifted copy of it). Ids are fixed: bytes 0x11, 0x12... for Amira, 0x21... for Ben.
pub fn annotations_on(n: usize, article_id: &str, text: &str) -> Vec<Annotation> {
    let scenario = scenario();
    let student = &scenario["students"][n];
    let submitted = t(str_of(student, "submitted"));
    let items = student["annotations"].as_array().unwrap();
    items
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let at = submitted.plus_millis(-60_000 * (items.len() - i) as i64);
            let byte = 0x11 + 0x10 * n as u8 + i as u8;
            let target = Target::describe(article_id, text, span_of(text, str_of(a, "quote")));
            let kind = ClaimKind::parse(str_of(a, "kind")).unwrap();
            let mut annotation =
                Annotation::new_user(AnnotationId::from_random_bytes([byte; 16]), target, kind, at);
            if let Some(v) = verdict_of(&a["verdict"]) {
                annotation.set_verdict(v, at.plus_millis(1_000));
            }
            for (j, url) in a["sources"].as_array().unwrap().iter().enumerate() {
                let id = SourceId::from_random_bytes([byte.wrapping_add(0x80 + j as u8); 16]);
                let url = SourceUrl::parse(url.as_str().unwrap()).unwrap();
                annotation.add_source(Source::new(id, url, at.plus_millis(2_000)), at.plus_millis(2_000));
            }
            annotation
        })
        .collect()
}

pub fn annotations(n: usize) -> Vec<Annotation> {
    let article = seed_article();
    annotations_on(n, &article.id, &article.body)
}

pub fn student_name(n: usize) -> String {
    str_of(&scenario()["students"][n], "name").to_owned()
}

pub fn submission(exercise: &Exercise, n: usize) -> Submission {
    let scenario = scenario();
    let student = &scenario["students"][n];
    Submission::new(exercise, str_of(student, "name"), annotations(n), t(str_of(student, "submitted")))
        .unwrap()
}

/// Compares against a golden file in the fixtures; `UPDATE_GOLDEN=1` rewrites it.
pub fn golden(name: &str, actual: &str) {
    let path = format!("{FIXTURES}/{name}");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e} (run with UPDATE_GOLDEN=1 to create it)"));
    assert!(
        expected == actual,
        "{name} differs from its golden file; run with UPDATE_GOLDEN=1 and review the diff"
    );
}
