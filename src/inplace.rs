//! In-place mode: annotating a publisher's own article markup.
//!
//! The article is read from the host's paragraph elements (their text nodes, in order, joined by
//! the core's paragraph separator), so core offsets map straight back onto the host's text nodes.
//! Highlights are `<mark class="cm-hl">` elements wrapped around text-node ranges with
//! `Text.splitText`; the host's links, emphasis and images stay where they are, and nothing is ever
//! parsed as HTML. Removing the marks and normalising the paragraphs gives back the host's markup.
//!
//! A `MutationObserver` notices host changes (lazy-loaded paragraphs, edits). The records our own
//! painting causes are taken from the observer before it can see them, so painting never
//! triggers itself.

use std::cell::RefCell;
use std::rc::Rc;

use claimmark_core::article::{Article, PARAGRAPH_SEPARATOR};
use claimmark_core::checklist::ClaimItem;
use claimmark_core::model::ClaimKind;
use claimmark_core::text::{trim_span, CharSpan};
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, MutationObserver, MutationObserverInit, Node, Text};
use yew::prelude::*;

use crate::item_key::ItemKey;

/// Styles for highlights in host text. They are doubled-class selectors with `!important` and an
/// `all: unset` first, so that host rules such as `mark { background: none }` cannot undo them.
pub const HIGHLIGHT_CSS: &str = "\
mark.cm-hl.cm-hl{all:unset!important;display:inline!important;color:inherit!important;\
cursor:pointer!important;border-radius:2px!important;text-decoration-line:underline!important;\
text-decoration-thickness:2px!important;text-underline-offset:.22em!important;\
text-decoration-skip-ink:none!important;background:rgba(122,122,122,.14)!important}\
mark.cm-hl.cm-hl-kind-money{background:rgba(230,159,0,.18)!important;text-decoration-color:#b97f00!important;text-decoration-style:solid!important}\
mark.cm-hl.cm-hl-kind-percent{background:rgba(86,180,233,.2)!important;text-decoration-color:#2b86bd!important;text-decoration-style:double!important;text-decoration-thickness:3px!important}\
mark.cm-hl.cm-hl-kind-date{background:rgba(0,158,115,.14)!important;text-decoration-color:#007a59!important;text-decoration-style:dotted!important;text-decoration-thickness:3px!important}\
mark.cm-hl.cm-hl-kind-quote{background:rgba(204,121,167,.12)!important;text-decoration-color:#a8527f!important;text-decoration-style:dashed!important}\
mark.cm-hl.cm-hl-kind-trend{background:rgba(0,114,178,.12)!important;text-decoration-color:#0072b2!important;text-decoration-style:wavy!important;text-decoration-thickness:1.5px!important}\
mark.cm-hl.cm-hl-kind-other{text-decoration-color:#5e5e5e!important;text-decoration-style:solid!important;text-decoration-thickness:1px!important}\
mark.cm-hl.cm-hl.cm-hl-active{outline:2px solid #b45309!important;outline-offset:1px!important}\
mark.cm-hl.cm-hl-by-verdict.cm-hl-verdict-true,mark.cm-hl.cm-hl-by-verdict.cm-hl-verdict-mostly_true{background:rgba(0,158,115,.28)!important}\
mark.cm-hl.cm-hl-by-verdict.cm-hl-verdict-half_true{background:rgba(240,228,66,.45)!important}\
mark.cm-hl.cm-hl-by-verdict.cm-hl-verdict-misleading{background:rgba(230,159,0,.35)!important}\
mark.cm-hl.cm-hl-by-verdict.cm-hl-verdict-false{background:rgba(213,94,0,.35)!important}\
mark.cm-hl.cm-hl-by-verdict.cm-hl-verdict-unverifiable{background:rgba(120,120,120,.25)!important}\
mark.cm-hl.cm-hl-by-verdict.cm-hl-verdict-unrated{background:transparent!important}\
";

/// The attribute that holds a highlight's claim key in host text. It differs from the rendered
/// view's `data-key` so that lookups of one instance never find another's marks.
pub const KEY_ATTRIBUTE: &str = "data-cm-key";

/// Elements whose text is not article text.
fn skipped(element: &Element) -> bool {
    matches!(element.tag_name().as_str(), "SCRIPT" | "STYLE" | "NOSCRIPT" | "TEMPLATE" | "TEXTAREA")
        || element.has_attribute("data-claimmark-frame")
        || element.has_attribute("data-claimmark-skip")
}

