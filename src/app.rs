//! The top-level component: loads the article, then shows it.

use std::rc::Rc;

use claimmark_core::article::Article;
use yew::prelude::*;

use crate::components::classroom::{StudentView, TeacherView};
use crate::components::workspace::{Init, Workspace};
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
        Ok(article) => Loading::Ready(Init::prepare(article, DEFAULT_NAMESPACE, Mode::FactCheck)),
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
