//! The fact-checker's workspace: a header with progress, the article, and the "Claims" sidebar.
//! Saving, merging other tabs' work and the undo keys are hooks of their own ([`crate::hooks`]);
//! an embedding page hears about the state through the callback props.

use std::rc::Rc;

use claimmark_core::article::Article;
use claimmark_core::checklist::{ClaimItem, Progress};
use claimmark_core::model::Verdict;
use claimmark_core::store::{ArticleInfo, StoreDocument};
use yew::prelude::*;

use crate::components::article_view::ArticleView;
use crate::components::claim_card::verdict_icon;
use crate::components::sidebar::Sidebar;
use crate::components::transfer::{preview_file, ExportPanel, ImportReview, ImportState};
use crate::hooks::{use_autosave, use_storage_events, use_undo_keys};
use crate::item_key::ItemKey;
use crate::state::{Action, Mode, SelectFrom, Shared, State, StateHandle};
use crate::storage::{Slot, StorageStatus};
use crate::text::capitalise;

/// Everything the workspace starts from. Each mount starts from a fresh copy of `state`
/// ([`State::fresh`]), so mounting it again starts again rather than sharing the first one's undo
/// history.
#[derive(Clone)]
pub struct Init {
    pub state: Rc<State>,
    pub slot: Slot,
}

impl Init {
    /// Detects claims, reads the stored annotations and builds the workspace's first state.
    pub fn prepare(article: Article, namespace: &str, mode: Mode) -> Init {
        Init::prepare_published(article, None, namespace, mode)
    }

    /// As [`Init::prepare`], with relative dates ("last year") resolved against the article's
    /// publication date when it is known.
    pub fn prepare_published(
        article: Article,
        published: Option<claimmark_core::model::IsoDate>,
        namespace: &str,
        mode: Mode,
    ) -> Init {
        use claimmark_core::detect::{CalendarDate, DetectOptions};
        let published = published.and_then(|d| CalendarDate::new(i32::from(d.year()), d.month(), d.day()));
        let claims = claimmark_core::detect::detect_with(&article.body, &DetectOptions { published });
        crate::timing::mark("claimmark:detected");
        Init::with_claims(article, claims, namespace, mode)
    }

    /// As [`Init::prepare`], with the detected claims given: none for a student, so that
    /// detection does not give the answers away.
    pub fn with_claims(
        article: Article,
        claims: Vec<claimmark_core::detect::Claim>,
        namespace: &str,
        mode: Mode,
    ) -> Init {
        let article = Shared(Rc::new(article));
        let slot = Slot::new(namespace, &article.0.id);
        let loaded = slot.load();
        let doc = loaded.doc.unwrap_or_else(|| {
            StoreDocument::new(ArticleInfo::new(&article.0.id, &article.0.title, &article.0.body))
        });
        crate::timing::mark("claimmark:anchor-start");
        let state = State::new(article, claims, doc, loaded.status, mode);
        crate::timing::mark("claimmark:anchored");
        Init { state: Rc::new(state), slot }
    }
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
    /// Embedded: undo and redo keys count only inside this instance (its UI or its host article),
    /// not anywhere on the page.
    #[prop_or_default]
    pub embedded: bool,
    /// Hears the newest state after every render (an embedding API's handle reads it).
    #[prop_or_default]
    pub onstate: Option<Callback<StateHandle>>,
    /// Hears that the document changed, with its new revision.
    #[prop_or_default]
    pub onchange: Option<Callback<u64>>,
    /// Hears that the selection changed, with the selected claim's key.
    #[prop_or_default]
    pub onselect: Option<Callback<Option<ItemKey>>>,
    /// A panel shown above the article (the classroom's answer key or "Check my work"), given
    /// the state so that it can read the annotations.
    #[prop_or_default]
    pub panel: Option<Callback<StateHandle, Html>>,
    /// Extra controls after each claim card (the teacher's "Add to key").
    #[prop_or_default]
    pub card_action: Option<Callback<(ClaimItem, String), Html>>,
}

