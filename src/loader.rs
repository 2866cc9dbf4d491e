//! Where the article comes from.
//!
//! By default the widget shows the seed article that the build copies next to `index.html`. A page
//! can name another plain-text article with `?article=<path>`; it is fetched from the same origin
//! (or any origin that allows it) and parsed exactly like the default one.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The article shown when the page names none.
pub const DEFAULT_ARTICLE: &str = "seed-article.txt";

/// The article path named by `?article=`, or the default one.
pub fn article_path_from_query() -> String {
    let search = gloo::utils::window().location().search().unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|params| params.get("article"))
        .filter(|path| !path.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_ARTICLE.to_string())
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

/// The message of a JS exception, or its string form.
pub fn js_error_text(value: &wasm_bindgen::JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}
