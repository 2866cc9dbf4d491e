//! Matching a student's highlights with the answer key, and scoring them.
//!
//! # The matching rule
//!
//! Both the key items and the student's annotations are first re-anchored on the exercise's
//! article text with [`crate::anchor`], so positions that drifted (an annotation made on a copy
//! of the text with different whitespace) do not matter; an annotation that cannot be found in
//! the text matches nothing. Then, with `k` the length of the key passage, `s` the length of the
//! student's passage and `o` the characters they share (all in characters):
//!
//! **A student passage matches a key passage when it covers at least half of the key passage
//! (`2·o ≥ k`) and is at most `max(3·k, k + 40)` characters long.**
//!
//! The first condition accepts a tighter or looser highlight of the same words ("$277M", "to
//! $277M in 2019", most of a long quotation) and refuses a brush past the edge. The second stops
//! a highlighted paragraph from collecting every claim in it: 40 characters is about half a line
//! of context, so a short claim may be highlighted with the words around it ("the US invasion
//! of Afghanistan in 2001" for "2001"), while a long claim (a quotation) may be highlighted with
//! up to three times its length. Borderline cases are in `tests/classroom_match.rs`.
//!
//! Each key item is matched at most once and each annotation matches at most one key item.
//! Candidate pairs are ranked by the share of the key passage covered (`o/k`), then by the
//! share of the student's passage on the key passage (`o/s`, tighter is better), then by key
//! order and annotation order (so ties are broken the same way every time), and taken greedily,
//! best first. Then every key item left unmatched is given an augmenting path if one exists
//! (Kuhn's algorithm, in key order): when one highlight could count for two key items and a
//! second highlight only for one of them, the student gets both rather than losing one to the
//! order of the greedy pass. This only ever adds matches; it never removes one.
//!
//! # Points
//!
//! A key item is worth 1 point for finding it, plus 1 if it requires a source, plus 1 if it
//! requires a verdict ([`KeyItem::max_points`]). A found item earns the finding point, the
//! source point when the matched annotation has at least one source, and the verdict point when
//! it has a verdict other than "unrated" that equals `expected_verdict` if the key sets one. A
//! found item missing a requirement is a *partial* match ([`Found::unmet`] says what is missing).
//! Missed items earn nothing, and extra highlights cost nothing: they are not necessarily wrong.
//! `max_points` is the sum over the key, so a score is comparable across students.
//!
//! ```
//! use claimmark_core::classroom::scoring::{match_spans, spans_match};
//! use claimmark_core::text::CharSpan;
//!
//! let text = "Exports rose from $13.2M in 1996 to $277M in 2019.";
//! let key = CharSpan::new(36, 41); // "$277M"
//! assert!(spans_match(key, CharSpan::new(33, 49))); // "to $277M in 2019"
//! assert!(spans_match(key, CharSpan::new(37, 41))); // "277M": 4 of 5 characters
//! assert!(!spans_match(key, CharSpan::new(39, 49))); // "7M in 2019": 2 of 5
//!
//! // One highlight over both figures, and one over the first alone: both are found.
//! let keys = [Some(CharSpan::new(18, 24)), Some(key)];
//! let students = [Some(CharSpan::new(18, 41)), Some(CharSpan::new(18, 24))];
//! assert_eq!(match_spans(&keys, &students), vec![Some(1), Some(0)]);
//! # let _ = text;
//! ```

use std::cmp::Ordering;

use super::exercise::{Exercise, KeyItem};
use crate::anchor::Anchorer;
use crate::model::{Annotation, AnnotationId, ClaimKind, Verdict};
use crate::text::CharSpan;

/// A student passage must cover at least this share of the key passage: one half.
pub const MIN_KEY_COVERAGE: (usize, usize) = (1, 2);
/// A student passage may be at most this many times as long as the key passage...
pub const MAX_LENGTH_FACTOR: usize = 3;
/// ...or this many characters longer, whichever allows more.
pub const LENGTH_SLACK: usize = 40;

/// The longest student passage that can match a key passage of `key_len` characters.
pub fn max_student_len(key_len: usize) -> usize {
    (MAX_LENGTH_FACTOR * key_len).max(key_len + LENGTH_SLACK)
}

