//! Table tests of the matching rule and the scoring rule (see `classroom::scoring`).
//!
//! A matching row is `m!(name, text, [key quotes], [student quotes], [(key, student), ...])`: the
//! pairs are every key item matched, as (key index, student index). A quote is found by its first
//! occurrence; `"words#2"` means the second. An empty pair list is a negative case.
//!
//! A scoring row is `p!(name, requires, student's work, (points, max), [unmet])`.

use claimmark_core::article::Article;
use claimmark_core::classroom::scoring::{match_spans, max_student_len, spans_match};
use claimmark_core::classroom::*;
use claimmark_core::model::*;
use claimmark_core::text::CharSpan;

const TRADE: &str = "Exports rose from $13.2M in 1996 to $277M in 2019, the ministry said on Tuesday.";
const MINISTRY: &str =
    "The ministry reported that exports reached $277M in 2019 according to figures published on Tuesday morning.";
const QUOTE: &str = "He said \"the deficit is the smallest in a decade\" and left; the deficit grew.";

fn span(text: &str, quote: &str) -> CharSpan {
    let (needle, nth) = match quote.rsplit_once('#') {
        Some((q, n)) if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() => {
            (q, n.parse::<usize>().unwrap())
        }
        _ => (quote, 1),
    };
    let (byte, _) =
        text.match_indices(needle).nth(nth - 1).unwrap_or_else(|| panic!("{quote:?} not in {text:?}"));
    let start = text[..byte].chars().count();
    CharSpan::new(start, start + needle.chars().count())
}

fn check(text: &str, keys: &[&str], students: &[&str], expected: &[(usize, usize)]) {
    let keys: Vec<Option<CharSpan>> = keys.iter().map(|q| Some(span(text, q))).collect();
    let students: Vec<Option<CharSpan>> = students.iter().map(|q| Some(span(text, q))).collect();
    let got: Vec<(usize, usize)> =
        match_spans(&keys, &students).iter().enumerate().filter_map(|(k, s)| s.map(|s| (k, s))).collect();
    assert_eq!(got, expected, "\nkeys: {keys:?}\nstudents: {students:?}");
}

macro_rules! m {
    ($name:ident, $text:expr, [$($k:expr),* $(,)?], [$($s:expr),* $(,)?], [$(($ki:expr, $si:expr)),* $(,)?]) => {
        #[test]
        fn $name() {
            check($text, &[$($k),*], &[$($s),*], &[$(($ki, $si)),*]);
        }
    };
}

// The example: a tight and a loose highlight of the same figure both count.
m!(basic010, TRADE, ["$277M"], ["$277M"], [(0, 0)]);
m!(basic020, TRADE, ["$277M"], ["to $277M in 2019"], [(0, 0)]);
m!(basic030, TRADE, ["$277M"], ["277M"], [(0, 0)]);
m!(basic040, TRADE, ["$277M"], ["1996"], []);

// Coverage: at least half of the key passage. "$13.2M" has 6 characters: 3 is enough, 2 is not.
m!(coverage010, TRADE, ["$13.2M"], ["$13"], [(0, 0)]);
m!(coverage020, TRADE, ["$13.2M"], ["$1"], []);
m!(coverage030, TRADE, ["$13.2M"], ["2M in 1996"], []);
m!(coverage040, TRADE, ["$13.2M"], [".2M in 1996"], [(0, 0)]);
m!(coverage050, TRADE, ["$277M"], ["M in 2019"], []); // brushes one character
m!(coverage060, TRADE, ["$277M"], ["rose from"], []); // no overlap at all
                                                      // A long quotation: 20 of its 39 characters count, 19 do not.
m!(coverage070, QUOTE, ["the deficit is the smallest in a decade"], ["the deficit is the s"], [(0, 0)]);
m!(coverage080, QUOTE, ["the deficit is the smallest in a decade"], ["the deficit is the "], []);

