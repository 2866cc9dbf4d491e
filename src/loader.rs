//! Where the article comes from.
//!
//! By default the widget shows the seed article that the build copies next to `index.html`. A page
//! can name another plain-text article with `?article=<path>`; it is fetched from the same origin
//! (or any origin that allows it) and parsed exactly like the default one.
//!
//! `index.html` starts that fetch itself, in a small script, while the wasm downloads. When its
//! bytes are there by the time the wasm runs (the usual case), the app shows the article in its
//! very first render ([`prefetched_bytes`]); otherwise it waits for them ([`article_bytes`]).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::browser::{js_error_text, Query};

/// The article shown when the page names none.
pub const DEFAULT_ARTICLE: &str = "seed-article.txt";

/// The article path named by `?article=`, or the default one.
pub fn article_path(query: &Query) -> String {
    query.article.clone().unwrap_or_else(|| DEFAULT_ARTICLE.to_owned())
}

/// The id of the script in `index.html` that starts fetching the article before the wasm loads.
const PREFETCH_SCRIPT: &str = "claimmark-prefetch";

/// The page's prefetch entry (`{ path, bytes, done }`, see `index.html`) when it is for `path`.
fn prefetch_entry(path: &str) -> Option<JsValue> {
    let script = gloo::utils::document().get_element_by_id(PREFETCH_SCRIPT)?;
    let entry = js_sys::Reflect::get(&script, &"article".into()).ok().filter(JsValue::is_object)?;
    let fetched = js_sys::Reflect::get(&entry, &"path".into()).ok()?.as_string();
    (fetched.as_deref() == Some(path)).then_some(entry)
}

/// The entry's bytes, once they have arrived.
fn arrived(entry: &JsValue) -> Option<js_sys::ArrayBuffer> {
    js_sys::Reflect::get(entry, &"bytes".into()).ok()?.dyn_into().ok()
}

/// The entry's promise that settles when its fetch has ended; it never rejects (a failed fetch
/// leaves `bytes` empty).
fn done(entry: &JsValue) -> Option<js_sys::Promise> {
    js_sys::Reflect::get(entry, &"done".into()).ok()?.dyn_into().ok()
}

/// The entry's bytes, when they have arrived; the entry is then dropped, so they are taken once.
fn take_bytes(entry: &JsValue) -> Option<Vec<u8>> {
    let buffer = arrived(entry)?;
    if let Some(script) = gloo::utils::document().get_element_by_id(PREFETCH_SCRIPT) {
        let _ = js_sys::Reflect::delete_property(script.unchecked_ref::<js_sys::Object>(), &"article".into());
    }
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The article's bytes if the page's prefetch script already has them, without waiting: the app
/// can then show the article in its first render.
pub fn prefetched_bytes(path: &str) -> Option<Vec<u8>> {
    take_bytes(&prefetch_entry(path)?)
}

/// The promise that settles when the page's prefetch of `path` has arrived (or failed), when it is
/// still on its way.
pub fn pending_prefetch(path: &str) -> Option<js_sys::Promise> {
    let entry = prefetch_entry(path)?;
    if arrived(&entry).is_some() {
        return None;
    }
    done(&entry)
}

/// Waits until `promise` settles, or `ms` milliseconds have passed.
pub async fn settled_within(promise: js_sys::Promise, ms: i32) {
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        let _ = gloo::utils::window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(&promise, &timer))).await;
}

/// The article's bytes: from the page's prefetch when it fetched this path, otherwise fetched now.
///
/// # Errors
/// As [`fetch_bytes`].
pub async fn article_bytes(path: &str) -> Result<Vec<u8>, String> {
    if let Some(entry) = prefetch_entry(path) {
        if let Some(done) = done(&entry) {
            let _ = JsFuture::from(done).await;
        }
        if let Some(bytes) = take_bytes(&entry) {
            return Ok(bytes);
        }
    }
    // No prefetch, or it failed: fetching again gives the error its message (status, network).
    fetch_bytes(path).await
}

/// Fetches a text file's bytes.
///
/// # Errors
/// A sentence naming the path and what failed: the network, the HTTP status, or reading the body.
pub async fn fetch_bytes(path: &str) -> Result<Vec<u8>, String> {
    let window = gloo::utils::window();
    let response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|e| format!("could not fetch '{path}': {}", js_error_text(&e)))?;
    let response: web_sys::Response =
        response.dyn_into().map_err(|_| format!("could not fetch '{path}': no response"))?;
    if !response.ok() {
        return Err(format!(
            "could not fetch '{path}': HTTP {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let buffer =
        response.array_buffer().map_err(|e| format!("could not read '{path}': {}", js_error_text(&e)))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|e| format!("could not read '{path}': {}", js_error_text(&e)))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
