//! The reader's library: every article they opened, kept in the browser with its text, so that
//! it reopens offline, and backed up and restored as one file.
//!
//! Each article is one JSON document under [`article_key`]`(namespace, id)` =
//! `<namespace>:article:v1:<id>`, beside its annotations (`<namespace>:v1:<id>`, see
//! [`crate::store`]). This module is the format and the decisions: which id a newly opened article
//! gets (opening the same text again, by fingerprint, reuses the stored one), what a row of the
//! list shows, searching and sorting, and the backup file and its restore plan (a merge, never a
//! replacement). The widget only moves the strings in and out of localStorage.
//!
//! ```
//! use claimmark_core::article::Article;
//! use claimmark_core::library::{Library, Placement, StoredArticle};
//! use claimmark_core::model::Timestamp;
//! let now = Timestamp::from_millis(1_714_555_800_000);
//! let article = Article::parse("Council votes budget\n\nThe council spent $5M.").unwrap();
//! let mut library = Library::default();
//! let Placement::New(id) = library.place(&article) else { unreachable!() };
//! library.entries.push(StoredArticle::new(&article, &id, None, None, now));
//! assert_eq!(library.place(&article), Placement::Existing(id.clone()));
//! let stored = StoredArticle::from_json(&library.entries[0].to_json()).unwrap();
//! assert_eq!(stored.article().body, article.body);
//! ```

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::article::Article;
use crate::checklist::{self, AnchorCache, Status};
use crate::model::{IsoDate, SourceUrl, Timestamp};
use crate::store::{merge, StoreDocument, StoreError};

/// The version of [`StoredArticle`]'s shape.
pub const ARTICLE_VERSION: u32 = 1;
/// The `format` of a library backup file.
pub const BACKUP_FORMAT: &str = "claimmark-library";
/// The version of [`LibraryBackup`]'s shape.
pub const BACKUP_VERSION: u32 = 1;

/// The key of a stored article's text.
pub fn article_key(namespace: &str, id: &str) -> String {
    format!("{}{id}", article_key_prefix(namespace))
}

/// What every stored article's key starts with.
pub fn article_key_prefix(namespace: &str) -> String {
    format!("{namespace}:article:v1:")
}

/// Why a stored article or a backup file could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum LibraryError {
    #[error("line {line}, column {column}: {message}")]
    Syntax { line: usize, column: usize, message: String },
    #[error("{path}: {message}")]
    Shape { path: String, message: String },
    #[error("this is not a claimmark library backup (its format is '{found}', not '{BACKUP_FORMAT}')")]
    NotABackup { found: String },
    #[error("version {found} was written by a newer claimmark; this one reads up to version {supported}")]
    NewerVersion { found: u32, supported: u32 },
    #[error("articles[{index}].annotations: {error}")]
    Annotations { index: usize, error: StoreError },
}

fn read<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, LibraryError> {
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        return Err(LibraryError::Syntax {
            line: e.line(),
            column: e.column(),
            message: without_position(&e),
        });
    }
    crate::json_path::read(text).map_err(|e| LibraryError::Shape { path: e.path, message: e.message })
}

fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// One article of the library: its text as paragraphs, and what the list shows about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredArticle {
    pub version: u32,
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    pub paragraphs: Vec<String>,
    pub fingerprint: String,
    /// The address it was published at (http or https), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The file or path it was opened from, when it was one (`seed-article.txt` for the demo).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<IsoDate>,
    pub added: Timestamp,
}

impl StoredArticle {
    pub fn new(
        article: &Article,
        id: &str,
        file: Option<&str>,
        published: Option<IsoDate>,
        added: Timestamp,
    ) -> StoredArticle {
        StoredArticle {
            version: ARTICLE_VERSION,
            id: id.to_owned(),
            title: article.title.clone(),
            byline: article.byline.clone(),
            paragraphs: article.paragraphs.iter().map(|p| p.text.clone()).collect(),
            fingerprint: article.fingerprint.clone(),
            url: article.url.clone(),
            file: file.map(str::to_owned),
            published,
            added,
        }
    }

