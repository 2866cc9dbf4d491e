//! [`ImportFile`]: a file that was read and checked, not yet merged.

use super::error::Problem;
use super::ImportFormat;
use crate::model::Annotation;
use crate::store::{ArticleInfo, StoreDocument, Tombstone};

/// A file that was read and checked, not yet merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFile {
    pub format: ImportFormat,
    /// The article the file names (a backup, or our W3C export).
    pub article: Option<ArticleInfo>,
    /// The web address of the annotated page, when the file gives one.
    pub article_url: Option<String>,
    pub annotations: Vec<Annotation>,
    /// Deletions (backups only).
    pub tombstones: Vec<Tombstone>,
    /// Items that are not annotations of a passage (page notes, replies) and are not imported.
    pub skipped: Vec<Problem>,
}

impl ImportFile {
    /// A backup: the storage document as it was read.
    pub(super) fn backup(doc: StoreDocument) -> ImportFile {
        ImportFile {
            format: ImportFormat::Backup,
            article: Some(doc.article),
            article_url: None,
            annotations: doc.annotations,
            tombstones: doc.tombstones,
            skipped: Vec::new(),
        }
    }

    /// The file's annotations and tombstones as a storage document, with the article it names
    /// (an empty one when it names none). The widget reads foreign files in a second wasm module,
    /// loaded when they are needed, which hands the file over in this form; with the format, the
    /// url and the skipped items, [`ImportFile::from_document`] makes the same file again.
    pub fn into_document(self) -> StoreDocument {
        let article = self.article.unwrap_or_else(|| ArticleInfo {
            id: String::new(),
            title: String::new(),
            fingerprint: String::new(),
        });
        let mut doc = StoreDocument::new(article);
        doc.annotations = self.annotations;
        doc.tombstones = self.tombstones;
        doc
    }

    /// The file that [`ImportFile::into_document`] handed over. `has_article` says whether the
    /// document's article was the file's own.
    pub fn from_document(
        format: ImportFormat,
        doc: StoreDocument,
        has_article: bool,
        article_url: Option<String>,
        skipped: Vec<Problem>,
    ) -> ImportFile {
        ImportFile {
            format,
            article: has_article.then_some(doc.article),
            article_url,
            annotations: doc.annotations,
            tombstones: doc.tombstones,
            skipped,
        }
    }
}
