//! `Session::apply`, table-driven: from a starting session, a sequence of edits, and what the
//! document and the undo history then hold.

use std::rc::Rc;

use claimmark_core::article::Article;
use claimmark_core::checklist::ItemKey;
use claimmark_core::detect::detect;
use claimmark_core::model::{
    Annotation, AnnotationId, ClaimKind, SourceId, SourceUrl, Target, Timestamp, Verdict,
};
use claimmark_core::session::{Edit, Session, SourceFields};
use claimmark_core::store::{ArticleInfo, StoreDocument};
use claimmark_core::text::CharSpan;

const TEXT: &str = "Budget\n\nSpending rose to $277M in 2019, up 12% on the year before.\n";

fn t(step: i64) -> Timestamp {
    Timestamp::from_millis(1_700_000_000_000 + step * 1_000)
}

fn annotation_id() -> AnnotationId {
    AnnotationId::from_random_bytes([1; 16])
}

fn source_id() -> SourceId {
    SourceId::from_random_bytes([2; 16])
}

/// A session whose first detected claim already has an annotation (unrated, no note), and the
/// key of that claim's item.
fn start() -> (Session, ItemKey) {
    let article = Article::parse(TEXT).unwrap();
    let claims = detect(&article.body);
    let first = claims.first().expect("the text has a claim").clone();
    let mut doc = StoreDocument::new(ArticleInfo::new(&article.id, &article.title, &article.body));
    let target = Target::describe(&article.id, &article.body, first.span);
    doc.insert(Annotation::from_detected(annotation_id(), target, first.kind, t(0)));
    let session = Session::new(Rc::new(article), claims, doc);
    let item = session.items.iter().find(|i| i.annotation.as_ref() == Some(&annotation_id())).unwrap();
    let key = ItemKey::of(item).unwrap();
    (session, key)
}

fn source(id: Option<SourceId>, title: &str) -> SourceFields {
    SourceFields {
        id,
        url: SourceUrl::parse("https://example.org/budget").unwrap(),
        title: title.to_owned(),
        publisher: String::new(),
        excerpt: String::new(),
        accessed: None,
    }
}

/// How many times `edit` (undo or redo) can be applied in a row.
fn steps(session: &Session, edit: &Edit) -> usize {
    let mut session = session.clone();
    let mut n = 0;
    while let Some(next) = session.try_apply(edit.clone(), t(1_000 + n as i64)) {
        session = next;
        n += 1;
    }
    n
}

/// What a case looks at: the first claim's annotation and the history.
#[derive(Debug, PartialEq)]
struct Seen {
    verdict: Option<Verdict>,
    note: String,
    dismissed: bool,
    sources: Vec<String>,
    undo: usize,
    redo: usize,
    revision: u64,
    announcement: String,
}

fn seen(session: &Session, key: &ItemKey) -> Seen {
    let annotation = session.annotation(key);
    Seen {
        verdict: annotation.map(|a| a.verdict),
        note: annotation.map(|a| a.note.clone()).unwrap_or_default(),
        dismissed: annotation.is_some_and(|a| a.dismissed),
        sources: annotation.map(|a| a.sources.iter().map(|s| s.title.clone()).collect()).unwrap_or_default(),
        undo: steps(session, &Edit::Undo),
        redo: steps(session, &Edit::Redo),
        revision: session.revision,
        announcement: session.announcement.clone(),
    }
}

#[allow(clippy::too_many_arguments)]
fn expect(
    verdict: Option<Verdict>,
    note: &str,
    dismissed: bool,
    sources: &[&str],
    undo: usize,
    redo: usize,
    revision: u64,
    announcement: &str,
) -> Seen {
    Seen {
        verdict,
        note: note.to_owned(),
        dismissed,
        sources: sources.iter().map(|s| (*s).to_owned()).collect(),
        undo,
        redo,
        revision,
        announcement: announcement.to_owned(),
    }
}

/// Another tab's copy of the starting document, with the first claim rated true later.
fn other_tab() -> StoreDocument {
    let (session, _) = start();
    let mut doc = (*session.doc).clone();
    doc.update(&annotation_id(), t(50), |a, now| a.set_verdict(Verdict::True, now));
    doc
}

