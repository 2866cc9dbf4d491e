//! HTML pages into articles.
//!
//! The widget parses HTML with the browser's `DOMParser` (a document that never runs scripts or
//! loads images) and copies it into this neutral tree; [`extract`] decides, without a DOM, what
//! the article is:
//!
//! - the root is the page's largest `article` element, else `main`, else the body;
//! - script, style, navigation, forms, asides, footers, figures and their captions, hidden
//!   elements and other page furniture are dropped; link text is kept;
//! - the headline is the first `h1` (else `og:title`, else `<title>`), the byline an element
//!   marked as one (`rel=author`, `itemprop=author`, a class or id with "byline" or "author"),
//!   else `<meta name=author>`;
//! - the publication date is `article:published_time`, `itemprop=datePublished`, or the first
//!   `<time datetime>`, and the address `link rel=canonical` or `og:url`, http(s) only.
//!
//! ```
//! use claimmark_core::open::html::{extract, Node};
//! let page = Node::element("html", &[], vec![Node::element("body", &[], vec![
//!     Node::element("nav", &[], vec![Node::text("Home | World")]),
//!     Node::element("article", &[], vec![
//!         Node::element("h1", &[], vec![Node::text("Council votes budget")]),
//!         Node::element("p", &[], vec![Node::text("It spent "), Node::element("a", &[("href", "/x")], vec![Node::text("$5M")]), Node::text(".")]),
//!         Node::element("script", &[], vec![Node::text("alert(1)")]),
//!     ]),
//! ])]);
//! let opened = extract("page.html", &page).unwrap();
//! assert_eq!(opened.article.title, "Council votes budget");
//! assert_eq!(opened.article.body, "It spent $5M.");
//! ```

use crate::article::Article;
use crate::model::{IsoDate, SourceUrl};

use super::{OpenError, Opened};

/// A node of a parsed HTML document: an element (lowercase name, attributes, children) or text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element { name: String, attrs: Vec<(String, String)>, children: Vec<Node> },
    Text(String),
}

impl Node {
    pub fn element(name: &str, attrs: &[(&str, &str)], children: Vec<Node>) -> Node {
        Node::Element {
            name: name.to_ascii_lowercase(),
            attrs: attrs.iter().map(|(k, v)| (k.to_ascii_lowercase(), (*v).to_owned())).collect(),
            children,
        }
    }
    pub fn text(text: &str) -> Node {
        Node::Text(text.to_owned())
    }

    fn name(&self) -> &str {
        match self {
            Node::Element { name, .. } => name,
            Node::Text(_) => "",
        }
    }

    fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Node::Element { attrs, .. } => attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()),
            Node::Text(_) => None,
        }
    }

    fn children(&self) -> &[Node] {
        match self {
            Node::Element { children, .. } => children,
            Node::Text(_) => &[],
        }
    }

    /// Every element below this one, depth first, furniture included.
    fn descendants(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        let mut stack: Vec<&Node> = self.children().iter().rev().collect();
        while let Some(node) = stack.pop() {
            if let Node::Element { children, .. } = node {
                out.push(node);
                stack.extend(children.iter().rev());
            }
        }
        out
    }

    /// The text below this node with white space collapsed, furniture left out.
    fn text_content(&self) -> String {
        let mut out = String::new();
        collect_text(self, &mut out);
        collapse(&out)
    }
}

/// Elements dropped with everything in them.
const FURNITURE: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "footer",
    "form",
    "button",
    "select",
    "textarea",
    "input",
    "label",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "video",
    "audio",
    "figure",
    "figcaption",
    "menu",
    "dialog",
    "head",
    "picture",
    "img",
    "map",
];

/// Landmark roles of page furniture.
const FURNITURE_ROLES: &[&str] =
    &["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert", "menu"];

/// Elements whose start and end separate paragraphs.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "address",
    "hr",
    "body",
];

