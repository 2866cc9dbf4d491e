//! Storage document tests: migrations from fixture files, bad input, merging (with property tests),
//! undo/redo, and a 5,000-annotation document.

use claimmark_core::history::{ChangeKind, History};
use claimmark_core::model::*;
use claimmark_core::store::*;
use claimmark_core::text::CharSpan;
use proptest::prelude::*;

const TEXT: &str =
    "The city council approved the budget on Tuesday. Spending on roads rose to $277M in 2019, \
                    up from $180M two years earlier. Critics called it “a reckless increase”.";

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/store/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn t(ms: i64) -> Timestamp {
    Timestamp::from_millis(1_714_555_800_000 + ms)
}

fn id(n: u8) -> AnnotationId {
    AnnotationId::from_random_bytes([n; 16])
}

fn doc() -> StoreDocument {
    StoreDocument::new(ArticleInfo::new("budget", "Budget", TEXT))
}

fn annotation(n: u8, at: Timestamp) -> Annotation {
    let start = usize::from(n) % 100;
    let target = Target::describe("budget", TEXT, CharSpan::new(start, start + 10));
    Annotation::new_user(id(n), target, ClaimKind::Other, at)
}

fn source(n: u8, url: &str, at: Timestamp) -> Source {
    Source::new(SourceId::from_random_bytes([n; 16]), SourceUrl::parse(url).unwrap(), at)
}

// --- migrations ---------------------------------------------------------------------------------

#[test]
fn store_migrates_v1_fixture() {
    let doc = StoreDocument::from_json(&fixture("v1-council-budget.json")).unwrap();
    assert_eq!(doc.version, CURRENT_VERSION);
    assert_eq!(doc.article.id, "council-budget-2019");
    assert_eq!(doc.article.fingerprint, "5f1c0a7e9b2d4c11");
    assert_eq!(doc.annotations.len(), 3);
    assert!(doc.tombstones.is_empty());

    let money = doc.get(&AnnotationId::parse("6f1b7c2e-9a4d-4e3b-8c51-2d7f0a9e4b13").unwrap()).unwrap();
    assert_eq!(money.origin, Origin::Detected);
    assert_eq!(money.kind, ClaimKind::Money);
    assert_eq!(money.verdict, Verdict::MostlyTrue);
    assert_eq!(money.target.exact(), "$277M in 2019");
    assert_eq!(money.target.span(), CharSpan::new(75, 88));
    assert_eq!(money.target.article_id, "council-budget-2019");
    assert_eq!(money.sources.len(), 1);
    assert_eq!(money.sources[0].url.as_str(), "https://example.gov/budget/2019-adopted.pdf");
    // The unsafe link is kept as text in the note, not as a link and not lost.
    assert!(money.note.starts_with("Adopted budget says $276.8M."));
    assert!(money.note.contains("javascript:alert(1)"), "{}", money.note);
    assert_eq!(money.tags, ["roads", "budget"]);
    assert_eq!(money.created.to_rfc3339(), "2024-03-01T10:00:00.000Z");
    assert_eq!(money.modified.to_rfc3339(), "2024-03-02T07:30:00.000Z");
    assert_eq!(money.clock(Field::Verdict), money.modified);

    let quote = doc.get(&AnnotationId::parse("0c9e2f4a-51b7-4d08-a3e6-7b2c9d1f8e40").unwrap()).unwrap();
    assert_eq!(
        (quote.origin, quote.verdict, quote.modified),
        (Origin::User, Verdict::Unrated, quote.created)
    );

    let dismissed: Vec<&Annotation> = doc.annotations.iter().filter(|a| a.dismissed).collect();
    assert_eq!(dismissed.len(), 1);
    assert_eq!((dismissed[0].kind, dismissed[0].target.exact()), (ClaimKind::Date, "Tuesday"));
    assert_eq!(dismissed[0].origin, Origin::Detected);

    // Migration is deterministic (two tabs invent the same ids) and the result round-trips.
    assert_eq!(StoreDocument::from_json(&fixture("v1-council-budget.json")).unwrap(), doc);
    assert_eq!(StoreDocument::from_json(&doc.to_json()).unwrap(), doc);
}