#[test]
fn edits_from_a_starting_session() {
    use Verdict::{False, True, Unrated};
    let (_, k) = start();
    let unknown = ItemKey::Annotation(AnnotationId::from_random_bytes([9; 16]));
    let note = |s: &str| Edit::SetNote(k.clone(), s.to_owned());
    let cases: Vec<(&str, Vec<Edit>, Seen)> = vec![
        ("nothing", vec![], expect(Some(Unrated), "", false, &[], 0, 0, 0, "")),
        (
            "verdict",
            vec![Edit::SetVerdict(k.clone(), False)],
            expect(Some(False), "", false, &[], 1, 0, 1, "Verdict set to False"),
        ),
        (
            "verdict, undone",
            vec![Edit::SetVerdict(k.clone(), False), Edit::Undo],
            expect(Some(Unrated), "", false, &[], 0, 1, 2, "Undid edit"),
        ),
        (
            "verdict, undone, redone",
            vec![Edit::SetVerdict(k.clone(), False), Edit::Undo, Edit::Redo],
            expect(Some(False), "", false, &[], 1, 0, 3, "Redid edit"),
        ),
        (
            "a new edit after an undo clears the redo",
            vec![Edit::SetVerdict(k.clone(), False), Edit::Undo, Edit::SetVerdict(k.clone(), True)],
            expect(Some(True), "", false, &[], 1, 0, 3, "Verdict set to True"),
        ),
        // A note set to what it is changes nothing: no revision, no undo step.
        (
            "a note edit that is a no-op",
            vec![note(""), Edit::CommitNote],
            expect(Some(Unrated), "", false, &[], 0, 0, 0, ""),
        ),
        (
            "undo and redo after a note edit that is a no-op",
            vec![Edit::SetVerdict(k.clone(), False), note(""), Edit::CommitNote, Edit::Undo],
            expect(Some(Unrated), "", false, &[], 0, 1, 2, "Undid edit"),
        ),
        (
            "redo after a note edit that is a no-op",
            vec![Edit::SetVerdict(k.clone(), False), note(""), Edit::Undo, Edit::Redo],
            expect(Some(False), "", false, &[], 1, 0, 3, "Redid edit"),
        ),
        // Typed and typed back: the note ends as it began, so no undo step.
        (
            "a note typed and typed back",
            vec![note("x"), note(""), Edit::CommitNote],
            expect(Some(Unrated), "", false, &[], 0, 0, 2, ""),
        ),
        (
            "a note's typing is one undo step",
            vec![note("S"), note("Sa"), note("Said"), Edit::CommitNote],
            expect(Some(Unrated), "Said", false, &[], 1, 0, 3, ""),
        ),
        (
            "a note's typing, undone",
            vec![note("S"), note("Said"), Edit::CommitNote, Edit::Undo],
            expect(Some(Unrated), "", false, &[], 0, 1, 3, "Undid edit"),
        ),
        (
            "another edit ends the typing",
            vec![note("Said"), Edit::SetVerdict(k.clone(), False), Edit::Undo],
            expect(Some(Unrated), "Said", false, &[], 1, 1, 3, "Undid edit"),
        ),
        // The edit that changes nothing must leave the typing open (and the history alone): it
        // becomes one undo step when the typing ends, not two.
        (
            "an edit that changes nothing during typing",
            vec![note("Said"), Edit::Dismiss(unknown.clone()), Edit::CommitNote],
            expect(Some(Unrated), "Said", false, &[], 1, 0, 1, ""),
        ),
        (
            "a bad reattach during typing",
            vec![
                note("Said"),
                Edit::Reattach(unknown.clone(), CharSpan::new(0, 3)),
                Edit::CommitNote,
                Edit::Undo,
            ],
            expect(Some(Unrated), "", false, &[], 0, 1, 2, "Undid edit"),
        ),
        (
            "dismiss",
            vec![Edit::Dismiss(k.clone())],
            expect(Some(Unrated), "", true, &[], 1, 0, 1, "Claim dismissed"),
        ),
        (
            "dismiss, undismiss",
            vec![Edit::Dismiss(k.clone()), Edit::Restore(k.clone())],
            expect(Some(Unrated), "", false, &[], 2, 0, 2, "Claim restored"),
        ),
        (
            "dismiss, undismiss, undone",
            vec![Edit::Dismiss(k.clone()), Edit::Restore(k.clone()), Edit::Undo],
            expect(Some(Unrated), "", true, &[], 1, 1, 3, "Undid dismiss"),
        ),
        (
            "dismiss an unknown item",
            vec![Edit::Dismiss(unknown.clone())],
            expect(Some(Unrated), "", false, &[], 0, 0, 0, ""),
        ),
        (
            "add a source",
            vec![Edit::SaveSource {
                key: k.clone(),
                source: source(None, "  Budget  "),
                new_id: source_id(),
            }],
            expect(Some(Unrated), "", false, &["Budget"], 1, 0, 1, "Source saved"),
        ),
        (
            "add a source, update it",
            vec![
                Edit::SaveSource { key: k.clone(), source: source(None, "Budget"), new_id: source_id() },
                Edit::SaveSource {
                    key: k.clone(),
                    source: source(Some(source_id()), "Budget 2019"),
                    new_id: SourceId::from_random_bytes([3; 16]),
                },
            ],
            expect(Some(Unrated), "", false, &["Budget 2019"], 2, 0, 2, "Source saved"),
        ),
        (
            "add a source, remove it",
            vec![
                Edit::SaveSource { key: k.clone(), source: source(None, "Budget"), new_id: source_id() },
                Edit::RemoveSource(k.clone(), source_id()),
            ],
            expect(Some(Unrated), "", false, &[], 2, 0, 2, "Source removed"),
        ),
        (
            "add a source, remove it, undone",
            vec![
                Edit::SaveSource { key: k.clone(), source: source(None, "Budget"), new_id: source_id() },
                Edit::RemoveSource(k.clone(), source_id()),
                Edit::Undo,
            ],
            expect(Some(Unrated), "", false, &["Budget"], 1, 1, 3, "Undid edit"),
        ),
        // A merge is not an undo step: undoing it would undo the other tab's work.
        (
            "merge from another tab",
            vec![Edit::Merge(other_tab())],
            expect(Some(True), "", false, &[], 0, 0, 1, "Annotations merged"),
        ),
        (
            "merge the same copy again",
            vec![Edit::Merge(other_tab()), Edit::Merge(other_tab())],
            expect(Some(True), "", false, &[], 0, 0, 1, "Annotations merged"),
        ),
        (
            "merge a copy that changes nothing",
            vec![Edit::Merge((*start().0.doc).clone())],
            expect(Some(Unrated), "", false, &[], 0, 0, 0, ""),
        ),
        (
            "delete, undone",
            vec![Edit::Delete(k.clone()), Edit::Undo],
            expect(Some(Unrated), "", false, &[], 0, 1, 2, "Undid delete"),
        ),
        ("delete", vec![Edit::Delete(k.clone())], expect(None, "", false, &[], 1, 0, 1, "Claim deleted")),
    ];
    for (name, edits, want) in cases {
        let (mut session, key) = start();
        for (i, edit) in edits.into_iter().enumerate() {
            session = session.apply(edit, t(i as i64 + 1));
        }
        assert_eq!(seen(&session, &key), want, "case: {name}");
    }
}