// Length: at most max(3k, k + 40). A 5-character key allows 45 characters, not 46.
m!(length010, MINISTRY, ["$277M"], ["hat exports reached $277M in 2019 according t"], [(0, 0)]);
m!(length020, MINISTRY, ["$277M"], ["hat exports reached $277M in 2019 according to"], []);
// A 21-character key allows 3 × 21 = 63 characters, not 64.
m!(
    length030,
    MINISTRY,
    ["exports reached $277M"],
    ["rted that exports reached $277M in 2019 according to figures pu"],
    [(0, 0)]
);
m!(
    length040,
    MINISTRY,
    ["exports reached $277M"],
    ["rted that exports reached $277M in 2019 according to figures pub"],
    []
);
// A whole sentence does not collect the claims in it.
m!(length050, MINISTRY, ["$277M", "2019"], [MINISTRY], []);

// Nested key items: the tight highlight finds the figure, the long one the whole claim.
m!(nested010, TRADE, ["rose from $13.2M in 1996 to $277M in 2019", "$277M"], ["$277M"], [(1, 0)]);
m!(
    nested020,
    TRADE,
    ["rose from $13.2M in 1996 to $277M in 2019", "$277M"],
    ["Exports rose from $13.2M in 1996 to $277M in 2019,"],
    [(0, 0)]
);
m!(
    nested030,
    TRADE,
    ["rose from $13.2M in 1996 to $277M in 2019", "$277M"],
    ["$277M", "rose from $13.2M in 1996 to $277M in 2019"],
    [(0, 1), (1, 0)]
);

// One highlight counts once. Over two figures, the tighter fit (the longer key) wins.
m!(once010, TRADE, ["$13.2M", "$277M"], ["$13.2M in 1996 to $277M"], [(0, 0)]);
m!(once020, TRADE, ["$277M", "$13.2M"], ["$13.2M in 1996 to $277M"], [(1, 0)]);
// One key item counts once: the better of two highlights takes it.
m!(once030, TRADE, ["$277M"], ["to $277M in 2019", "$277M"], [(0, 1)]);
m!(once040, TRADE, ["$277M"], ["$277M", "to $277M in 2019"], [(0, 0)]);
// Equal coverage: the tighter highlight wins; a full tie goes to the earlier highlight.
m!(once045, QUOTE, ["deficit"], ["the deficit#1", "deficit is"], [(0, 1)]);
m!(once050, QUOTE, ["deficit"], ["he deficit#1", "deficit is"], [(0, 0)]);
m!(once060, QUOTE, ["deficit"], ["deficit is", "he deficit#1"], [(0, 0)]);
// The same words twice in the text are two passages.
m!(once070, QUOTE, ["deficit#2"], ["the deficit#1"], []);
m!(once080, QUOTE, ["deficit#2"], ["the deficit#2"], [(0, 0)]);

// Greedy first: "$13.2M in 1996 to $277M" fits "$13.2M" best, but "13.2M" also finds "$13.2M",
// so re-pairing (an augmenting path) lets the long highlight count for "$277M".
m!(augment010, TRADE, ["$13.2M", "$277M"], ["$13.2M in 1996 to $277M", "13.2M"], [(0, 1), (1, 0)]);
m!(augment020, TRADE, ["$13.2M", "$277M"], ["13.2M", "$13.2M in 1996 to $277M"], [(0, 0), (1, 1)]);
m!(
    augment030,
    TRADE,
    ["$13.2M", "$277M", "1996"],
    ["$13.2M in 1996 to $277M", "13.2M", "in 1996"],
    [(0, 1), (1, 0), (2, 2)]
);

#[test]
fn unanchored_and_empty_passages_match_nothing() {
    let key = CharSpan::new(36, 41);
    assert!(!spans_match(key, CharSpan::new(38, 38)));
    assert!(!spans_match(CharSpan::new(5, 5), CharSpan::new(0, 10)));
    assert_eq!(match_spans(&[Some(key)], &[None, Some(key)]), [Some(1)]);
    assert_eq!(match_spans(&[None, Some(key)], &[Some(key)]), [None, Some(0)]);
    assert_eq!(match_spans(&[], &[Some(key)]), Vec::<Option<usize>>::new());
}

