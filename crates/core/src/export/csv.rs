//! CSV export: one row per claim and source, for spreadsheets.
//!
//! A claim with three sources is three rows that repeat the claim's columns; a claim without
//! sources is one row with the source columns empty. Dismissed candidates are left out: a
//! spreadsheet is for the work, not the noise.
//!
//! So that it opens cleanly in a spreadsheet:
//! - the text starts with a UTF-8 byte order mark, which is how Excel knows it is UTF-8 (other
//!   programs, and the `csv` crate, skip it);
//! - every field that needs it is quoted by the `csv` crate (commas, quotes, newlines);
//! - rows end with CRLF, as RFC 4180 says;
//! - a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
//!   `'`, so that a spreadsheet shows it as text instead of running it as a formula (claims and
//!   notes can come from imported files, and "=HYPERLINK(...)" is an attack). Numbers, dates and
//!   ids are written as they are.
//!
//! ```
//! use claimmark_core::export::csv;
//! use claimmark_core::model::*;
//! use claimmark_core::store::{ArticleInfo, StoreDocument};
//! use claimmark_core::text::CharSpan;
//!
//! let text = "He said \"prices, rents\" fell.";
//! let now = Timestamp::parse("2024-05-01T09:30:00Z").unwrap();
//! let mut doc = StoreDocument::new(ArticleInfo::new("prices", "Prices", text));
//! let target = Target::describe("prices", text, CharSpan::new(8, 23));
//! doc.insert(Annotation::new_user(AnnotationId::from_random_bytes([4; 16]), target, ClaimKind::Quote, now));
//!
//! let out = csv::to_string(&doc);
//! let line = out.lines().nth(1).unwrap();
//! assert!(line.contains(r#","""prices, rents""","#)); // quoted, inner quotes doubled
//! ```

use ::csv::{QuoteStyle, Terminator, WriterBuilder};

use crate::model::Annotation;
use crate::store::StoreDocument;

/// The header row.
pub const HEADER: [&str; 22] = [
    "annotation_id",
    "article_id",
    "claim",
    "start",
    "end",
    "kind",
    "verdict",
    "rating",
    "note",
    "tags",
    "origin",
    "created",
    "modified",
    "source_number",
    "source_url",
    "source_title",
    "source_publisher",
    "source_excerpt",
    "source_accessed",
    "source_note",
    "prefix",
    "suffix",
];

/// What joins tags in the `tags` column.
pub const TAG_SEPARATOR: &str = "; ";

/// Makes a text cell safe from formula evaluation (see the module documentation).
pub fn text_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// The CSV text of the claims of `doc`, with a byte order mark and a header row.
pub fn to_string(doc: &StoreDocument) -> String {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&String::from_utf8(to_bytes(doc)).unwrap_or_default());
    out
}

/// The CSV of the claims of `doc`, without a byte order mark.
pub fn to_bytes(doc: &StoreDocument) -> Vec<u8> {
    let mut writer = WriterBuilder::new()
        .quote_style(QuoteStyle::Necessary)
        .terminator(Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail, and every row has the header's length.
    let _ = writer.write_record(HEADER);
    for a in doc.annotations.iter().filter(|a| !a.dismissed) {
        for row in rows(a) {
            let _ = writer.write_record(&row);
        }
    }
    writer.into_inner().unwrap_or_default()
}

fn rows(a: &Annotation) -> Vec<Vec<String>> {
    let quote = &a.target.selectors.quote;
    let position = a.target.selectors.position;
    let claim = vec![
        a.id.to_string(),
        a.target.article_id.clone(),
        text_cell(&quote.exact),
        position.start.0.to_string(),
        position.end.0.to_string(),
        a.kind.as_str().to_owned(),
        if a.verdict.is_rated() { a.verdict.label().to_owned() } else { String::new() },
        a.verdict.rating().map(|r| r.to_string()).unwrap_or_default(),
        text_cell(&a.note),
        text_cell(&a.tags.join(TAG_SEPARATOR)),
        match a.origin {
            crate::model::Origin::Detected => "detected".to_owned(),
            crate::model::Origin::User => "user".to_owned(),
        },
        a.created.to_rfc3339(),
        a.modified.to_rfc3339(),
    ];
    let context = [text_cell(&quote.prefix), text_cell(&quote.suffix)];
    if a.sources.is_empty() {
        let mut row = claim;
        row.extend(std::iter::repeat_n(String::new(), 7));
        row.extend(context);
        return vec![row];
    }
    a.sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut row = claim.clone();
            row.extend([
                (i + 1).to_string(),
                s.url.to_string(),
                text_cell(&s.title),
                text_cell(&s.publisher),
                text_cell(&s.excerpt),
                s.accessed.map(|d| d.to_string()).unwrap_or_default(),
                text_cell(&s.note),
            ]);
            row.extend(context.iter().cloned());
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(text_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text_cell("-5% drop"), "'-5% drop");
        assert_eq!(text_cell("plain"), "plain");
        assert_eq!(text_cell(""), "");
    }
}
