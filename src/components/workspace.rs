//! The fact-checker's workspace: a header with progress, the article, and the "Claims" sidebar.
//! It also owns persistence: saving on change (debounced, flushed on `pagehide` and when the tab is
//! hidden), and merging what other tabs save.

use std::cell::RefCell;
use std::rc::Rc;

use claimmark_core::checklist::{ClaimItem, Progress};
use claimmark_core::model::Verdict;
use claimmark_core::store::StoreDocument;
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::article_view::ArticleView;
use crate::components::claim_card::verdict_icon;
use crate::components::sidebar::Sidebar;
use crate::components::transfer::{preview_file, ExportPanel, ImportReview, ImportState};
use crate::state::{Action, SelectFrom, State, StateHandle};
use crate::storage::{Slot, StorageStatus};
use crate::text::capitalise;

/// Everything the workspace starts from.
#[derive(Clone)]
pub struct Init {
    pub state: Rc<RefCell<Option<State>>>,
    pub slot: Slot,
}

impl PartialEq for Init {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.state, &other.state)
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct WorkspaceProps {
    pub init: Init,
    /// In-place mode: the host's article element, annotated instead of the article view.
    #[prop_or_default]
    pub host: Option<crate::inplace::HostArticle>,
    /// Embedding: where the JS API's handle reads the state and hears about changes.
    #[prop_or_default]
    pub bridge: Option<crate::embed::Bridge>,
    /// A panel shown above the article (the classroom's answer key or "Check my work"), given
    /// the state so that it can read the annotations.
    #[prop_or_default]
    pub panel: Option<Callback<StateHandle, Html>>,
    /// Extra controls after each claim card (the teacher's "Add to key").
    #[prop_or_default]
    pub card_action: Option<Callback<(ClaimItem, String), Html>>,
}

/// Saving: the newest document, whether it still needs writing, and the pending timer.
#[derive(Default)]
struct Saver {
    doc: Option<Rc<StoreDocument>>,
    status: StorageStatus,
    dirty: bool,
    timer: Option<Timeout>,
}

const SAVE_DELAY_MS: u32 = 250;

fn flush(saver: &Rc<RefCell<Saver>>, slot: &Slot, dispatcher: &UseReducerDispatcher<State>) {
    let mut s = saver.borrow_mut();
    s.timer = None;
    if !s.dirty {
        return;
    }
    let Some(doc) = s.doc.clone() else { return };
    let (status, merged) = slot.save(&doc, &s.status);
    s.dirty = !matches!(status, StorageStatus::Saved | StorageStatus::Recovered { .. });
    let changed = status != s.status;
    s.status = status.clone();
    drop(s);
    if changed {
        dispatcher.dispatch(Action::Storage(status));
    }
    if let Some(merged) = merged {
        dispatcher.dispatch(Action::Merge(merged));
    }
}

