//! The form that adds or edits a source: URL (http or https only), title, publisher, quoted
//! excerpt and the date it was accessed. Errors are shown inline, next to the field.

use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::state::SourceDraft;

#[derive(Properties, PartialEq, Clone)]
pub struct SourceFormProps {
    /// Unique prefix for element ids.
    pub id: String,
    pub draft: SourceDraft,
    pub onsave: Callback<SourceDraft>,
    pub oncancel: Callback<()>,
}

/// Today as YYYY-MM-DD in the reader's time zone.
pub fn today() -> String {
    let date = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", date.get_full_year(), date.get_month() + 1, date.get_date())
}

#[component]
pub fn SourceForm(props: &SourceFormProps) -> Html {
    let draft = use_state(|| {
        let mut draft = props.draft.clone();
        if draft.id.is_none() && draft.accessed.is_empty() {
            draft.accessed = today();
        }
        draft
    });
    let error = use_state(|| None::<(&'static str, String)>);
    let url_ref = use_node_ref();
    let accessed_ref = use_node_ref();
    {
        let url_ref = url_ref.clone();
        use_effect_with((), move |_| {
            if let Some(input) = url_ref.cast::<HtmlElement>() {
                let _ = input.focus();
            }
        });
    }

    let field = |set: fn(&mut SourceDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let value = e
                .target_dyn_into::<HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| e.target_dyn_into::<HtmlTextAreaElement>().map(|t| t.value()))
                .unwrap_or_default();
            let mut next = (*draft).clone();
            set(&mut next, value);
            draft.set(next);
        })
    };

    let onsubmit = {
        let draft = draft.clone();
        let error = error.clone();
        let onsave = props.onsave.clone();
        let (url_ref, accessed_ref) = (url_ref.clone(), accessed_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match draft.validate() {
                Ok(_) => {
                    error.set(None);
                    onsave.emit((*draft).clone());
                }
                Err((field, message)) => {
                    error.set(Some((field, message)));
                    let target = if field == "url" { &url_ref } else { &accessed_ref };
                    if let Some(input) = target.cast::<HtmlElement>() {
                        let _ = input.focus();
                    }
                }
            }
        })
    };
    let onkeydown = {
        let oncancel = props.oncancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                e.stop_propagation();
                oncancel.emit(());
            }
        })
    };
    let cancel = props.oncancel.reform(|_: MouseEvent| ());

    let id = |name: &str| format!("{}-{name}", props.id);
    let error_for = |name: &str| error.as_ref().filter(|(f, _)| *f == name).map(|(_, m)| m.clone());
    let url_error = error_for("url");
    let accessed_error = error_for("accessed");
    let heading = if props.draft.id.is_some() { "Edit source" } else { "Add a source" };
    html! {
        <form class="cm-source-form" {onsubmit} {onkeydown} novalidate=true aria-label={heading}>
            <p class="cm-form-title">{ heading }</p>
            <div class="cm-field">
                <label for={id("url")}>{ "Source URL" }<span class="cm-required" aria-hidden="true">{ " *" }</span></label>
                <input id={id("url")} ref={url_ref} type="url" inputmode="url" autocomplete="url" required=true
                    placeholder="https://"
                    value={draft.url.clone()} oninput={field(|d, v| d.url = v)}
                    aria-invalid={url_error.as_ref().map(|_| "true")}
                    aria-describedby={url_error.as_ref().map(|_| id("url-error"))} />
                if let Some(message) = url_error {
                    <p class="cm-field-error" id={id("url-error")} role="alert">{ message }</p>
                }
            </div>
            <div class="cm-field">
                <label for={id("title")}>{ "Title" }</label>
                <input id={id("title")} type="text" value={draft.title.clone()} oninput={field(|d, v| d.title = v)} />
            </div>
            <div class="cm-field">
                <label for={id("publisher")}>{ "Publisher" }</label>
                <input id={id("publisher")} type="text" value={draft.publisher.clone()}
                    oninput={field(|d, v| d.publisher = v)} />
            </div>
            <div class="cm-field">
                <label for={id("excerpt")}>{ "Quoted excerpt" }</label>
                <textarea id={id("excerpt")} rows="3" value={draft.excerpt.clone()}
                    oninput={field(|d, v| d.excerpt = v)} />
            </div>
            <div class="cm-field">
                <label for={id("accessed")}>{ "Accessed" }</label>
                <input id={id("accessed")} ref={accessed_ref} type="date" value={draft.accessed.clone()}
                    oninput={field(|d, v| d.accessed = v)}
                    aria-invalid={accessed_error.as_ref().map(|_| "true")}
                    aria-describedby={accessed_error.as_ref().map(|_| id("accessed-error"))} />
                if let Some(message) = accessed_error {
                    <p class="cm-field-error" id={id("accessed-error")} role="alert">{ message }</p>
                }
            </div>
            <div class="cm-form-actions">
                <button type="submit" class="cm-button cm-primary">{ "Save source" }</button>
                <button type="button" class="cm-button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
