//! Export and import: getting a fact-check out of the browser, and other tools' work in.
//!
//! Four formats go out, all pure functions of a [`StoreDocument`] plus the few facts about the
//! article that the storage document does not keep ([`ArticleDetails`]: its url, author and
//! publication date):
//!
//! - [`w3c`]: W3C Web Annotation JSON-LD, an `AnnotationCollection` for other annotation tools
//!   and researchers. Nothing is lost: importing it again gives the same annotations.
//! - [`claimreview`]: schema.org `ClaimReview` JSON-LD, one per rated claim, to paste into a
//!   `<script type="application/ld+json">` tag for search engines and fact-check aggregators.
//! - [`csv`]: one row per claim and source, for spreadsheets.
//! - the backup: the storage document itself ([`StoreDocument::to_json_pretty`]).
//!
//! [`import`] reads our backup, our W3C export, other tools' W3C Web Annotation JSON-LD and the
//! Hypothesis API's JSON, previews what merging it would do, and applies it only when asked.
//!
//! [`export`] picks the format by name, which is what the widget's Export button and the
//! `claimmark export` command need:
//!
//! ```
//! use claimmark_core::export::{export, ArticleDetails, ExportFormat};
//! use claimmark_core::model::*;
//! use claimmark_core::store::{ArticleInfo, StoreDocument};
//!
//! let text = "Spending rose to $277M in 2019, the council said.";
//! let now = Timestamp::parse("2024-05-01T09:30:00Z").unwrap();
//! let mut doc = StoreDocument::new(ArticleInfo::new("council-budget", "Council budget", text));
//! let target = Target::describe("council-budget", text, claimmark_core::text::CharSpan::new(17, 22));
//! let mut annotation = Annotation::new_user(AnnotationId::from_random_bytes([1; 16]), target, ClaimKind::Money, now);
//! annotation.set_verdict(Verdict::False, now.plus_millis(1));
//! doc.insert(annotation);
//!
//! let details = ArticleDetails { url: Some("https://news.example/budget".into()), ..Default::default() };
//! let csv = export(&doc, &details, ExportFormat::Csv, None);
//! assert!(csv.text.contains("$277M"));
//! assert_eq!(csv.file_name, "council-budget.claims.csv");
//! let w3c = export(&doc, &details, ExportFormat::Annotations, None);
//! assert!(w3c.text.contains("\"motivation\": \"assessing\""));
//! ```

pub mod claimreview;
pub mod csv;
pub mod import;
pub mod w3c;

use crate::model::{IsoDate, SourceUrl};
use crate::store::StoreDocument;

/// What export needs to know about the article beyond the storage document's id, title and
/// fingerprint. Everything is optional: the widget knows the url of the page it is on, the CLI
/// only what it is told.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleDetails {
    /// Where the article is published. Used as the W3C target source and ClaimReview
    /// `appearance` when it is an http or https url.
    pub url: Option<String>,
    /// Who wrote the article (a byline such as "By A. Writer"; the "By" is dropped), the
    /// ClaimReview claim's author unless a claim names its speaker.
    pub author: Option<String>,
    /// When the article was published: the ClaimReview claim's `datePublished`.
    pub published: Option<IsoDate>,
}

impl ArticleDetails {
    /// The details of a parsed article: its url and byline.
    pub fn from_article(article: &crate::article::Article) -> ArticleDetails {
        ArticleDetails { url: article.url.clone(), author: article.byline.clone(), published: None }
    }

    /// The url, if it is a safe http or https url.
    pub(crate) fn web_url(&self) -> Option<SourceUrl> {
        self.url.as_deref().and_then(|u| SourceUrl::parse(u).ok())
    }

    /// The author's name without a leading "By".
    pub(crate) fn author_name(&self) -> Option<String> {
        let author = self.author.as_deref()?.trim();
        let author = match author.get(..3) {
            Some(by) if by.eq_ignore_ascii_case("by ") => author[3..].trim_start(),
            _ => author,
        };
        (!author.is_empty()).then(|| author.to_owned())
    }
}

