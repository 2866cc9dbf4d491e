//! Classroom glue: which view the page asks for, where a student's work and a teacher's draft
//! are stored, and reading picked files. The exercise format, scoring and class results are in
//! [`claimmark_core::classroom`]; the views are in [`crate::components::classroom`].
//!
//! - `?mode=teacher`: the exercise editor on the article (`?article=` or the seed article);
//! - `?mode=student`: a student opens an exercise file;
//! - `?exercise=<path>`: a student opens the exercise at that path (same origin or CORS).

use claimmark_core::classroom::{Exercise, KeyItem, MAX_FILE_BYTES};
use claimmark_core::model::Timestamp;
use serde::{Deserialize, Serialize};
use wasm_bindgen_futures::JsFuture;

use crate::browser::{js_error_text, now, random_bytes, Query};

/// Which view the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    FactCheck,
    Teacher,
    Student,
}

impl Route {
    /// The view `query` asks for: a student's when it names an exercise, otherwise `?mode=`'s.
    pub fn from_query(query: &Query) -> Route {
        if query.exercise.is_some() {
            return Route::Student;
        }
        match query.mode.as_deref() {
            Some("teacher") => Route::Teacher,
            Some("student") => Route::Student,
            _ => Route::FactCheck,
        }
    }
}

/// A lower-case ASCII slug of a name, for storage keys: "Amira Qureshi" → "amira-qureshi".
/// Names without any ASCII letter or digit keep a hash, so two such names stay apart.
pub fn name_slug(name: &str) -> String {
    let slug = claimmark_core::article::slug(name.trim());
    let slug = slug.trim_matches('-').to_owned();
    if slug.is_empty() || slug.chars().all(|c| c == '-') {
        format!("n{}", claimmark_core::text::fingerprint(&name.trim().to_lowercase()))
    } else {
        slug
    }
}

/// The storage namespace of one student's work on one exercise:
/// `claimmark-exercise-<exercise id>-<name slug>`, so students sharing a browser keep their own.
pub fn student_namespace(exercise: &Exercise, name: &str) -> String {
    format!("claimmark-exercise-{}-{}", exercise.id, name_slug(name))
}

/// Where the last student name used for an exercise is remembered.
fn student_name_key(exercise_id: &str) -> String {
    format!("claimmark-exercise-{exercise_id}:student")
}

pub fn remembered_student(exercise_id: &str) -> Option<String> {
    let storage = crate::storage::local_storage().ok()?;
    storage.get_item(&student_name_key(exercise_id)).ok().flatten().filter(|n| !n.trim().is_empty())
}

pub fn remember_student(exercise_id: &str, name: &str) {
    if let Ok(storage) = crate::storage::local_storage() {
        let _ = storage.set_item(&student_name_key(exercise_id), name.trim());
    }
}

/// The namespace of the teacher's own highlights, apart from fact-checking work.
pub const TEACHER_NAMESPACE: &str = "claimmark-teacher";

/// The exercise being written, as the teacher left it. Stored on every change, under
/// `claimmark-teacher:v1:draft:<article id>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    /// RFC 3339.
    pub created: String,
    pub title: String,
    pub instructions: String,
    pub key: Vec<KeyItem>,
    /// Students see the answers to what they missed after "Check my work".
    #[serde(default)]
    pub show_answers: bool,
}

impl Draft {
    pub fn new(article_title: &str) -> Draft {
        let bytes = random_bytes();
        let id: String = bytes[..5].iter().map(|b| format!("{b:02x}")).collect();
        Draft {
            id: format!("ex-{id}"),
            created: now().to_string(),
            title: format!("Checking: {}", article_title.trim()).chars().take(200).collect(),
            instructions: "Find the checkable claims in this article. Attach a source where one is required \
                           and give a verdict where one is required."
                .to_owned(),
            key: Vec::new(),
            show_answers: false,
        }
    }

    /// The draft of an exercise file, to edit it or to score submissions against it.
    pub fn from_exercise(exercise: &Exercise) -> Draft {
        Draft {
            id: exercise.id.clone(),
            created: exercise.created.to_string(),
            title: exercise.title.clone(),
            instructions: exercise.instructions.clone(),
            key: exercise.key.clone(),
            show_answers: exercise.show_answers,
        }
    }

    fn storage_key(article_id: &str) -> String {
        format!("{TEACHER_NAMESPACE}:v1:draft:{article_id}")
    }

    /// The stored draft for this article, if there is a readable one.
    pub fn load(article_id: &str) -> Option<Draft> {
        let storage = crate::storage::local_storage().ok()?;
        let raw = storage.get_item(&Draft::storage_key(article_id)).ok().flatten()?;
        serde_json::from_str(&raw).ok()
    }

    /// Stores the draft. Returns `false` when storage refused.
    pub fn save(&self, article_id: &str) -> bool {
        let Ok(storage) = crate::storage::local_storage() else { return false };
        let Ok(raw) = serde_json::to_string(self) else { return false };
        storage.set_item(&Draft::storage_key(article_id), &raw).is_ok()
    }

    /// The exercise this draft describes.
    ///
    /// # Errors
    /// What is wrong, as [`Exercise::new`] says it ("key: is empty: mark at least one claim...").
    pub fn exercise(&self, article: &claimmark_core::article::Article) -> Result<Exercise, String> {
        let created = Timestamp::parse(&self.created).unwrap_or_else(|_| now());
        let mut exercise =
            Exercise::new(&self.id, &self.title, &self.instructions, article, self.key.clone(), created)
                .map_err(|e| e.to_string())?;
        exercise.show_answers = self.show_answers;
        Ok(exercise)
    }
}

/// Reads a picked file as UTF-8 text, refusing files over the classroom limit before reading.
///
/// # Errors
/// A sentence naming the file: too large, unreadable, or not UTF-8.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    let name = file.name();
    let size = file.size();
    if size > MAX_FILE_BYTES as f64 {
        return Err(format!("{name}: the file is {size} bytes, over the limit of 20 MB"));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{name}: the file could not be read: {}", js_error_text(&e)))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    String::from_utf8(bytes).map_err(|_| format!("{name}: the file is not UTF-8 text"))
}

/// The files picked in a file input, in order.
pub fn picked_files(input: &web_sys::HtmlInputElement) -> Vec<web_sys::File> {
    let Some(list) = input.files() else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
