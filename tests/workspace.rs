//! Component tests of the workspace, in headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use claimmark_core::article::Article;
use claimmark_core::store::{ArticleInfo, StoreDocument};
use claimmark_widget::components::workspace::{Init, Workspace, WorkspaceProps};
use claimmark_widget::state::{Mode, Shared, State, StateHandle};
use claimmark_widget::storage::{Slot, StorageStatus};
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("../../shared/seed-article.txt");

fn init() -> Init {
    let article = Article::parse(SEED).unwrap();
    let claims = claimmark_core::detect::detect(&article.body);
    let doc = StoreDocument::new(ArticleInfo::new(&article.id, &article.title, &article.body));
    let slot = Slot::new("claimmark-test-workspace", &article.id);
    let state = State::new(Shared(Rc::new(article)), claims, doc, StorageStatus::Saved, Mode::ReadOnly);
    Init { state: Rc::new(state), slot }
}

/// Mounts a workspace on `init`, lets it render, and returns its root and what `onstate` heard.
async fn mount(init: &Init) -> (web_sys::Element, yew::AppHandle<Workspace>, Rc<RefCell<Vec<u64>>>) {
    let root = gloo::utils::document().create_element("div").unwrap();
    gloo::utils::body().append_child(&root).unwrap();
    let heard = Rc::new(RefCell::new(Vec::new()));
    let onstate = {
        let heard = heard.clone();
        Callback::from(move |state: StateHandle| heard.borrow_mut().push(state.session.revision))
    };
    let props = yew::props!(WorkspaceProps { init: init.clone(), onstate: Some(onstate) });
    let app = yew::Renderer::<Workspace>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    (root, app, heard)
}

#[wasm_bindgen_test]
async fn the_same_start_mounts_again() {
    let init = init();
    let title = init.state.article.0.title.clone();
    for _ in 0..2 {
        let (root, app, heard) = mount(&init).await;
        let shown = root.query_selector(".cm-doc-title").unwrap().and_then(|t| t.text_content());
        assert_eq!(shown.as_deref(), Some(title.as_str()));
        assert_eq!(heard.borrow().first(), Some(&0), "the handle hears the state after the first render");
        app.destroy();
        root.remove();
    }
}