fn is_furniture(node: &Node) -> bool {
    let Node::Element { name, .. } = node else { return false };
    if FURNITURE.contains(&name.as_str()) || node.attr("hidden").is_some() {
        return true;
    }
    if node.attr("aria-hidden") == Some("true") {
        return true;
    }
    node.attr("role").is_some_and(|r| FURNITURE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
}

fn collect_text(node: &Node, out: &mut String) {
    match node {
        Node::Text(t) => out.push_str(t),
        Node::Element { name, children, .. } => {
            if is_furniture(node) {
                return;
            }
            if name == "br" {
                out.push(' ');
            }
            for child in children {
                collect_text(child, out);
            }
        }
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_byline(node: &Node) -> bool {
    let marked = |v: Option<&str>| {
        v.is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("byline") || v.split([' ', '-', '_']).any(|w| w == "author")
        })
    };
    node.attr("rel") == Some("author")
        || node.attr("itemprop") == Some("author")
        || marked(node.attr("class"))
        || marked(node.attr("id"))
}

/// Walks the article root, one paragraph per block, the byline noted where it is marked.
struct Walker {
    paragraphs: Vec<String>,
    current: String,
    byline: Option<String>,
}

impl Walker {
    fn flush(&mut self) {
        let block = collapse(&self.current);
        if !block.is_empty() {
            self.paragraphs.push(block);
        }
        self.current.clear();
    }

    fn walk(&mut self, node: &Node) {
        match node {
            Node::Text(t) => self.current.push_str(t),
            Node::Element { name, children, .. } => {
                if is_furniture(node) {
                    return;
                }
                if self.byline.is_none() && is_byline(node) {
                    let text = node.text_content();
                    if !text.is_empty() && text.chars().count() <= 200 {
                        self.flush();
                        self.byline = Some(text);
                        return;
                    }
                }
                if name == "br" {
                    self.current.push(' ');
                }
                let block = BLOCKS.contains(&name.as_str());
                if block {
                    self.flush();
                }
                for child in children {
                    self.walk(child);
                }
                if block {
                    self.flush();
                }
            }
        }
    }
}

/// The page's article: its largest `article`, else `main`, else the body, else the whole page.
fn article_root(page: &Node) -> &Node {
    let all = page.descendants();
    let largest = |name: &str| {
        all.iter()
            .filter(|n| n.name() == name && !is_furniture(n))
            .max_by_key(|n| n.text_content().len())
            .copied()
    };
    largest("article").or_else(|| largest("main")).or_else(|| largest("body")).unwrap_or(page)
}

fn meta<'a>(all: &[&'a Node], keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|key| {
        all.iter()
            .find(|n| n.name() == "meta" && (n.attr("property") == Some(key) || n.attr("name") == Some(key)))
            .and_then(|n| n.attr("content"))
            .filter(|c| !c.trim().is_empty())
    })
}

/// A date from the first ten characters of a machine-readable timestamp (`2019-01-04T10:00Z`).
fn date_prefix(value: &str) -> Option<IsoDate> {
    let value = value.trim();
    value.get(..10).and_then(|d| IsoDate::parse(d).ok())
}