#[test]
fn store_migrates_v1_empty() {
    let doc = StoreDocument::from_json(&fixture("v1-empty.json")).unwrap();
    assert_eq!((doc.article.id.as_str(), doc.annotations.len()), ("empty-article", 0));
}

#[test]
fn store_reads_v2_fixture_and_round_trips() {
    let input = fixture("v2-council-budget.json");
    let doc = StoreDocument::from_json(&input).unwrap();
    assert_eq!(doc.annotations.len(), 1);
    assert_eq!(doc.tombstones.len(), 1);
    let a = &doc.annotations[0];
    assert_eq!(a.verdict, Verdict::MostlyTrue);
    assert_eq!(a.sources[0].accessed.unwrap().to_string(), "2024-03-01");
    assert_eq!(a.clock(Field::Verdict), Timestamp::from_millis(1_709_364_600_000));
    assert_eq!(a.clock(Field::Note), a.created);
    let again = StoreDocument::from_json(&doc.to_json()).unwrap();
    assert_eq!(again, doc);
    // The stored form is the same JSON value as the fixture.
    let fixture_value: serde_json::Value = serde_json::from_str(&input).unwrap();
    let written: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    assert_eq!(written, fixture_value);
}

// --- bad input ----------------------------------------------------------------------------------

/// One row per bad document: the input and the exact message.
#[test]
fn store_rejects_bad_documents_with_what_and_where() {
    let v2 = fixture("v2-council-budget.json");
    let bad_url = v2.replace("https://example.gov/budget/2019-adopted.pdf", "javascript:alert(1)");
    let bad_verdict = v2.replace("\"mostly_true\"", "\"maybe\"");
    let bad_date = v2.replace("\"2024-03-01\"", "\"2024-02-30\"");
    let no_quote = v2.replace("\"type\": \"TextQuoteSelector\"", "\"type\": \"CssSelector\"");
    let backwards = v2.replace("\"start\": 75, \"end\": 88", "\"start\": 88, \"end\": 75");
    let cases: Vec<(&str, String, &str)> = vec![
        ("empty", String::new(), "line 1, column 0: EOF while parsing a value"),
        ("truncated", v2[..200].to_owned(), "line 6, column 28: EOF while parsing a string"),
        ("not json", "claimmark".into(), "line 1, column 1: expected value"),
        ("array", "[1, 2]".into(), "(document): expected a JSON object"),
        ("no version", "{\"annotations\": []}".into(), "version: missing: this is not a claimmark storage document"),
        ("string version", "{\"version\": \"2\"}".into(), "version: expected a whole number, found \"2\""),
        ("version 0", "{\"version\": 0}".into(), "version: 0 is not a version claimmark ever wrote"),
        (
            "newer",
            "{\"version\": 7, \"whatever\": true}".into(),
            "version 7 was written by a newer claimmark (this one reads versions up to 2)",
        ),
        ("no article", "{\"version\": 2, \"annotations\": []}".into(), "article: missing (line 1, column 33)"),
        (
            "annotations not a list",
            "{\"version\": 2, \"article\": {\"id\": \"a\"}, \"annotations\": {}}".into(),
            "annotations: invalid type: map, expected a sequence (line 1, column 54)",
        ),
        (
            "javascript url",
            bad_url,
            "annotations[0].sources[0].url: source url 'javascript:alert(1)' is not http or https (line 20, column 38)",
        ),
        (
            "bad verdict",
            bad_verdict,
            "annotations[0].verdict: unknown variant `maybe`, expected one of `true`, `mostly_true`, `half_true`, \
             `misleading`, `false`, `unverifiable`, `unrated` (line 16, column 24)",
        ),
        (
            "impossible date",
            bad_date,
            "annotations[0].sources[0].accessed: '2024-02-30' is not a date in YYYY-MM-DD form (line 24, column 34)",
        ),
        (
            "unknown selector",
            no_quote,
            "annotations[0].target.selector[0].type: unknown variant `CssSelector`, expected `TextQuoteSelector` or \
             `TextPositionSelector` (line 10, column 33)",
        ),
        (
            "backwards position",
            backwards,
            "annotations[0].target.selector[1]: text position 88..75 ends before it starts (line 12, column 9)",
        ),
        (
            "v1 bad verdict",
            "{\"version\":1,\"articleId\":\"a\",\"annotations\":[{\"id\":\"x\",\"quote\":\"q\",\"start\":0,\"end\":1,\
             \"kind\":\"money\",\"verdict\":\"pants on fire\",\"createdAt\":\"2024-01-01T00:00:00Z\"}]}"
                .into(),
            "annotations[0].verdict: 'pants on fire' is not a verdict (expected one of true, mostly_true, \
             half_true, misleading, false, unverifiable, unrated)",
        ),
        (
            "v1 bad time",
            "{\"version\":1,\"articleId\":\"a\",\"annotations\":[{\"id\":\"x\",\"quote\":\"q\",\"start\":0,\"end\":1,\
             \"kind\":\"money\",\"createdAt\":\"yesterday\"}]}"
                .into(),
            "annotations[0].createdAt: 'yesterday' is not an RFC 3339 timestamp such as 2024-05-01T09:30:00Z \
             (line 1, column 122)",
        ),
    ];
    let mut wrong = Vec::new();
    for (name, input, want) in cases {
        match StoreDocument::from_json(&input) {
            Ok(_) => wrong.push(format!("{name}: accepted")),
            Err(e) if e.to_string() != want => wrong.push(format!("{name}:\n  got  {e}\n  want {want}")),
            Err(_) => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every document claimmark writes reads back as it was; and what it never writes, but serde
/// reads, is read too: null lists, a document without "annotations", a struct written as a list.
#[test]
fn stored_documents_read_back() {
    let mut written = doc();
    written.insert(annotation(1, t(0)));
    written.insert(annotation(2, t(5)));
    // Every field set, on a detected claim: sources (one removed), verdict, note, tags, dismissed,
    // and with them every clock; and a deleted annotation's tombstone.
    let mut full = annotation(3, t(1));
    full.origin = Origin::Detected;
    full.set_kind(ClaimKind::Money, t(2));
    full.set_verdict(Verdict::MostlyTrue, t(3));
    let mut kept = source(1, "https://example.gov/budget.pdf", t(4));
    kept.title = "Budget \"2019\" 😀".into();
    kept.publisher = "Council".into();
    kept.excerpt = "rose to $277M".into();
    kept.note = "p. 12".into();
    full.add_source(kept, t(4));
    full.add_source(source(2, "http://example.org/x", t(5)), t(5));
    full.remove_source(&SourceId::from_random_bytes([2; 16]), t(6));
    full.set_note("checked\nline two", t(7));
    full.set_tags(["trade", "figures"], t(8));
    full.set_dismissed(true, t(9));
    written.insert(full);
    written.insert(annotation(4, t(10)));
    written.delete(&id(4), t(11));
    written.normalize();
    for input in [written.to_json(), written.to_json_pretty()] {
        assert_eq!(StoreDocument::from_json(&input).unwrap(), written);
        assert_eq!(StoreDocument::from_stored_json(&input).unwrap(), written);
    }
    let null_lists =
        "{\"version\": 2, \"article\": {\"id\": \"a\"}, \"annotations\": null, \"tombstones\": null}";
    for lenient in [
        null_lists,
        "{\"version\": 2, \"article\": {\"id\": \"a\"}}",
        "{\"version\": 2, \"article\": [\"a\"], \"annotations\": []}",
        "{\"version\": 1, \"articleId\": \"a\", \"annotations\": null, \"dismissed\": null}",
    ] {
        let doc = StoreDocument::from_json(lenient).unwrap_or_else(|e| panic!("{lenient}: {e}"));
        assert_eq!((doc.article.id.as_str(), doc.annotations.len()), ("a", 0), "{lenient}");
        assert_eq!(StoreDocument::from_stored_json(lenient).as_ref(), Ok(&doc), "{lenient}");
    }
}

/// Every node of a JSON value but the root, as JSON pointers.
fn pointers(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(v, p, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(v, p, out);
            }
        }
        _ => {}
    }
}

const REPLACEMENTS: [&str; 16] = [
    "null",
    "\"\"",
    "\"x y\"",
    "0",
    "-1",
    "1.5",
    "true",
    "[]",
    "{}",
    "\"2024-01-01\"",
    "\"2024-02-30\"",
    "\"https://a.example/\"",
    "\"javascript:x\"",
    "4294967296",
    "18446744073709551615",
    "1e300",
];

proptest! {
    // Enough cases to reach most of the ~4,000 (node, replacement) pairs of the fixtures.
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// One value of a document replaced by another, or one key removed: reading returns a
    /// document or an error, and a shape error names a path (this reaches every field's type
    /// checks and defaults).
    #[test]
    fn store_reads_or_names_the_path_when_a_value_changes(node in 0usize..10_000, replacement in 0usize..17, v1 in any::<bool>()) {
        let source = fixture(if v1 { "v1-council-budget.json" } else { "v2-council-budget.json" });
        let mut value: serde_json::Value = serde_json::from_str(&source).unwrap();
        let mut all = Vec::new();
        pointers(&value, String::new(), &mut all);
        let pointer = &all[node % all.len()];
        if replacement == REPLACEMENTS.len() {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            match value.pointer_mut(parent) {
                Some(serde_json::Value::Object(map)) => { map.remove(&key.replace("~1", "/").replace("~0", "~")); }
                Some(serde_json::Value::Array(items)) => { items.remove(key.parse::<usize>().unwrap()); }
                _ => {}
            }
        } else {
            *value.pointer_mut(pointer).unwrap() = serde_json::from_str(REPLACEMENTS[replacement]).unwrap();
        }
        let text = value.to_string();
        let by_path = StoreDocument::from_json(&text);
        if let Err(StoreError::Shape { path, message, .. }) = &by_path {
            prop_assert!(!path.is_empty() && !message.is_empty(), "{:?}: {}", path, message);
        }
        // The widget's reader: the same result, an error of the same kind, located by line.
        let by_line = StoreDocument::from_stored_json(&text);
        match (&by_path, &by_line) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(a @ StoreError::Shape { .. }), Err(StoreError::Shape { path, line, .. })) => {
                // The same error where no derived type was read (the version's check), else one
                // at the document with its line.
                prop_assert!(by_line.as_ref().err() == Some(a) || (path == "(document)" && line.is_some()), "{:?} / {:?}", a, by_line);
            }
            (Err(a), Err(b)) => prop_assert_eq!(std::mem::discriminant(a), std::mem::discriminant(b)),
            _ => prop_assert!(false, "from_json {:?} but from_stored_json {:?}", by_path, by_line),
        }
    }

    /// Whatever the bytes, reading returns and does not panic; mangling a valid document either
    /// still reads or gives an error.
    #[test]
    fn store_never_panics(input in "\\PC{0,200}", cut in 0usize..1500, junk in "[\\[\\]{}\",:0-9a-z ]{0,5}") {
        let _ = StoreDocument::from_json(&input);
        let _ = StoreDocument::from_stored_json(&input);
        let v2 = fixture("v2-council-budget.json");
        let at = cut.min(v2.len());
        let at = (0..=at).rev().find(|&i| v2.is_char_boundary(i)).unwrap();
        let _ = StoreDocument::from_json(&format!("{}{}{}", &v2[..at], junk, &v2[at..]));
        let _ = StoreDocument::from_json(&v2[..at]);
    }
}

