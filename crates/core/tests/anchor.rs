//! Anchoring tests: one row per case, then property tests.
//!
//! Each row describes the text the annotation was made on (`old`), the annotated words (the
//! `[[...]]` marks in `old`), the current text (`new`), and where the words should be found in it
//! (the `[[...]]` marks in `new`, or `None` for an orphan).

use claimmark_core::anchor::{anchor, describe, normalize, Anchorer, Anchoring};
use claimmark_core::model::{Selectors, TextPositionSelector, TextQuoteSelector};
use claimmark_core::text::{CharOffset, CharSpan};
use proptest::prelude::*;

/// Removes `[[` and `]]` from `marked`, returning the text and the character span between them.
fn unmark(marked: &str) -> (String, Option<CharSpan>) {
    let Some(open) = marked.find("[[") else { return (marked.to_owned(), None) };
    let close = marked.find("]]").expect("unbalanced marks");
    let start = marked[..open].chars().count();
    let end = start + marked[open + 2..close].chars().count();
    let text = format!("{}{}{}", &marked[..open], &marked[open + 2..close], &marked[close + 2..]);
    (text, Some(CharSpan::new(start, end)))
}

#[derive(Debug, PartialEq)]
enum Want {
    Exact,
    Fuzzy,
    Orphan,
}

fn check(name: &str, old: &str, new: &str, want: Want) {
    let (old_text, old_span) = unmark(old);
    let (new_text, new_span) = unmark(new);
    let selectors = describe(&old_text, old_span.expect("old text needs marks"));
    let got = anchor(&new_text, &selectors);
    match (want, got) {
        (Want::Exact, Anchoring::Exact(span)) | (Want::Fuzzy, Anchoring::Fuzzy { span, .. }) => {
            assert_eq!(Some(span), new_span, "{name}: wrong span, got {:?}", span_text(&new_text, span));
        }
        (Want::Orphan, Anchoring::Orphan) => assert_eq!(new_span, None, "{name}: marks on an orphan case"),
        (want, got) => panic!("{name}: wanted {want:?}, got {got:?}"),
    }
    // The batch path agrees with the single path.
    let batch = Anchorer::new(&new_text).anchor_all([&selectors]);
    assert_eq!(batch[0], got, "{name}: batch differs");
}

fn span_text(text: &str, span: CharSpan) -> String {
    text.chars().skip(span.start.0).take(span.len()).collect()
}

macro_rules! t {
    ($name:ident, $old:expr, $new:expr, $want:ident) => {
        #[test]
        fn $name() {
            check(stringify!($name), $old, $new, Want::$want);
        }
    };
}

const ARTICLE: &str = "The city council approved the budget on Tuesday. Spending on roads rose to \
    [[$277M in 2019]], up from $180M two years earlier, the finance director said. Critics called \
    the increase reckless.";

// Unchanged text.
t!(anchor_unchanged, ARTICLE, ARTICLE, Exact);

// Edits before the quote.
t!(
    anchor_edit_before_insert,
    ARTICLE,
    "BREAKING: The city council approved the budget on Tuesday night. Spending on roads rose to \
     [[$277M in 2019]], up from $180M two years earlier, the finance director said. Critics called \
     the increase reckless.",
    Exact
);
t!(
    anchor_edit_before_delete,
    ARTICLE,
    "Spending on roads rose to [[$277M in 2019]], up from $180M two years earlier, the finance \
     director said. Critics called the increase reckless.",
    Exact
);

// Edits after the quote do not move it.
t!(
    anchor_edit_after,
    ARTICLE,
    "The city council approved the budget on Tuesday. Spending on roads rose to [[$277M in 2019]], up \
     from $180M two years earlier. Critics, including two former mayors, called it reckless.",
    Exact
);

// Edits inside the quote: fuzzy, on the changed words.
t!(
    anchor_edit_inside,
    "The city council approved the budget on Tuesday. Spending on roads [[rose to $277M in 2019, up \
     from $180M two years earlier]], the finance director said.",
    "The city council approved the budget on Tuesday. Spending on roads [[rose to $278M in 2019, up \
     from $180M three years earlier]], the finance director said.",
    Fuzzy
);
t!(
    anchor_edit_inside_and_before,
    "The council approved it. Spending on roads [[rose to $277M in 2019, up from $180M two years \
     earlier]], the finance director said.",
    "On Tuesday the city council approved it unanimously. Spending on roads [[rose to $277 million \
     in 2019, up from $180M two years earlier]], the finance director said.",
    Fuzzy
);