/// The text nodes under `node`, in document order, without those of skipped elements.
pub fn text_nodes(node: &Node, out: &mut Vec<Text>) {
    let children = node.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else { continue };
        match child.node_type() {
            Node::TEXT_NODE => {
                if let Ok(text) = child.dyn_into::<Text>() {
                    out.push(text);
                }
            }
            Node::ELEMENT_NODE if child.dyn_ref::<Element>().is_some_and(|e| !skipped(e)) => {
                text_nodes(&child, out);
            }
            _ => {}
        }
    }
}

/// The article text of one host element.
pub fn text_of(element: &Element) -> String {
    let mut nodes = Vec::new();
    text_nodes(element, &mut nodes);
    nodes.iter().map(|t| t.data()).collect::<Vec<String>>().concat()
}

/// The paragraph elements under `root` that hold text: those matching `selector` that are not
/// inside another match.
pub fn paragraphs(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else { return Vec::new() };
    let mut out = Vec::new();
    for i in 0..list.length() {
        let Some(element) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let nested = element
            .parent_element()
            .and_then(|p| p.closest(selector).ok().flatten())
            .is_some_and(|outer| root.contains(Some(&outer)));
        let in_frame =
            element.closest("[data-claimmark-frame],[data-claimmark-skip]").ok().flatten().is_some();
        if !nested && !in_frame && !text_of(&element).trim().is_empty() {
            out.push(element);
        }
    }
    out
}

/// What the last paint drew, to repaint after the host removed marks.
#[derive(Clone)]
struct PaintInput {
    items: Rc<Vec<Rc<ClaimItem>>>,
    selected: Option<String>,
    by_verdict: bool,
}

struct HostInner {
    root: Element,
    selector: String,
    paragraphs: Vec<Element>,
    texts: Vec<String>,
    marks: Vec<Element>,
    last: Option<PaintInput>,
    observer: Option<MutationObserver>,
    _on_mutation: Option<Closure<dyn FnMut(js_sys::Array, MutationObserver)>>,
    _on_click: Option<EventListener>,
    timer: Option<Timeout>,
    onselect: Callback<String>,
    ontextchange: Callback<()>,
}

/// A host article element annotated in place. Equality is identity.
#[derive(Clone)]
pub struct HostArticle(Rc<RefCell<HostInner>>);

impl PartialEq for HostArticle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl HostArticle {
    /// Reads `root`'s paragraphs (elements matching `selector`) and starts watching it.
    pub fn new(root: Element, selector: &str) -> HostArticle {
        let host = HostArticle(Rc::new(RefCell::new(HostInner {
            root: root.clone(),
            selector: selector.to_owned(),
            paragraphs: Vec::new(),
            texts: Vec::new(),
            marks: Vec::new(),
            last: None,
            observer: None,
            _on_mutation: None,
            _on_click: None,
            timer: None,
            onselect: Callback::noop(),
            ontextchange: Callback::noop(),
        })));
        host.reread();
        let weak = Rc::downgrade(&host.0);
        let on_mutation = Closure::<dyn FnMut(js_sys::Array, MutationObserver)>::new(move |_, _| {
            let Some(inner) = weak.upgrade() else { return };
            // Host pages often change in bursts (a lazy loader adds several paragraphs).
            let again = Rc::downgrade(&inner);
            inner.borrow_mut().timer = Some(Timeout::new(120, move || {
                if let Some(inner) = again.upgrade() {
                    HostArticle(inner).host_changed();
                }
            }));
        });
        if let Ok(observer) = MutationObserver::new(on_mutation.as_ref().unchecked_ref()) {
            let init = MutationObserverInit::new();
            init.set_child_list(true);
            init.set_character_data(true);
            init.set_subtree(true);
            let _ = observer.observe_with_options(&root, &init);
            host.0.borrow_mut().observer = Some(observer);
        }
        let weak = Rc::downgrade(&host.0);
        let on_click = EventListener::new(&root, "click", move |e| {
            let Some(inner) = weak.upgrade() else { return };
            let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
            let mark = target.and_then(|t| t.closest("mark.cm-hl").ok().flatten());
            let inner = inner.borrow();
            if let Some(mark) = mark.filter(|m| inner.marks.contains(m)) {
                if let Some(key) = mark.get_attribute(KEY_ATTRIBUTE) {
                    let onselect = inner.onselect.clone();
                    drop(inner);
                    onselect.emit(key);
                }
            }
        });
        let mut inner = host.0.borrow_mut();
        inner._on_mutation = Some(on_mutation);
        inner._on_click = Some(on_click);
        drop(inner);
        host
    }

