//! The exercise file: an article, instructions and the answer key.
//!
//! ```json
//! { "format": "claimmark-exercise", "version": 1,
//!   "id": "seed-pak-russia", "title": "...", "instructions": "...",
//!   "article": { "id": "...", "title": "...", "byline": "...", "paragraphs": ["...", "..."],
//!                "fingerprint": "16 hex digits" },
//!   "key": [ { "id": "k1", "target": { "source": "<article id>", "selector": [TextQuoteSelector,
//!              TextPositionSelector] }, "kind": "money", "require_source": true,
//!              "require_verdict": true, "expected_verdict": "true", "hint": "...",
//!              "explanation": "..." } ],
//!   "show_answers": false, "created": "2024-09-02T08:00:00.000Z" }
//! ```
//!
//! The article travels as paragraphs; joined by a blank line they are [`Article::body`], the text
//! every position counts characters of. The fingerprint is checked on load, so a damaged or
//! edited article is refused rather than scored against positions that no longer fit.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::json::{self, check_id, check_text, join, null_as_default};
use super::submission::ExerciseRef;
use super::{FileError, FileKind, EXERCISE_FORMAT, EXERCISE_VERSION, MAX_KEY_ITEMS};
use crate::anchor::Anchorer;
use crate::article::Article;
use crate::detect::Claim;
use crate::model::{ClaimKind, Target, Timestamp, Verdict};
use crate::text::{fingerprint, CharSpan};

const MAX_TITLE: usize = 500;
const MAX_INSTRUCTIONS: usize = 20_000;
const MAX_HINT: usize = 2_000;
const MAX_EXPLANATION: usize = 10_000;

/// One claim of the answer key: a passage students should find, and what they must attach.
///
/// Read, the fields after `kind` may be missing or `null`, meaning false, none or empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "a key item (an object)")]
pub struct KeyItem {
    /// Unique within the exercise (`k1`, `k2`... in the widget). Reports and CSV columns use it.
    pub id: String,
    /// The passage, W3C style: quote with context, and position in characters of the body.
    pub target: Target,
    pub kind: ClaimKind,
    /// A found claim earns its source point only with at least one source attached.
    #[serde(default, deserialize_with = "null_as_default")]
    pub require_source: bool,
    /// A found claim earns its verdict point only with a verdict (any but "unrated"), and with
    /// `expected_verdict` when that is set.
    #[serde(default, deserialize_with = "null_as_default")]
    pub require_verdict: bool,
    /// The verdict the teacher expects; setting it needs `require_verdict`.
    #[serde(default)]
    pub expected_verdict: Option<Verdict>,
    /// Shown for a missed claim while answers are hidden.
    #[serde(default, deserialize_with = "null_as_default")]
    pub hint: String,
    /// Shown once the claim is found, or for every claim once answers are shown.
    #[serde(default, deserialize_with = "null_as_default")]
    pub explanation: String,
}

impl KeyItem {
    /// A key item for `span` of the article body, requiring nothing yet.
    pub fn describe(id: &str, article: &Article, span: CharSpan, kind: ClaimKind) -> KeyItem {
        KeyItem {
            id: id.to_owned(),
            target: Target::describe(&article.id, &article.body, span),
            kind,
            require_source: false,
            require_verdict: false,
            expected_verdict: None,
            hint: String::new(),
            explanation: String::new(),
        }
    }

    /// A key item for a detected claim ("accept into the key" in the teacher's view).
    pub fn from_claim(id: &str, article: &Article, claim: &Claim) -> KeyItem {
        KeyItem::describe(id, article, claim.span, claim.kind)
    }

    /// An id for a new key item: `k<n>`, one past the highest `k<n>` in `key` (so ids stay
    /// unique after items are removed).
    pub fn next_id(key: &[KeyItem]) -> String {
        let highest =
            key.iter().filter_map(|k| k.id.strip_prefix('k')?.parse::<u64>().ok()).max().unwrap_or(0);
        format!("k{}", highest + 1)
    }

    /// Requires this verdict (and so a verdict at all).
    pub fn expect_verdict(&mut self, verdict: Verdict) {
        self.require_verdict = true;
        self.expected_verdict = Some(verdict);
    }

    /// The points this item is worth: one for finding it, one per requirement (see
    /// [`super::scoring`]).
    pub fn max_points(&self) -> u32 {
        1 + u32::from(self.require_source) + u32::from(self.require_verdict)
    }

