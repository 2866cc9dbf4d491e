//! claimmark's widget: a thin Yew layer over `claimmark-core`.
//!
//! The core decides everything that can be decided without a DOM (parsing, detection, anchoring,
//! storage format, export). This crate turns DOM events into core calls and core results into Html:
//!
//! - [`app`]: the top-level component, which loads an article and shows it;
//! - [`components`]: the article view and its parts, and [`hooks`]: the workspace's autosave,
//!   merging of other tabs' work and undo keys;
//! - [`state`]: the reducer and its actions, which name claims by [`item_key::ItemKey`]; the
//!   reducer is a thin call into core's `session::Session::apply`;
//! - [`storage`]: localStorage, and what the user is told when it fails;
//! - [`loader`]: where the article comes from (the default seed article, or `?article=<path>`);
//! - [`classroom`]: teacher and student modes (`?mode=teacher`, `?mode=student`, `?exercise=<path>`);
//! - [`browser`]: the clock, random bytes, JS errors and the page's query string;
//! - [`dom`]: the only place that converts between the DOM's UTF-16 offsets and core's characters;
//! - [`embed`] and [`inplace`]: `window.claimmark` for publisher pages, and annotating their markup.
//!
//! The `standalone` feature (on by default) adds the full page: [`app`] and the classroom's teacher
//! and student views. Publisher pages load the `claimmark-embed` build (`crates/embed`), which
//! leaves it out and is a smaller download.

#[cfg(feature = "standalone")]
pub mod app;
pub mod browser;
#[cfg(feature = "standalone")]
pub mod classroom;
pub mod components;
pub mod dom;
pub mod download;
pub mod embed;
pub mod hooks;
pub mod inplace;
pub mod io;
pub mod item_key;
#[cfg(feature = "standalone")]
pub mod library;
pub mod loader;
pub mod modules;
pub mod state;
pub mod storage;
#[cfg(feature = "standalone")]
pub mod team;
pub mod text;
pub mod timing;

/// Starts the widget on any page: the full app when the page has `#claimmark-app`, and the
/// embedding API (`window.claimmark`, with auto-mounting of `[data-claimmark]`) everywhere.
pub fn start() {
    #[cfg(feature = "standalone")]
    if gloo::utils::document().get_element_by_id("claimmark-app").is_some() {
        mount_app();
        // The app's page embeds nothing itself: its first frame (the highlighted article) comes
        // first, and the API after it.
        timing::after_next_paint(embed::install);
        return;
    }
    embed::install();
}

/// How long the app waits for the page's prefetch of the article before it shows "Loading".
#[cfg(feature = "standalone")]
const PREFETCH_WAIT_MS: i32 = 100;

#[cfg(feature = "standalone")]
/// Mounts the app into `#claimmark-app` (or `<body>` when that element is missing).
///
/// When the page's prefetch of the article is still on its way, the app waits for it (up to
/// [`PREFETCH_WAIT_MS`]): its first render then shows the article, not "Loading" followed by a
/// second render and layout of the whole page.
pub fn mount_app() {
    timing::mark("claimmark:start");
    let document = gloo::utils::document();
    let root = document.get_element_by_id("claimmark-app").unwrap_or_else(|| gloo::utils::body().into());
    let render = move || {
        yew::Renderer::<app::App>::with_root(root).render();
    };
    let query = browser::Query::current();
    let pending = (classroom::Route::from_query(&query) != classroom::Route::Student)
        .then(|| loader::pending_prefetch(&loader::article_path(&query)))
        .flatten();
    match pending {
        Some(arrival) => wasm_bindgen_futures::spawn_local(async move {
            loader::settled_within(arrival, PREFETCH_WAIT_MS).await;
            render();
        }),
        None => render(),
    }
}