fn in_text_field(e: &KeyboardEvent) -> bool {
    // The first node of the composed path: inside a shadow root, `target` is only its host.
    let target = e.composed_path().get(0);
    Some(target)
        .filter(|t| !t.is_undefined())
        .or_else(|| e.target().map(Into::into))
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

#[component]
pub fn Workspace(props: &WorkspaceProps) -> Html {
    let init = props.init.clone();
    let state: StateHandle =
        use_reducer(move || init.state.borrow_mut().take().expect("workspace state is given once"));
    let saver = use_mut_ref(|| Saver { status: state.storage.clone(), ..Saver::default() });
    let slot = props.init.slot.clone();

    // Save on every change, a little later; flush when the page goes away or is hidden.
    {
        let (saver, slot, dispatcher) = (saver.clone(), slot.clone(), state.dispatcher());
        let doc = state.doc.clone();
        // A read-only instance shows a published fact-check: nothing of it is stored.
        let saves = state.mode.can_edit();
        use_effect_with(state.revision, move |revision| {
            if *revision > 0 && saves {
                let mut s = saver.borrow_mut();
                s.doc = Some(doc);
                s.dirty = true;
                let (saver2, slot, dispatcher) = (saver.clone(), slot.clone(), dispatcher.clone());
                s.timer = Some(Timeout::new(SAVE_DELAY_MS, move || flush(&saver2, &slot, &dispatcher)));
            }
        });
    }
    let workspace_ref = use_node_ref();
    {
        let (saver, slot, dispatcher) = (saver.clone(), slot.clone(), state.dispatcher());
        // Embedded, undo and redo belong to the instance the keys were pressed in: its UI or its
        // host article. The standalone app takes them from anywhere on the page.
        let scope = props
            .bridge
            .is_some()
            .then(|| (workspace_ref.clone(), props.host.as_ref().map(crate::inplace::HostArticle::root)));
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let document = gloo::utils::document();
            let on_hide = {
                let (saver, slot, dispatcher) = (saver.clone(), slot.clone(), dispatcher.clone());
                EventListener::new(&window, "pagehide", move |_| flush(&saver, &slot, &dispatcher))
            };
            let on_visibility = {
                let (saver, slot, dispatcher) = (saver.clone(), slot.clone(), dispatcher.clone());
                EventListener::new(&document, "visibilitychange", move |_| {
                    if gloo::utils::document().visibility_state() == web_sys::VisibilityState::Hidden {
                        flush(&saver, &slot, &dispatcher);
                    }
                })
            };
            // Another tab saved the same article: merge its copy in.
            let on_storage = {
                let (slot, dispatcher) = (slot.clone(), dispatcher.clone());
                EventListener::new(&window, "storage", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else { return };
                    if e.key().as_deref() != Some(slot.key.as_str()) {
                        return;
                    }
                    if let Some(doc) = e.new_value().and_then(|raw| StoreDocument::from_json(&raw).ok()) {
                        dispatcher.dispatch(Action::Merge(doc));
                    }
                })
            };
            // Undo and redo, except where a text field has its own.
            let on_key = {
                let dispatcher = dispatcher.clone();
                // Not passive: it calls preventDefault on the keys it handles.
                let options = gloo::events::EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&document, "keydown", options, move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
                    if !(e.ctrl_key() || e.meta_key()) || in_text_field(e) {
                        return;
                    }
                    if let Some((workspace, host)) = &scope {
                        let path = e.composed_path();
                        let inside = |node: Option<web_sys::Element>| {
                            node.is_some_and(|n| path.includes(n.as_ref(), 0))
                        };
                        if !inside(workspace.cast::<web_sys::Element>()) && !inside(host.clone()) {
                            return;
                        }
                    }
                    match (e.key().to_ascii_lowercase().as_str(), e.shift_key()) {
                        ("z", false) => dispatcher.dispatch(Action::Undo),
                        ("z", true) | ("y", false) => dispatcher.dispatch(Action::Redo),
                        _ => return,
                    }
                    e.prevent_default();
                })
            };
            move || drop((on_hide, on_visibility, on_storage, on_key))
        });
    }
    // The embedding API's handle sees the newest state and hears about changes.
    if let Some(bridge) = &props.bridge {
        bridge.update(&state);
    }
    {
        let bridge = props.bridge.clone();
        use_effect_with(state.revision, move |revision| {
            if let (Some(bridge), true) = (bridge, *revision > 0) {
                bridge.changed(*revision);
            }
        });
    }
    {
        let bridge = props.bridge.clone();
        use_effect_with(state.selected.clone(), move |selected| {
            if let Some(bridge) = bridge {
                bridge.selected(selected.as_ref());
            }
        });
    }
    // Keep the saver's view of the status in step with what the user sees.
    saver.borrow_mut().status = state.storage.clone();

    // The highlighted article is what a reader waits for: the first render has it and the bar above
    // it, and the rest (the sidebar, whose cards, filters and counts are as much work to build and
    // lay out as the article; the verdict bar's segments; the import review) follows in the task
    // after that frame is painted. What comes later takes no room the article's frame has laid out,
    // so nothing moves.
    let rest_shown = use_state(|| false);
    {
        let rest_shown = rest_shown.clone();
        use_effect_with((), move |_| crate::timing::after_next_paint(move || rest_shown.set(true)));
    }
    // Timing for the benchmarks: from the wasm start to the whole workspace rendered.
    use_effect_with(*rest_shown, |shown| {
        if *shown {
            crate::timing::mark("claimmark:rendered");
        }
    });

    let progress = Progress::of(&state.items);
    let dispatcher = state.dispatcher();
    let onselect = {
        let d = dispatcher.clone();
        Callback::from(move |key| d.dispatch(Action::Select(Some(key), SelectFrom::Article)))
    };
    let onhighlight = {
        let d = dispatcher.clone();
        Callback::from(move |(span, kind)| d.dispatch(Action::CreateClaim { span, kind }))
    };
    let onreattach = {
        let d = dispatcher.clone();
        Callback::from(move |(key, span)| d.dispatch(Action::Reattach(key, span)))
    };
    let orphan = state.selected.as_ref().and_then(|key| {
        let item = state.item(key).filter(|item| item.is_orphan())?;
        Some((key.clone(), item.text.clone()))
    });
    let toggle_colour = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::ToggleColorByVerdict))
    };
    let undo = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Undo))
    };
    let redo = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Redo))
    };
    let editable = state.mode.can_edit();
    let export_open = use_state(|| false);
    let import = use_state(|| ImportState::Idle);
    let toggle_export = {
        let export_open = export_open.clone();
        Callback::from(move |_: MouseEvent| export_open.set(!*export_open))
    };
    let close_export = {
        let export_open = export_open.clone();
        Callback::from(move |_| export_open.set(false))
    };
    let on_file = {
        let (state, import) = (state.clone(), import.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                preview_file(&state, file, import.clone());
            }
            input.set_value("");
        })
    };
    let ondragover = Callback::from(|e: DragEvent| {
        if e.data_transfer().is_some_and(|d| d.types().includes(&"Files".into(), 0)) {
            e.prevent_default();
        }
    });
    let ondrop = {
        let (state, import, editable) = (state.clone(), import.clone(), editable);
        Callback::from(move |e: DragEvent| {
            let file = e.data_transfer().and_then(|d| d.files()).and_then(|files| files.get(0));
            if let (Some(file), true) = (file, editable) {
                e.prevent_default();
                preview_file(&state, file, import.clone());
            }
        })
    };
    html! {
        <div class="cm-workspace" ref={workspace_ref} {ondragover} {ondrop}>
            <header class="cm-workbar">
                <div class="cm-workbar-text">
                    <p class="cm-doc-title">{ state.article.0.title.clone() }</p>
                    <p class="cm-progress" id="cm-progress">{ progress.summary() }</p>
                </div>
                if *rest_shown {
                    <VerdictBar progress={progress.clone()} />
                } else {
                    <div class="cm-verdict-bar" aria-hidden="true"></div>
                }
                <div class="cm-tools" role="group" aria-label="Tools">
                    <button type="button" class="cm-button" aria-pressed={state.color_by_verdict.to_string()}
                        onclick={toggle_colour}>{ "Colour by verdict" }</button>
                    <button type="button" class="cm-button" aria-expanded={export_open.to_string()}
                        onclick={toggle_export}>{ "Export" }</button>
                    if editable {
                        <input type="file" id="cm-import" class="cm-file-input"
                            accept=".json,.jsonld,application/json,application/ld+json" onchange={on_file} />
                        <label for="cm-import" class="cm-button cm-file-label">{ "Import annotations" }</label>
                        <button type="button" class="cm-button" onclick={undo} disabled={!state.can_undo}
                            aria-keyshortcuts="Control+Z">{ "Undo" }</button>
                        <button type="button" class="cm-button" onclick={redo} disabled={!state.can_redo}
                            aria-keyshortcuts="Control+Shift+Z">{ "Redo" }</button>
                    }
                </div>
            </header>
            if *export_open {
                <ExportPanel state={state.clone()} onclose={close_export} />
            }
            if *rest_shown {
                <ImportReview state={state.clone()} status={import.clone()} />
            }
            <StorageBanner status={state.storage.clone()} />
            if let Some(panel) = &props.panel {
                { panel.emit(state.clone()) }
            }
            <div class="cm-visually-hidden" aria-live="polite" role="status">{ state.announcement.clone() }</div>
            <div class={classes!("cm-columns", props.host.is_some().then_some("cm-columns-single"))}>
                if let Some(host) = props.host.clone() {
                    <crate::inplace::Highlights {host} items={state.items.clone()} selected={state.selected.clone()}
                        color_by_verdict={state.color_by_verdict} select_nonce={state.select_nonce}
                        reveal={state.select_from == SelectFrom::List} {onselect} {editable} {onhighlight} />
                } else {
                    <ArticleView article={state.article.clone()} items={state.highlights.clone()} selected={state.selected.clone()}
                        color_by_verdict={state.color_by_verdict} {editable} {onselect} {onhighlight} {orphan} {onreattach} />
                }
                if *rest_shown {
                    <Sidebar state={state.clone()} card_action={props.card_action.clone()} />
                }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq, Clone)]
