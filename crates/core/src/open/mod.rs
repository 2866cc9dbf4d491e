//! Opening a reader's own article: pasted text or HTML, or a `.txt`, `.md` or `.html` file.
//!
//! The widget hands over what the reader gave it; this module decides what it is, refuses what
//! is not an article (with a sentence saying what is wrong), and builds the [`Article`] with its
//! publication date when the article states one. HTML is parsed by the browser's own parser
//! (`DOMParser`, which never runs scripts) into the neutral [`html::Node`] tree, and
//! [`html::extract`] turns that tree into headline, byline and paragraphs; Markdown is read with
//! `pulldown-cmark`.
//!
//! ```
//! use claimmark_core::open::{classify_file, FileKind, OpenError};
//! assert!(matches!(classify_file("notes.txt", b"Council spent $5M."), Ok(FileKind::Text(_))));
//! let err = classify_file("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
//! assert_eq!(err.to_string(), "photo.txt is not a text file: byte 8 is a NUL byte, as in a binary file");
//! assert!(matches!(classify_file("story.pdf", b"%PDF"), Err(OpenError::Unsupported { .. })));
//! ```

pub mod html;
mod markdown;

use thiserror::Error;

use crate::article::{Article, ParseError};
use crate::detect::{detect, ClaimKind, ClaimValue};
use crate::model::IsoDate;

/// The largest file or paste accepted, in bytes. localStorage holds about 5 MB per site in most
/// browsers, so a larger article could not be kept.
pub const MAX_OPEN_BYTES: usize = 2 * 1024 * 1024;

/// Why what the reader gave could not be opened as an article. Nothing is stored when this
/// happens.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum OpenError {
    #[error("there is nothing to open: the paste is empty")]
    EmptyPaste,
    #[error("{name} is empty: there is no text in it")]
    EmptyFile { name: String },
    #[error("{name} is {bytes} bytes, over the limit of {limit} bytes (2 MB)")]
    TooLarge { name: String, bytes: usize, limit: usize },
    #[error("{name} is not a text file: byte {byte} is a NUL byte, as in a binary file")]
    Binary { name: String, byte: usize },
    #[error("{name} is not UTF-8 text: line {line}, byte {byte} starts an invalid sequence")]
    NotUtf8 { name: String, line: usize, byte: usize },
    #[error("{name} is not a .txt, .md or .html file")]
    Unsupported { name: String },
    #[error("{name} has no article text: {reason}")]
    NoText { name: String, reason: String },
}

/// What kind of text a file holds, by its name, once its bytes are known to be text.
#[derive(Debug, PartialEq, Eq)]
pub enum FileKind<'a> {
    Text(&'a str),
    Markdown(&'a str),
    Html(&'a str),
}

/// Checks a file's size and bytes and tells its kind by its extension.
///
/// # Errors
/// [`OpenError::Unsupported`] for other extensions, [`OpenError::TooLarge`] over
/// [`MAX_OPEN_BYTES`], [`OpenError::Binary`] when it holds a NUL byte, [`OpenError::NotUtf8`] with
/// the line and byte of the first invalid sequence, [`OpenError::EmptyFile`] for white space only.
pub fn classify_file<'a>(name: &str, bytes: &'a [u8]) -> Result<FileKind<'a>, OpenError> {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, ext)| ext);
    if !matches!(ext, "txt" | "text" | "md" | "markdown" | "html" | "htm") {
        return Err(OpenError::Unsupported { name: name.to_owned() });
    }
    let text = check_bytes(name, bytes)?;
    Ok(match ext {
        "md" | "markdown" => FileKind::Markdown(text),
        "html" | "htm" => FileKind::Html(text),
        _ => FileKind::Text(text),
    })
}

/// Checks pasted text: size and emptiness.
///
/// # Errors
/// [`OpenError::EmptyPaste`], [`OpenError::TooLarge`].
pub fn check_paste(text: &str) -> Result<(), OpenError> {
    if text.trim().is_empty() {
        return Err(OpenError::EmptyPaste);
    }
    if text.len() > MAX_OPEN_BYTES {
        return Err(OpenError::TooLarge {
            name: "the paste".into(),
            bytes: text.len(),
            limit: MAX_OPEN_BYTES,
        });
    }
    Ok(())
}

fn check_bytes<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, OpenError> {
    if bytes.len() > MAX_OPEN_BYTES {
        return Err(OpenError::TooLarge { name: name.to_owned(), bytes: bytes.len(), limit: MAX_OPEN_BYTES });
    }
    if let Some(byte) = memchr::memchr(0, bytes) {
        return Err(OpenError::Binary { name: name.to_owned(), byte });
    }
    let text = crate::article::utf8(bytes).map_err(|e| match e {
        ParseError::NotUtf8 { line, byte } => OpenError::NotUtf8 { name: name.to_owned(), line, byte },
        _ => OpenError::EmptyFile { name: name.to_owned() },
    })?;
    if text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}').is_empty() {
        return Err(OpenError::EmptyFile { name: name.to_owned() });
    }
    Ok(text)
}

/// An article opened from a reader's input, with its publication date when the article states
/// one.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub article: Article,
    pub published: Option<IsoDate>,
}

