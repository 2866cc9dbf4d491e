//! The article as a reading page, with claims highlighted as nested `<mark>` elements.
//!
//! The body is a read-only editing host (`contenteditable` with every edit refused), which is what
//! lets a keyboard user place a caret and select with Shift+arrows, as in a document. When text is
//! selected, a small bar with a kind picker and a "Highlight claim" button appears next to it;
//! Tab from the selection moves to the button.

use std::rc::Rc;

use claimmark_core::highlight::{layout, Segment};
use claimmark_core::model::{ClaimKind, Verdict};
use claimmark_core::text::{trim_span, CharSpan, TextIndex};
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlSelectElement};
use yew::prelude::*;

use crate::dom;
use crate::item_key::ItemKey;
use crate::state::ArticleRef;
use crate::state::ItemsRef;

#[derive(Properties, PartialEq, Clone)]
pub struct ArticleViewProps {
    pub article: ArticleRef,
    /// The claims to highlight (dismissed and orphaned ones are not shown).
    #[prop_or_default]
    pub items: ItemsRef,
    #[prop_or_default]
    pub selected: Option<ItemKey>,
    #[prop_or_default]
    pub color_by_verdict: bool,
    /// Whether readers may highlight new claims.
    #[prop_or_default]
    pub editable: bool,
    #[prop_or_default]
    pub onselect: Callback<ItemKey>,
    #[prop_or_default]
    pub onhighlight: Callback<(CharSpan, ClaimKind)>,
    /// The selected claim, when it is an orphan: a selection can re-attach it.
    #[prop_or_default]
    pub orphan: Option<(ItemKey, String)>,
    #[prop_or_default]
    pub onreattach: Callback<(ItemKey, CharSpan)>,
}

/// One highlight as a paragraph draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MarkSpec {
    key: String,
    kind: ClaimKind,
    verdict: Verdict,
    span: CharSpan,
    user: bool,
    title: String,
}

/// A selection waiting to become a claim.
#[derive(Debug, Clone, PartialEq)]
struct Pending {
    span: CharSpan,
    top: f64,
    left: f64,
    kind: ClaimKind,
}