/// Whether a student's passage matches a key passage (see the module documentation).
pub fn spans_match(key: CharSpan, student: CharSpan) -> bool {
    let (k, s) = (key.len(), student.len());
    if k == 0 || s == 0 {
        return false;
    }
    let o = key.overlap(&student);
    o * MIN_KEY_COVERAGE.1 >= k * MIN_KEY_COVERAGE.0 && s <= max_student_len(k)
}

/// How good a matching pair is, for ranking: (covered, key length, overlap, student length).
#[derive(Clone, Copy)]
struct Quality {
    overlap: usize,
    key_len: usize,
    student_len: usize,
}

impl Quality {
    /// Better first: more of the key covered, then a tighter highlight. Compared as exact
    /// fractions (cross-multiplied), so no floating point decides a tie.
    fn cmp_better_first(&self, other: &Quality) -> Ordering {
        let coverage = |q: &Quality, r: &Quality| (q.overlap as u128) * (r.key_len as u128);
        let precision = |q: &Quality, r: &Quality| (q.overlap as u128) * (r.student_len as u128);
        coverage(other, self)
            .cmp(&coverage(self, other))
            .then(precision(other, self).cmp(&precision(self, other)))
    }
}

/// Pairs key passages with student passages: for each key passage, the index of the student
/// passage matched to it. `None` entries (passages that could not be anchored) match nothing.
///
/// The result does not depend on anything but the inputs and their order (see the module
/// documentation for the ranking and the augmenting step).
pub fn match_spans(keys: &[Option<CharSpan>], students: &[Option<CharSpan>]) -> Vec<Option<usize>> {
    // Candidates per key, best first.
    let mut candidates: Vec<Vec<(usize, Quality)>> = Vec::with_capacity(keys.len());
    let mut pairs: Vec<(usize, usize, Quality)> = Vec::new();
    for (ki, key) in keys.iter().enumerate() {
        let mut mine = Vec::new();
        if let Some(key) = key {
            for (si, student) in students.iter().enumerate() {
                let Some(student) = student else { continue };
                if spans_match(*key, *student) {
                    let quality = Quality {
                        overlap: key.overlap(student),
                        key_len: key.len(),
                        student_len: student.len(),
                    };
                    mine.push((si, quality));
                    pairs.push((ki, si, quality));
                }
            }
        }
        // A stable sort keeps annotation order among equals.
        mine.sort_by(|a, b| a.1.cmp_better_first(&b.1));
        candidates.push(mine);
    }
    pairs.sort_by(|a, b| a.2.cmp_better_first(&b.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));

    let mut key_to: Vec<Option<usize>> = vec![None; keys.len()];
    let mut student_to: Vec<Option<usize>> = vec![None; students.len()];
    for (ki, si, _) in pairs {
        if key_to[ki].is_none() && student_to[si].is_none() {
            key_to[ki] = Some(si);
            student_to[si] = Some(ki);
        }
    }
    for ki in 0..keys.len() {
        if key_to[ki].is_none() && !candidates[ki].is_empty() {
            let mut visited = vec![false; students.len()];
            augment(ki, &candidates, &mut key_to, &mut student_to, &mut visited);
        }
    }
    key_to
}

/// Kuhn's augmenting path from key `ki`; true when it found one (and applied it).
fn augment(
    ki: usize,
    candidates: &[Vec<(usize, Quality)>],
    key_to: &mut [Option<usize>],
    student_to: &mut [Option<usize>],
    visited: &mut [bool],
) -> bool {
    for &(si, _) in &candidates[ki] {
        if visited[si] {
            continue;
        }
        visited[si] = true;
        let free = match student_to[si] {
            None => true,
            Some(other) => augment(other, candidates, key_to, student_to, visited),
        };
        if free {
            key_to[ki] = Some(si);
            student_to[si] = Some(ki);
            return true;
        }
    }
    false
}

/// How much a student sees of what they missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reveal {
    /// Hints only: no quote, position or explanation of missed items, no expected verdicts.
    Hints,
    /// Everything: for the teacher, or for students once the teacher allows it.
    Answers,
}

impl Reveal {
    /// What a student may see of this exercise: answers only when the teacher allowed them.
    pub fn for_student(exercise: &Exercise) -> Reveal {
        if exercise.show_answers {
            Reveal::Answers
        } else {
            Reveal::Hints
        }
    }
}

