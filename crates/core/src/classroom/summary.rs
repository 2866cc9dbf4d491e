//! Class results: several submissions scored against one exercise, side by side.
//!
//! Submissions made for another exercise, or for another version of this one (the checksum
//! differs), are not scored: they are listed in [`ClassSummary::warnings`] and as "not scored"
//! rows, because scoring work against a key it was not made for gives confident wrong numbers.
//! Two scored submissions with the same student name (ignoring case and spacing) are both scored,
//! with a warning. Scores use [`Reveal::Answers`]: this is the teacher's view.

use std::fmt;

use super::scoring::{percent, score, Reveal, Score};
use super::submission::{Mismatch, Submission};
use super::Exercise;
use crate::export::csv::{text_cell, Table};
use crate::model::ClaimKind;

/// Characters of a key item's quote kept in labels (CSV headers, chart bars).
const LABEL_CHARS: usize = 40;

/// How one student did on one key item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemResult {
    Complete,
    Partial,
    Missed,
}

impl ItemResult {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemResult::Complete => "complete",
            ItemResult::Partial => "partial",
            ItemResult::Missed => "missed",
        }
    }
}

/// One scored student.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudentRow {
    pub name: String,
    /// Index of the submission in the list given to [`ClassSummary::new`].
    pub submission: usize,
    /// Key items found (complete or partial).
    pub found: usize,
    pub complete: usize,
    pub partial: usize,
    pub missed: usize,
    pub extra: usize,
    pub sources_attached: usize,
    pub points: u32,
    pub max_points: u32,
    /// `points` of `max_points`, 0..=100, rounded half up.
    pub percent: u32,
    /// One per key item, in key order.
    pub items: Vec<ItemResult>,
    /// The full score, for a detail view.
    pub score: Score,
}

/// How the class did on one key item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyItemRow {
    pub key_id: String,
    pub quote: String,
    pub kind: ClaimKind,
    /// Scored students who found it (complete or partial).
    pub found_by: usize,
    /// Scored students who found it and met every requirement.
    pub complete_by: usize,
    /// Scored students.
    pub students: usize,
    /// `found_by` of `students`, 0..=100, rounded half up (0 with no students).
    pub hit_rate: u32,
}

/// Something the teacher should know about the submissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SummaryWarning {
    /// The submission was made for another exercise or another version of it, and not scored.
    NotScored { submission: usize, student: String, reason: Mismatch },
    /// Several scored submissions carry the same name (ignoring case and spacing). All are scored.
    DuplicateName { name: String, submissions: Vec<usize> },
}

impl fmt::Display for SummaryWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SummaryWarning::NotScored { submission, student, reason } => {
                write!(f, "{student} (file {}) was not scored: {reason}", submission + 1)
            }
            SummaryWarning::DuplicateName { name, submissions } => {
                let files: Vec<String> = submissions.iter().map(|i| (i + 1).to_string()).collect();
                write!(
                    f,
                    "{} submissions are named '{name}' (files {}): all are scored; check they are different students",
                    submissions.len(),
                    files.join(", ")
                )
            }
        }
    }
}

/// One bar of the hit-rate chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub key_id: String,
    /// The key item's quote, shortened to 40 characters.
    pub label: String,
    /// 0..=100.
    pub percent: u32,
}

/// The class results table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassSummary {
    pub exercise_id: String,
    pub exercise_title: String,
    pub max_points: u32,
    /// Scored students, in the order of the submissions.
    pub students: Vec<StudentRow>,
    /// In key order.
    pub key_items: Vec<KeyItemRow>,
    /// Submissions not scored, then duplicate names.
    pub warnings: Vec<SummaryWarning>,
    /// Names of all submissions, in order (scored or not), for the CSV.
    names: Vec<String>,
}