struct VerdictBarProps {
    progress: Progress,
}

/// A small stacked bar of verdicts, with its text for screen readers.
#[component]
fn VerdictBar(props: &VerdictBarProps) -> Html {
    let total: usize = props.progress.verdicts.iter().map(|(_, n)| n).sum();
    let label = props.progress.verdict_text();
    html! {
        <div class="cm-verdict-bar" role="img" aria-label={label.clone()} title={label}>
            { for props.progress.verdicts.iter().map(|(verdict, n)| {
                // In hundredths of a percent: integers keep float formatting out of the wasm.
                let width = (n * 10_000).checked_div(total).unwrap_or(0);
                html! {
                    <span class={classes!("cm-verdict-segment", format!("cm-verdict-{}", verdict.as_str()))}
                        style={format!("width: {}.{:02}%", width / 100, width % 100)}>
                        if width >= 800 && *verdict != Verdict::Unrated {
                            <span aria-hidden="true">{ verdict_icon(*verdict) }</span>
                        }
                    </span>
                }
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq, Clone)]
struct StorageBannerProps {
    status: StorageStatus,
}

/// Tells the user when their work is not safely stored, and what they can do.
#[component]
fn StorageBanner(props: &StorageBannerProps) -> Html {
    match &props.status {
        StorageStatus::Saved => html! {},
        StorageStatus::MemoryOnly { cause } => html! {
            <div class="cm-banner cm-banner-warn" role="alert">
                <strong>{ "Not saved in this browser. " }</strong>
                { format!("{}: your work is kept in this tab only. Export it before you close the tab.", capitalise(&cause.to_string())) }
            </div>
        },
        StorageStatus::QuotaFull => html! {
            <div class="cm-banner cm-banner-warn" role="alert">
                <strong>{ "Browser storage is full. " }</strong>
                { "Your latest changes are kept in this tab and will be saved again on your next change. Export a backup, or free space by removing other sites' data." }
            </div>
        },
        StorageStatus::Recovered { backup_key, error, raw } => {
            let raw = raw.clone();
            let download = Callback::from(move |_: MouseEvent| {
                crate::download::save_text("claimmark-unreadable-backup.json", "application/json", &raw);
            });
            html! {
                <div class="cm-banner cm-banner-warn" role="alert">
                    <strong>{ "The saved annotations for this article could not be read. " }</strong>
                    { format!("They were copied, untouched, to the browser storage key “{backup_key}” ({error}). New work is saved as usual.") }
                    <button type="button" class="cm-button" onclick={download}>{ "Download the unreadable copy" }</button>
                </div>
            }
        }
    }
}