// --- operations and merge -----------------------------------------------------------------------

#[test]
fn store_storage_key() {
    assert_eq!(storage_key("claimmark", "council-budget-2019"), "claimmark:v1:council-budget-2019");
    assert_eq!(storage_key("newsroom-x", "a"), "newsroom-x:v1:a");
}

#[test]
fn store_concurrent_edits_of_same_annotation_keep_both() {
    let mut base = doc();
    base.insert(annotation(1, t(0)));
    let mut a = base.clone();
    let mut b = base.clone();
    a.update(&id(1), t(10), |x, now| x.set_verdict(Verdict::False, now));
    a.update(&id(1), t(11), |x, now| x.add_source(source(1, "https://a.example/1", now), now));
    b.update(&id(1), t(20), |x, now| x.set_note("from tab b", now));
    b.update(&id(1), t(21), |x, now| x.add_source(source(2, "https://b.example/2", now), now));
    let merged = merge(&a, &b);
    assert_eq!(merged, merge(&b, &a));
    let x = merged.get(&id(1)).unwrap();
    assert_eq!((x.verdict, x.note.as_str()), (Verdict::False, "from tab b"));
    let urls: Vec<&str> = x.sources.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(urls, ["https://a.example/1", "https://b.example/2"]);
    assert_eq!(x.modified, t(21));

    // Same field in both: the newer edit wins, whichever side it is on.
    b.update(&id(1), t(30), |x, now| x.set_verdict(Verdict::True, now));
    assert_eq!(merge(&a, &b).get(&id(1)).unwrap().verdict, Verdict::True);
    a.update(&id(1), t(40), |x, now| x.set_verdict(Verdict::Misleading, now));
    assert_eq!(merge(&a, &b).get(&id(1)).unwrap().verdict, Verdict::Misleading);
    assert_eq!(merge(&b, &a).get(&id(1)).unwrap().verdict, Verdict::Misleading);
}

