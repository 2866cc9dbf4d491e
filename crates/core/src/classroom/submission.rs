//! The submission file: one student's work on one exercise.
//!
//! ```json
//! { "format": "claimmark-submission", "version": 1,
//!   "exercise": { "id": "seed-pak-russia", "title": "...", "checksum": "16 hex digits" },
//!   "student": { "name": "Amira Qureshi" },
//!   "annotations": [ ...annotations, as in the storage document... ],
//!   "submitted": "2024-09-03T14:05:00.000Z" }
//! ```
//!
//! The annotations have exactly the storage document's shape, so a submission carries sources,
//! verdicts and notes without loss, and the same validation applies (`annotations[2].sources[0].url:
//! source url 'javascript:alert(1)' is not http or https`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::json::{self, check_id, check_text};
use super::{Exercise, FileError, FileKind, SUBMISSION_FORMAT, SUBMISSION_VERSION};
use crate::export::csv::{text_cell, Table};
use crate::export::import::MAX_ANNOTATIONS;
use crate::model::{Annotation, Timestamp};

const MAX_NAME: usize = 200;

/// Which exercise a submission was made for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(expecting = "the exercise reference (an object)")]
pub struct ExerciseRef {
    pub id: String,
    pub title: String,
    /// [`Exercise::checksum`] of the exercise the student worked on.
    pub checksum: String,
}

/// Who submitted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(expecting = "the student (an object)")]
pub struct Student {
    pub name: String,
}

/// One student's work on one exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub exercise: ExerciseRef,
    pub student: Student,
    pub annotations: Vec<Annotation>,
    pub submitted: Timestamp,
}

/// Why a submission does not belong to an exercise.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Mismatch {
    #[error("this submission is for another exercise, '{found_title}' ({found_id}), not '{expected_title}' ({expected_id})")]
    OtherExercise { expected_id: String, expected_title: String, found_id: String, found_title: String },
    #[error(
        "this submission was made for another version of '{title}' (checksum {found}, this version is {expected}): \
         the article, the instructions or the answer key changed since"
    )]
    OtherVersion { title: String, expected: String, found: String },
}

#[derive(Serialize)]
struct SubmissionFile<'a> {
    format: &'static str,
    version: u32,
    exercise: &'a ExerciseRef,
    student: &'a Student,
    annotations: &'a [Annotation],
    #[serde(serialize_with = "json::rfc3339")]
    submitted: Timestamp,
}

/// A submission file as read (its `format` and `version` checked by [`json::open`]). The
/// annotations are read as the storage document reads them, with the same checks.
#[derive(Deserialize)]
struct SubmissionIn {
    exercise: ExerciseRef,
    student: Student,
    annotations: Vec<Annotation>,
    submitted: Timestamp,
}

/// The columns of [`Submission::to_csv`] (exported as `classroom::SUBMISSION_CSV_HEADER`).
pub const CSV_HEADER: [&str; 15] = [
    "exercise_id",
    "exercise_title",
    "student",
    "annotation_id",
    "claim",
    "start",
    "end",
    "kind",
    "verdict",
    "note",
    "source_number",
    "source_url",
    "source_title",
    "source_publisher",
    "source_excerpt",
];

impl Submission {
    /// A submission of `annotations` by `student_name` for `exercise`. Dismissed annotations are
    /// left out (they are not work); the name is trimmed.
    ///
    /// # Errors
    /// [`FileError::Invalid`] at `student.name` when the name is blank or over 200 characters.
    pub fn new(
        exercise: &Exercise,
        student_name: &str,
        annotations: Vec<Annotation>,
        submitted: Timestamp,
    ) -> Result<Submission, FileError> {
        let name = student_name.trim();
        check_text(name, "student.name", MAX_NAME, true)?;
        Ok(Submission {
            exercise: exercise.reference(),
            student: Student { name: name.to_owned() },
            annotations: annotations.into_iter().filter(|a| !a.dismissed).collect(),
            submitted,
        })
    }