impl ClassSummary {
    /// Scores every submission made for this exact exercise and tallies the key items.
    pub fn new(exercise: &Exercise, submissions: &[Submission]) -> ClassSummary {
        let mut students = Vec::new();
        let mut warnings = Vec::new();
        for (i, submission) in submissions.iter().enumerate() {
            if let Err(reason) = submission.check_against(exercise) {
                warnings.push(SummaryWarning::NotScored {
                    submission: i,
                    student: submission.student.name.clone(),
                    reason,
                });
                continue;
            }
            let score = score(exercise, &submission.annotations, Reveal::Answers);
            let items = exercise
                .key
                .iter()
                .map(|k| match score.found_key(&k.id) {
                    Some(f) if f.is_complete() => ItemResult::Complete,
                    Some(_) => ItemResult::Partial,
                    None => ItemResult::Missed,
                })
                .collect();
            students.push(StudentRow {
                name: submission.student.name.clone(),
                submission: i,
                found: score.found.len(),
                complete: score.complete_count(),
                partial: score.partial_count(),
                missed: score.missed.len(),
                extra: score.extra.len(),
                sources_attached: score.sources_attached,
                points: score.points,
                max_points: score.max_points,
                percent: score.percent(),
                items,
                score,
            });
        }

        // Only scored submissions: a stale file next to the current one is already reported.
        let mut by_name: Vec<(String, String, Vec<usize>)> = Vec::new();
        for student in &students {
            let folded = fold_name(&student.name);
            match by_name.iter_mut().find(|(f, _, _)| *f == folded) {
                Some((_, _, list)) => list.push(student.submission),
                None => by_name.push((folded, student.name.clone(), vec![student.submission])),
            }
        }
        for (_, name, list) in by_name {
            if list.len() > 1 {
                warnings.push(SummaryWarning::DuplicateName { name, submissions: list });
            }
        }

        let key_items = exercise
            .key
            .iter()
            .enumerate()
            .map(|(ki, k)| {
                let found_by = students.iter().filter(|s| s.items[ki] != ItemResult::Missed).count();
                KeyItemRow {
                    key_id: k.id.clone(),
                    quote: k.quote().to_owned(),
                    kind: k.kind,
                    found_by,
                    complete_by: students.iter().filter(|s| s.items[ki] == ItemResult::Complete).count(),
                    students: students.len(),
                    hit_rate: percent(found_by, students.len()),
                }
            })
            .collect();

        ClassSummary {
            exercise_id: exercise.id.clone(),
            exercise_title: exercise.title.clone(),
            max_points: exercise.max_points(),
            students,
            key_items,
            warnings,
            names: submissions.iter().map(|s| s.student.name.clone()).collect(),
        }
    }

    /// The bar chart: one bar per key item, its hit rate 0..=100.
    pub fn hit_rate_chart(&self) -> Vec<Bar> {
        self.key_items
            .iter()
            .map(|k| Bar { key_id: k.key_id.clone(), label: short_label(&k.quote), percent: k.hit_rate })
            .collect()
    }

    /// The table as CSV, for a spreadsheet: one row per submission (in order), with the totals and
    /// one column per key item (`complete`, `partial` or `missed`), then two rows with each key
    /// item's "found by" count and hit rate. Submissions that were not scored have a row saying
    /// why. Byte order mark, CRLF, formula-like cells defused, as the annotation CSV.
    pub fn to_csv(&self) -> String {
        let mut header: Vec<String> = [
            "student",
            "status",
            "points",
            "max_points",
            "percent",
            "found",
            "complete",
            "partial",
            "missed",
            "extra",
            "sources_attached",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let fixed = header.len();
        header.extend(
            self.key_items.iter().map(|k| text_cell(&format!("{}: {}", k.key_id, short_label(&k.quote)))),
        );

        // Every row has the header's length.
        let mut table = Table::with_byte_order_mark();
        table.row(&header);
        for (i, name) in self.names.iter().enumerate() {
            let mut row = vec![text_cell(name)];
            if let Some(s) = self.students.iter().find(|s| s.submission == i) {
                row.push("scored".to_owned());
                row.extend(
                    [s.points, s.max_points, s.percent].iter().map(u32::to_string).chain(
                        [s.found, s.complete, s.partial, s.missed, s.extra, s.sources_attached]
                            .iter()
                            .map(usize::to_string),
                    ),
                );
                row.extend(s.items.iter().map(|r| r.as_str().to_owned()));
            } else {
                let why = self.warnings.iter().find_map(|w| match w {
                    SummaryWarning::NotScored { submission, reason, .. } if *submission == i => {
                        Some(match reason {
                            Mismatch::OtherExercise { .. } => "not scored: another exercise",
                            Mismatch::OtherVersion { .. } => "not scored: another version of this exercise",
                        })
                    }
                    _ => None,
                });
                row.push(why.unwrap_or("not scored").to_owned());
                row.resize(header.len(), String::new());
            }
            table.row(&row);
        }
        let students = self.students.len();
        let mut found_row = vec![format!("Found by (of {students})"), String::new()];
        found_row.resize(fixed, String::new());
        found_row.extend(self.key_items.iter().map(|k| k.found_by.to_string()));
        table.row(&found_row);
        let mut rate_row = vec!["Hit rate (%)".to_owned(), String::new()];
        rate_row.resize(fixed, String::new());
        rate_row.extend(self.key_items.iter().map(|k| k.hit_rate.to_string()));
        table.row(&rate_row);
        table.finish()
    }
}

/// Names compared for duplicates: case and runs of spaces ignored.
fn fold_name(name: &str) -> String {
    name.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

fn short_label(quote: &str) -> String {
    let quote = quote.trim();
    if quote.chars().count() <= LABEL_CHARS {
        quote.to_owned()
    } else {
        let cut: String = quote.chars().take(LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold() {
        assert_eq!(fold_name("  Amira   QURESHI "), "amira qureshi");
    }

    #[test]
    fn labels_shorten() {
        assert_eq!(short_label("$277M"), "$277M");
        let long = "insulting the Last Prophet (M-SAWW) does not count";
        assert_eq!(short_label(long), "insulting the Last Prophet (M-SAWW) doe…");
        assert_eq!(short_label(long).chars().count(), 40);
    }
}
