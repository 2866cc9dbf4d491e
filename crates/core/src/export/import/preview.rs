//! Preview and apply: what importing a file would do, computed without changing anything, and the
//! merge that makes it so.

use std::fmt;

use super::error::{ImportError, Problem};
use super::file::ImportFile;
use super::{read, ImportFormat};
use crate::anchor::Anchorer;
use crate::model::{Annotation, AnnotationId, Selectors, TextPositionSelector, Timestamp};
use crate::store::{merge, ArticleInfo, MergeReport, StoreDocument};
use crate::text::{CharSpan, TextIndex, Utf16Offset};

/// What importing a file would do, computed without changing anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPreview {
    pub format: ImportFormat,
    /// The file as a storage document of the local article: what [`apply`] merges.
    pub incoming: StoreDocument,
    /// New, updated, conflicting, unchanged and deleted annotations, from [`MergeReport`].
    pub report: MergeReport,
    /// Annotations that would be added or changed but cannot be anchored in the current text.
    /// They are imported anyway, as orphans.
    pub unanchored: Vec<AnnotationId>,
    /// Positions that were in UTF-16 units and were converted to code points.
    pub converted_positions: usize,
    /// Items of the file that are not imported (page notes, replies), with their paths.
    pub skipped: Vec<Problem>,
    /// The article the file was made for, when it names one that is not the local article.
    pub other_article: Option<ArticleInfo>,
}

impl ImportPreview {
    /// Whether applying changes nothing.
    pub fn is_noop(&self) -> bool {
        self.report.is_noop()
    }
}

impl fmt::Display for ImportPreview {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} new, {} updated, {} conflicting, {} cannot be anchored",
            self.report.new.len(),
            self.report.updated.len(),
            self.report.conflicting.len(),
            self.unanchored.len()
        )?;
        if !self.report.deleted.is_empty() {
            write!(f, ", {} deleted", self.report.deleted.len())?;
        }
        if !self.skipped.is_empty() {
            write!(f, ", {} skipped", self.skipped.len())?;
        }
        Ok(())
    }
}

/// Compares `file` with the stored document `local` of the article whose text is `text`.
pub fn preview(local: &StoreDocument, file: &ImportFile, text: &str) -> ImportPreview {
    let index = TextIndex::new(text);
    let mut converted_positions = 0;
    let mut incoming = StoreDocument::new(local.article.clone());
    incoming.annotations = file
        .annotations
        .iter()
        .cloned()
        .map(|mut a| {
            a.target.article_id = local.article.id.clone();
            if !file.format.trusted_positions() && utf16_to_chars(&index, &mut a.target.selectors) {
                converted_positions += 1;
            }
            a
        })
        .collect();
    incoming.tombstones = file.tombstones.clone();
    incoming.normalize();
    let report = MergeReport::preview(local, &incoming);
    let merged = merge(local, &incoming);
    let by_id: std::collections::HashMap<&AnnotationId, &Annotation> =
        merged.annotations.iter().map(|a| (&a.id, a)).collect();
    let changed: Vec<&Annotation> = report
        .new
        .iter()
        .chain(&report.updated)
        .chain(&report.conflicting)
        .filter_map(|id| by_id.get(id).copied())
        .collect();
    let anchorer = Anchorer::new(text);
    let anchored = anchorer.anchor_all(changed.iter().map(|a| &a.target.selectors));
    let unanchored = changed
        .iter()
        .zip(anchored)
        .filter(|(_, anchoring)| anchoring.is_orphan())
        .map(|(a, _)| a.id.clone())
        .collect();
    let other_article = file.article.clone().filter(|a| a.id != local.article.id);
    ImportPreview {
        format: file.format,
        incoming,
        report,
        unanchored,
        converted_positions,
        skipped: file.skipped.clone(),
        other_article,
    }
}

/// When the position selects the quote in UTF-16 units but not in code points, converts it.
/// Returns whether it did.
fn utf16_to_chars(index: &TextIndex<'_>, selectors: &mut Selectors) -> bool {
    let exact = &selectors.quote.exact;
    let position = selectors.position;
    if exact.is_empty() || index.char_len() == index.utf16_len() {
        return false;
    }
    if index.slice(position.span()) == exact {
        return false;
    }
    let start = index.utf16_to_char(Utf16Offset(position.start.0));
    let end = index.utf16_to_char(Utf16Offset(position.end.0));
    match (start, end) {
        (Some(start), Some(end)) if index.slice(CharSpan { start, end }) == exact => {
            selectors.position = TextPositionSelector { start, end };
            true
        }
        _ => false,
    }
}

/// Applies a previewed import: the merge of `local` and the file. Pass the document as it is now
/// (another tab may have changed it since the preview); the merge keeps the newest edit of every
/// field either way.
pub fn apply(local: &StoreDocument, preview: &ImportPreview) -> StoreDocument {
    merge(local, &preview.incoming)
}

/// Reads a file and previews it in one step.
///
/// # Errors
/// As [`read`].
pub fn read_and_preview(
    bytes: &[u8],
    local: &StoreDocument,
    text: &str,
    now: Timestamp,
) -> Result<ImportPreview, ImportError> {
    Ok(preview(local, &read(bytes, now)?, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TextQuoteSelector;
    use crate::text::CharOffset;

    #[test]
    fn utf16_positions_are_converted() {
        let text = "😀😀 rose 12% today";
        let index = TextIndex::new(text);
        // "12%" is at code points 8..11, UTF-16 units 10..13.
        let mut selectors = Selectors {
            quote: TextQuoteSelector { exact: "12%".into(), ..Default::default() },
            position: TextPositionSelector { start: CharOffset(10), end: CharOffset(13) },
        };
        assert!(utf16_to_chars(&index, &mut selectors));
        assert_eq!(selectors.position.span(), CharSpan::new(8, 11));
        assert!(!utf16_to_chars(&index, &mut selectors));
    }
}
