//! The boundary between the DOM and core offsets.
//!
//! The DOM counts UTF-16 code units; core counts characters. This module is the only place that
//! converts, through [`claimmark_core::text::TextIndex`].

use claimmark_core::text::{CharOffset, TextIndex, Utf16Offset};

/// Converts a DOM offset within `text` to a character offset, or `None` when it splits a
/// surrogate pair or lies past the end.
pub fn utf16_to_char(text: &str, at: u32) -> Option<CharOffset> {
    TextIndex::new(text).utf16_to_char(Utf16Offset(at as usize))
}

/// Converts a character offset within `text` to the DOM's UTF-16 offset.
pub fn char_to_utf16(text: &str, at: CharOffset) -> u32 {
    TextIndex::new(text).char_to_utf16(at).0 as u32
}

use claimmark_core::article::Article;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::item_key::ItemKey;

/// The character offset in the article body of a DOM point (as a selection gives it) inside the
/// article body element, whose children are the paragraphs with `data-index` attributes.
///
/// A point inside a surrogate pair is moved to the pair's start. `None` when the point is not
/// inside a paragraph.
pub fn body_offset(article: &Article, body: &Element, node: &Node, offset: u32) -> Option<CharOffset> {
    let paragraph = paragraph_of(body, node)?;
    let index: usize = paragraph.get_attribute("data-index")?.parse().ok()?;
    let text = &article.paragraphs.get(index)?.text;
    let range = gloo::utils::document().create_range().ok()?;
    range.set_start(&paragraph, 0).ok()?;
    range.set_end(node, offset).ok()?;
    let utf16 = range.to_string().length();
    let index16 = TextIndex::new(text);
    let mut at = utf16 as usize;
    let local = loop {
        if let Some(c) = index16.utf16_to_char(Utf16Offset(at)) {
            break c;
        }
        if at == 0 {
            return None;
        }
        at -= 1;
    };
    Some(CharOffset(article.paragraphs[index].start.0 + local.0))
}

/// The paragraph element (a child of `body` with `data-index`) that contains `node`.
pub fn paragraph_of(body: &Element, node: &Node) -> Option<Element> {
    let mut current = Some(node.clone());
    while let Some(n) = current {
        if let Some(element) = n.dyn_ref::<Element>() {
            if element.has_attribute("data-index") && body.contains(Some(element)) {
                return Some(element.clone());
            }
            if element == body {
                return None;
            }
        }
        current = n.parent_node();
    }
    None
}

/// The innermost claim highlight (`mark[data-key]`) around a node, and its key.
pub fn mark_key_of(node: &Node) -> Option<ItemKey> {
    let element = match node.dyn_ref::<Element>() {
        Some(e) => e.clone(),
        None => node.parent_element()?,
    };
    element.closest("mark[data-key]").ok().flatten()?.get_attribute("data-key")?.parse().ok()
}

/// Finds an element by an attribute value, quoting the value for the selector.
pub fn find_by_attribute(root: &Element, attribute: &str, value: &str) -> Option<Element> {
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    root.query_selector(&format!("[{attribute}=\"{escaped}\"]")).ok().flatten()
}