    fn reread(&self) {
        let mut inner = self.0.borrow_mut();
        inner.paragraphs = paragraphs(&inner.root, &inner.selector);
        inner.texts = inner.paragraphs.iter().map(text_of).collect();
    }

    /// The article the host shows now. `title` wins over the root's first heading.
    pub fn article(&self, title: Option<&str>) -> Article {
        let inner = self.0.borrow();
        let heading = inner
            .root
            .query_selector("h1, h2")
            .ok()
            .flatten()
            .map(|h| text_of(&h).trim().to_owned())
            .filter(|t| !t.is_empty());
        let title = title.map(str::to_owned).or(heading).unwrap_or_else(|| gloo::utils::document().title());
        Article::from_parts(title, None, inner.texts.clone())
    }

    pub fn set_onselect(&self, onselect: Callback<String>) {
        self.0.borrow_mut().onselect = onselect;
    }

    pub fn set_ontextchange(&self, ontextchange: Callback<()>) {
        self.0.borrow_mut().ontextchange = ontextchange;
    }

    /// Drops the mutation records our own DOM work caused.
    fn forget_own_mutations(&self) {
        if let Some(observer) = &self.0.borrow().observer {
            let _ = observer.take_records();
        }
    }

    fn host_changed(&self) {
        let before = self.0.borrow().texts.clone();
        self.unpaint();
        self.reread();
        let changed = self.0.borrow().texts != before;
        if changed {
            let ontextchange = self.0.borrow().ontextchange.clone();
            ontextchange.emit(());
        } else {
            let last = self.0.borrow().last.clone();
            if let Some(last) = last {
                self.paint(last.items, last.selected, last.by_verdict);
            }
        }
    }

    /// Removes every highlight and merges the text nodes it split, leaving the host's markup as it
    /// was.
    pub fn unpaint(&self) {
        let (marks, paragraphs) = {
            let mut inner = self.0.borrow_mut();
            (std::mem::take(&mut inner.marks), inner.paragraphs.clone())
        };
        for mark in marks.iter().rev() {
            let Some(parent) = mark.parent_node() else { continue };
            while let Some(child) = mark.first_child() {
                let _ = parent.insert_before(&child, Some(mark));
            }
            let _ = parent.remove_child(mark);
        }
        if !marks.is_empty() {
            for paragraph in &paragraphs {
                paragraph.normalize();
            }
        }
        self.forget_own_mutations();
    }

    /// Draws the highlights of `items`.
    pub fn paint(&self, items: Rc<Vec<Rc<ClaimItem>>>, selected: Option<String>, by_verdict: bool) {
        self.unpaint();
        let (paragraphs, texts) = {
            let inner = self.0.borrow();
            (inner.paragraphs.clone(), inner.texts.clone())
        };
        let separator = PARAGRAPH_SEPARATOR.chars().count();
        let mut starts = Vec::with_capacity(texts.len());
        let mut at = 0;
        for text in &texts {
            starts.push(at);
            at += text.chars().count() + separator;
        }
        let mut order: Vec<&ClaimItem> =
            items.iter().map(|i| &**i).filter(|i| !i.dismissed && i.span.is_some()).collect();
        // Longer spans first, so shorter ones nest inside them; the key makes the order total.
        order.sort_by_key(|&i| {
            let span = i.span.unwrap_or_default();
            (std::cmp::Reverse(span.end.0 - span.start.0), span.start.0, &i.key)
        });
        let document = gloo::utils::document();
        let mut marks = Vec::new();
        for item in order {
            let Some(span) = item.span else { continue };
            for (i, paragraph) in paragraphs.iter().enumerate() {
                let (p_start, p_len) = (starts[i], texts[i].chars().count());
                let (a, b) = (span.start.0.max(p_start), span.end.0.min(p_start + p_len));
                if a >= b {
                    continue;
                }
                let class = format!(
                    "cm-hl cm-hl-kind-{} cm-hl-verdict-{}{}{}",
                    item.kind.as_str(),
                    item.verdict.as_str(),
                    if by_verdict { " cm-hl-by-verdict" } else { "" },
                    if selected.as_deref() == Some(item.key.as_str()) { " cm-hl-active" } else { "" },
                );
                let title = match &item.value_label {
                    Some(value) => format!("{}: {value} ({})", item.kind.label(), item.verdict.label()),
                    None => format!("{} ({})", item.kind.label(), item.verdict.label()),
                };
                wrap(&document, paragraph, a - p_start, b - p_start, &mut marks, |mark| {
                    mark.set_class_name(&class);
                    let _ = mark.set_attribute(KEY_ATTRIBUTE, &item.key);
                    let _ = mark.set_attribute("title", &title);
                });
            }
        }
        let mut inner = self.0.borrow_mut();
        inner.marks = marks;
        inner.last = Some(PaintInput { items, selected, by_verdict });
        drop(inner);
        self.forget_own_mutations();
    }

