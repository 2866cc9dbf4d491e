//! A storage document that exercises every export path: every verdict, sources with commas,
//! quotes, newlines and non-ASCII text, astral characters before and inside quotes, a formula-like
//! note, a dismissed candidate, a removed source and edited fields (field clocks).
#![allow(dead_code)]

use claimmark_core::export::ArticleDetails;
use claimmark_core::model::*;
use claimmark_core::store::{ArticleInfo, StoreDocument};
use claimmark_core::text::CharSpan;

pub const ARTICLE_ID: &str = "council-budget-2019";

pub const TEXT: &str = "Council budget review 😀\n\n\
Spending rose to $277M in 2019, the council said. \"We cut waste, not services,\" said Mayor Zoë Ångström 🇸🇪. \
Crime fell 12% last year across the whole region, according to police figures that were published on Tuesday in the annual report. \
Unemployment is rising steadily. The report was released on 3 March 2020, a day late.";

pub fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

/// The span of the first occurrence of `needle` in `TEXT`, in characters.
pub fn span_of(text: &str, needle: &str) -> CharSpan {
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
    let start = text[..byte].chars().count();
    CharSpan::new(start, start + needle.chars().count())
}

fn target(needle: &str) -> Target {
    Target::describe(ARTICLE_ID, TEXT, span_of(TEXT, needle))
}

fn id(n: u8) -> AnnotationId {
    AnnotationId::from_random_bytes([n; 16])
}

fn source(n: u8, url: &str, at: Timestamp) -> Source {
    Source::new(SourceId::from_random_bytes([n; 16]), SourceUrl::parse(url).unwrap(), at)
}

pub fn details() -> ArticleDetails {
    ArticleDetails {
        url: Some("https://news.example/2020/03/council-budget".into()),
        author: Some("By Jana Novák".into()),
        published: Some(IsoDate::parse("2020-03-04").unwrap()),
    }
}

pub fn document() -> StoreDocument {
    let t0 = t("2024-05-01T09:30:00Z");
    let mut doc = StoreDocument::new(ArticleInfo::new(ARTICLE_ID, "Council budget review", TEXT));

    // A detected money claim, mostly true, two sources, a note with a newline and quotes, tags.
    let mut a = Annotation::from_detected(id(1), target("$277M"), ClaimKind::Money, t0);
    a.set_verdict(Verdict::MostlyTrue, t0.plus_millis(60_000));
    a.set_note("Budget book p. 12 says \"$276.8M\";\nrounded, fine.", t0.plus_millis(61_000));
    a.set_tags(["budget", "council, city"], t0.plus_millis(62_000));
    let mut s1 = source(11, "https://council.example/budget-2019.pdf", t0.plus_millis(63_000));
    s1.title = "Budget 2019, \"final\" version".into();
    s1.publisher = "Città di Zürich".into();
    s1.excerpt = "Total spending:\n$276.8M".into();
    s1.note = "Table 3".into();
    a.add_source(s1, t0.plus_millis(63_000));
    let mut s2 = source(12, "http://archive.example/council?id=1&lang=en", t0.plus_millis(64_000));
    s2.accessed = None;
    a.add_source(s2, t0.plus_millis(64_000));
    doc.insert(a);

    // A quotation with astral characters inside, false, a formula-like note.
    let mut b = Annotation::new_user(
        id(2),
        target("said Mayor Zoë Ångström 🇸🇪"),
        ClaimKind::Quote,
        t0.plus_millis(1_000),
    );
    b.set_verdict(Verdict::False, t0.plus_millis(70_000));
    b.set_note("=HYPERLINK(\"https://evil.example\")", t0.plus_millis(71_000));
    doc.insert(b);

    // A long percentage claim (over 75 characters), unverifiable.
    let long = "Crime fell 12% last year across the whole region, according to police figures";
    let mut c = Annotation::from_detected(id(3), target(long), ClaimKind::Percent, t0.plus_millis(2_000));
    c.set_verdict(Verdict::Unverifiable, t0.plus_millis(80_000));
    doc.insert(c);

    // A trend highlighted, nothing else.
    let d = Annotation::new_user(id(4), target("rising steadily"), ClaimKind::Trend, t0.plus_millis(3_000));
    doc.insert(d);

    // A comment without a verdict, on a date, with a source that was removed again.
    let mut e = Annotation::new_user(id(5), target("3 March 2020"), ClaimKind::Date, t0.plus_millis(4_000));
    e.set_note("Press release is dated 2 March.", t0.plus_millis(90_000));
    let s3 = source(13, "https://press.example/release", t0.plus_millis(91_000));
    e.add_source(s3, t0.plus_millis(91_000));
    e.remove_source(&SourceId::from_random_bytes([13; 16]), t0.plus_millis(92_000));
    e.set_kind(ClaimKind::Other, t0.plus_millis(93_000));
    doc.insert(e);

    // A dismissed candidate.
    let f =
        Annotation::dismissed_candidate(id(6), target("on Tuesday"), ClaimKind::Date, t0.plus_millis(5_000));
    doc.insert(f);

    // True, on the money claim's neighbour, so every rated verdict appears.
    let mut g = Annotation::from_detected(id(7), target("in 2019"), ClaimKind::Date, t0.plus_millis(6_000));
    g.set_verdict(Verdict::True, t0.plus_millis(100_000));
    doc.insert(g);
    let mut h = Annotation::new_user(
        id(8),
        target("We cut waste, not services"),
        ClaimKind::Quote,
        t0.plus_millis(7_000),
    );
    h.set_verdict(Verdict::HalfTrue, t0.plus_millis(110_000));
    doc.insert(h);
    let mut i = Annotation::new_user(id(9), target("a day late"), ClaimKind::Other, t0.plus_millis(8_000));
    i.set_verdict(Verdict::Misleading, t0.plus_millis(120_000));
    doc.insert(i);

    doc.normalize();
    doc
}

/// Compares against a golden file; `UPDATE_GOLDEN=1` rewrites it.
pub fn check_golden(name: &str, actual: &str) {
    let path = format!("{}/tests/golden/export/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(format!("{}/tests/golden/export", env!("CARGO_MANIFEST_DIR"))).unwrap();
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