// A passage moved far away (beyond the local search radius) and lightly edited on the way.
#[test]
fn anchor_moved_far_and_edited() {
    let filler = "Other news of the day, unrelated to the claim at hand. ".repeat(60);
    let quote = "the mayor promised three thousand new homes by the end of 2025";
    let old = format!("[[{quote}]], she said. {filler}");
    let new = format!(
        "{filler}In March [[the mayor promised three thousand new homes by the end of 2026]], she said."
    );
    check("moved_far_and_edited", &old, &new, Want::Fuzzy);
    // Far away, a looser edit (a quarter of the words) is not accepted.
    let loose = format!("{filler}The mayor pledged three thousand homes by late 2026, she said.");
    check("moved_far_loose", &old, &loose, Want::Orphan);
}

// A quote rewritten beyond recognition is an orphan, not a loose match.
t!(
    anchor_edit_inside_too_much,
    "The council approved it. Spending on roads [[rose to $277M in 2019]], the director said.",
    "The council approved it. Road budgets fell sharply last year, the director said.",
    Orphan
);

// Repeated quotes: the context decides.
t!(
    anchor_repeat_second,
    "In 2019 turnout was 45%. In 2021 turnout was 45%. In 2023 turnout was [[45%]] again.",
    "In 2019 turnout was 45%. In 2021 turnout was 45%. In 2023 turnout was [[45%]] again.",
    Exact
);
t!(
    anchor_repeat_after_insert,
    "Unemployment is 4%. Inflation is [[4%]]. Growth is 4%.",
    "Figures released today. Unemployment is 4%. Inflation is [[4%]]. Growth is 4%.",
    Exact
);
t!(
    anchor_repeat_swapped_order,
    "Inflation is [[4% this year]]. Unemployment is 4% this year.",
    "Unemployment is 4% this year. Inflation is [[4% this year]].",
    Exact
);

// A deleted passage: the short quote also appears elsewhere, in another context. Attaching there
// would put a note on the wrong words.
t!(
    anchor_deleted_passage_short_quote,
    "Unemployment is 4%. Inflation fell to [[3.2%]] in March, the bank said. Growth was 3.2% too.",
    "Unemployment is 4%. Growth was 3.2% too.",
    Orphan
);
t!(
    anchor_deleted_passage,
    "First paragraph here.\n\n[[The mayor promised 3,000 new homes by 2025]], a pledge repeated \
     in every speech.\n\nLast paragraph.",
    "First paragraph here.\n\nLast paragraph.",
    Orphan
);
t!(anchor_empty_text, ARTICLE, "", Orphan);

// Whitespace and quote marks.
t!(
    anchor_whitespace_changes,
    "He said [[spending  rose\nsharply]] last year.",
    "He   said [[spending rose sharply]]\tlast year.",
    Exact
);
t!(
    anchor_curly_to_straight,
    "The minister said [[“we will not raise taxes”]] in 2019.",
    "The minister said [[\"we will not raise taxes\"]] in 2019.",
    Exact
);
t!(
    anchor_straight_to_curly_apostrophe,
    "It [[wasn't the council's decision]], she said.",
    "It [[wasn’t the council’s decision]], she said.",
    Exact
);
t!(
    anchor_soft_hyphen_and_nbsp,
    "Costs reached [[four billion dollars]] last year.",
    "Costs reached [[four\u{00A0}bil\u{00AD}lion dollars]] last year.",
    Exact
);

// Astral characters (emoji, musical symbols) count as one character each.
t!(
    anchor_astral_before,
    "Sales rose [[12% in May]] 📈.",
    "🎉🎉 Update 𝄞: Sales rose [[12% in May]] 📈.",
    Exact
);
t!(
    anchor_astral_inside_fuzzy,
    "The poll 📊 showed [[support at 61% among 😀 voters under thirty]] last week.",
    "The poll 📊 showed [[support at 63% among 😃 voters under thirty]] last week.",
    Fuzzy
);

#[test]
fn anchor_position_without_quote_match_falls_back_to_search() {
    // A position that points elsewhere (an imported annotation whose tool counted UTF-16 units).
    let text = "😀😀😀 The claim is here.";
    let selectors = Selectors {
        quote: TextQuoteSelector { exact: "claim".into(), prefix: "The ".into(), suffix: " is here.".into() },
        position: TextPositionSelector { start: CharOffset(11), end: CharOffset(16) },
    };
    assert_eq!(anchor(text, &selectors), Anchoring::Exact(CharSpan::new(8, 13)));
}

#[test]
fn anchor_empty_quote_uses_position() {
    let selectors = Selectors { quote: TextQuoteSelector::default(), position: CharSpan::new(2, 2).into() };
    assert_eq!(anchor("abc", &selectors), Anchoring::Exact(CharSpan::new(2, 2)));
    assert_eq!(anchor("a", &selectors), Anchoring::Orphan);
}