    /// The article, with the id it is stored under.
    pub fn article(&self) -> Article {
        let mut article =
            Article::from_parts(self.title.clone(), self.byline.clone(), self.paragraphs.clone());
        article.id = self.id.clone();
        article.url = self.url.clone();
        article
    }

    /// Reads a stored article.
    ///
    /// # Errors
    /// [`LibraryError`] naming the line or the path of what is wrong, or a newer version.
    pub fn from_json(text: &str) -> Result<StoredArticle, LibraryError> {
        let stored: StoredArticle = read(text)?;
        if stored.version > ARTICLE_VERSION {
            return Err(LibraryError::NewerVersion { found: stored.version, supported: ARTICLE_VERSION });
        }
        stored.check("")?;
        Ok(stored)
    }

    fn check(&self, at: &str) -> Result<(), LibraryError> {
        let shape = |path: &str, message: &str| LibraryError::Shape {
            path: format!("{at}{path}"),
            message: message.into(),
        };
        if self.id.trim().is_empty() || self.id.contains(':') {
            return Err(shape("id", "must be a non-empty name without ':'"));
        }
        if self.paragraphs.iter().all(|p| p.trim().is_empty()) {
            return Err(shape("paragraphs", "the article has no text"));
        }
        if let Some(url) = &self.url {
            SourceUrl::parse(url).map_err(|e| shape("url", &e.to_string()))?;
        }
        Ok(())
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The host of its address, for the list (`news.example`).
    pub fn host(&self) -> Option<&str> {
        let rest = self.url.as_deref()?.split_once("://")?.1;
        let host = rest.split(['/', '?', '#']).next()?;
        Some(host.rsplit_once('@').map_or(host, |(_, h)| h))
    }
}

/// Where a newly opened article goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// The same text is already stored, under this id: open that one.
    Existing(String),
    /// A new article, under this id.
    New(String),
}

/// The stored articles, as the widget read them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Library {
    pub entries: Vec<StoredArticle>,
}

impl Library {
    pub fn get(&self, id: &str) -> Option<&StoredArticle> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The stored article with the same text (by fingerprint), or a new id: the article's own id
    /// (its title's slug), with `-2`, `-3`… when another text already has it.
    pub fn place(&self, article: &Article) -> Placement {
        if let Some(same) = self.entries.iter().find(|e| e.fingerprint == article.fingerprint) {
            return Placement::Existing(same.id.clone());
        }
        let base = article.id.clone();
        let mut id = base.clone();
        let mut n = 1;
        while self.get(&id).is_some() {
            n += 1;
            id = format!("{base}-{n}");
        }
        Placement::New(id)
    }
}

/// One row of the list of articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub title: String,
    pub host: Option<String>,
    pub file: Option<String>,
    pub added: Timestamp,
    pub published: Option<IsoDate>,
    /// Claims on the checklist: detected and highlighted, dismissed ones left out.
    pub claims: usize,
    pub sourced: usize,
    pub rated: usize,
    /// The newest edit of its annotations, when there is one.
    pub edited: Option<Timestamp>,
}

impl Row {
    /// The row of an article and its stored annotations.
    pub fn of(stored: &StoredArticle, doc: Option<&StoreDocument>) -> Row {
        let article = stored.article();
        let detected = crate::detect::detect(&article.body);
        let empty =
            StoreDocument::new(crate::store::ArticleInfo::new(&stored.id, &stored.title, &article.body));
        let doc = doc.unwrap_or(&empty);
        let items = checklist::build(&article.body, &detected, doc, &mut AnchorCache::default());
        let count = |status: Status| items.iter().filter(|i| status.includes(i)).count();
        Row {
            id: stored.id.clone(),
            title: stored.title.clone(),
            host: stored.host().map(str::to_owned),
            file: stored.file.clone(),
            added: stored.added,
            published: stored.published,
            claims: items.iter().filter(|i| !i.dismissed).count(),
            sourced: count(Status::Sourced),
            rated: count(Status::Rated),
            edited: doc
                .annotations
                .iter()
                .map(|a| a.modified)
                .chain(doc.tombstones.iter().map(|t| t.deleted))
                .max(),
        }
    }
}