    /// The marked words.
    pub fn quote(&self) -> &str {
        self.target.exact()
    }
}

/// An exercise: an article, instructions, the answer key and whether students may see answers.
///
/// Build one with [`Exercise::new`] or read one with [`Exercise::from_json`]; both validate.
/// Fields are public for reading and for the teacher's editor, which should call
/// [`Exercise::validate`] (or [`Exercise::new`]) before exporting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    pub id: String,
    pub title: String,
    pub instructions: String,
    pub article: Article,
    pub key: Vec<KeyItem>,
    /// Whether students see the quote and explanation of claims they missed after checking.
    /// Not part of the checksum: a teacher can allow answers after the deadline without
    /// invalidating submissions.
    pub show_answers: bool,
    pub created: Timestamp,
}

#[derive(Serialize)]
struct ExerciseFile<'a> {
    format: &'static str,
    version: u32,
    id: &'a str,
    title: &'a str,
    instructions: &'a str,
    article: ArticleFile<'a>,
    key: &'a [KeyItem],
    show_answers: bool,
    #[serde(serialize_with = "json::rfc3339")]
    created: Timestamp,
}

#[derive(Serialize)]
struct ArticleFile<'a> {
    id: &'a str,
    title: &'a str,
    byline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    paragraphs: Vec<&'a str>,
    fingerprint: &'a str,
}

/// An exercise file as read (its `format` and `version` checked by [`json::open`]).
#[derive(Deserialize)]
struct ExerciseIn {
    id: String,
    title: String,
    #[serde(default, deserialize_with = "null_as_default")]
    instructions: String,
    article: ArticleIn,
    key: Vec<KeyItem>,
    #[serde(default, deserialize_with = "null_as_default")]
    show_answers: bool,
    created: Timestamp,
}

#[derive(Deserialize)]
#[serde(expecting = "the article (an object)")]
struct ArticleIn {
    id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    title: String,
    #[serde(default)]
    byline: Option<String>,
    #[serde(default)]
    url: Option<String>,
    paragraphs: Vec<String>,
    fingerprint: String,
}

impl Exercise {
    /// A validated exercise on `article`.
    ///
    /// # Errors
    /// [`FileError::Invalid`] naming the field as it would appear in the file (`key[2].hint`):
    /// see [`Exercise::validate`].
    pub fn new(
        id: &str,
        title: &str,
        instructions: &str,
        article: &Article,
        key: Vec<KeyItem>,
        created: Timestamp,
    ) -> Result<Exercise, FileError> {
        let exercise = Exercise {
            id: id.to_owned(),
            title: title.trim().to_owned(),
            instructions: instructions.to_owned(),
            article: article.clone(),
            key,
            show_answers: false,
            created,
        };
        exercise.validate()?;
        Ok(exercise)
    }