/// The formats [`export`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// W3C Web Annotation JSON-LD ([`w3c`]).
    Annotations,
    /// schema.org ClaimReview JSON-LD ([`claimreview`]).
    ClaimReview,
    /// CSV, one row per claim and source ([`csv`]).
    Csv,
    /// The storage document, versioned: a full backup.
    Backup,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 4] =
        [ExportFormat::Annotations, ExportFormat::ClaimReview, ExportFormat::Csv, ExportFormat::Backup];

    /// The name used on the command line (`annotations`, `claimreview`, `csv`, `backup`).
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Annotations => "annotations",
            ExportFormat::ClaimReview => "claimreview",
            ExportFormat::Csv => "csv",
            ExportFormat::Backup => "backup",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Annotations => "W3C Web Annotations (JSON-LD)",
            ExportFormat::ClaimReview => "ClaimReview (JSON-LD)",
            ExportFormat::Csv => "Spreadsheet (CSV)",
            ExportFormat::Backup => "Full backup (JSON)",
        }
    }

    pub fn parse(name: &str) -> Option<ExportFormat> {
        ExportFormat::ALL.into_iter().find(|f| f.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// The MIME type for a download.
    pub fn mime_type(self) -> &'static str {
        match self {
            ExportFormat::Annotations => "application/ld+json",
            ExportFormat::ClaimReview => "application/ld+json",
            ExportFormat::Csv => "text/csv;charset=utf-8",
            ExportFormat::Backup => "application/json",
        }
    }

    fn file_suffix(self) -> &'static str {
        match self {
            ExportFormat::Annotations => "annotations.jsonld",
            ExportFormat::ClaimReview => "claimreview.jsonld",
            ExportFormat::Csv => "claims.csv",
            ExportFormat::Backup => "claimmark-backup.json",
        }
    }
}

/// One export, ready for a download or the clipboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub format: ExportFormat,
    pub text: String,
    /// A file name for a download: `<article id>.<format>.<ext>`, safe on every file system.
    pub file_name: String,
    pub mime_type: &'static str,
    /// Things a person should fix before publishing (ClaimReview only; see
    /// [`claimreview::Warning`]).
    pub warnings: Vec<String>,
}

/// Exports `doc` in `format`. `claim_review` configures the publishing organisation for
/// [`ExportFormat::ClaimReview`]; without it the organisation is left unnamed and a warning says
/// so.
pub fn export(
    doc: &StoreDocument,
    details: &ArticleDetails,
    format: ExportFormat,
    claim_review: Option<&claimreview::ClaimReviewConfig>,
) -> Exported {
    let mut warnings = Vec::new();
    let text = match format {
        ExportFormat::Annotations => w3c::to_string(doc, details),
        ExportFormat::ClaimReview => {
            let default = claimreview::ClaimReviewConfig::default();
            let out = claimreview::export(doc, details, claim_review.unwrap_or(&default));
            warnings = out.warnings.iter().map(ToString::to_string).collect();
            out.to_string_pretty()
        }
        ExportFormat::Csv => csv::to_string(doc),
        ExportFormat::Backup => return export_backup(doc),
    };
    Exported {
        format,
        text,
        file_name: export_file_name(doc, format),
        mime_type: format.mime_type(),
        warnings,
    }
}

/// [`export`] in [`ExportFormat::Backup`], without the code of the other formats: the widget
/// writes backups itself and loads the other formats' code when they are asked for.
pub fn export_backup(doc: &StoreDocument) -> Exported {
    let format = ExportFormat::Backup;
    Exported {
        format,
        text: doc.to_json_pretty(),
        file_name: export_file_name(doc, format),
        mime_type: format.mime_type(),
        warnings: Vec::new(),
    }
}

/// The download name of `doc` exported in `format`: `<article id>.<format>.<ext>`.
pub fn export_file_name(doc: &StoreDocument, format: ExportFormat) -> String {
    format!("{}.{}", file_stem(&doc.article.id), format.file_suffix())
}

/// The article id reduced to characters that are safe in a file name.
fn file_stem(id: &str) -> String {
    let stem: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .take(80)
        .collect();
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        "article".to_owned()
    } else {
        stem.to_owned()
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters, for putting ids in URNs.
pub(crate) fn urn_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The inverse of [`urn_escape`]; `None` when the escapes are malformed or not UTF-8.
pub(crate) fn urn_unescape(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urn_escape_round_trips() {
        for s in ["plain-id_1.2~", "with space/and:colon", "ünï😀", "%41"] {
            assert_eq!(urn_unescape(&urn_escape(s)).as_deref(), Some(s));
        }
        assert_eq!(urn_unescape("%4"), None);
        assert_eq!(urn_unescape("%zz"), None);
    }

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(file_stem("council-budget"), "council-budget");
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("😀"), "article");
    }

    #[test]
    fn author_drops_by() {
        let d = ArticleDetails { author: Some("By A. Writer".into()), ..Default::default() };
        assert_eq!(d.author_name().as_deref(), Some("A. Writer"));
        let d = ArticleDetails { author: Some("  ".into()), ..Default::default() };
        assert_eq!(d.author_name(), None);
    }
}