#[test]
fn length_limit_is_as_documented() {
    let rows = [(1, 41), (4, 44), (5, 45), (20, 60), (21, 63), (100, 300)];
    for (k, limit) in rows {
        assert_eq!(max_student_len(k), limit, "key of {k}");
        assert!(spans_match(CharSpan::new(100, 100 + k), CharSpan::new(100, 100 + limit)));
        assert!(!spans_match(CharSpan::new(100, 100 + k), CharSpan::new(100, 101 + limit)));
    }
}

// -------------------------------------------------------------------------------------------
// Scoring: one key item ("$277M" in TRADE), one student highlight of "to $277M in 2019".

struct Work {
    sources: usize,
    verdict: Verdict,
    quote: &'static str,
    dismissed: bool,
}

const NONE: Work =
    Work { sources: 0, verdict: Verdict::Unrated, quote: "to $277M in 2019", dismissed: false };

fn now() -> Timestamp {
    Timestamp::parse("2024-09-03T10:00:00Z").unwrap()
}

fn one_item_exercise(require_source: bool, require_verdict: bool, expected: Option<Verdict>) -> Exercise {
    let article = Article::parse_plain(TRADE).unwrap();
    let mut item = KeyItem::describe("k1", &article, span(TRADE, "$277M"), ClaimKind::Money);
    item.require_source = require_source;
    item.require_verdict = require_verdict;
    item.expected_verdict = expected;
    item.hint = "An export figure".into();
    Exercise::new("ex", "Trade", "", &article, vec![item], now()).unwrap()
}

fn annotation(article_id: &str, work: &Work, n: u8) -> Annotation {
    let text_span = if TRADE.contains(work.quote) { span(TRADE, work.quote) } else { CharSpan::new(0, 0) };
    let mut target = Target::describe(article_id, TRADE, text_span);
    if !TRADE.contains(work.quote) {
        target.selectors.quote.exact = work.quote.to_owned();
    }
    let mut a =
        Annotation::new_user(AnnotationId::from_random_bytes([n; 16]), target, ClaimKind::Money, now());
    if work.verdict.is_rated() {
        a.set_verdict(work.verdict, now());
    }
    for i in 0..work.sources {
        let url = SourceUrl::parse("https://stats.example/trade").unwrap();
        a.add_source(Source::new(SourceId::from_random_bytes([100 + i as u8; 16]), url, now()), now());
    }
    a.dismissed = work.dismissed;
    a
}

fn check_points(
    requires: (bool, bool, Option<Verdict>),
    work: &[Work],
    expected: (u32, u32),
    unmet: &[Unmet],
) -> Score {
    let exercise = one_item_exercise(requires.0, requires.1, requires.2);
    let annotations: Vec<Annotation> =
        work.iter().enumerate().map(|(i, w)| annotation(&exercise.article.id, w, i as u8 + 1)).collect();
    let score = score(&exercise, &annotations, Reveal::Answers);
    assert_eq!((score.points, score.max_points), expected);
    if let Some(found) = score.found.first() {
        assert_eq!(found.unmet, unmet);
        assert_eq!((found.points, found.max_points), expected);
    } else {
        assert!(unmet.is_empty());
    }
    score
}

macro_rules! p {
    ($name:ident, $requires:expr, [$($work:expr),* $(,)?], $expected:expr, [$($unmet:expr),* $(,)?]) => {
        #[test]
        fn $name() {
            check_points($requires, &[$($work),*], $expected, &[$($unmet),*]);
        }
    };
}

const SOURCED: Work = Work { sources: 1, ..NONE };
const TWO_SOURCES: Work = Work { sources: 2, ..NONE };
const TRUE: Work = Work { verdict: Verdict::True, ..NONE };
const FALSE: Work = Work { verdict: Verdict::False, ..NONE };
const UNVERIFIABLE: Work = Work { verdict: Verdict::Unverifiable, ..NONE };
const SOURCED_TRUE: Work = Work { sources: 1, verdict: Verdict::True, ..NONE };
const ELSEWHERE: Work = Work { quote: "1996", ..NONE };
const DISMISSED: Work = Work { dismissed: true, sources: 1, verdict: Verdict::True, ..NONE };
const GONE: Work = Work { quote: "$999M", ..NONE };