#[test]
fn store_removed_source_stays_removed() {
    let mut base = doc();
    base.insert(annotation(1, t(0)));
    base.update(&id(1), t(1), |x, now| x.add_source(source(1, "https://a.example/1", now), now));
    let mut a = base.clone();
    a.update(&id(1), t(5), |x, now| {
        x.remove_source(&SourceId::from_random_bytes([1; 16]), now);
    });
    let merged = merge(&a, &base);
    assert!(merged.get(&id(1)).unwrap().sources.is_empty());
}

#[test]
fn store_delete_versus_edit_newest_wins() {
    let mut base = doc();
    base.insert(annotation(1, t(0)));
    // Deleted in a at 10, edited in b at 20: the edit is newer, the annotation survives.
    let mut a = base.clone();
    let mut b = base.clone();
    a.delete(&id(1), t(10)).unwrap();
    b.update(&id(1), t(20), |x, now| x.set_note("still needed", now));
    let merged = merge(&a, &b);
    assert_eq!(merged.get(&id(1)).unwrap().note, "still needed");
    assert_eq!(merged.tombstones.len(), 1, "the tombstone is kept");
    assert_eq!(merged, merge(&b, &a));
    // Deleted at 30 after the edit at 20: deletion wins.
    a.delete(&id(1), t(5)); // already gone: no-op
    let mut a2 = base.clone();
    a2.delete(&id(1), t(30)).unwrap();
    let merged = merge(&a2, &b);
    assert!(merged.get(&id(1)).is_none());
    assert_eq!(merged, merge(&b, &a2));
    // A copy that never saw the edit or the delete does not bring it back.
    assert!(merge(&merged, &base).get(&id(1)).is_none());
}