    /// Reads and validates a submission file.
    ///
    /// # Errors
    /// As [`Exercise::from_json`]: [`FileError::Syntax`], [`FileError::WrongKind`] (an exercise
    /// or a backup opened as a submission), [`FileError::NewerVersion`], [`FileError::TooLarge`],
    /// and [`FileError::Invalid`] with the path of the first bad value (for an annotation, the
    /// innermost bad field, such as `annotations[2].sources[0].url`).
    pub fn from_json(text: &str) -> Result<Submission, FileError> {
        let (text, root) = json::open(text, FileKind::Submission, SUBMISSION_FORMAT, SUBMISSION_VERSION)?;
        // Counted before anything is read into the types.
        if let Some(found) = root.get("annotations").and_then(serde_json::Value::as_array).map(Vec::len) {
            if found > MAX_ANNOTATIONS {
                return Err(FileError::invalid(
                    "annotations",
                    format!("has {found} annotations, over the limit of {MAX_ANNOTATIONS}"),
                ));
            }
        }
        let SubmissionIn { exercise, student, annotations, submitted } = json::read(text)?;
        check_id(&exercise.id, "exercise.id")?;
        if exercise.checksum.len() != 16 || !exercise.checksum.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(FileError::invalid(
                "exercise.checksum",
                format!("'{}' is not a checksum (16 hexadecimal digits)", exercise.checksum),
            ));
        }
        check_text(&student.name, "student.name", MAX_NAME, true)?;
        Ok(Submission { exercise, student, annotations, submitted })
    }

    /// The submission file, indented.
    pub fn to_json(&self) -> String {
        let file = SubmissionFile {
            format: SUBMISSION_FORMAT,
            version: SUBMISSION_VERSION,
            exercise: &self.exercise,
            student: &self.student,
            annotations: &self.annotations,
            submitted: self.submitted,
        };
        // Serialising these types cannot fail: every map key is a string.
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }

    /// A file name for the download: `<exercise title slug>.<student name slug>.submission.json`.
    pub fn file_name(&self) -> String {
        let slug = crate::article::slug;
        format!("{}.{}.submission.json", slug(&self.exercise.title), slug(&self.student.name))
    }

    /// Checks that this submission was made for exactly this exercise: the same id and the same
    /// checksum. A submission that fails must not be scored against this key.
    ///
    /// # Errors
    /// [`Mismatch::OtherExercise`] for another exercise id, [`Mismatch::OtherVersion`] for the
    /// same exercise with other content (article, instructions or key).
    pub fn check_against(&self, exercise: &Exercise) -> Result<(), Mismatch> {
        if self.exercise.id != exercise.id {
            return Err(Mismatch::OtherExercise {
                expected_id: exercise.id.clone(),
                expected_title: exercise.title.clone(),
                found_id: self.exercise.id.clone(),
                found_title: self.exercise.title.clone(),
            });
        }
        let expected = exercise.checksum();
        if self.exercise.checksum != expected {
            return Err(Mismatch::OtherVersion {
                title: exercise.title.clone(),
                expected,
                found: self.exercise.checksum.clone(),
            });
        }
        Ok(())
    }

    /// The student's work as CSV ([`super::SUBMISSION_CSV_HEADER`]): one row per claim and source, as the
    /// annotation export does, with the exercise and student on every row so that several
    /// students' files can be pasted into one sheet. Byte order mark, CRLF, cells that a
    /// spreadsheet would run as formulas defused (see [`crate::export::csv`]).
    pub fn to_csv(&self) -> String {
        // Every row has the header's length.
        let mut table = Table::with_byte_order_mark();
        table.row(CSV_HEADER);
        for a in self.annotations.iter().filter(|a| !a.dismissed) {
            let position = a.target.selectors.position;
            let claim = [
                text_cell(&self.exercise.id),
                text_cell(&self.exercise.title),
                text_cell(&self.student.name),
                a.id.to_string(),
                text_cell(a.target.exact()),
                position.start.0.to_string(),
                position.end.0.to_string(),
                a.kind.as_str().to_owned(),
                if a.verdict.is_rated() { a.verdict.label().to_owned() } else { String::new() },
                text_cell(&a.note),
            ];
            if a.sources.is_empty() {
                let row = claim.iter().cloned().chain(std::iter::repeat_n(String::new(), 5));
                table.row(row);
            }
            for (i, s) in a.sources.iter().enumerate() {
                let source = [
                    (i + 1).to_string(),
                    s.url.to_string(),
                    text_cell(&s.title),
                    text_cell(&s.publisher),
                    text_cell(&s.excerpt),
                ];
                table.row(claim.iter().chain(source.iter()));
            }
        }
        table.finish()
    }
}

impl fmt::Display for ExerciseRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' ({})", self.title, self.id)
    }
}