p!(points010, (false, false, None), [NONE], (1, 1), []);
p!(points020, (true, false, None), [SOURCED], (2, 2), []);
p!(points030, (true, false, None), [TWO_SOURCES], (2, 2), []);
p!(points040, (true, false, None), [NONE], (1, 2), [Unmet::Source]);
p!(points050, (false, true, None), [NONE], (1, 2), [Unmet::Verdict]);
p!(points060, (false, true, None), [FALSE], (2, 2), []); // any verdict will do
p!(points070, (false, true, None), [UNVERIFIABLE], (2, 2), []);
p!(points080, (false, true, Some(Verdict::True)), [TRUE], (2, 2), []);
p!(
    points090,
    (false, true, Some(Verdict::True)),
    [FALSE],
    (1, 2),
    [Unmet::WrongVerdict { given: Verdict::False, expected: Some(Verdict::True) }]
);
p!(points100, (false, true, Some(Verdict::True)), [NONE], (1, 2), [Unmet::Verdict]);
p!(points110, (true, true, Some(Verdict::True)), [NONE], (1, 3), [Unmet::Source, Unmet::Verdict]);
p!(points120, (true, true, Some(Verdict::True)), [SOURCED_TRUE], (3, 3), []);
p!(points130, (true, true, None), [SOURCED], (2, 3), [Unmet::Verdict]);
// Not found, extra highlights and dismissed ones earn and cost nothing.
p!(points140, (true, true, None), [], (0, 3), []);
p!(points150, (true, true, None), [ELSEWHERE], (0, 3), []);
p!(points160, (true, true, None), [DISMISSED], (0, 3), []);
p!(points170, (false, false, None), [NONE, ELSEWHERE, GONE], (1, 1), []);

#[test]
fn extras_say_why_they_did_not_count() {
    let both = [
        Work { quote: "$277M", ..NONE },
        Work { quote: "to $277M in 2019", ..NONE },
        Work { quote: "M in 2019", ..NONE },
        ELSEWHERE,
        GONE,
    ];
    let score = check_points((false, false, None), &both, (1, 1), &[]);
    let reasons: Vec<(&str, &ExtraReason)> =
        score.extra.iter().map(|e| (e.quote.as_str(), &e.reason)).collect();
    assert_eq!(
        reasons,
        [
            ("1996", &ExtraReason::NotInKey),
            ("to $277M in 2019", &ExtraReason::Duplicate { key_id: "k1".into() }),
            ("M in 2019", &ExtraReason::Imprecise { key_id: Some("k1".into()) }),
            ("$999M", &ExtraReason::NotFound),
        ]
    );
    assert_eq!(score.found[0].quote, "$277M");
    assert_eq!(score.extra[3].span, None);
}

#[test]
fn sources_attached_counts_every_highlight() {
    let work = [SOURCED, Work { quote: "1996", sources: 2, ..NONE }, Work { sources: 3, ..DISMISSED }];
    let score = check_points((true, false, None), &work, (2, 2), &[]);
    assert_eq!(score.sources_attached, 3);
}

#[test]
fn score_is_deterministic_in_annotation_order() {
    let exercise = one_item_exercise(true, false, None);
    let a = annotation(&exercise.article.id, &SOURCED, 1);
    let b = annotation(&exercise.article.id, &Work { quote: "$277M", ..NONE }, 2);
    let ab = score(&exercise, &[a.clone(), b.clone()], Reveal::Answers);
    let ba = score(&exercise, &[b, a], Reveal::Answers);
    // "$277M" fits better whatever the order, so both give the same partial match.
    assert_eq!(ab.found[0].quote, "$277M");
    assert_eq!(ab, ba);
    assert_eq!(ab.points, 1);
}