    /// Checks everything a file reader checks beyond the JSON shape: ids, lengths, that every
    /// key item is in the article text, that key ids are unique and no two items mark the same
    /// passage, and that an expected verdict is a rated one and comes with `require_verdict`.
    ///
    /// # Errors
    /// [`FileError::Invalid`] with the path of the first problem.
    pub fn validate(&self) -> Result<(), FileError> {
        check_id(&self.id, "id")?;
        check_text(&self.title, "title", MAX_TITLE, true)?;
        check_text(&self.instructions, "instructions", MAX_INSTRUCTIONS, false)?;
        check_id(&self.article.id, "article.id")?;
        check_text(&self.article.title, "article.title", MAX_TITLE, false)?;
        if self.article.body.trim().is_empty() {
            return Err(FileError::invalid("article.paragraphs", "the article has no text"));
        }
        if self.article.fingerprint != fingerprint(&self.article.body) {
            return Err(FileError::invalid("article.fingerprint", "does not match the article text"));
        }
        if self.key.is_empty() {
            return Err(FileError::invalid("key", "is empty: mark at least one claim for students to find"));
        }
        if self.key.len() > MAX_KEY_ITEMS {
            return Err(FileError::invalid("key", format!("has more than {MAX_KEY_ITEMS} items")));
        }
        let anchorer = Anchorer::new(&self.article.body);
        let mut ids = HashSet::new();
        let mut spans: Vec<(CharSpan, usize)> = Vec::new();
        for (i, item) in self.key.iter().enumerate() {
            let path = format!("key[{i}]");
            check_id(&item.id, &join(&path, "id"))?;
            if !ids.insert(item.id.as_str()) {
                return Err(FileError::invalid(join(&path, "id"), format!("'{}' is used twice", item.id)));
            }
            let target = join(&path, "target");
            if item.target.article_id != self.article.id {
                return Err(FileError::invalid(
                    join(&target, "source"),
                    format!(
                        "'{}' is not this exercise's article '{}'",
                        item.target.article_id, self.article.id
                    ),
                ));
            }
            if item.quote().trim().is_empty() {
                return Err(FileError::invalid(join(&target, "selector"), "the quoted passage is empty"));
            }
            let Some(span) = anchorer.anchor(&item.target.selectors).span() else {
                return Err(FileError::invalid(
                    target,
                    format!("the passage '{}' is not in the article text", item.quote()),
                ));
            };
            if let Some((_, j)) = spans.iter().find(|(s, _)| *s == span) {
                return Err(FileError::invalid(target, format!("marks the same passage as key[{j}]")));
            }
            spans.push((span, i));
            match item.expected_verdict {
                Some(Verdict::Unrated) => {
                    return Err(FileError::invalid(
                        join(&path, "expected_verdict"),
                        "'unrated' cannot be expected; leave it out (null) to accept any verdict",
                    ))
                }
                Some(_) if !item.require_verdict => {
                    return Err(FileError::invalid(
                        join(&path, "expected_verdict"),
                        "is set, but require_verdict is false",
                    ))
                }
                _ => {}
            }
            check_text(&item.hint, &join(&path, "hint"), MAX_HINT, false)?;
            check_text(&item.explanation, &join(&path, "explanation"), MAX_EXPLANATION, false)?;
        }
        Ok(())
    }

    /// Reads and validates an exercise file.
    ///
    /// # Errors
    /// - [`FileError::Syntax`] for a damaged file (truncated, not JSON), with line and column;
    /// - [`FileError::WrongKind`] for another kind of file (a submission, a backup...), saying
    ///   what it is when that is recognisable;
    /// - [`FileError::NewerVersion`] for an exercise made by a newer claimmark;
    /// - [`FileError::Invalid`] with the JSON path of the first bad value, including an article
    ///   whose text does not match its fingerprint and key items that are not in the text;
    /// - [`FileError::TooLarge`] over [`super::MAX_FILE_BYTES`].
    pub fn from_json(text: &str) -> Result<Exercise, FileError> {
        let (text, _root) = json::open(text, FileKind::Exercise, EXERCISE_FORMAT, EXERCISE_VERSION)?;
        let file: ExerciseIn = json::read(text)?;
        let exercise = Exercise {
            id: file.id,
            title: file.title,
            instructions: file.instructions,
            article: article(file.article)?,
            key: file.key,
            show_answers: file.show_answers,
            created: file.created,
        };
        exercise.validate()?;
        Ok(exercise)
    }

    /// The exercise file, indented (teachers may open it).
    pub fn to_json(&self) -> String {
        let file = ExerciseFile {
            format: EXERCISE_FORMAT,
            version: EXERCISE_VERSION,
            id: &self.id,
            title: &self.title,
            instructions: &self.instructions,
            article: ArticleFile {
                id: &self.article.id,
                title: &self.article.title,
                byline: self.article.byline.as_deref(),
                url: self.article.url.as_deref(),
                paragraphs: self.article.paragraphs.iter().map(|p| p.text.as_str()).collect(),
                fingerprint: &self.article.fingerprint,
            },
            key: &self.key,
            show_answers: self.show_answers,
            created: self.created,
        };
        // Serialising these types cannot fail: every map key is a string.
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }

    /// A file name for the download: `<title slug>.exercise.json`.
    pub fn file_name(&self) -> String {
        format!("{}.exercise.json", crate::article::slug(&self.title))
    }