#[test]
fn an_edit_that_changes_nothing_gives_no_session() {
    let (session, k) = start();
    let unknown = ItemKey::Annotation(AnnotationId::from_random_bytes([9; 16]));
    for edit in [
        Edit::SetNote(k.clone(), String::new()),
        Edit::SetVerdict(unknown.clone(), Verdict::False),
        Edit::Dismiss(unknown.clone()),
        Edit::Restore(unknown.clone()),
        Edit::Delete(unknown.clone()),
        Edit::RemoveSource(unknown, source_id()),
        Edit::CreateClaim { span: CharSpan::new(4, 4), kind: ClaimKind::Other, id: annotation_id() },
        Edit::Undo,
        Edit::Redo,
        Edit::Merge((*session.doc).clone()),
    ] {
        assert!(session.try_apply(edit.clone(), t(1)).is_none(), "{edit:?}");
    }
    // Ending a typing that never began still gives a session, as it was.
    let after = session.try_apply(Edit::CommitNote, t(1)).expect("a session");
    assert_eq!(after.revision, 0);
    assert!(!after.can_undo());
}

#[test]
fn a_claim_highlighted_is_selected_and_dismissing_a_selected_claim_clears_it() {
    let (session, k) = start();
    let id = AnnotationId::from_random_bytes([5; 16]);
    let created = session
        .apply(Edit::CreateClaim { span: CharSpan::new(0, 6), kind: ClaimKind::Other, id: id.clone() }, t(1));
    assert_eq!(created.selected, Some(ItemKey::Annotation(id.clone())));
    assert_eq!(created.doc.annotations.len(), 2);
    assert_eq!(created.announcement, "Claim highlighted");
    assert!(created.item(&ItemKey::Annotation(id)).is_some());

    let mut selected = created.clone();
    selected.selected = Some(k.clone());
    assert_eq!(selected.clone().apply(Edit::Dismiss(k.clone()), t(2)).selected, None);
    assert_eq!(selected.apply(Edit::Delete(k), t(2)).selected, None);
}

#[test]
fn a_detected_claim_edited_becomes_an_annotation_with_the_claims_id() {
    let (session, _) = start();
    let second = session.items.iter().find(|i| i.annotation.is_none()).expect("a second claim");
    let key = ItemKey::of(second).unwrap();
    let a = session.clone().apply(Edit::SetVerdict(key.clone(), Verdict::True), t(1));
    let b = session.apply(Edit::SetVerdict(key.clone(), Verdict::False), t(2));
    let (in_a, in_b) = (a.annotation(&key).unwrap(), b.annotation(&key).unwrap());
    // Two tabs acting on the same detected claim create the same annotation.
    assert_eq!(in_a.id, in_b.id);
    assert_eq!(in_a.verdict, Verdict::True);
    assert_eq!(a.announcement, "Verdict set to True");
    let undone = a.apply(Edit::Undo, t(3));
    assert!(undone.annotation(&key).is_none());
    assert_eq!(undone.announcement, "Undid create");
}

#[test]
fn a_fresh_copy_has_no_history() {
    let (session, k) = start();
    let edited = session.apply(Edit::SetVerdict(k.clone(), Verdict::False), t(1));
    let fresh = edited.fresh();
    assert!(edited.can_undo());
    assert!(!fresh.can_undo());
    assert_eq!(fresh.annotation(&k).unwrap().verdict, Verdict::False);
    assert_eq!(fresh.items, edited.items);
}