#[component]
pub fn Workspace(props: &WorkspaceProps) -> Html {
    let init = props.init.clone();
    let state: StateHandle = use_reducer(move || init.state.fresh());
    let slot = &props.init.slot;
    use_autosave(&state, slot);
    use_storage_events(slot, state.dispatcher());
    let workspace_ref = use_node_ref();
    // Embedded, undo and redo belong to the instance the keys were pressed in: its UI or its host
    // article. The standalone app takes them from anywhere on the page.
    let within = props
        .embedded
        .then(|| (workspace_ref.clone(), props.host.as_ref().map(crate::inplace::HostArticle::root)));
    use_undo_keys(state.dispatcher(), within);
    // Team sync is the app page's (the standalone build's); publisher pages leave it out.
    #[cfg(feature = "standalone")]
    let team = crate::hooks::use_team(&state);
    #[cfg(feature = "standalone")]
    let team_open = use_state(|| false);
    {
        // After every render, as the state the listener reads must be the newest.
        let (onstate, state) = (props.onstate.clone(), state.clone());
        use_effect(move || {
            if let Some(onstate) = onstate {
                onstate.emit(state);
            }
        });
    }
    {
        let onchange = props.onchange.clone();
        use_effect_with(state.session.revision, move |revision| {
            if let (Some(onchange), true) = (onchange, *revision > 0) {
                onchange.emit(*revision);
            }
        });
    }
    {
        let onselect = props.onselect.clone();
        use_effect_with(state.session.selected.clone(), move |selected| {
            if let Some(onselect) = onselect {
                onselect.emit(selected.clone());
            }
        });
    }

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

    let progress = Progress::of(&state.session.items);
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
    let orphan = state.session.selected.as_ref().and_then(|key| {
        let item = state.session.item(key).filter(|item| item.is_orphan())?;
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
                    { team_button(#[cfg(feature = "standalone")] (&team, &team_open)) }
                    if editable {
                        <input type="file" id="cm-import" class="cm-file-input"
                            accept=".json,.jsonld,application/json,application/ld+json" onchange={on_file} />
                        <label for="cm-import" class="cm-button cm-file-label">{ "Import annotations" }</label>
                        <button type="button" class="cm-button" onclick={undo} disabled={!state.session.can_undo()}
                            aria-keyshortcuts="Control+Z">{ "Undo" }</button>
                        <button type="button" class="cm-button" onclick={redo} disabled={!state.session.can_redo()}
                            aria-keyshortcuts="Control+Shift+Z">{ "Redo" }</button>
                    }
                </div>
            </header>
            if *export_open {
                <ExportPanel state={state.clone()} onclose={close_export} />
            }
            { team_panel(#[cfg(feature = "standalone")] (&team, &team_open, &state)) }
            if *rest_shown {
                <ImportReview state={state.clone()} status={import.clone()} />
            }
            <StorageBanner status={state.storage.clone()} />
            if let Some(panel) = &props.panel {
                { panel.emit(state.clone()) }
            }
            <div class="cm-visually-hidden" aria-live="polite" role="status">{ state.session.announcement.clone() }</div>
            <div class={classes!("cm-columns", props.host.is_some().then_some("cm-columns-single"))}>
                if let Some(host) = props.host.clone() {
                    <crate::inplace::Highlights {host} items={state.session.items.clone()} selected={state.session.selected.clone()}
                        color_by_verdict={state.color_by_verdict} select_nonce={state.select_nonce}
                        reveal={state.select_from == SelectFrom::List} {onselect} {editable} {onhighlight} />
                } else {
                    <ArticleView article={state.article.clone()} items={state.highlights()} selected={state.session.selected.clone()}
                        color_by_verdict={state.color_by_verdict} {editable} {onselect} {onhighlight} {orphan} {onreattach} />
                }
                if *rest_shown {
                    <Sidebar state={state.clone()} card_action={props.card_action.clone()} />
                }
            </div>
        </div>
    }
}

/// The "Team" button: its name says how the sync stands, so that the state shows with the panel
/// closed. None on publisher pages.
#[cfg(feature = "standalone")]
fn team_button((team, open): (&crate::hooks::TeamHandle, &UseStateHandle<bool>)) -> Html {
    use crate::team::Link;
    let label = match (&team.settings, &team.status.link) {
        (None, _) => "Team".to_owned(),
        (Some(_), Link::Connected) if team.status.waiting == 0 => "Team: synced".to_owned(),
        (Some(_), Link::Connected | Link::Connecting) => "Team: syncing".to_owned(),
        (Some(_), Link::Offline(_)) => match team.status.waiting {
            0 => "Team: offline".to_owned(),
            n => format!("Team: offline, {n} waiting"),
        },
        (Some(_), Link::Refused(_)) => "Team: not connected".to_owned(),
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <button type="button" class="cm-button" aria-expanded={open.to_string()} onclick={toggle}>{ label }</button>
    }
}

#[cfg(not(feature = "standalone"))]
fn team_button() -> Html {
    html! {}
}

#[cfg(feature = "standalone")]
fn team_panel((team, open, state): (&crate::hooks::TeamHandle, &UseStateHandle<bool>, &StateHandle)) -> Html {
    if !**open {
        return html! {};
    }
    let onclose = {
        let open = open.clone();
        Callback::from(move |_| open.set(false))
    };
    html! {
        <crate::components::team_panel::TeamPanel team={team.clone()} items={state.session.items.clone()} {onclose} />
    }
}

#[cfg(not(feature = "standalone"))]
fn team_panel() -> Html {
    html! {}
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
    // A copy that could not be read: localStorage is read without path tracking, so the reason
    // names a line and column until claimmark-io, asked here, names the path of the bad value.
    let diagnosis = use_state(|| None::<String>);
    {
        let diagnosis = diagnosis.clone();
        let raw = match &props.status {
            StorageStatus::Recovered { raw, .. } => Some(raw.clone()),
            _ => None,
        };
        use_effect_with(raw, move |raw| {
            diagnosis.set(None);
            if let Some(raw) = raw.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Some(found) = crate::io::diagnose_store(&raw).await {
                        diagnosis.set(Some(found));
                    }
                });
            }
        });
    }
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
            let error = diagnosis.as_deref().unwrap_or(error);
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
