//! Articles parsed from scraped plain text.
//!
//! Text copied or scraped from a news site carries page furniture: the headline repeated, "Previous
//! article…" and "Next article…" links, share prompts. [`Article::parse`] finds the headline and the
//! byline, drops the furniture and keeps the paragraphs. The paragraphs are joined with a blank line
//! (`"\n\n"`) into [`Article::body`], the one text that every offset in claimmark indexes.
//!
//! ```
//! use claimmark_core::article::Article;
//! let text = "Title | By Someone\n\n\nTitle\n\nFirst.\n\nSecond.\n\nPrevious articleOld story\nNext articleNew story";
//! let article = Article::parse(text).unwrap();
//! assert_eq!(article.title, "Title");
//! assert_eq!(article.body, "First.\n\nSecond.");
//! assert_eq!(article.paragraphs[1].start.0, 8);
//! ```

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::text::{char_len, fingerprint, CharOffset, CharSpan};

/// What joins two paragraphs in [`Article::body`].
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// The largest article accepted, in bytes. Larger inputs are almost certainly not an article.
pub const MAX_ARTICLE_BYTES: usize = 64 * 1024 * 1024;

/// Why a text could not be read as an article.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("the article is empty: there is no text in it, only white space")]
    Empty,
    #[error("the article is not UTF-8 text: line {line}, byte {byte} starts an invalid sequence")]
    NotUtf8 { line: usize, byte: usize },
    #[error("the article is {bytes} bytes, over the limit of {limit} bytes")]
    TooLarge { bytes: usize, limit: usize },
}

/// One paragraph of an article and where it starts in the body text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub text: String,
    /// Start of the paragraph in [`Article::body`], in characters.
    pub start: CharOffset,
}

impl Paragraph {
    /// The paragraph's span in [`Article::body`].
    pub fn span(&self) -> CharSpan {
        CharSpan::new(self.start.0, self.start.0 + char_len(&self.text))
    }
}

/// A parsed article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// A stable id derived from the title (a slug), so that light edits of the text keep it.
    pub id: String,
    pub title: String,
    pub byline: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    /// The paragraphs joined by [`PARAGRAPH_SEPARATOR`]: the text all offsets index.
    pub body: String,
    /// FNV-1a fingerprint of [`Article::body`], to notice when the text changed.
    pub fingerprint: String,
    /// Where the article was published, when known.
    pub url: Option<String>,
}

impl Article {
    /// Reads an article from bytes, checking that they are UTF-8.
    ///
    /// # Errors
    /// [`ParseError::NotUtf8`] with the line and byte of the first invalid sequence, and the errors of
    /// [`Article::parse`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Article, ParseError> {
        Article::parse(utf8(bytes)?)
    }

    /// Parses scraped plain text: headline, byline, paragraphs, with furniture dropped.
    ///
    /// # Errors
    /// [`ParseError::Empty`] when there is no text, [`ParseError::TooLarge`] past
    /// [`MAX_ARTICLE_BYTES`].
    pub fn parse(text: &str) -> Result<Article, ParseError> {
        let mut blocks = blocks(text)?;
        blocks.retain(|b| !is_furniture(b));
        if blocks.is_empty() {
            return Err(ParseError::Empty);
        }
        let has_headline = blocks.len() > 1 && looks_like_headline(&blocks[0]);
        let (title, byline) = if has_headline {
            let first = blocks.remove(0);
            split_byline(&first)
        } else {
            (derive_title(&blocks[0]), None)
        };
        let byline = byline.or_else(|| {
            let is_byline = blocks.len() > 1 && looks_like_byline(&blocks[0]);
            is_byline.then(|| blocks.remove(0))
        });
        // The scraper repeats the headline above the body; drop exact repeats of it.
        if has_headline {
            let normalized_title = fold(&title);
            blocks.retain(|b| fold(b) != normalized_title);
        }
        if blocks.is_empty() {
            // A headline alone: keep it as the body rather than show nothing.
            blocks.push(title.clone());
        }
        Ok(Article::from_parts(title, byline, blocks))
    }

    /// Takes the whole text as body paragraphs, with no headline, byline or furniture detection.
    ///
    /// # Errors
    /// [`ParseError::Empty`] and [`ParseError::TooLarge`].
    pub fn parse_plain(text: &str) -> Result<Article, ParseError> {
        let blocks = blocks(text)?;
        let title = derive_title(&blocks[0]);
        Ok(Article::from_parts(title, None, blocks))
    }

    /// Builds an article from a title, a byline and paragraph texts.
    pub fn from_parts(title: String, byline: Option<String>, texts: Vec<String>) -> Article {
        let mut body = String::new();
        let mut paragraphs = Vec::with_capacity(texts.len());
        let mut start = 0;
        for (i, text) in texts.into_iter().enumerate() {
            if i > 0 {
                body.push_str(PARAGRAPH_SEPARATOR);
                start += PARAGRAPH_SEPARATOR.len();
            }
            body.push_str(&text);
            let len = char_len(&text);
            paragraphs.push(Paragraph { text, start: CharOffset(start) });
            start += len;
        }
        Article {
            id: slug(&title),
            fingerprint: fingerprint(&body),
            title,
            byline,
            paragraphs,
            body,
            url: None,
        }
    }

    /// The paragraph that contains a character offset, by index.
    pub fn paragraph_at(&self, at: CharOffset) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.start <= at);
        i.checked_sub(1).filter(|&i| at <= self.paragraphs[i].span().end)
    }
}

