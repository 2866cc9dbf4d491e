//! Two tabs act on the same detected claim before either sees the other's change: both create the
//! annotation (with the same id, derived from the claim), one sets the verdict, the other, created
//! later, writes a note. The merge must keep both edits: a field never edited in one copy must not
//! win over an edit in the other just because that copy was created later.

use claimmark_core::model::{Annotation, AnnotationId, ClaimKind, Target, Timestamp, Verdict};
use claimmark_core::store::{merge, ArticleInfo, StoreDocument};
use claimmark_core::text::CharSpan;

const BODY: &str = "In December 2021, President Putin spoke 😀 about it.";

fn copy(created: i64) -> (StoreDocument, Annotation) {
    let id = AnnotationId::from_random_bytes([7; 16]);
    let target = Target::describe("a", BODY, CharSpan::new(3, 16));
    let annotation = Annotation::from_detected(id, target, ClaimKind::Date, Timestamp::from_millis(created));
    (StoreDocument::new(ArticleInfo::new("a", "A", BODY)), annotation)
}

#[test]
fn later_created_copy_does_not_undo_an_earlier_edit() {
    let (mut tab_a, mut a) = copy(1_000);
    a.set_verdict(Verdict::True, Timestamp::from_millis(1_100));
    tab_a.insert(a);

    let (mut tab_b, mut b) = copy(2_000);
    b.set_note("Said at the annual press conference.", Timestamp::from_millis(2_100));
    tab_b.insert(b);

    for merged in [merge(&tab_a, &tab_b), merge(&tab_b, &tab_a)] {
        assert_eq!(merged.annotations.len(), 1);
        let one = &merged.annotations[0];
        assert_eq!(one.verdict, Verdict::True);
        assert_eq!(one.note, "Said at the annual press conference.");
    }
}

#[test]
fn an_explicit_later_edit_still_wins() {
    let (mut tab_a, mut a) = copy(1_000);
    a.set_verdict(Verdict::True, Timestamp::from_millis(1_100));
    tab_a.insert(a);
    let (mut tab_b, mut b) = copy(2_000);
    b.set_verdict(Verdict::False, Timestamp::from_millis(2_100));
    tab_b.insert(b);
    assert_eq!(merge(&tab_a, &tab_b).annotations[0].verdict, Verdict::False);
    assert_eq!(merge(&tab_b, &tab_a).annotations[0].verdict, Verdict::False);
}
