//! The "Claims" sidebar: filters with counts, and one card per claim in document order.
//!
//! Keyboard: j / k or the arrow keys move between claims, Enter opens one, Escape closes a form.

use claimmark_core::checklist::{ClaimItem, Filter, Status};
use claimmark_core::model::ClaimKind;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::claim_card::{kind_icon, ClaimCard};
use crate::state::{Action, StateHandle};

#[derive(Properties, PartialEq, Clone)]
pub struct SidebarProps {
    pub state: StateHandle,
    /// Extra controls after each card, given the item and the id of the card's title; shown in
    /// their own list item (the classroom's "Add to key").
    #[prop_or_default]
    pub card_action: Option<Callback<(ClaimItem, String), Html>>,
}

/// Moves focus to the next or previous card toggle in the list.
fn move_focus(list: &Element, step: i32) {
    let Ok(toggles) = list.query_selector_all(".cm-card-toggle") else { return };
    let count = toggles.length() as i32;
    if count == 0 {
        return;
    }
    let active = gloo::utils::document().active_element();
    let current = (0..count).find(|&i| {
        toggles.item(i as u32).and_then(|n| n.dyn_into::<Element>().ok()).is_some_and(|e| {
            active.as_ref().is_some_and(|a| {
                e == *a || e.closest(".cm-card").ok().flatten().is_some_and(|c| c.contains(Some(a)))
            })
        })
    });
    let next = match current {
        Some(i) => (i + step).clamp(0, count - 1),
        None if step > 0 => 0,
        None => count - 1,
    };
    if let Some(el) = toggles.item(next as u32).and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Cards rendered at a time.
const PAGE: usize = 200;

/// A change to the filters from one control's new value.
type FilterEdit = Box<dyn Fn(&mut Filter, String)>;

#[component]
pub fn Sidebar(props: &SidebarProps) -> Html {
    let state = &props.state;
    let dispatcher = state.dispatcher();
    let list_ref = use_node_ref();
    let shown = use_state(|| PAGE);
    let counts = state.filter.counts(&state.session.items);
    let editable = state.mode.can_edit();

    let set_filter = |f: FilterEdit| {
        let (dispatcher, filter) = (dispatcher.clone(), state.filter.clone());
        Callback::from(move |value: String| {
            let mut next = filter.clone();
            f(&mut next, value);
            dispatcher.dispatch(Action::SetFilter(next));
        })
    };
    let on_kind = set_filter(Box::new(|f, v| {
        f.kinds = ClaimKind::parse(&v).into_iter().collect();
    }))
    .reform(|e: Event| e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default());
    let on_status = set_filter(Box::new(|f, v| f.status = Status::parse(&v)))
        .reform(|e: Event| e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default());
    let on_search = set_filter(Box::new(|f, v| f.text = v)).reform(|e: InputEvent| {
        e.target_dyn_into::<HtmlInputElement>().map(|s| s.value()).unwrap_or_default()
    });

    let onkeydown = {
        let list_ref = list_ref.clone();
        Callback::from(move |e: KeyboardEvent| {
            let in_field = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
            if in_field || e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let step = match e.key().as_str() {
                "j" | "ArrowDown" => 1,
                "k" | "ArrowUp" => -1,
                _ => return,
            };
            e.prevent_default();
            if let Some(list) = list_ref.cast::<Element>() {
                move_focus(&list, step);
            }
        })
    };

    // After a selection: from the article, bring the card into view and focus it; from the list,
    // bring the highlight into view.
    {
        let list_ref = list_ref.clone();
        let selected = state.session.selected.clone();
        let from = state.select_from;
        use_effect_with(state.select_nonce, move |_| {
            if let Some(key) = selected {
                let document = gloo::utils::document();
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                if from == crate::state::SelectFrom::Article {
                    if let Some(card) = list_ref
                        .cast::<Element>()
                        .and_then(|l| crate::dom::find_by_attribute(&l, "data-card-key", &key.to_string()))
                    {
                        card.scroll_into_view_with_scroll_into_view_options(&options);
                        if let Ok(Some(toggle)) = card.query_selector(".cm-card-toggle") {
                            if let Ok(toggle) = toggle.dyn_into::<HtmlElement>() {
                                let _ = toggle.focus();
                            }
                        }
                    }
                } else if let Some(root) = document.document_element() {
                    if let Some(mark) = crate::dom::find_by_attribute(&root, "data-key", &key.to_string()) {
                        options.set_block(web_sys::ScrollLogicalPosition::Center);
                        mark.scroll_into_view_with_scroll_into_view_options(&options);
                    }
                }
            }
        });
    }

    let visible: Vec<_> = state.session.items.iter().filter(|i| state.filter.matches(i)).collect();
    // Long articles have thousands of claims: render a page at a time, and always the selected one.
    let limit = *shown;
    let hidden = visible.len().saturating_sub(limit);
    let selected_index =
        state.session.selected.as_ref().and_then(|k| visible.iter().position(|i| k.is(&i.key)));
    let show_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };
    let kind_value = state.filter.kinds.iter().next().map_or("", |k| k.as_str());
    let status_value = state.filter.status.map_or("", |s| s.as_str());
    html! {
        <aside class="cm-sidebar" aria-label="Claims">
            <div class="cm-sidebar-head">
                <h2 class="cm-sidebar-title">{ "Claims" }</h2>
                <div class="cm-filters" role="search" aria-label="Filter claims">
                    <div class="cm-field cm-inline">
                        <label for="cm-filter-kind">{ "Kind" }</label>
                        <select id="cm-filter-kind" onchange={on_kind}>
                            <option value="" selected={kind_value.is_empty()}>{ format!("All kinds ({})", counts.all_kinds) }</option>
                            { for ClaimKind::ALL.iter().map(|k| html! {
                                <option value={k.as_str()} selected={kind_value == k.as_str()}>
                                    { format!("{} {} ({})", kind_icon(*k), k.label(), counts.kind(*k)) }
                                </option>
                            }) }
                        </select>
                    </div>
                    <div class="cm-field cm-inline">
                        <label for="cm-filter-status">{ "Status" }</label>
                        <select id="cm-filter-status" onchange={on_status}>
                            <option value="" selected={status_value.is_empty()}>{ format!("All open ({})", counts.all_statuses) }</option>
                            { for Status::ALL.iter().map(|s| html! {
                                <option value={s.as_str()} selected={status_value == s.as_str()}>
                                    { format!("{} ({})", s.label(), counts.status(*s)) }
                                </option>
                            }) }
                        </select>
                    </div>
                    <div class="cm-field cm-inline cm-search">
                        <label for="cm-filter-text">{ "Search" }</label>
                        <input id="cm-filter-text" type="search" value={state.filter.text.clone()} oninput={on_search}
                            placeholder="Words, values, speakers" />
                    </div>
                </div>
                <p class="cm-list-count" aria-live="polite">
                    { format!("{} of {} shown", visible.len(), state.session.items.iter().filter(|i| !i.dismissed).count()) }
                </p>
            </div>
            <ul class="cm-card-list" ref={list_ref} {onkeydown} aria-label="Claims in document order">
                { for visible.iter().enumerate().filter(|(n, _)| *n < limit || Some(*n) == selected_index).map(|(n, item)| {
                    let annotation = item.annotation.as_ref().and_then(|id| state.session.doc.get(id)).cloned();
                    let open = state.session.selected.as_ref().is_some_and(|k| k.is(&item.key));
                    html! {
                        <key={item.key.clone()}>
                            <ClaimCard id={format!("cm-card-{n}")} item={Rc::clone(item)}
                                {annotation} {open} {editable} dispatch={dispatcher.clone()} team={state.team.clone()} />
                            if let Some(action) = &props.card_action {
                                <li class="cm-card-action">
                                    { action.emit(((***item).clone(), format!("cm-card-{n}-title"))) }
                                </li>
                            }
                        </>
                    }
                }) }
            </ul>
            if visible.is_empty() {
                <p class="cm-empty">{ "No claims match these filters." }</p>
            }
            if hidden > 0 {
                <p class="cm-more">
                    <button type="button" class="cm-button" onclick={show_more}>
                        { format!("Show {} more of {hidden}", PAGE.min(hidden)) }
                    </button>
                </p>
            }
        </aside>
    }
}
