//! The top-level component: loads the article, then shows it.

use std::rc::Rc;

use claimmark_core::article::Article;
use yew::prelude::*;

use claimmark_core::store::{ArticleInfo, StoreDocument};

use crate::components::classroom::{StudentView, TeacherView};
use crate::components::workspace::{Init, Workspace};
use crate::loader;
use crate::state::{Mode, Shared, State};
use crate::storage::{Slot, DEFAULT_NAMESPACE};

pub use crate::state::ArticleRef;

#[derive(Clone, PartialEq)]
enum Loading {
    Pending,
    Failed(String),
    Ready(Init),
    /// The teacher's exercise editor on this article.
    Teacher(ArticleRef),
}

/// Detects claims, reads the stored annotations and builds the workspace's first state.
pub fn prepare(article: Article, namespace: &str, mode: Mode) -> Init {
    let claims = claimmark_core::detect::detect(&article.body);
    crate::timing::mark("claimmark:detected");
    prepare_with_claims(article, claims, namespace, mode)
}

/// As [`prepare`], with the detected claims given: none for a student, so that detection does
/// not give the answers away.
pub fn prepare_with_claims(
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
        Ok(article) => Loading::Ready(prepare(article, DEFAULT_NAMESPACE, Mode::FactCheck)),
        Err(message) => Loading::Failed(message),
    }
}

#[component]
pub fn App() -> Html {
    let query = use_memo((), |_| crate::browser::Query::current());
    let route = crate::classroom::Route::from_query(&query);
    // When the page's prefetch already has the article, the first render shows it: no "Loading"
    // render, and no wait for a fetch.
    let state = use_state(|| match route {
        crate::classroom::Route::Student => Loading::Pending,
        _ => {
            let path = loader::article_path(&query);
            loader::prefetched_bytes(&path).map_or(Loading::Pending, |bytes| loaded(route, &path, Ok(bytes)))
        }
    });
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
    let content = match &*state {
        _ if route == crate::classroom::Route::Student => html! { <StudentView /> },
        Loading::Teacher(article) => html! { <TeacherView article={article.clone()} /> },
        Loading::Pending => html! { <p class="cm-status" role="status">{ "Loading the article…" }</p> },
        Loading::Failed(message) => html! {
            <div class="cm-error" role="alert">
                <h1>{ "The article could not be opened" }</h1>
                <p>{ message.clone() }</p>
            </div>
        },
        Loading::Ready(init) => html! { <Workspace init={init.clone()} /> },
    };
    html! {
        <div class="cm-app">
            <header class="cm-appbar">
                <span class="cm-brand" aria-label="claimmark">{ "claimmark" }</span>
                <crate::components::classroom::ClassroomNav route={route} />
            </header>
            <main class="cm-main" id="cm-main">{ content }</main>
        </div>
    }
}