#[test]
fn store_merge_report_counts() {
    let mut local = doc();
    for n in 1..=5 {
        local.insert(annotation(n, t(0)));
    }
    let mut incoming = local.clone();
    incoming.insert(annotation(6, t(1))); // new
    incoming.update(&id(1), t(2), |x, now| x.set_verdict(Verdict::True, now)); // updated
    incoming.update(&id(2), t(2), |x, now| x.set_note("theirs", now)); // conflicting...
    local.update(&id(2), t(3), |x, now| x.set_verdict(Verdict::False, now)); // ...with ours
    incoming.delete(&id(3), t(4)); // deleted here
    local.update(&id(4), t(5), |x, now| x.set_note("ours, newer", now)); // theirs is older: unchanged
    let report = MergeReport::preview(&local, &incoming);
    assert_eq!(report.new, [id(6)]);
    assert_eq!(report.updated, [id(1)]);
    assert_eq!(report.conflicting, [id(2)]);
    assert_eq!(report.deleted, [id(3)]);
    assert_eq!(report.unchanged.len(), 2); // 4 and 5
    assert_eq!(report.to_string(), "1 new, 1 updated, 1 conflicting, 2 unchanged, 1 deleted");
    assert!(MergeReport::preview(&local, &local).is_noop());
}

#[test]
fn store_dismissed_candidate_is_stored() {
    let mut d = doc();
    let target = Target::describe("budget", TEXT, CharSpan::new(40, 47));
    let change = d.insert(Annotation::dismissed_candidate(id(9), target, ClaimKind::Date, t(0)));
    assert_eq!(change.kind, ChangeKind::Dismiss);
    let back = StoreDocument::from_json(&d.to_json()).unwrap();
    assert!(back.get(&id(9)).unwrap().dismissed);
    assert_eq!(back.active().count(), 0);
}

// --- history --------------------------------------------------------------------------------