#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let article = &props.article.0;
    let body_ref = use_node_ref();
    let wrap_ref = use_node_ref();
    let button_ref = use_node_ref();
    let pending = use_state(|| None::<Pending>);
    // The listener below outlives renders; it reads the newest items through this cell.
    let items_cell = use_mut_ref(|| props.items.0.clone());
    *items_cell.borrow_mut() = props.items.0.clone();

    // Highlights per paragraph, worked out again only when the highlights change.
    let buckets = use_memo((props.items.clone(), props.article.clone()), |(items, article)| {
        let article = &article.0;
        let mut buckets: Vec<Vec<MarkSpec>> = vec![Vec::new(); article.paragraphs.len()];
        for item in items.0.iter().filter(|i| !i.dismissed) {
            let Some(span) = item.span else { continue };
            let first = article.paragraph_at(span.start).unwrap_or(0);
            let last = article.paragraph_at(span.end).unwrap_or(first);
            let title = match &item.value_label {
                Some(value) => format!("{}: {value}", item.kind.label()),
                None => item.kind.label().to_owned(),
            };
            for bucket in buckets.iter_mut().take(last + 1).skip(first) {
                bucket.push(MarkSpec {
                    key: item.key.clone(),
                    kind: item.kind,
                    verdict: item.verdict,
                    span,
                    user: item.origin == claimmark_core::model::Origin::User,
                    title: title.clone(),
                });
            }
        }
        buckets.into_iter().map(Rc::new).collect::<Vec<_>>()
    });

    {
        // Watch the selection while the article is editable.
        let pending = pending.clone();
        let body_ref = body_ref.clone();
        let wrap_ref = wrap_ref.clone();
        let article = props.article.clone();
        let items_cell = items_cell.clone();
        use_effect_with((props.article.clone(), props.editable), move |(_, editable)| {
            let listener = editable.then(|| {
                EventListener::new(&gloo::utils::document(), "selectionchange", move |_| {
                    let (Some(body), Some(wrap)) = (body_ref.cast::<Element>(), wrap_ref.cast::<Element>())
                    else {
                        return;
                    };
                    let found = selection_span(&article, &body).map(|(span, rect)| {
                        let items = items_cell.borrow();
                        let kind = items
                            .iter()
                            .filter_map(|i| i.span.map(|s| (s.overlap(&span), i.kind)))
                            .filter(|&(overlap, _)| overlap > 0)
                            .max_by_key(|&(overlap, _)| overlap)
                            .map_or(ClaimKind::Other, |(_, kind)| kind);
                        let frame = wrap.get_bounding_client_rect();
                        let left = (rect.left() - frame.left()).clamp(0.0, (frame.width() - 280.0).max(0.0));
                        Pending { span, top: rect.bottom() - frame.top() + 8.0, left, kind }
                    });
                    match found {
                        Some(p) => pending.set(Some(p)),
                        // Focus moving to the bar collapses nothing we care about; keep the bar
                        // while it has focus.
                        None => {
                            let in_bar = gloo::utils::document()
                                .active_element()
                                .and_then(|e| e.closest(".cm-selection-bar").ok().flatten())
                                .is_some();
                            if !in_bar {
                                pending.set(None);
                            }
                        }
                    }
                })
            });
            move || drop(listener)
        });
    }

    let onclick = {
        let onselect = props.onselect.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(target) = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()) else { return };
            // A click that ends a drag-selection is a selection, not a choice of claim.
            let collapsed =
                gloo::utils::window().get_selection().ok().flatten().is_none_or(|s| s.is_collapsed());
            if let (Some(key), true) = (dom::mark_key_of(&target), collapsed) {
                onselect.emit(key);
            }
        })
    };

    let onkeydown = {
        let onselect = props.onselect.clone();
        let pending = pending.clone();
        let button_ref = button_ref.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                let selection = gloo::utils::window().get_selection().ok().flatten();
                if let Some(key) = selection.and_then(|s| s.anchor_node()).and_then(|n| dom::mark_key_of(&n))
                {
                    onselect.emit(key);
                }
            }
            "Tab" if !e.shift_key() && pending.is_some() => {
                if let Some(button) = button_ref.cast::<HtmlElement>() {
                    e.prevent_default();
                    let _ = button.focus();
                }
            }
            "Escape" => pending.set(None),
            _ => {}
        })
    };

    // Timing for the benchmarks: the first time the article is in the page with its highlights
    // (its effects have run), and the first frame painted with them. The frame is asked for here,
    // in the first render, not in an effect: Yew builds this render's DOM, paragraphs included,
    // before it lets the browser run a frame, but it may let one run before the effects.
    use_state(|| crate::timing::mark_after_next_paint("claimmark:highlighted-painted"));
    use_effect_with((), |_| crate::timing::mark("claimmark:highlighted"));

    {
        // The text is read-only: every edit is refused before it happens.
        let body_ref = body_ref.clone();
        use_effect_with(props.editable, move |editable| {
            let listeners: Vec<EventListener> = match (editable, body_ref.cast::<Element>()) {
                (true, Some(body)) => ["beforeinput", "paste", "drop", "cut", "dragstart"]
                    .into_iter()
                    .map(|name| {
                        let options = gloo::events::EventListenerOptions::enable_prevent_default();
                        EventListener::new_with_options(&body, name, options, |e| e.prevent_default())
                    })
                    .collect(),
                _ => Vec::new(),
            };
            move || drop(listeners)
        });
    }

    let selection_bar = match (&*pending, props.editable) {
        (Some(p), true) => {
            let onchange = {
                let pending = pending.clone();
                let p = p.clone();
                Callback::from(move |e: Event| {
                    let Some(select) = e.target_dyn_into::<HtmlSelectElement>() else { return };
                    let kind = ClaimKind::parse(&select.value()).unwrap_or(ClaimKind::Other);
                    pending.set(Some(Pending { kind, ..p.clone() }));
                })
            };
            let onhighlight = {
                let pending = pending.clone();
                let onhighlight = props.onhighlight.clone();
                let p = p.clone();
                let (article, body_ref) = (props.article.clone(), body_ref.clone());
                Callback::from(move |_: MouseEvent| {
                    // The selection may have grown since the last selectionchange was handled.
                    let current = body_ref.cast::<Element>().and_then(|body| selection_span(&article, &body));
                    let span = current.map_or(p.span, |(span, _)| span);
                    onhighlight.emit((span, p.kind));
                    pending.set(None);
                    if let Ok(Some(selection)) = gloo::utils::window().get_selection() {
                        let _ = selection.remove_all_ranges();
                    }
                })
            };
            let onkeydown = {
                let pending = pending.clone();
                let body_ref = body_ref.clone();
                Callback::from(move |e: KeyboardEvent| {
                    if e.key() == "Escape" {
                        pending.set(None);
                        if let Some(body) = body_ref.cast::<HtmlElement>() {
                            let _ = body.focus();
                        }
                    }
                })
            };
            let reattach = props.orphan.clone().map(|(key, quote)| {
                let pending = pending.clone();
                let onreattach = props.onreattach.clone();
                let span = p.span;
                let onclick = Callback::from(move |_: MouseEvent| {
                    onreattach.emit((key.clone(), span));
                    pending.set(None);
                });
                let short: String = quote.chars().take(40).collect();
                html! {
                    <button type="button" class="cm-button" {onclick}>{ format!("Re-attach “{short}” here") }</button>
                }
            });
            let style = format!("top: {}px; left: {}px", p.top.round() as i64, p.left.round() as i64);
            html! {
                <div class="cm-selection-bar" role="group" aria-label="New claim" {style} {onkeydown}>
                    <label class="cm-visually-hidden" for="cm-new-kind">{ "Claim kind" }</label>
                    <select id="cm-new-kind" {onchange}>
                        { for ClaimKind::ALL.iter().map(|k| html! {
                            <option value={k.as_str()} selected={*k == p.kind}>{ k.label() }</option>
                        }) }
                    </select>
                    <button type="button" class="cm-button cm-primary" ref={button_ref.clone()} onclick={onhighlight}>
                        { "Highlight claim" }
                    </button>
                    { for reattach }
                </div>
            }
        }
        _ => html! {},
    };

    let body_class = classes!("cm-body", props.color_by_verdict.then_some("cm-by-verdict"));
    let editable = props.editable.then_some("true");
    html! {
        <article class="cm-article" aria-labelledby="cm-headline" ref={wrap_ref}>
            <header class="cm-article-header">
                <h1 id="cm-headline" class="cm-headline">{ article.title.clone() }</h1>
                if let Some(byline) = &article.byline {
                    <p class="cm-byline">{ byline.clone() }</p>
                }
            </header>
            <div class={body_class} ref={body_ref}
                contenteditable={editable}
                role={props.editable.then_some("textbox")}
                aria-readonly={props.editable.then_some("true")}
                aria-multiline={props.editable.then_some("true")}
                aria-label={props.editable.then_some("Article text. Select words with the mouse, or with Shift and the arrow keys, to highlight a claim.")}
                spellcheck="false"
                inputmode={props.editable.then_some("none")}
                {onclick} {onkeydown}
            >
                { for buckets.iter().enumerate().map(|(i, marks)| {
                    let marks = marks.clone();
                    let selected = props.selected.clone().filter(|k| marks.iter().any(|m| k.is(&m.key)));
                    html! {
                        <ParagraphView key={i} article={props.article.clone()} index={i} {marks} {selected} />
                    }
                }) }
            </div>
            { selection_bar }
        </article>
    }
}

