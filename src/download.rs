//! Saving text as a file download, through a Blob and a temporary link.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `filename`. Returns `false` when the browser refused.
pub fn save_text(filename: &str, mime: &str, text: &str) -> bool {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return false };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return false };
    let document = gloo::utils::document();
    let Some(link) =
        document.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return false;
    };
    link.set_href(&url);
    link.set_download(filename);
    link.set_attribute("hidden", "").ok();
    let body = gloo::utils::body();
    let appended = body.append_child(&link).is_ok();
    link.click();
    if appended {
        let _ = body.remove_child(&link);
    }
    let _ = web_sys::Url::revoke_object_url(&url);
    true
}