/// A requirement a found claim does not meet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmet {
    /// The key requires a source and there is none.
    Source,
    /// The key requires a verdict and it is "unrated".
    Verdict,
    /// The key expects another verdict. `expected` is only given with [`Reveal::Answers`].
    WrongVerdict { given: Verdict, expected: Option<Verdict> },
}

/// A key item the student found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub key_id: String,
    pub key_index: usize,
    pub key_quote: String,
    pub kind: ClaimKind,
    pub annotation_id: AnnotationId,
    /// The student's words and where they are now in the article.
    pub quote: String,
    pub span: CharSpan,
    /// Empty for a complete match; what is missing for a partial one.
    pub unmet: Vec<Unmet>,
    pub points: u32,
    pub max_points: u32,
    pub explanation: String,
}

impl Found {
    pub fn is_complete(&self) -> bool {
        self.unmet.is_empty()
    }
}

/// What a student may see of a missed key item beyond its hint ([`Reveal::Answers`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissedAnswer {
    pub quote: String,
    /// Where it is in the article, when it could be found.
    pub span: Option<CharSpan>,
    pub kind: ClaimKind,
    pub require_source: bool,
    pub require_verdict: bool,
    pub expected_verdict: Option<Verdict>,
    pub explanation: String,
}

/// A key item the student did not find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missed {
    pub key_id: String,
    pub key_index: usize,
    pub hint: String,
    pub max_points: u32,
    /// `None` unless answers are revealed.
    pub answer: Option<MissedAnswer>,
}

/// Why a highlight matched no key item. None of them cost points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtraReason {
    /// It touches no key item: a claim the teacher did not ask for, not necessarily wrong.
    NotInKey,
    /// It would match a key item that another highlight already matched better.
    Duplicate { key_id: String },
    /// It touches a key item but covers too little of it, or is too long (see the matching
    /// rule). `key_id` is only given with [`Reveal::Answers`].
    Imprecise { key_id: Option<String> },
    /// Its words are not in the article text any more.
    NotFound,
}

/// A highlight that matched no key item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extra {
    pub annotation_id: AnnotationId,
    pub quote: String,
    pub span: Option<CharSpan>,
    pub reason: ExtraReason,
    pub sources: usize,
}

/// The result of checking a student's work against the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    /// In key order.
    pub found: Vec<Found>,
    /// In key order.
    pub missed: Vec<Missed>,
    /// In article order (ones not found in the text last).
    pub extra: Vec<Extra>,
    /// Sources on all the student's annotations (found or extra; dismissed ones aside).
    pub sources_attached: usize,
    pub points: u32,
    pub max_points: u32,
}

impl Score {
    /// Found items that meet every requirement.
    pub fn complete_count(&self) -> usize {
        self.found.iter().filter(|f| f.is_complete()).count()
    }

    /// Found items that miss a requirement.
    pub fn partial_count(&self) -> usize {
        self.found.len() - self.complete_count()
    }

    /// Points as a whole percentage, rounded half up (0 when there is nothing to earn).
    pub fn percent(&self) -> u32 {
        percent(self.points as usize, self.max_points as usize)
    }

    /// Whether the key item was found (completely or partially).
    pub fn found_key(&self, key_id: &str) -> Option<&Found> {
        self.found.iter().find(|f| f.key_id == key_id)
    }
}

/// `part` of `whole` as a whole percentage, rounded half up; 0 of 0 is 0.
pub(crate) fn percent(part: usize, whole: usize) -> u32 {
    if whole == 0 {
        0
    } else {
        ((part.min(whole) * 200 + whole) / (2 * whole)) as u32
    }
}