    /// Scrolls the first highlight of `key` into view.
    pub fn reveal(&self, key: &str) {
        let inner = self.0.borrow();
        if let Some(mark) =
            inner.marks.iter().find(|m| m.get_attribute(KEY_ATTRIBUTE).as_deref() == Some(key))
        {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            mark.scroll_into_view_with_scroll_into_view_options(&options);
        }
    }

    /// The host's article element.
    pub fn root(&self) -> Element {
        self.0.borrow().root.clone()
    }

    /// The article text: the paragraphs joined as core joins them.
    fn body(&self) -> String {
        self.0.borrow().texts.join(PARAGRAPH_SEPARATOR)
    }

    /// The character offset in the article of a DOM point inside a text node of a paragraph.
    fn offset_of(&self, node: &Node, utf16: u32) -> Option<usize> {
        let inner = self.0.borrow();
        let mut start = 0;
        for (paragraph, text) in inner.paragraphs.iter().zip(&inner.texts) {
            if paragraph.contains(Some(node)) {
                let mut nodes = Vec::new();
                text_nodes(paragraph, &mut nodes);
                let mut at = 0;
                for t in nodes {
                    let data = t.data();
                    if t.unchecked_ref::<Node>() == node {
                        let mut units = 0;
                        let chars = data
                            .chars()
                            .take_while(|c| {
                                units += c.len_utf16() as u32;
                                units <= utf16
                            })
                            .count();
                        return Some(start + at + chars);
                    }
                    at += data.chars().count();
                }
                return None;
            }
            start += text.chars().count() + PARAGRAPH_SEPARATOR.chars().count();
        }
        None
    }

    /// The reader's selection in the article as a trimmed span, when there is one.
    pub fn selection_span(&self) -> Option<CharSpan> {
        let selection = gloo::utils::window().get_selection().ok()??;
        if selection.is_collapsed() || selection.range_count() == 0 {
            return None;
        }
        let range = selection.get_range_at(0).ok()?;
        let a = self.offset_of(&range.start_container().ok()?, range.start_offset().ok()?)?;
        let b = self.offset_of(&range.end_container().ok()?, range.end_offset().ok()?)?;
        let span = trim_span(&self.body(), CharSpan::new(a.min(b), a.max(b)));
        (!span.is_empty()).then_some(span)
    }

    /// The words of a span, to show them.
    pub fn words(&self, span: CharSpan) -> String {
        self.body().chars().skip(span.start.0).take(span.end.0 - span.start.0).collect()
    }

    /// Removes the highlights and stops watching: the host is as it was.
    pub fn teardown(&self) {
        self.unpaint();
        let mut inner = self.0.borrow_mut();
        if let Some(observer) = inner.observer.take() {
            observer.disconnect();
        }
        inner.timer = None;
        inner._on_click = None;
        inner._on_mutation = None;
    }
}

