//! claimmark's wasm modules that load on demand, next to the widget's own files:
//! `claimmark-io` (exports and imports, [`crate::io`]) and `claimmark-sync` (team sync,
//! [`crate::team`]). Each is fetched once, the first time it is asked for, and kept; a failed load
//! is forgotten, so that the next call tries again.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::browser::js_error_text;

// The modules sit next to the widget's JS glue. This function is in that glue (the publisher
// bundle's, tools/build-embed.sh) or in a snippet that wasm-bindgen writes two folders below it
// (the app page's, by Trunk).
#[wasm_bindgen(inline_js = r#"
const loading = new Map();
export function claimmark_module(name) {
  if (!loading.has(name)) {
    const here = import.meta.url;
    const base = new URL(here.includes('/snippets/') ? '../../' : './', here);
    const load = import(new URL(name + '.js', base).href).then(async (module) => {
      await module.default({ module_or_path: new URL(name + '_bg.wasm', base) });
      return module;
    });
    load.catch(() => { loading.delete(name); });
    loading.set(name, load);
  }
  return loading.get(name);
}
"#)]
extern "C" {
    fn claimmark_module(name: &str) -> Promise;
}

/// Starts loading the module `name`, so that it is there when it is needed.
pub fn prefetch(name: &str) {
    let _ = claimmark_module(name);
}

/// The module `name`'s exports, once it has loaded.
///
/// # Errors
/// The load's failure, as text.
pub async fn load(name: &str) -> Result<JsValue, String> {
    JsFuture::from(claimmark_module(name)).await.map_err(|e| js_error_text(&e))
}
