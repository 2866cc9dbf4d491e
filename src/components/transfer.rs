//! Getting work out of the browser and back in: the Export panel (W3C Web Annotation, ClaimReview,
//! CSV, full backup; as a download or to the clipboard) and "Import annotations" (a file picker or
//! a file dropped on the page), which previews what would change and applies it only on
//! confirmation, through the same merge as two tabs use.

use claimmark_core::export::import::{self, ImportPreview};
use claimmark_core::export::ExportFormat;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::state::{Action, StateHandle};

const FORMATS: [ExportFormat; 4] =
    [ExportFormat::Annotations, ExportFormat::ClaimReview, ExportFormat::Csv, ExportFormat::Backup];

/// The organisation named as ClaimReview author is remembered between visits.
const ORG_KEY: &str = "claimmark:settings:organisation";

fn stored_org() -> String {
    crate::storage::local_storage().ok().and_then(|s| s.get_item(ORG_KEY).ok().flatten()).unwrap_or_default()
}

/// Copies text to the clipboard. Resolves to an error message when the browser refuses.
async fn copy_to_clipboard(text: &str) -> Result<(), String> {
    let navigator = gloo::utils::window().navigator();
    let clipboard =
        js_sys::Reflect::get(&navigator, &"clipboard".into()).map_err(|_| "no clipboard".to_owned())?;
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| "this browser has no clipboard access here".to_owned())?;
    let promise = write
        .call1(&clipboard, &text.into())
        .map_err(|e| crate::browser::js_error_text(&e))?
        .dyn_into::<js_sys::Promise>()
        .map_err(|_| "the clipboard did not answer".to_owned())?;
    JsFuture::from(promise).await.map(|_| ()).map_err(|e| crate::browser::js_error_text(&e))
}

#[derive(Properties, PartialEq, Clone)]
pub struct ExportPanelProps {
    pub state: StateHandle,
    pub onclose: Callback<()>,
}

#[component]
pub fn ExportPanel(props: &ExportPanelProps) -> Html {
    let format = use_state(|| ExportFormat::Annotations);
    let org = use_state(stored_org);
    let message = use_state(String::new);
    let select_ref = use_node_ref();
    {
        let select_ref = select_ref.clone();
        use_effect_with((), move |_| {
            if let Some(select) = select_ref.cast::<web_sys::HtmlElement>() {
                let _ = select.focus();
            }
        });
    }
    // The W3C, ClaimReview and CSV exports are in a module of their own: start loading it now.
    use_effect_with((), |_| crate::io::prefetch());
    // What to export, as it is when the button is pressed.
    let request = {
        let (state, format, org) = (props.state.clone(), format.clone(), org.clone());
        move || {
            let details = crate::io::article_details(&state.article.0);
            if let Ok(storage) = crate::storage::local_storage() {
                let _ = storage.set_item(ORG_KEY, org.trim());
            }
            (state.session.doc.clone(), details, *format, org.trim().to_owned())
        }
    };
    let on_format = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                format.set(ExportFormat::parse(&select.value()).unwrap_or(ExportFormat::Annotations));
            }
        })
    };
    let on_org = {
        let org = org.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                org.set(input.value());
            }
        })
    };
    // Download or Copy: the export is made (in claimmark-io for all but backups), then delivered.
    let deliver = |to_clipboard: bool| {
        let (request, message) = (request.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            let (doc, details, format, org) = request();
            let message = message.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let exported = match crate::io::export(&doc, &details, format, &org).await {
                    Ok(exported) => exported,
                    Err(e) => return message.set(format!("Could not export: {e}.")),
                };
                if to_clipboard {
                    return message.set(match copy_to_clipboard(&exported.text).await {
                        Ok(()) => format!("Copied {} to the clipboard.", exported.format.label()),
                        Err(e) => format!("Could not copy: {e}. Use Download instead."),
                    });
                }
                let ok = crate::download::save_text(&exported.file_name, exported.mime_type, &exported.text);
                let mut text = if ok {
                    format!("Downloaded {}.", exported.file_name)
                } else {
                    "The browser refused the download.".to_owned()
                };
                for warning in &exported.warnings {
                    text.push_str(&format!(" Warning: {warning}."));
                }
                message.set(text);
            });
        })
    };
    let download = deliver(false);
    let copy = deliver(true);
    let onkeydown = crate::components::close_on_escape(&props.onclose);
    let close = props.onclose.reform(|_: MouseEvent| ());
    html! {
        <div class="cm-panel" role="dialog" aria-modal="false" aria-labelledby="cm-export-title" {onkeydown}>
            <p class="cm-form-title" id="cm-export-title">{ "Export" }</p>
            <div class="cm-field">
                <label for="cm-export-format">{ "Format" }</label>
                <select id="cm-export-format" ref={select_ref} onchange={on_format}>
                    { for FORMATS.iter().map(|f| html! {
                        <option value={f.as_str()} selected={*f == *format}>{ f.label() }</option>
                    }) }
                </select>
            </div>
            if *format == ExportFormat::ClaimReview {
                <div class="cm-field">
                    <label for="cm-export-org">{ "Fact-checking organisation" }</label>
                    <input id="cm-export-org" type="text" value={(*org).clone()} oninput={on_org} autocomplete="organization" />
                </div>
            }
            <div class="cm-form-actions">
                <button type="button" class="cm-button cm-primary" onclick={download}>{ "Download" }</button>
                <button type="button" class="cm-button" onclick={copy}>{ "Copy to clipboard" }</button>
                <button type="button" class="cm-button" onclick={close}>{ "Close" }</button>
            </div>
            <p class="cm-panel-message" role="status">{ (*message).clone() }</p>
        </div>
    }
}