/// Wraps the characters `a..b` of `paragraph`'s text in marks, one per text node they cross.
fn wrap(
    document: &web_sys::Document,
    paragraph: &Element,
    a: usize,
    b: usize,
    marks: &mut Vec<Element>,
    dress: impl Fn(&Element),
) {
    let mut nodes = Vec::new();
    text_nodes(paragraph, &mut nodes);
    let mut at = 0;
    for node in nodes {
        let data = node.data();
        let len = data.chars().count();
        let (node_start, node_end) = (at, at + len);
        at = node_end;
        let (la, lb) = (a.max(node_start), b.min(node_end));
        if la >= lb {
            continue;
        }
        let utf16 = |chars: usize| -> u32 { data.chars().take(chars).map(|c| c.len_utf16() as u32).sum() };
        let (ua, ub) = (utf16(la - node_start), utf16(lb - node_start));
        let mut target = node;
        if ua > 0 {
            let Ok(rest) = target.split_text(ua) else { continue };
            target = rest;
        }
        if ub - ua < target.length() && target.split_text(ub - ua).is_err() {
            continue;
        }
        let (Some(parent), Ok(mark)) = (target.parent_node(), document.create_element("mark")) else {
            continue;
        };
        dress(&mark);
        if parent.insert_before(&mark, Some(&target)).is_ok() && mark.append_child(&target).is_ok() {
            marks.push(mark);
        }
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct HighlightsProps {
    pub host: HostArticle,
    pub items: Rc<Vec<Rc<ClaimItem>>>,
    #[prop_or_default]
    pub selected: Option<ItemKey>,
    #[prop_or_default]
    pub color_by_verdict: bool,
    /// Bumped on every selection; with `reveal`, the highlight is scrolled into view.
    #[prop_or_default]
    pub select_nonce: u32,
    #[prop_or_default]
    pub reveal: bool,
    #[prop_or_default]
    pub onselect: Callback<ItemKey>,
    /// Whether the reader may highlight new claims by selecting host text.
    #[prop_or_default]
    pub editable: bool,
    #[prop_or_default]
    pub onhighlight: Callback<(CharSpan, ClaimKind)>,
}

/// Paints the workspace's claims into the host article; renders nothing itself.
#[component]
pub fn Highlights(props: &HighlightsProps) -> Html {
    let onselect = props.onselect.clone();
    props.host.set_onselect(Callback::from(move |key: String| {
        if let Ok(key) = key.parse() {
            onselect.emit(key);
        }
    }));
    {
        let host = props.host.clone();
        use_effect_with(
            (props.items.clone(), props.selected.clone(), props.color_by_verdict),
            move |(items, selected, by_verdict)| {
                host.paint(items.clone(), selected.as_ref().map(ToString::to_string), *by_verdict)
            },
        );
    }
    {
        let (host, selected, reveal) = (props.host.clone(), props.selected.clone(), props.reveal);
        use_effect_with(props.select_nonce, move |_| {
            if let (Some(key), true) = (selected, reveal) {
                host.reveal(&key.to_string());
            }
        });
    }
    {
        let host = props.host.clone();
        use_effect_with((), move |_| move || host.unpaint());
    }
    // Selecting words in the host article offers them as a new claim, here in the sidebar.
    let pending = use_state(|| None::<(CharSpan, ClaimKind)>);
    {
        let (host, pending) = (props.host.clone(), pending.clone());
        use_effect_with(props.editable, move |editable| {
            let root = host.0.borrow().root.clone();
            let listeners: Vec<EventListener> = if *editable {
                ["mouseup", "keyup"]
                    .into_iter()
                    .map(|name| {
                        let (host, pending) = (host.clone(), pending.clone());
                        EventListener::new(&root, name, move |_| {
                            pending.set(host.selection_span().map(|span| (span, ClaimKind::Other)));
                        })
                    })
                    .collect()
            } else {
                Vec::new()
            };
            move || drop(listeners)
        });
    }
    let Some((span, kind)) = *pending else { return html! {} };
    if !props.editable {
        return html! {};
    }
    let onchange = {
        let pending = pending.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                pending.set(Some((span, ClaimKind::parse(&select.value()).unwrap_or(ClaimKind::Other))));
            }
        })
    };
    let highlight = {
        let (pending, onhighlight) = (pending.clone(), props.onhighlight.clone());
        Callback::from(move |_: MouseEvent| {
            onhighlight.emit((span, kind));
            pending.set(None);
        })
    };
    let cancel = {
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| pending.set(None))
    };
    let words = props.host.words(span);
    html! {
        <div class="cm-inplace-new" role="group" aria-label="New claim">
            <p class="cm-inplace-words">{ "Selected: “" }{ words }{ "”" }</p>
            <label for="cm-inplace-kind">{ "Claim kind" }</label>
            <select id="cm-inplace-kind" {onchange}>
                { for ClaimKind::ALL.iter().map(|k| html! {
                    <option value={k.as_str()} selected={*k == kind}>{ k.label() }</option>
                }) }
            </select>
            <button type="button" class="cm-button cm-primary" onclick={highlight}>{ "Highlight claim" }</button>
            <button type="button" class="cm-button" onclick={cancel}>{ "Cancel" }</button>
        </div>
    }
}