#[test]
fn anchor_fuzzy_score_is_reported() {
    let (old, span) = unmark("We found that [[two in five households own a car]] in the city.");
    let selectors = describe(&old, span.unwrap());
    let got = anchor("We found that two in five households owns a car in the city.", &selectors);
    match got {
        Anchoring::Fuzzy { span, score } => {
            assert_eq!(span, CharSpan::new(14, 47)); // "two in five households owns a car"
            assert!((0.7..1.0).contains(&score), "{score}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn anchor_describe_keeps_32_chars_of_context() {
    let text = "a".repeat(50) + "QUOTE" + &"b".repeat(50);
    let selectors = describe(&text, CharSpan::new(50, 55));
    assert_eq!(selectors.quote.exact, "QUOTE");
    assert_eq!(selectors.quote.prefix, "a".repeat(32));
    assert_eq!(selectors.quote.suffix, "b".repeat(32));
    // Clamped at the ends of the text.
    let selectors = describe("short", CharSpan::new(1, 99));
    assert_eq!((selectors.quote.prefix.as_str(), selectors.quote.exact.as_str()), ("s", "hort"));
    assert_eq!(selectors.position.span(), CharSpan::new(1, 5));
}

#[test]
fn anchor_normalize_is_idempotent_on_samples() {
    for s in ["“a”  b\n\nc", "x\u{00AD}y", "—"] {
        assert_eq!(normalize(&normalize(s)), normalize(s));
    }
}

/// A generated article of `words` words, with repeated phrases like real prose has.
fn article(words: usize, seed: u64) -> String {
    const WORDS: [&str; 24] = [
        "the",
        "council",
        "said",
        "spending",
        "rose",
        "to",
        "$277M",
        "in",
        "2019",
        "percent",
        "voters",
        "“record”",
        "growth",
        "fell",
        "by",
        "4%",
        "minister",
        "claimed",
        "😀",
        "year",
        "taxes",
        "never",
        "über",
        "reported",
    ];
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut out = String::new();
    for i in 0..words {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        out.push_str(WORDS[(state >> 33) as usize % WORDS.len()]);
        out.push_str(if i % 17 == 16 { ".\n\n" } else { " " });
    }
    out
}

#[test]
fn anchor_five_thousand_annotations_on_large_article() {
    let text = article(100_000, 7);
    let len = text.chars().count();
    let anchorer = Anchorer::new(&text);
    let spans: Vec<CharSpan> =
        (0..5_000).map(|i| CharSpan::new(i * (len / 5_000), i * (len / 5_000) + 40)).collect();
    let selectors: Vec<Selectors> = spans.iter().map(|&s| anchorer.describe(s)).collect();
    let results = anchorer.anchor_all(&selectors);
    for (got, span) in results.iter().zip(&spans) {
        assert_eq!(*got, Anchoring::Exact(*span));
    }
    // An insertion near the start shifts everything after it; all are still found exactly.
    let edited = format!("An editor's note added at the top. {text}");
    let results = Anchorer::new(&edited).anchor_all(&selectors);
    for (got, span) in results.iter().zip(&spans) {
        assert_eq!(*got, Anchoring::Exact(CharSpan::new(span.start.0 + 35, span.end.0 + 35)));
    }
}

proptest! {
    #[test]
    fn anchor_describe_round_trips_on_unchanged_text(
        text in "([a-c ]|😀|“|”|\n|é){0,200}",
        a in 0usize..220,
        b in 0usize..220,
    ) {
        let len = text.chars().count();
        let (start, end) = (a.min(b).min(len), a.max(b).min(len));
        let span = CharSpan::new(start, end);
        let selectors = describe(&text, span);
        prop_assert_eq!(anchor(&text, &selectors), Anchoring::Exact(span));
    }

    #[test]
    fn anchor_batch_results_hold_the_quote(
        text in "([a-e ]|😀|\n){20,300}",
        cuts in proptest::collection::vec((0usize..300, 1usize..30), 1..12),
        edit_at in 0usize..300,
        insert in "[a-e😀 ]{0,20}",
    ) {
        let len = text.chars().count();
        let selectors: Vec<Selectors> = cuts
            .iter()
            .map(|&(s, l)| describe(&text, CharSpan::new(s.min(len), (s + l).min(len))))
            .collect();
        let at = edit_at.min(len);
        let edited: String = text.chars().take(at).chain(insert.chars()).chain(text.chars().skip(at)).collect();
        let anchorer = Anchorer::new(&edited);
        let batch = anchorer.anchor_all(&selectors);
        for (sel, got) in selectors.iter().zip(&batch) {
            // Found spans always hold the quote's words, whichever path found them.
            if let Anchoring::Exact(span) = got {
                prop_assert_eq!(normalize(&span_text(&edited, *span)), normalize(&sel.quote.exact));
            }
            if let Some(span) = got.span() {
                prop_assert!(span.end.0 <= edited.chars().count());
            }
        }
    }
}