/// What the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    Title,
    Source,
    #[default]
    Added,
    Published,
    Claims,
    Edited,
}

impl SortBy {
    pub const ALL: [SortBy; 6] =
        [SortBy::Title, SortBy::Source, SortBy::Added, SortBy::Published, SortBy::Claims, SortBy::Edited];
    pub fn as_str(self) -> &'static str {
        match self {
            SortBy::Title => "title",
            SortBy::Source => "source",
            SortBy::Added => "added",
            SortBy::Published => "published",
            SortBy::Claims => "claims",
            SortBy::Edited => "edited",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            SortBy::Title => "Title",
            SortBy::Source => "Source",
            SortBy::Added => "Date added",
            SortBy::Published => "Published",
            SortBy::Claims => "Claims",
            SortBy::Edited => "Last edited",
        }
    }
    pub fn parse(s: &str) -> Option<SortBy> {
        SortBy::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The rows whose title, source or file contain every word of `search` (case-insensitive),
/// sorted by `by` (ties by title), newest or largest first when `descending`.
pub fn arrange<'a>(rows: &'a [Row], search: &str, by: SortBy, descending: bool) -> Vec<&'a Row> {
    let words: Vec<String> = search.split_whitespace().map(str::to_lowercase).collect();
    let mut shown: Vec<&Row> = rows
        .iter()
        .filter(|r| {
            let hay = format!(
                "{} {} {}",
                r.title.to_lowercase(),
                r.host.as_deref().unwrap_or(""),
                r.file.as_deref().unwrap_or("").to_lowercase()
            );
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect();
    shown.sort_by(|a, b| {
        let order = match by {
            SortBy::Title => a.title.to_lowercase().cmp(&b.title.to_lowercase()),
            SortBy::Source => a.host.cmp(&b.host),
            SortBy::Added => a.added.cmp(&b.added),
            SortBy::Published => a.published.cmp(&b.published),
            SortBy::Claims => a.claims.cmp(&b.claims),
            SortBy::Edited => a.edited.cmp(&b.edited),
        };
        let order = if descending { order.reverse() } else { order };
        order.then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
    });
    shown
}

/// A backup of the whole library: every article's text and its annotations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryBackup {
    pub format: String,
    pub version: u32,
    pub exported: Timestamp,
    pub articles: Vec<BackupArticle>,
}

/// One article of a backup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupArticle {
    pub article: StoredArticle,
    /// The storage document, as stored (read with [`StoreDocument::from_json`] on restore, so
    /// that older versions are migrated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<serde_json::Value>,
}