/// What an import is waiting for.
#[derive(Clone, PartialEq)]
pub enum ImportState {
    Idle,
    /// Read and previewed; waiting for "Apply import".
    Preview {
        name: String,
        preview: std::rc::Rc<ImportPreview>,
    },
    Failed {
        name: String,
        problems: Vec<String>,
    },
}

/// Reads a dropped or picked file and previews it against the current document.
pub fn preview_file(state: &StateHandle, file: web_sys::File, status: UseStateHandle<ImportState>) {
    let state = state.clone();
    let name = file.name();
    wasm_bindgen_futures::spawn_local(async move {
        let bytes = match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(e) => {
                let problems =
                    vec![format!("the file could not be read: {}", crate::browser::js_error_text(&e))];
                status.set(ImportState::Failed { name, problems });
                return;
            }
        };
        let result = crate::io::read(&bytes).await;
        status.set(match result {
            Ok(file) => {
                let preview = import::preview(&state.session.doc, &file, &state.article.0.body);
                ImportState::Preview { name, preview: std::rc::Rc::new(preview) }
            }
            Err(failure) => {
                let problems =
                    if failure.problems.is_empty() { vec![failure.message] } else { failure.problems };
                ImportState::Failed { name, problems }
            }
        });
    });
}

#[derive(Properties, PartialEq, Clone)]
pub struct ImportReviewProps {
    pub state: StateHandle,
    pub status: UseStateHandle<ImportState>,
}

/// The preview of an import, or why it failed.
#[component]
pub fn ImportReview(props: &ImportReviewProps) -> Html {
    let status = props.status.clone();
    let cancel = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| status.set(ImportState::Idle))
    };
    match &*status {
        ImportState::Idle => html! {},
        ImportState::Failed { name, problems } => html! {
            <div class="cm-banner cm-banner-warn" role="alert">
                <strong>{ format!("“{name}” cannot be imported. Nothing was changed.") }</strong>
                <ul class="cm-problems">{ for problems.iter().take(20).map(|p| html! { <li>{ p.clone() }</li> }) }</ul>
                <button type="button" class="cm-button" onclick={cancel}>{ "Dismiss" }</button>
            </div>
        },
        ImportState::Preview { name, preview } => {
            let apply = {
                let (dispatcher, status, incoming) =
                    (props.state.dispatcher(), status.clone(), preview.incoming.clone());
                Callback::from(move |_: MouseEvent| {
                    dispatcher.dispatch(Action::Merge(incoming.clone()));
                    status.set(ImportState::Idle);
                })
            };
            html! {
                <div class="cm-banner cm-banner-info" role="region" aria-label="Import preview">
                    <strong>{ format!("Import “{name}” ({}): ", preview.format.label()) }</strong>
                    <span>{ preview.to_string() }</span>
                    if let Some(other) = &preview.other_article {
                        <span>{ format!("This file belongs to another article (“{}”); its claims are placed by their quotes.", other.title) }</span>
                    }
                    if preview.is_noop() {
                        <span>{ "Nothing to change." }</span>
                    } else {
                        <button type="button" class="cm-button cm-primary" onclick={apply}>{ "Apply import" }</button>
                    }
                    <button type="button" class="cm-button" onclick={cancel}>{ "Cancel" }</button>
                </div>
            }
        }
    }
}
