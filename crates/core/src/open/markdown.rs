//! Markdown files, read with `pulldown-cmark`: the first level-one heading is the headline,
//! paragraphs, list items, quotations and other headings are blocks, and only their text is kept
//! (a link is its text; code is its text; HTML in the Markdown is dropped, never run).

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// The headline, when there is a level-one heading, and the text blocks in order.
pub(super) fn blocks(text: &str) -> (Option<String>, Vec<String>) {
    let mut title = None;
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut in_title = false;
    let flush = |current: &mut String, blocks: &mut Vec<String>| {
        let block = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !block.is_empty() {
            blocks.push(block);
        }
        current.clear();
    };
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) if title.is_none() => {
                flush(&mut current, &mut blocks);
                in_title = true;
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if in_title => {
                let heading = current.split_whitespace().collect::<Vec<_>>().join(" ");
                title = (!heading.is_empty()).then_some(heading);
                current.clear();
                in_title = false;
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::CodeBlock(_))
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => flush(&mut current, &mut blocks),
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            _ => {}
        }
    }
    flush(&mut current, &mut blocks);
    (title, blocks)
}