    /// The exercise's checksum: 16 hex digits of FNV-1a 64 ([`fingerprint`]) over a canonical
    /// serialisation of what a student's work and its score depend on: the article text, the
    /// instructions, and for each key item (in order) its id, its passage (position and quote)
    /// and its requirements. Titles, hints, explanations, `show_answers` and `created` are left
    /// out on purpose: fixing a typo in a hint or revealing answers after the deadline must not
    /// turn every submission into one "for another version".
    ///
    /// The serialisation is a JSON array of arrays (no maps, so no key order to vary), so the
    /// checksum is the same on every platform and in every later claimmark that reads version 1.
    pub fn checksum(&self) -> String {
        let key: Vec<Value> = self
            .key
            .iter()
            .map(|k| {
                let p = k.target.selectors.position;
                serde_json::json!([
                    k.id,
                    p.start.0,
                    p.end.0,
                    k.quote(),
                    k.require_source,
                    k.require_verdict,
                    k.expected_verdict.map(Verdict::as_str),
                ])
            })
            .collect();
        let canonical = serde_json::json!([EXERCISE_FORMAT, 1, self.article.body, self.instructions, key]);
        fingerprint(&canonical.to_string())
    }

    /// What a submission records about this exercise.
    pub fn reference(&self) -> ExerciseRef {
        ExerciseRef { id: self.id.clone(), title: self.title.clone(), checksum: self.checksum() }
    }

    /// The most points a student can earn: the sum of [`KeyItem::max_points`].
    pub fn max_points(&self) -> u32 {
        self.key.iter().map(KeyItem::max_points).sum()
    }

    /// Where each key item is in the article text now (`None` if it cannot be found, which
    /// [`Exercise::validate`] rules out for files it accepted).
    pub fn key_spans(&self) -> Vec<Option<CharSpan>> {
        let anchorer = Anchorer::new(&self.article.body);
        anchorer.anchor_all(self.key.iter().map(|k| &k.target.selectors)).iter().map(|a| a.span()).collect()
    }

    /// The key item with this id.
    pub fn key_item(&self, id: &str) -> Option<&KeyItem> {
        self.key.iter().find(|k| k.id == id)
    }
}

/// The article of a file, its fingerprint checked against its text.
fn article(file: ArticleIn) -> Result<Article, FileError> {
    if file.paragraphs.is_empty() {
        return Err(FileError::invalid("article.paragraphs", "is empty: the article has no text"));
    }
    let mut article = Article::from_parts(file.title, file.byline, file.paragraphs);
    if file.fingerprint != article.fingerprint {
        return Err(FileError::invalid(
            "article.fingerprint",
            "does not match the article text: the file was changed or damaged after it was made",
        ));
    }
    // `from_parts` derives an id from the title; the file's id is the one annotations name.
    article.id = file.id;
    article.url = file.url;
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Exercise {
        let article = Article::parse_plain("Exports rose from $13.2M in 1996 to $277M in 2019.").unwrap();
        let key = vec![
            KeyItem::describe("k1", &article, CharSpan::new(18, 24), ClaimKind::Money),
            KeyItem::describe("k2", &article, CharSpan::new(36, 41), ClaimKind::Money),
        ];
        Exercise::new("ex", "Exports", "Find the figures.", &article, key, Timestamp::from_millis(0)).unwrap()
    }

    #[test]
    fn checksum_is_stable_and_ignores_presentation() {
        let exercise = sample();
        let sum = exercise.checksum();
        assert_eq!(sum.len(), 16);
        let mut shown = exercise.clone();
        shown.show_answers = true;
        shown.key[0].hint = "Another hint".into();
        shown.title = "Another title".into();
        assert_eq!(shown.checksum(), sum);
        let mut stricter = exercise.clone();
        stricter.key[1].require_source = true;
        assert_ne!(stricter.checksum(), sum);
        let mut reworded = exercise;
        reworded.instructions.push('!');
        assert_ne!(reworded.checksum(), sum);
    }

    #[test]
    fn round_trip() {
        let exercise = sample();
        let back = Exercise::from_json(&exercise.to_json()).unwrap();
        assert_eq!(back, exercise);
        assert_eq!(back.checksum(), exercise.checksum());
        assert_eq!(exercise.file_name(), "exports.exercise.json");
    }

    #[test]
    fn next_id_skips_past_the_highest() {
        let mut key = sample().key;
        assert_eq!(KeyItem::next_id(&key), "k3");
        key.remove(0);
        key[0].id = "k7".into();
        assert_eq!(KeyItem::next_id(&key), "k8");
        assert_eq!(KeyItem::next_id(&[]), "k1");
    }

    #[test]
    fn duplicate_passages_are_refused() {
        let mut exercise = sample();
        exercise.key[1] = exercise.key[0].clone();
        exercise.key[1].id = "k2".into();
        let err = exercise.validate().unwrap_err();
        assert_eq!(err.to_string(), "key[1].target: marks the same passage as key[0]");
    }
}