/// Builds the article a parsed page holds.
///
/// # Errors
/// [`OpenError::NoText`] when, with the furniture dropped, the page has no text.
pub fn extract(name: &str, page: &Node) -> Result<Opened, OpenError> {
    let all = page.descendants();
    let root = article_root(page);
    let mut walker = Walker { paragraphs: Vec::new(), current: String::new(), byline: None };
    walker.walk(root);
    walker.flush();
    let mut paragraphs = walker.paragraphs;
    if paragraphs.is_empty() {
        return Err(OpenError::NoText {
            name: name.to_owned(),
            reason: "with scripts, navigation and other page furniture left out, no text remains".into(),
        });
    }
    let heading = root
        .descendants()
        .into_iter()
        .find(|n| n.name() == "h1" && !is_furniture(n))
        .map(Node::text_content)
        .filter(|t| !t.is_empty());
    let title_element = all.iter().find(|n| n.name() == "title").map(|n| {
        let mut out = String::new();
        for child in n.children() {
            collect_text(child, &mut out);
        }
        collapse(&out)
    });
    let title = heading
        .clone()
        .or_else(|| meta(&all, &["og:title"]).map(collapse))
        .or_else(|| title_element.filter(|t| !t.is_empty()))
        .unwrap_or_else(|| {
            crate::article::Article::parse_plain(&paragraphs[0]).map(|a| a.title).unwrap_or_default()
        });
    // The headline is the title, not a paragraph.
    if heading.is_some() {
        if let Some(i) = paragraphs.iter().position(|p| *p == title) {
            paragraphs.remove(i);
        }
    }
    if paragraphs.is_empty() {
        paragraphs.push(title.clone());
    }
    let byline = walker.byline.or_else(|| meta(&all, &["author"]).map(|a| format!("By {}", collapse(a))));
    let published = meta(&all, &["article:published_time", "datePublished", "date", "dc.date"])
        .and_then(date_prefix)
        .or_else(|| {
            all.iter()
                .find(|n| n.attr("itemprop") == Some("datePublished"))
                .and_then(|n| n.attr("datetime").or(n.attr("content")).and_then(date_prefix))
        })
        .or_else(|| {
            root.descendants()
                .into_iter()
                .find_map(|n| (n.name() == "time").then(|| n.attr("datetime")).flatten())
                .and_then(date_prefix)
        })
        .or_else(|| byline.as_deref().and_then(super::first_full_date));
    let canonical = all
        .iter()
        .find(|n| {
            n.name() == "link"
                && n.attr("rel")
                    .is_some_and(|r| r.split_whitespace().any(|w| w.eq_ignore_ascii_case("canonical")))
        })
        .and_then(|n| n.attr("href"))
        .or_else(|| meta(&all, &["og:url"]));
    let url = canonical.and_then(|u| SourceUrl::parse(u.trim()).ok()).map(|u| u.as_str().to_owned());
    let mut article = Article::from_parts(title, byline, paragraphs);
    article.url = url;
    Ok(Opened { article, published })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Node {
        Node::element("p", &[], vec![Node::text(text)])
    }

    #[test]
    fn furniture_is_dropped_and_link_text_kept() {
        let page = Node::element(
            "body",
            &[],
            vec![
                Node::element("header", &[("role", "banner")], vec![Node::text("Daily News")]),
                Node::element(
                    "main",
                    &[],
                    vec![
                        Node::element("h1", &[], vec![Node::text("Flood closes bridge")]),
                        Node::element("div", &[("class", "story-byline")], vec![Node::text("By Ana Ruiz")]),
                        Node::element(
                            "figure",
                            &[],
                            vec![Node::element("figcaption", &[], vec![Node::text("The bridge.")])],
                        ),
                        p("The bridge closed on Monday."),
                        Node::element(
                            "p",
                            &[],
                            vec![
                                Node::text("Repairs cost "),
                                Node::element(
                                    "a",
                                    &[("href", "javascript:alert(1)")],
                                    vec![Node::text("$2M")],
                                ),
                                Node::text("."),
                            ],
                        ),
                        Node::element("aside", &[], vec![p("Read more")]),
                        Node::element("style", &[], vec![Node::text("p{color:red}")]),
                    ],
                ),
                Node::element("footer", &[], vec![p("© Daily News")]),
            ],
        );
        let opened = extract("x", &page).unwrap();
        assert_eq!(opened.article.title, "Flood closes bridge");
        assert_eq!(opened.article.byline.as_deref(), Some("By Ana Ruiz"));
        assert_eq!(opened.article.body, "The bridge closed on Monday.\n\nRepairs cost $2M.");
        assert_eq!(opened.published, None);
    }

    #[test]
    fn dates_and_addresses_come_from_the_page_metadata() {
        let page = Node::element(
            "html",
            &[],
            vec![
                Node::element(
                    "head",
                    &[],
                    vec![
                        Node::element(
                            "meta",
                            &[("property", "article:published_time"), ("content", "2019-01-04T08:00:00Z")],
                            vec![],
                        ),
                        Node::element(
                            "link",
                            &[("rel", "canonical"), ("href", "https://news.example/flood")],
                            vec![],
                        ),
                    ],
                ),
                Node::element("body", &[], vec![Node::element("article", &[], vec![p("Text.")])]),
            ],
        );
        let opened = extract("x", &page).unwrap();
        assert_eq!(opened.published.unwrap().to_string(), "2019-01-04");
        assert_eq!(opened.article.url.as_deref(), Some("https://news.example/flood"));
        let time = Node::element(
            "article",
            &[],
            vec![
                Node::element("time", &[("datetime", "2020-02-29")], vec![Node::text("Feb 29")]),
                p("Text."),
            ],
        );
        assert_eq!(extract("x", &time).unwrap().published.unwrap().to_string(), "2020-02-29");
    }

    #[test]
    fn javascript_addresses_are_never_the_article_url() {
        let page = Node::element(
            "html",
            &[],
            vec![
                Node::element("link", &[("rel", "canonical"), ("href", "javascript:alert(1)")], vec![]),
                Node::element("body", &[], vec![p("Text.")]),
            ],
        );
        assert_eq!(extract("x", &page).unwrap().article.url, None);
    }

    #[test]
    fn a_page_of_furniture_only_is_refused() {
        let page = Node::element(
            "body",
            &[],
            vec![
                Node::element("script", &[], vec![Node::text("window.canary()")]),
                Node::element("nav", &[], vec![p("Home")]),
            ],
        );
        let err = extract("page.html", &page).unwrap_err();
        assert!(err.to_string().starts_with("page.html has no article text"), "{err}");
    }

    #[test]
    fn the_largest_article_is_the_root() {
        let page = Node::element(
            "body",
            &[],
            vec![
                Node::element("article", &[], vec![p("Teaser.")]),
                Node::element("article", &[], vec![p("The long story, with many more words in it.")]),
            ],
        );
        assert_eq!(extract("x", &page).unwrap().article.body, "The long story, with many more words in it.");
    }
}