#[test]
fn store_undo_redo_create_edit_delete_dismiss() {
    let mut d = doc();
    let mut h = History::new(10);
    h.record(d.insert(annotation(1, t(0))));
    h.record(d.update(&id(1), t(1), |x, now| x.set_verdict(Verdict::HalfTrue, now)).unwrap());
    h.record(d.update(&id(1), t(2), |x, now| x.set_dismissed(true, now)).unwrap());
    h.record(d.delete(&id(1), t(3)).unwrap());
    assert!(d.get(&id(1)).is_none());

    assert_eq!(h.undo(&mut d, t(10)).unwrap().kind, ChangeKind::Delete);
    assert!(d.get(&id(1)).unwrap().dismissed);
    assert_eq!(h.undo(&mut d, t(11)).unwrap().kind, ChangeKind::Dismiss);
    assert!(!d.get(&id(1)).unwrap().dismissed);
    assert_eq!(h.undo(&mut d, t(12)).unwrap().kind, ChangeKind::Edit);
    assert_eq!(d.get(&id(1)).unwrap().verdict, Verdict::Unrated);
    assert_eq!(h.undo(&mut d, t(13)).unwrap().kind, ChangeKind::Create);
    assert!(d.get(&id(1)).is_none());
    assert!(h.undo(&mut d, t(14)).is_none());

    for at in 20..24 {
        h.redo(&mut d, t(at)).unwrap();
    }
    assert!(d.get(&id(1)).is_none());
    h.undo(&mut d, t(30));
    let x = d.get(&id(1)).unwrap();
    assert_eq!((x.verdict, x.dismissed), (Verdict::HalfTrue, true));
    // The restored annotation beats its tombstone in any copy.
    let stale = StoreDocument::from_json(&d.to_json()).unwrap();
    assert!(merge(&stale, &d).get(&id(1)).is_some());
}

#[test]
fn store_undo_keeps_other_tabs_fields_and_is_bounded() {
    let mut d = doc();
    let mut h = History::new(2);
    d.insert(annotation(1, t(0)));
    h.record(d.update(&id(1), t(1), |x, now| x.set_verdict(Verdict::False, now)).unwrap());
    // Another tab wrote a note meanwhile; undoing our verdict keeps it.
    let mut other = d.clone();
    other.update(&id(1), t(2), |x, now| x.set_note("other tab", now));
    d = merge(&d, &other);
    h.undo(&mut d, t(3));
    let x = d.get(&id(1)).unwrap();
    assert_eq!((x.verdict, x.note.as_str()), (Verdict::Unrated, "other tab"));
    // The undo travels to the other tab as a newer edit.
    assert_eq!(merge(&other, &d).get(&id(1)).unwrap().verdict, Verdict::Unrated);

    for n in 0..5 {
        h.record(d.update(&id(1), t(10 + n), |x, now| x.set_note(format!("v{n}"), now)).unwrap());
    }
    assert!(h.undo(&mut d, t(20)).is_some());
    assert!(h.undo(&mut d, t(21)).is_some());
    assert!(h.undo(&mut d, t(22)).is_none(), "only 2 kept");
    assert_eq!(d.get(&id(1)).unwrap().note, "v2");
}

// --- property tests of merge --------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Op {
    Create(u8),
    Verdict(u8, usize),
    Note(u8, String),
    Tags(u8, Vec<String>),
    Dismiss(u8, bool),
    AddSource(u8, u8),
    RemoveSource(u8, u8),
    Delete(u8),
}

fn op() -> impl Strategy<Value = Op> {
    let n = 0u8..4;
    prop_oneof![
        n.clone().prop_map(Op::Create),
        (n.clone(), 0usize..7).prop_map(|(n, v)| Op::Verdict(n, v)),
        (n.clone(), "[ab]{0,3}").prop_map(|(n, s)| Op::Note(n, s)),
        (n.clone(), proptest::collection::vec("[xy]{1,2}", 0..3)).prop_map(|(n, v)| Op::Tags(n, v)),
        (n.clone(), proptest::bool::ANY).prop_map(|(n, b)| Op::Dismiss(n, b)),
        (n.clone(), 0u8..3).prop_map(|(n, s)| Op::AddSource(n, s)),
        (n.clone(), 0u8..3).prop_map(|(n, s)| Op::RemoveSource(n, s)),
        n.prop_map(Op::Delete),
    ]
}