/// Checks a student's annotations against the exercise's key. Dismissed annotations are left
/// out. Pure: same inputs, same score.
pub fn score(exercise: &Exercise, annotations: &[Annotation], reveal: Reveal) -> Score {
    let anchorer = Anchorer::new(&exercise.article.body);
    let key_spans: Vec<Option<CharSpan>> = anchorer
        .anchor_all(exercise.key.iter().map(|k| &k.target.selectors))
        .iter()
        .map(|a| a.span())
        .collect();
    let work: Vec<&Annotation> = annotations.iter().filter(|a| !a.dismissed).collect();
    let spans: Vec<Option<CharSpan>> =
        anchorer.anchor_all(work.iter().map(|a| &a.target.selectors)).iter().map(|a| a.span()).collect();
    let assignment = match_spans(&key_spans, &spans);
    let answers = reveal == Reveal::Answers;

    let mut result = Score {
        found: Vec::new(),
        missed: Vec::new(),
        extra: Vec::new(),
        sources_attached: work.iter().map(|a| a.sources.len()).sum(),
        points: 0,
        max_points: exercise.max_points(),
    };
    let mut used = vec![false; work.len()];
    for (ki, item) in exercise.key.iter().enumerate() {
        match assignment[ki] {
            Some(si) => {
                used[si] = true;
                let found = found(ki, item, work[si], spans[si].unwrap_or_default(), answers);
                result.points += found.points;
                result.found.push(found);
            }
            None => result.missed.push(Missed {
                key_id: item.id.clone(),
                key_index: ki,
                hint: item.hint.clone(),
                max_points: item.max_points(),
                answer: answers.then(|| MissedAnswer {
                    quote: item.quote().to_owned(),
                    span: key_spans[ki],
                    kind: item.kind,
                    require_source: item.require_source,
                    require_verdict: item.require_verdict,
                    expected_verdict: item.expected_verdict,
                    explanation: item.explanation.clone(),
                }),
            }),
        }
    }
    for (si, annotation) in work.iter().enumerate() {
        if used[si] {
            continue;
        }
        let reason = match spans[si] {
            None => ExtraReason::NotFound,
            Some(span) => extra_reason(span, &key_spans, &assignment, exercise, answers),
        };
        result.extra.push(Extra {
            annotation_id: annotation.id.clone(),
            quote: annotation.target.exact().to_owned(),
            span: spans[si],
            reason,
            sources: annotation.sources.len(),
        });
    }
    // Article order; unanchored last. The sort is stable, so equal starts keep annotation order.
    result.extra.sort_by_key(|e| e.span.map_or((1, 0, 0), |s| (0, s.start.0, s.end.0)));
    result
}

fn found(ki: usize, item: &KeyItem, annotation: &Annotation, span: CharSpan, answers: bool) -> Found {
    let mut unmet = Vec::new();
    if item.require_source && annotation.sources.is_empty() {
        unmet.push(Unmet::Source);
    }
    if item.require_verdict {
        if !annotation.verdict.is_rated() {
            unmet.push(Unmet::Verdict);
        } else if item.expected_verdict.is_some_and(|v| v != annotation.verdict) {
            unmet.push(Unmet::WrongVerdict {
                given: annotation.verdict,
                expected: item.expected_verdict.filter(|_| answers),
            });
        }
    }
    let max_points = item.max_points();
    Found {
        key_id: item.id.clone(),
        key_index: ki,
        key_quote: item.quote().to_owned(),
        kind: item.kind,
        annotation_id: annotation.id.clone(),
        quote: annotation.target.exact().to_owned(),
        span,
        points: max_points - unmet.len() as u32,
        max_points,
        unmet,
        explanation: item.explanation.clone(),
    }
}

fn extra_reason(
    span: CharSpan,
    key_spans: &[Option<CharSpan>],
    assignment: &[Option<usize>],
    exercise: &Exercise,
    answers: bool,
) -> ExtraReason {
    let keys = || key_spans.iter().enumerate().filter_map(|(i, k)| k.map(|k| (i, k)));
    if let Some((ki, _)) = keys().find(|(ki, k)| spans_match(*k, span) && assignment[*ki].is_some()) {
        return ExtraReason::Duplicate { key_id: exercise.key[ki].id.clone() };
    }
    match keys()
        .filter(|(_, k)| k.overlap(&span) > 0)
        .max_by_key(|(ki, k)| (k.overlap(&span), usize::MAX - ki))
    {
        Some((ki, _)) => ExtraReason::Imprecise { key_id: answers.then(|| exercise.key[ki].id.clone()) },
        None => ExtraReason::NotInKey,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_half_up() {
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(1, 2), 50);
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(1, 8), 13); // 12.5 rounds up
        assert_eq!(percent(5, 5), 100);
    }

    #[test]
    fn length_limit() {
        assert_eq!(max_student_len(5), 45);
        assert_eq!(max_student_len(20), 60);
        assert_eq!(max_student_len(21), 63);
    }
}