/// Opens plain text: a dateline first ("Friday, January 4, 2019", as Wikinews writes it) is taken
/// as the publication date and dropped; otherwise a full date in the byline is the date.
///
/// # Errors
/// [`OpenError::NoText`] when no text is left.
pub fn open_text(name: &str, text: &str) -> Result<Opened, OpenError> {
    let no_text = |e: ParseError| OpenError::NoText { name: name.to_owned(), reason: e.to_string() };
    let mut article = Article::parse(text).map_err(no_text)?;
    let mut published = None;
    if article.paragraphs.len() > 1 {
        if let Some(date) = whole_date(&article.paragraphs[0].text) {
            published = Some(date);
            let rest = article.paragraphs.iter().skip(1).map(|p| p.text.clone()).collect();
            // A title derived from the dateline is no title: derive it again from what follows.
            let title_was_dateline = article.title.trim() == article.paragraphs[0].text.trim();
            let title = if title_was_dateline {
                Article::parse_plain(&article.paragraphs[1].text).map_err(no_text)?.title
            } else {
                article.title.clone()
            };
            article = Article {
                url: article.url.clone(),
                ..Article::from_parts(title, article.byline.clone(), rest)
            };
        } else if whole_date(&article.title).is_some() {
            published = whole_date(&article.title);
            let title = Article::parse_plain(&article.paragraphs[0].text).map_err(no_text)?.title;
            let texts = article.paragraphs.iter().map(|p| p.text.clone()).collect();
            article = Article::from_parts(title, article.byline.clone(), texts);
        }
    }
    if published.is_none() {
        published = article.byline.as_deref().and_then(first_full_date);
    }
    Ok(Opened { article, published })
}

/// Opens a Markdown file: `#` headings, paragraphs, list items and quotations become the article.
///
/// # Errors
/// [`OpenError::NoText`] when it holds no text.
pub fn open_markdown(name: &str, text: &str) -> Result<Opened, OpenError> {
    open_text(name, &markdown_text(text))
}

/// Markdown as the plain text [`open_text`] reads: the headline, then one block per paragraph,
/// separated by blank lines. The widget calls it in `claimmark-io`, the module loaded on demand,
/// so that the Markdown parser is not part of the app page's first download.
pub fn markdown_text(text: &str) -> String {
    let (title, blocks) = markdown::blocks(text);
    match title {
        Some(title) => format!("{title}\n\n{}", blocks.join("\n\n")),
        None => blocks.join("\n\n"),
    }
}

/// The date when a block is nothing but a full date (a dateline).
fn whole_date(block: &str) -> Option<IsoDate> {
    let block = block.trim();
    if block.len() > 60 {
        return None;
    }
    let claims = detect(block);
    let [claim] = claims.as_slice() else { return None };
    let rest: String = block.chars().filter(|c| c.is_alphanumeric()).collect();
    let covered: String = claim.text.chars().filter(|c| c.is_alphanumeric()).collect();
    let weekday =
        rest.len() > covered.len() && WEEKDAYS.iter().any(|d| block.to_ascii_lowercase().starts_with(d));
    if covered != rest && !weekday {
        return None;
    }
    full_date(&claim.value)
}

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The first date with year, month and day in `text`.
pub fn first_full_date(text: &str) -> Option<IsoDate> {
    detect(text).iter().filter(|c| c.kind == ClaimKind::Date).find_map(|c| full_date(&c.value))
}

fn full_date(value: &ClaimValue) -> Option<IsoDate> {
    match value {
        ClaimValue::Date { start, end: None, .. } => {
            let (year, month, day) = (start.year?, start.month?, start.day?);
            IsoDate::parse(&format!("{year:04}-{month:02}-{day:02}")).ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wikinews_dateline_is_the_publication_date_not_the_title() {
        let text = "Friday, January 4, 2019 \n\nAn apartment building collapsed on Monday in Magnitogorsk.\n\nRescuers worked.";
        let opened = open_text("paste", text).unwrap();
        assert_eq!(opened.published.map(|d| d.to_string()).as_deref(), Some("2019-01-04"));
        assert!(opened.article.title.starts_with("An apartment building"), "{}", opened.article.title);
        assert!(!opened.article.body.contains("Friday"));
    }

    #[test]
    fn a_date_in_the_byline_is_the_publication_date() {
        let text = "Council votes budget\n\nBy Ana Ruiz, March 3, 2024\n\nThe council spent $5M.";
        let opened = open_text("paste", text).unwrap();
        assert_eq!(opened.published.map(|d| d.to_string()).as_deref(), Some("2024-03-03"));
    }

    #[test]
    fn no_date_is_invented() {
        let text = "Council votes budget\n\nThe council spent $5M in 2019.";
        assert_eq!(open_text("paste", text).unwrap().published, None);
    }

    #[test]
    fn bad_input_says_what_is_wrong() {
        assert_eq!(check_paste("  \n ").unwrap_err(), OpenError::EmptyPaste);
        let big = "a".repeat(MAX_OPEN_BYTES + 1);
        assert!(matches!(check_paste(&big), Err(OpenError::TooLarge { .. })));
        let err = classify_file("a.txt", b"ok\n\xff\xfe").unwrap_err();
        assert_eq!(err.to_string(), "a.txt is not UTF-8 text: line 2, byte 3 starts an invalid sequence");
        assert_eq!(
            classify_file("a.html", b" \n").unwrap_err().to_string(),
            "a.html is empty: there is no text in it"
        );
        assert!(classify_file("A.HTML", b"<p>x</p>").is_ok());
    }

    #[test]
    fn markdown_headings_and_lists_become_the_article() {
        let md = "# Council votes budget\n\nThe council spent **$5M** on [roads](https://example.org).\n\n- One item\n- Two items\n";
        let opened = open_markdown("a.md", md).unwrap();
        assert_eq!(opened.article.title, "Council votes budget");
        let texts: Vec<&str> = opened.article.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["The council spent $5M on roads.", "One item", "Two items"]);
    }
}
