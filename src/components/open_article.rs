//! "Open article": paste text or a web page's HTML, or choose or drop a `.txt`, `.md` or `.html`
//! file. Core decides what it is ([`claimmark_core::open`]) and where it goes in the library
//! ([`claimmark_core::library`]); this panel reads the input and reports what went wrong, and
//! stores nothing when something did.

use claimmark_core::library::{Placement, StoredArticle};
use claimmark_core::model::IsoDate;
use claimmark_core::open::{self, FileKind, Opened};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::library;

#[derive(Properties, PartialEq, Clone)]
pub struct OpenPanelProps {
    /// Hears the id of the stored article to show.
    pub onopen: Callback<String>,
    pub onclose: Callback<()>,
}

/// Turns what was read into an article: HTML through the browser's parser, text through core.
/// (Markdown is made plain text first, by [`open_file_kind`].)
fn open_input(name: &str, kind: FileKind<'_>) -> Result<Opened, String> {
    match kind {
        FileKind::Html(html) => {
            let tree = library::parse_html(html).map_err(|e| format!("{name}: {e}"))?;
            open::html::extract(name, &tree).map_err(|e| e.to_string())
        }
        FileKind::Markdown(text) | FileKind::Text(text) => {
            open::open_text(name, text).map_err(|e| e.to_string())
        }
    }
}

/// As [`open_input`], with Markdown read by `claimmark-io` (loaded on demand).
async fn open_file_kind(name: &str, kind: FileKind<'_>) -> Result<Opened, String> {
    match kind {
        FileKind::Markdown(text) => {
            let plain = crate::io::markdown_text(text).await?;
            open::open_text(name, &plain).map_err(|e| e.to_string())
        }
        other => open_input(name, other),
    }
}

/// Stores the article in the library (or finds it there, by its text) and returns its id.
///
/// # Errors
/// When storing failed; nothing is stored then.
pub fn store(opened: Opened, file: Option<&str>, user_date: Option<IsoDate>) -> Result<String, String> {
    let (library, _) = library::load();
    match library.place(&opened.article) {
        Placement::Existing(id) => Ok(id),
        Placement::New(id) => {
            let published = opened.published.or(user_date);
            let entry = StoredArticle::new(&opened.article, &id, file, published, crate::browser::now());
            library::save(&entry)?;
            Ok(id)
        }
    }
}

