//! The top-level component: routes, loads the article, then shows it.
//!
//! - `?open=<id>`: an article of the reader's library, from its stored text (works offline);
//! - `?view=library`: the library, "Your articles";
//! - `?article=<path>`: a plain-text article fetched from the site, as before;
//! - nothing: the library when it holds more than the demo article, else the demo article.
//!
//! An article fetched by path is added to the library (or updated there, by its path), so that
//! it reopens offline and its work is listed.

use std::rc::Rc;

use claimmark_core::article::Article;
use claimmark_core::library::{Placement, StoredArticle};
use claimmark_core::model::IsoDate;
use yew::prelude::*;

use crate::components::classroom::{StudentView, TeacherView};
use crate::components::library::LibraryView;
use crate::components::open_article::OpenPanel;
use crate::components::workspace::{Init, Workspace};
use crate::library::{self, Persistence};
use crate::loader;
use crate::state::{ArticleRef, Mode, Shared};
use crate::storage::DEFAULT_NAMESPACE;

#[derive(Clone, PartialEq)]
enum Loading {
    Pending,
    Failed(String),
    Ready(Init),
    /// The teacher's exercise editor on this article.
    Teacher(ArticleRef),
    Library,
}

/// Keeps an article fetched from `path` in the library: the entry for that path is updated when
/// the text changed (its id, and so its work, stay), and a new one is made otherwise. Returns the
/// article under the id it is stored as, with its publication date.
fn keep_in_library(article: Article, path: &str) -> (Article, Option<IsoDate>) {
    let (lib, _) = library::load();
    let same_path = lib.entries.iter().find(|e| e.file.as_deref() == Some(path)).cloned();
    let entry = match (same_path, lib.place(&article)) {
        (Some(entry), _) if entry.fingerprint == article.fingerprint => {
            return (entry.article(), entry.published)
        }
        // The text changed at its source: the new text, under the same id, title (a reader may
        // have renamed it) and dates.
        (Some(entry), _) => StoredArticle {
            title: entry.title.clone(),
            ..StoredArticle::new(&article, &entry.id, Some(path), entry.published, entry.added)
        },
        (None, Placement::Existing(id)) => {
            return lib.get(&id).map_or((article, None), |e| (e.article(), e.published))
        }
        (None, Placement::New(id)) => {
            let published = claimmark_core::open::first_full_date(article.byline.as_deref().unwrap_or(""));
            StoredArticle::new(&article, &id, Some(path), published, crate::browser::now())
        }
    };
    // Not being able to store it only means it does not reopen offline; the work on it is
    // stored on its own key as always.
    let _ = library::save(&entry);
    (entry.article(), entry.published)
}

/// What the app shows once the article's bytes are read (or could not be).
fn loaded(route: crate::classroom::Route, path: &str, bytes: Result<Vec<u8>, String>) -> Loading {
    let result = bytes.and_then(|bytes| {
        Article::from_bytes(&bytes).map_err(|e| format!("could not read '{path}' as an article: {e}"))
    });
    crate::timing::mark("claimmark:loaded");
    match result {
        Ok(article) if route == crate::classroom::Route::Teacher => {
            Loading::Teacher(Shared(Rc::new(article)))
        }
        Ok(article) => {
            let (article, published) = keep_in_library(article, path);
            Loading::Ready(Init::prepare_published(article, published, DEFAULT_NAMESPACE, Mode::FactCheck))
        }
        Err(message) => Loading::Failed(message),
    }
}

/// An article of the library, by id.
fn from_library(route: crate::classroom::Route, id: &str) -> Loading {
    let (lib, _) = library::load();
    match lib.get(id) {
        Some(entry) if route == crate::classroom::Route::Teacher => {
            Loading::Teacher(Shared(Rc::new(entry.article())))
        }
        Some(entry) => Loading::Ready(Init::prepare_published(
            entry.article(),
            entry.published,
            DEFAULT_NAMESPACE,
            Mode::FactCheck,
        )),
        None => Loading::Failed(format!(
            "There is no article '{id}' in your library in this browser. It may have been removed, \
             or saved in another browser: restore a backup from “Your articles”."
        )),
    }
}

/// Whether the library holds an article other than the demo one.
fn has_own_articles() -> bool {
    library::load().0.entries.iter().any(|e| e.file.as_deref() != Some(loader::DEFAULT_ARTICLE))
}

/// Goes to another view of the app (a new page load, so that reloading shows the same view).
fn go(search: &str) {
    let _ = gloo::utils::window().location().set_search(search);
}