/// Applies operations at times drawn from `clock` (shared ranges make equal clocks, and so ties,
/// likely).
fn replay(base: &StoreDocument, ops: &[(Op, i64)]) -> StoreDocument {
    let mut d = base.clone();
    for (op, at) in ops {
        let now = t(*at);
        match op {
            Op::Create(n) => {
                if d.get(&id(*n)).is_none() {
                    d.insert(annotation(*n, now));
                }
            }
            Op::Verdict(n, v) => {
                d.update(&id(*n), now, |x, now| x.set_verdict(Verdict::ALL[*v], now));
            }
            Op::Note(n, s) => {
                d.update(&id(*n), now, |x, now| x.set_note(s.clone(), now));
            }
            Op::Tags(n, tags) => {
                d.update(&id(*n), now, |x, now| x.set_tags(tags.clone(), now));
            }
            Op::Dismiss(n, b) => {
                d.update(&id(*n), now, |x, now| x.set_dismissed(*b, now));
            }
            Op::AddSource(n, s) => {
                let url = format!("https://example.org/{s}");
                d.update(&id(*n), now, |x, now| x.add_source(source(*s, &url, now), now));
            }
            Op::RemoveSource(n, s) => {
                d.update(&id(*n), now, |x, now| {
                    x.remove_source(&SourceId::from_random_bytes([*s; 16]), now);
                });
            }
            Op::Delete(n) => {
                d.delete(&id(*n), now);
            }
        }
    }
    d.normalize();
    d
}

fn ops() -> impl Strategy<Value = Vec<(Op, i64)>> {
    proptest::collection::vec((op(), 0i64..40), 0..25)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn store_merge_is_commutative_and_idempotent(shared in ops(), a_ops in ops(), b_ops in ops()) {
        let base = replay(&doc(), &shared);
        let a = replay(&base, &a_ops);
        let b = replay(&base, &b_ops);
        let ab = merge(&a, &b);
        prop_assert_eq!(&ab, &merge(&b, &a));
        prop_assert_eq!(&merge(&a, &a), &a);
        prop_assert_eq!(&merge(&ab, &ab), &ab);
        // Merging again with either input changes nothing.
        prop_assert_eq!(&merge(&ab, &a), &ab);
        prop_assert_eq!(&merge(&b, &ab), &ab);
        // What is stored reads back the same.
        prop_assert_eq!(&StoreDocument::from_json(&ab.to_json()).unwrap(), &ab);
    }

    #[test]
    fn store_merge_keeps_newest_field_edit(a_at in 1i64..50, b_at in 1i64..50, va in 0usize..7, vb in 0usize..7) {
        let mut base = doc();
        base.insert(annotation(1, t(0)));
        let mut a = base.clone();
        let mut b = base.clone();
        a.update(&id(1), t(a_at), |x, now| x.set_verdict(Verdict::ALL[va], now));
        b.update(&id(1), t(b_at), |x, now| x.set_verdict(Verdict::ALL[vb], now));
        let got = merge(&a, &b).get(&id(1)).unwrap().verdict;
        if a_at > b_at { prop_assert_eq!(got, Verdict::ALL[va]); }
        if b_at > a_at { prop_assert_eq!(got, Verdict::ALL[vb]); }
    }
}

// --- scale --------------------------------------------------------------------------------------

#[test]
fn store_five_thousand_annotations() {
    let text = TEXT.repeat(200);
    let mut d = StoreDocument::new(ArticleInfo::new("big", "Big", &text));
    for i in 0..5_000u32 {
        let mut bytes = [0u8; 16];
        bytes[..4].copy_from_slice(&i.to_be_bytes());
        let start = (i as usize * 7) % 30_000;
        let target = Target::describe("big", &text, CharSpan::new(start, start + 24));
        let mut a =
            Annotation::new_user(AnnotationId::from_random_bytes(bytes), target, ClaimKind::Money, t(0));
        a.set_verdict(Verdict::False, t(1));
        d.insert(a);
    }
    let json = d.to_json();
    let back = StoreDocument::from_json(&json).unwrap();
    assert_eq!(back.annotations.len(), 5_000);
    let per_annotation = json.len() / 5_000;
    // Well inside a 5 MB localStorage quota.
    assert!(per_annotation < 700, "{per_annotation} bytes per annotation");
}
