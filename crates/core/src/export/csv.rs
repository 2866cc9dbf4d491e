//! CSV export: one row per claim and source, for spreadsheets.
//!
//! A claim with three sources is three rows that repeat the claim's columns; a claim without
//! sources is one row with the source columns empty. Dismissed candidates are left out: a
//! spreadsheet is for the work, not the noise.
//!
//! So that it opens cleanly in a spreadsheet:
//! - the text starts with a UTF-8 byte order mark, which is how Excel knows it is UTF-8 (other
//!   programs, the `csv` crate among them, skip it);
//! - a field is quoted where it needs to be (it holds a comma, a double quote or a line break),
//!   with the quotes inside doubled ([`Table`], which the `csv` crate writes);
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

/// CSV text being written by the `csv` crate, as RFC 4180 has it: rows end with CRLF, and a field
/// is quoted only when it holds a comma, a double quote, a CR or an LF, with each double quote
/// inside doubled. Rows may have any length (the callers keep them to the header's).
#[derive(Debug)]
pub struct Table {
    writer: ::csv::Writer<Vec<u8>>,
}

impl Table {
    /// A table whose text starts with `start` (no bytes, or the byte order mark).
    fn starting_with(start: &str) -> Self {
        let writer = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(start.as_bytes().to_vec());
        Table { writer }
    }

    /// A table with no byte order mark.
    pub fn new() -> Self {
        Table::starting_with("")
    }

    /// A table whose text starts with the UTF-8 byte order mark (see the module documentation).
    pub fn with_byte_order_mark() -> Self {
        Table::starting_with("\u{FEFF}")
    }

    /// Adds a row.
    pub fn row<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        let fields: Vec<S> = fields.into_iter().collect();
        // Writing to memory cannot fail, and a flexible writer takes rows of any length.
        let _ = self.writer.write_record(fields.iter().map(AsRef::<str>::as_ref));
    }

    /// The text written.
    pub fn finish(self) -> String {
        // Flushing into memory cannot fail, and every field was a `str`.
        let bytes = self.writer.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

impl Default for Table {
    fn default() -> Self {
        Table::new()
    }
}

/// The CSV text of the claims of `doc`, with a byte order mark and a header row.
pub fn to_string(doc: &StoreDocument) -> String {
    let mut table = Table::with_byte_order_mark();
    table.row(HEADER);
    for a in doc.active() {
        for row in rows(a) {
            table.row(&row);
        }
    }
    table.finish()
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

    #[test]
    fn fields_are_quoted_where_they_need_to_be() {
        let mut table = Table::default();
        table.row(["plain", "a,b", "say \"hi\"", "two\nlines", "cr\r", "", "it's"]);
        table.row(["one"]);
        assert_eq!(
            table.finish(),
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",,it's\r\none\r\n"
        );
    }
}