#[component]
pub fn App() -> Html {
    let query = use_memo((), |_| crate::browser::Query::current());
    let route = crate::classroom::Route::from_query(&query);
    // When the page's prefetch already has the article, the first render shows it: no "Loading"
    // render, and no wait for a fetch.
    let state = use_state(|| match route {
        crate::classroom::Route::Student => Loading::Pending,
        _ if query.open.is_some() => from_library(route, query.open.as_deref().unwrap_or_default()),
        crate::classroom::Route::FactCheck if query.view.as_deref() == Some("library") => Loading::Library,
        crate::classroom::Route::FactCheck if query.article.is_none() && has_own_articles() => {
            Loading::Library
        }
        _ => {
            let path = loader::article_path(&query);
            loader::prefetched_bytes(&path).map_or(Loading::Pending, |bytes| loaded(route, &path, Ok(bytes)))
        }
    });
    let opening = use_state(|| false);
    let asked_persist = use_mut_ref(|| false);
    let persist_note = use_state(String::new);
    {
        let (state, query) = (state.clone(), query.clone());
        use_effect_with((), move |_| {
            if route == crate::classroom::Route::Student || *state != Loading::Pending {
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                let path = loader::article_path(&query);
                let bytes = loader::article_bytes(&path).await;
                state.set(loaded(route, &path, bytes));
            });
        });
    }
    // Once the article is on screen, the export and import module loads when the page is idle,
    // so that exports and imports work offline too.
    let ready = matches!(&*state, Loading::Ready(_) | Loading::Teacher(_));
    use_effect_with(ready, |ready| {
        if *ready {
            crate::timing::after_next_paint(crate::io::prefetch_when_idle);
        }
    });
    // After the first edit, ask the browser to keep this site's storage, and say what it answered.
    let onchange = {
        let (asked, note) = (asked_persist.clone(), persist_note.clone());
        Callback::from(move |_revision: u64| {
            if std::mem::replace(&mut *asked.borrow_mut(), true) {
                return;
            }
            let note = note.clone();
            wasm_bindgen_futures::spawn_local(async move {
                note.set(match library::persist().await {
                    Persistence::Persisted => "Your work is kept in this browser until you delete it.".into(),
                    Persistence::MayBeCleared => {
                        "Your work is saved in this browser, which may clear it after \
                        days without a visit: back up your library from “Your articles”."
                            .into()
                    }
                    Persistence::Unknown => String::new(),
                });
            });
        })
    };
    let onopen = {
        let teacher = route == crate::classroom::Route::Teacher;
        Callback::from(move |id: String| {
            let id = js_sys::encode_uri_component(&id);
            go(&if teacher { format!("?mode=teacher&open={id}") } else { format!("?open={id}") });
        })
    };
    let onclose = {
        let opening = opening.clone();
        Callback::from(move |()| opening.set(false))
    };
    let onopen_click = {
        let opening = opening.clone();
        Callback::from(move |_| opening.set(!*opening))
    };
    let content = match &*state {
        _ if route == crate::classroom::Route::Student => html! { <StudentView /> },
        Loading::Teacher(article) => html! { <TeacherView article={article.clone()} /> },
        Loading::Library => html! { <LibraryView /> },
        Loading::Pending => html! { <p class="cm-status" role="status">{ "Loading the article…" }</p> },
        Loading::Failed(message) => html! {
            <div class="cm-error" role="alert">
                <h1>{ "The article could not be opened" }</h1>
                <p>{ message.clone() }</p>
            </div>
        },
        Loading::Ready(init) => html! { <Workspace init={init.clone()} onchange={onchange} /> },
    };
    let library_current = (*state == Loading::Library).then_some("page");
    html! {
        <div class="cm-app">
            <header class="cm-appbar">
                <span class="cm-brand" aria-label="claimmark">{ "claimmark" }</span>
                <crate::components::classroom::ClassroomNav route={route} />
                if route != crate::classroom::Route::Student {
                    <a class="cm-nav-link" href="?view=library" aria-current={library_current}>{ "Your articles" }</a>
                    <button type="button" class="cm-button" aria-expanded={opening.to_string()}
                        aria-controls="cm-open-panel" onclick={onopen_click}>{ "Open article" }</button>
                }
            </header>
            if !persist_note.is_empty() {
                <p class="cm-hint cm-persist" role="status">{ (*persist_note).clone() }</p>
            }
            <main class="cm-main" id="cm-main">
                if *opening {
                    <div id="cm-open-panel"><OpenPanel onopen={onopen} onclose={onclose} /></div>
                }
                { content }
            </main>
        </div>
    }
}