/// Checks that bytes are UTF-8 and says where they are not.
///
/// # Errors
/// [`ParseError::NotUtf8`] with the 1-based line and the byte offset of the bad sequence.
pub fn utf8(bytes: &[u8]) -> Result<&str, ParseError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let byte = e.valid_up_to();
        let line = 1 + bytes[..byte].iter().filter(|&&b| b == b'\n').count();
        ParseError::NotUtf8 { line, byte }
    })
}

/// Splits text into blocks: paragraphs separated by blank lines, or lines when there are no blank
/// lines at all (many scrapers write one paragraph per line).
fn blocks(text: &str) -> Result<Vec<String>, ParseError> {
    if text.len() > MAX_ARTICLE_BYTES {
        return Err(ParseError::TooLarge { bytes: text.len(), limit: MAX_ARTICLE_BYTES });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_matches(is_space)).collect();
    let has_blank_line = lines.windows(2).any(|w| !w[0].is_empty() && w[1].is_empty())
        && lines.iter().filter(|l| !l.is_empty()).count() > 1;
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in lines {
        if line.is_empty() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
            continue;
        }
        if has_blank_line {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
        } else {
            blocks.push(line.to_string());
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    if blocks.is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(blocks)
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Lines that scrapers pick up from the page around an article.
fn is_furniture(block: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "previous article",
        "next article",
        "previous post",
        "next post",
        "related articles",
        "related posts",
        "share this article",
        "share on ",
        "click here to",
        "follow us on",
        "subscribe to our",
    ];
    const WHOLE: &[&str] =
        &["advertisement", "share", "tweet", "read more", "related", "comments", "leave a reply"];
    let lower = block.to_lowercase();
    let lower = lower.trim();
    WHOLE.contains(&lower) || (block.len() < 300 && PREFIXES.iter().any(|p| lower.starts_with(p)))
}

fn looks_like_headline(block: &str) -> bool {
    let chars = char_len(block);
    chars <= 250 && !block.ends_with(['.', ',', ';', ':'])
}

fn looks_like_byline(block: &str) -> bool {
    let lower = block.to_lowercase();
    char_len(block) <= 120 && (lower.starts_with("by ") || lower.starts_with("— by "))
}

/// Splits "Headline | By Name" into the headline and the byline.
fn split_byline(first: &str) -> (String, Option<String>) {
    for sep in [" | ", " — ", " - "] {
        if let Some((title, rest)) = first.rsplit_once(sep) {
            if looks_like_byline(rest.trim()) {
                return (title.trim().to_string(), Some(rest.trim().to_string()));
            }
        }
    }
    (first.to_string(), None)
}

/// A title for text without a headline: its first words.
fn derive_title(block: &str) -> String {
    let words: Vec<&str> = block.split_whitespace().take(10).collect();
    let mut title = words.join(" ");
    if block.split_whitespace().nth(10).is_some() {
        title.push('…');
    }
    title
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A lowercase ASCII slug, at most 80 characters, never empty.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 80 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        format!("article-{}", &fingerprint(title)[..8])
    } else {
        out.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! t {
        ($name:ident, $input:expr, $title:expr, $byline:expr, $paras:expr) => {
            #[test]
            fn $name() {
                let a = Article::parse($input).unwrap();
                assert_eq!(a.title, $title);
                assert_eq!(a.byline.as_deref(), $byline);
                let texts: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
                let expected: &[&str] = &$paras;
                assert_eq!(texts, expected);
            }
        };
    }

    t!(headline_pipe_byline, "T | By X\n\nOne.\n\nTwo.", "T", Some("By X"), ["One.", "Two."]);
    t!(separate_byline, "T\n\nBy X Y\n\nOne.", "T", Some("By X Y"), ["One."]);
    t!(no_blank_lines, "T\nOne.\nTwo.", "T", None, ["One.", "Two."]);
    t!(crlf, "T\r\n\r\nOne\r\nstill one.\r\n\r\nTwo.\r\n", "T", None, ["One still one.", "Two."]);
    t!(repeated_title, "T | By X\n\nT\n\nOne.", "T", Some("By X"), ["One."]);
    t!(furniture, "T\n\nOne.\n\nPrevious articleA\nNext articleB", "T", None, ["One."]);
    t!(bom, "\u{feff}T\n\nOne.", "T", None, ["One."]);
    t!(sentence_first, "One sentence.\n\nTwo.", "One sentence.", None, ["One sentence.", "Two."]);
    t!(astral, "Emoji 😀 title\n\n😀 body 𝄞.", "Emoji 😀 title", None, ["😀 body 𝄞."]);
    t!(headline_only, "Just a headline", "Just a headline", None, ["Just a headline"]);

    #[test]
    fn empty_inputs() {
        assert_eq!(Article::parse(""), Err(ParseError::Empty));
        assert_eq!(Article::parse(" \n\r\n\t "), Err(ParseError::Empty));
        assert_eq!(Article::parse("Previous articleX"), Err(ParseError::Empty));
    }

    #[test]
    fn non_utf8_says_where() {
        let err = Article::from_bytes(b"ok\nline two \xff\xfe").unwrap_err();
        assert_eq!(err, ParseError::NotUtf8 { line: 2, byte: 12 });
        assert!(err.to_string().contains("line 2"));
    }

    #[test]
    fn offsets_index_the_body() {
        let a = Article::parse("T\n\nA😀b.\n\nSecond.").unwrap();
        let index = crate::text::TextIndex::new(&a.body);
        for p in &a.paragraphs {
            assert_eq!(index.slice(p.span()), p.text);
        }
        assert_eq!(a.paragraph_at(CharOffset(0)), Some(0));
        assert_eq!(a.paragraph_at(CharOffset(6)), Some(1));
    }

    #[test]
    fn very_long_article() {
        // About 12 MB, 200,000 paragraphs: parsed in one linear pass, offsets still exact.
        let paragraph = "Exports rose 14.2% to $277M in 2019, the ministry said 😀.";
        let mut text = String::from("A long report | By Someone\n\n");
        for _ in 0..200_000 {
            text.push_str(paragraph);
            text.push_str("\n\n");
        }
        let a = Article::parse(&text).unwrap();
        assert_eq!(a.paragraphs.len(), 200_000);
        let last = a.paragraphs.last().unwrap();
        let index = crate::text::TextIndex::new(&a.body);
        assert_eq!(index.slice(last.span()), paragraph);
        assert_eq!(last.span().end.0, index.char_len());
    }

    #[test]
    fn too_large_is_an_error() {
        let text = "x".repeat(MAX_ARTICLE_BYTES + 1);
        assert_eq!(
            Article::parse(&text),
            Err(ParseError::TooLarge { bytes: MAX_ARTICLE_BYTES + 1, limit: MAX_ARTICLE_BYTES })
        );
    }

    #[test]
    fn slug_is_ascii() {
        assert_eq!(slug("Evolving nature of Pak-Russia"), "evolving-nature-of-pak-russia");
        assert!(slug("😀😀").starts_with("article-"));
    }
}