impl LibraryBackup {
    pub fn new(articles: Vec<(StoredArticle, Option<StoreDocument>)>, now: Timestamp) -> LibraryBackup {
        LibraryBackup {
            format: BACKUP_FORMAT.to_owned(),
            version: BACKUP_VERSION,
            exported: now,
            articles: articles
                .into_iter()
                .map(|(article, doc)| BackupArticle {
                    article,
                    annotations: doc.and_then(|d| serde_json::to_value(d).ok()),
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a backup file, with each article's annotations.
    ///
    /// # Errors
    /// [`LibraryError`]: a syntax error's line, the path of a bad value, a file of another format,
    /// a newer version, or the first article whose annotations cannot be read.
    pub fn from_json(text: &str) -> Result<Vec<(StoredArticle, Option<StoreDocument>)>, LibraryError> {
        #[derive(Deserialize)]
        struct Head {
            #[serde(default)]
            format: String,
        }
        let head: Head = read(text)?;
        if head.format != BACKUP_FORMAT {
            return Err(LibraryError::NotABackup { found: head.format });
        }
        let backup: LibraryBackup = read(text)?;
        if backup.version > BACKUP_VERSION {
            return Err(LibraryError::NewerVersion { found: backup.version, supported: BACKUP_VERSION });
        }
        backup
            .articles
            .into_iter()
            .enumerate()
            .map(|(index, entry)| {
                entry.article.check(&format!("articles[{index}].article."))?;
                let doc = match entry.annotations {
                    Some(value) => Some(
                        StoreDocument::from_json(&value.to_string())
                            .map_err(|error| LibraryError::Annotations { index, error })?,
                    ),
                    None => None,
                };
                Ok((entry.article, doc))
            })
            .collect()
    }
}

/// What restoring a backup does to one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    pub title: String,
    /// The article is new to this library (else its text was already here, under `article.id`).
    pub new_article: bool,
    /// Annotations the backup adds, and ones it changes by merging.
    pub added: usize,
    pub changed: usize,
    /// What to store: the article (new ones only) and the merged annotations.
    pub article: Option<StoredArticle>,
    pub id: String,
    pub doc: Option<StoreDocument>,
}

/// Plans restoring `backup` into `library`: an article whose text is already stored (by
/// fingerprint) keeps its id and has the backup's annotations merged into its own; a new one is
/// added under a free id. Nothing stored is replaced or lost.
pub fn plan_restore(
    library: &Library,
    stored_doc: impl Fn(&str) -> Option<StoreDocument>,
    backup: Vec<(StoredArticle, Option<StoreDocument>)>,
) -> Vec<Restored> {
    let mut library = library.clone();
    let mut plan = Vec::new();
    for (incoming, doc) in backup {
        let article = incoming.article();
        let (id, new_article) = match library.place(&article) {
            Placement::Existing(id) => (id, false),
            Placement::New(_) if library.get(&incoming.id).is_none() => (incoming.id.clone(), true),
            Placement::New(id) => (id, true),
        };
        let local = stored_doc(&id);
        let (doc, added, changed) = match (doc, local) {
            (None, local) => (local, 0, 0),
            (Some(mut doc), None) => {
                retarget(&mut doc, &id);
                let added = doc.annotations.len();
                (Some(doc), added, 0)
            }
            (Some(mut doc), Some(local)) => {
                retarget(&mut doc, &id);
                let merged = merge(&local, &doc);
                let added = merged.annotations.iter().filter(|a| local.get(&a.id).is_none()).count();
                let changed =
                    merged.annotations.iter().filter(|a| local.get(&a.id).is_some_and(|l| l != *a)).count();
                (Some(merged), added, changed)
            }
        };
        let article = new_article.then(|| StoredArticle { id: id.clone(), ..incoming.clone() });
        if let Some(article) = &article {
            library.entries.push(article.clone());
        }
        plan.push(Restored { title: incoming.title, new_article, added, changed, article, id, doc });
    }
    plan
}

fn retarget(doc: &mut StoreDocument, id: &str) {
    doc.article.id = id.to_owned();
    for a in &mut doc.annotations {
        a.target.article_id = id.to_owned();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, AnnotationId, ClaimKind, Target, Verdict};
    use crate::text::CharSpan;

    fn t(ms: i64) -> Timestamp {
        Timestamp::from_millis(1_714_555_800_000 + ms)
    }

    fn stored(text: &str) -> (Article, StoredArticle) {
        let article = Article::parse(text).unwrap();
        let s = StoredArticle::new(&article, &article.id, None, None, t(0));
        (article, s)
    }

    #[test]
    fn the_same_title_with_other_text_gets_its_own_id() {
        let (_, first) = stored("Budget\n\nThe council spent $5M.");
        let library = Library { entries: vec![first] };
        let other = Article::parse("Budget\n\nThe county spent $9M.").unwrap();
        assert_eq!(library.place(&other), Placement::New("budget-2".into()));
    }

    #[test]
    fn rows_count_claims_sourced_and_rated() {
        let (article, s) = stored("Budget\n\nThe council spent $5M, up 12% since 2019.");
        let mut doc = StoreDocument::new(crate::store::ArticleInfo::new(&s.id, &s.title, &article.body));
        let start = article.body.find("$5M").unwrap();
        let target = Target::describe(&s.id, &article.body, CharSpan::new(start, start + 3));
        let id = AnnotationId::from_random_bytes([1; 16]);
        let mut a = Annotation::new_user(id, target, ClaimKind::Money, t(5));
        a.set_verdict(Verdict::True, t(9));
        doc.insert(a);
        let row = Row::of(&s, Some(&doc));
        // The detected claims, and the highlight (a person's, beside the detected "$5M").
        let detected = crate::detect::detect(&article.body).len();
        assert_eq!((row.claims, row.rated, row.sourced), (detected + 1, 1, 0));
        assert_eq!(row.edited, Some(t(9)));
        assert_eq!(Row::of(&s, None).edited, None);
    }

    #[test]
    fn search_and_sort() {
        let row = |id: &str, title: &str, claims: usize| Row {
            id: id.into(),
            title: title.into(),
            host: None,
            file: None,
            added: t(0),
            published: None,
            claims,
            sourced: 0,
            rated: 0,
            edited: None,
        };
        let rows = vec![
            row("a", "Flood closes bridge", 2),
            row("b", "Budget vote", 9),
            row("c", "Bridge budget", 5),
        ];
        let ids = |v: Vec<&Row>| v.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(arrange(&rows, "BRIDGE", SortBy::Title, false)), ["c", "a"]);
        assert_eq!(ids(arrange(&rows, "", SortBy::Claims, true)), ["b", "c", "a"]);
        assert_eq!(ids(arrange(&rows, "bridge budget", SortBy::Claims, true)), ["c"]);
    }

    #[test]
    fn a_backup_round_trips_and_restoring_merges() {
        let (article, s) = stored("Budget\n\nThe council spent $5M.");
        let mut doc = StoreDocument::new(crate::store::ArticleInfo::new(&s.id, &s.title, &article.body));
        let start = article.body.find("$5M").unwrap();
        let target = Target::describe(&s.id, &article.body, CharSpan::new(start, start + 3));
        doc.insert(Annotation::new_user(
            AnnotationId::from_random_bytes([2; 16]),
            target,
            ClaimKind::Money,
            t(1),
        ));
        let text = LibraryBackup::new(vec![(s.clone(), Some(doc.clone()))], t(2)).to_json();
        let read = LibraryBackup::from_json(&text).unwrap();
        assert_eq!(read, vec![(s.clone(), Some(doc.clone()))]);

        // Into an empty library: a new article with its annotation.
        let plan = plan_restore(&Library::default(), |_| None, read.clone());
        assert_eq!((plan[0].new_article, plan[0].added), (true, 1));
        // Into a library that has the same text with no annotations: merged, not duplicated.
        let library = Library { entries: vec![s.clone()] };
        let plan = plan_restore(&library, |_| None, read.clone());
        assert_eq!((plan[0].new_article, plan[0].article.is_none(), plan[0].added), (false, true, 1));
        // Twice: nothing new.
        let plan = plan_restore(&library, |_| Some(doc.clone()), read);
        assert_eq!((plan[0].added, plan[0].changed), (0, 0));
    }

    #[test]
    fn bad_backups_say_what_is_wrong() {
        assert!(matches!(LibraryBackup::from_json("{\"format\": "), Err(LibraryError::Syntax { .. })));
        let err = LibraryBackup::from_json("{\"format\":\"w3c\"}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "this is not a claimmark library backup (its format is 'w3c', not 'claimmark-library')"
        );
        let bad_url = r#"{"format":"claimmark-library","version":1,"exported":"2024-05-01T00:00:00Z","articles":[
            {"article":{"version":1,"id":"a","title":"A","paragraphs":["x"],"fingerprint":"f","url":"javascript:alert(1)","added":0}}]}"#;
        let err = LibraryBackup::from_json(bad_url).unwrap_err().to_string();
        assert!(err.starts_with("articles[0].article.url: "), "{err}");
        let missing =
            r#"{"format":"claimmark-library","version":1,"exported":0,"articles":[{"article":{"id":"a"}}]}"#;
        let err = LibraryBackup::from_json(missing).unwrap_err().to_string();
        assert!(err.starts_with("articles[0].article"), "{err}");
        let newer = r#"{"format":"claimmark-library","version":7,"exported":0,"articles":[]}"#;
        assert!(matches!(LibraryBackup::from_json(newer), Err(LibraryError::NewerVersion { found: 7, .. })));
    }
}