#[component]
pub fn OpenPanel(props: &OpenPanelProps) -> Html {
    let error = use_state(String::new);
    // A pasted web page, extracted, while the text area still shows what it became.
    let pasted = use_state(|| None::<(String, Opened)>);
    let dragging = use_state(|| false);
    let text = use_state(String::new);
    let text_ref = use_node_ref();
    let date_ref = use_node_ref();
    {
        let text_ref = text_ref.clone();
        use_effect_with((), move |_| {
            if let Some(area) = text_ref.cast::<web_sys::HtmlElement>() {
                let _ = area.focus();
            }
        });
    }
    let user_date = {
        let date_ref = date_ref.clone();
        move || date_ref.cast::<HtmlInputElement>().and_then(|i| IsoDate::parse(&i.value()).ok())
    };
    let finish = {
        let (error, onopen, user_date) = (error.clone(), props.onopen.clone(), user_date.clone());
        move |result: Result<Opened, String>, file: Option<String>| match result
            .and_then(|opened| store(opened, file.as_deref(), user_date()))
        {
            Ok(id) => onopen.emit(id),
            Err(message) => error.set(message),
        }
    };
    let onpaste = {
        let (pasted, error, text) = (pasted.clone(), error.clone(), text.clone());
        Callback::from(move |e: Event| {
            let Some(data) = e.dyn_ref::<web_sys::ClipboardEvent>().and_then(|e| e.clipboard_data()) else {
                return;
            };
            let html = data.get_data("text/html").unwrap_or_default();
            if html.trim().is_empty() {
                pasted.set(None);
                return;
            }
            e.prevent_default();
            match open::check_paste(&html)
                .map_err(|e| e.to_string())
                .and_then(|()| open_input("the pasted page", FileKind::Html(&html)))
            {
                Ok(opened) => {
                    let preview = format!("{}\n\n{}", opened.article.title, opened.article.body);
                    text.set(preview.clone());
                    error.set(String::new());
                    pasted.set(Some((preview, opened)));
                }
                Err(message) => error.set(message),
            }
        })
    };
    let onopen_text = {
        let (pasted, text_ref, error, finish) =
            (pasted.clone(), text_ref.clone(), error.clone(), finish.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = text_ref.cast::<HtmlTextAreaElement>().map(|a| a.value()).unwrap_or_default();
            // The pasted page as it was extracted, unless the text was edited since.
            if let Some((preview, opened)) = &*pasted {
                if *preview == text {
                    finish(Ok(opened.clone()), None);
                    return;
                }
            }
            match open::check_paste(&text) {
                Ok(()) => finish(open_input("the paste", FileKind::Text(&text)), None),
                Err(e) => error.set(e.to_string()),
            }
        })
    };
    let open_file = {
        let (error, finish) = (error.clone(), finish.clone());
        move |file: web_sys::File| {
            let (error, finish) = (error.clone(), finish.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let result = match library::file_bytes(&file).await {
                    Ok(bytes) => match open::classify_file(&name, &bytes) {
                        Ok(kind) => open_file_kind(&name, kind).await,
                        Err(e) => Err(e.to_string()),
                    },
                    Err(message) => Err(message),
                };
                error.set(String::new());
                finish(result, Some(name));
            });
        }
    };
    let onchoose = {
        let open_file = open_file.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                open_file(file);
            }
            input.set_value("");
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let (dragging, open_file) = (dragging.clone(), open_file.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                open_file(file);
            }
        })
    };
    let onclose = {
        let onclose = props.onclose.clone();
        Callback::from(move |_| onclose.emit(()))
    };
    let oninput = {
        let (error, text) = (error.clone(), text.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
                text.set(area.value());
            }
            error.set(String::new());
        })
    };
    let note = pasted.as_ref().map(|_| {
        html! { <p class="cm-hint" id="cm-open-pasted">{ "Pasted as a web page: its headline, byline and paragraphs are shown below, with scripts, navigation and other page furniture left out." }</p> }
    });
    html! {
        <section class={classes!("cm-open", dragging.then_some("cm-open-dragging"))} aria-labelledby="cm-open-heading"
            ondragover={ondragover} ondragleave={ondragleave} ondrop={ondrop}>
            <h2 id="cm-open-heading">{ "Open an article" }</h2>
            <form onsubmit={onopen_text}>
                <label for="cm-open-text">{ "Paste the article's text, or a web page" }</label>
                <textarea id="cm-open-text" ref={text_ref} rows="8" value={(*text).clone()} onpaste={onpaste} oninput={oninput}
                    aria-describedby="cm-open-help" />
                <p class="cm-hint" id="cm-open-help">{ "Text or HTML, up to 2 MB. It is kept in this browser, with your work on it." }</p>
                { for note }
                <label for="cm-open-date">{ "Publication date (when the article does not give one)" }</label>
                <input id="cm-open-date" type="date" ref={date_ref} />
                <div class="cm-row">
                    <button type="submit" class="cm-button cm-primary">{ "Open pasted article" }</button>
                    <button type="button" class="cm-button" onclick={onclose}>{ "Cancel" }</button>
                </div>
                <label for="cm-open-file">{ "Or choose a file (.txt, .md, .html), or drop one here" }</label>
                <input id="cm-open-file" type="file" accept=".txt,.text,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" onchange={onchoose} />
            </form>
            if !error.is_empty() {
                <p class="cm-error" role="alert">{ (*error).clone() }</p>
            }
        </section>
    }
}
