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
//!   with the quotes inside doubled ([`Table`]);
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

/// CSV text being written, as RFC 4180 has it: rows end with CRLF, and a field is quoted only
/// when it holds a comma, a double quote, a CR or an LF, with each double quote inside doubled.
///
/// Written here rather than with the `csv` crate, whose writer brings the standard library's
/// float parser and its tables into the wasm download (it parses fields as numbers for a quoting
/// style claimmark does not use): 24 KB, 18 KB gzipped. The tests read what this writes with the
/// `csv` crate.
#[derive(Debug, Default)]
pub struct Table {
    text: String,
}

impl Table {
    /// A table whose text starts with the UTF-8 byte order mark (see the module documentation).
    pub fn with_byte_order_mark() -> Self {
        Table { text: String::from("\u{FEFF}") }
    }

    /// Adds a row.
    pub fn row<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            let field = field.as_ref();
            if field.contains([',', '"', '\r', '\n']) {
                self.text.push('"');
                self.text.push_str(&field.replace('"', "\"\""));
                self.text.push('"');
            } else {
                self.text.push_str(field);
            }
        }
        self.text.push_str("\r\n");
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.text
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
        table.row(Vec::<String>::new());
        assert_eq!(table.finish(), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",,it's\r\n\r\n");
    }
}