/// The current selection as a trimmed span of the article body, with its on-screen box, when it
/// lies inside the body and is not empty.
fn selection_span(article: &ArticleRef, body: &Element) -> Option<(CharSpan, web_sys::DomRect)> {
    let selection = gloo::utils::window().get_selection().ok()??;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let (start_node, end_node) = (range.start_container().ok()?, range.end_container().ok()?);
    if !body.contains(Some(&start_node)) || !body.contains(Some(&end_node)) {
        return None;
    }
    let article = &article.0;
    let start = dom::body_offset(article, body, &start_node, range.start_offset().ok()?)?;
    let end = dom::body_offset(article, body, &end_node, range.end_offset().ok()?)?;
    let span = trim_span(&article.body, CharSpan { start: start.min(end), end: start.max(end) });
    (!span.is_empty()).then(|| (span, range.get_bounding_client_rect()))
}

#[derive(Properties, PartialEq, Clone)]
struct ParagraphViewProps {
    article: ArticleRef,
    index: usize,
    marks: Rc<Vec<MarkSpec>>,
    /// The selected claim's key, only when it is in this paragraph (so others skip re-rendering).
    selected: Option<ItemKey>,
}

#[component]
fn ParagraphView(props: &ParagraphViewProps) -> Html {
    let paragraph = &props.article.0.paragraphs[props.index];
    let spans: Vec<CharSpan> = props.marks.iter().map(|m| m.span).collect();
    let segments = layout(paragraph.span(), &spans);
    let index = TextIndex::new(&paragraph.text);
    let start = paragraph.start.0;
    html! {
        <p data-index={props.index.to_string()}>
            { render_segments(&segments, &props.marks, props.selected.as_ref(), &index, start) }
        </p>
    }
}

fn render_segments(
    segments: &[Segment],
    marks: &[MarkSpec],
    selected: Option<&ItemKey>,
    index: &TextIndex<'_>,
    start: usize,
) -> Html {
    segments
        .iter()
        .map(|segment| match segment {
            Segment::Text(span) => {
                let local = CharSpan::new(span.start.0 - start, span.end.0 - start);
                html! { { index.slice(local).to_owned() } }
            }
            Segment::Mark { key, children, .. } => {
                let mark = &marks[*key];
                let is_selected = selected.is_some_and(|k| k.is(&mark.key));
                let class = classes!(
                    "cm-mark",
                    format!("cm-kind-{}", mark.kind.as_str()),
                    format!("cm-verdict-{}", mark.verdict.as_str()),
                    mark.user.then_some("cm-user"),
                    is_selected.then_some("cm-active"),
                );
                html! {
                    <mark {class} data-key={mark.key.clone()} title={mark.title.clone()}
                        aria-current={is_selected.then_some("true")}>
                        { render_segments(children, marks, selected, index, start) }
                    </mark>
                }
            }
        })
        .collect()
}
