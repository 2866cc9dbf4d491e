//! The library's storage and the browser parts of opening an article: reading a file's bytes,
//! parsing pasted or picked HTML with the browser's `DOMParser` (into core's neutral tree), and
//! the browser's storage manager (`persist()` and `estimate()`).
//!
//! What a library is, which id an article gets, the rows, the backup and its restore plan are
//! core's ([`claimmark_core::library`]); this module moves strings in and out of localStorage.

use claimmark_core::library::{article_key, article_key_prefix, Library, StoredArticle};
use claimmark_core::open::html::Node;
use claimmark_core::store::{storage_key, StoreDocument};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::browser::js_error_text;
use crate::storage::{is_quota_error, local_storage, DEFAULT_NAMESPACE};

/// Every stored article, oldest first, and the keys that could not be read (left untouched).
pub fn load() -> (Library, Vec<String>) {
    let Ok(storage) = local_storage() else { return (Library::default(), Vec::new()) };
    let prefix = article_key_prefix(DEFAULT_NAMESPACE);
    let mut entries = Vec::new();
    let mut unreadable = Vec::new();
    for i in 0..storage.length().unwrap_or(0) {
        let Ok(Some(key)) = storage.key(i) else { continue };
        if !key.starts_with(&prefix) {
            continue;
        }
        match storage.get_item(&key).ok().flatten().map(|raw| StoredArticle::from_json(&raw)) {
            Some(Ok(entry)) => entries.push(entry),
            Some(Err(e)) => unreadable.push(format!("{key}: {e}")),
            None => {}
        }
    }
    entries.sort_by(|a, b| a.added.cmp(&b.added).then_with(|| a.id.cmp(&b.id)));
    (Library { entries }, unreadable)
}

/// Stores an article's text.
///
/// # Errors
/// A sentence for the user: the quota is full, or storage is missing or failed.
pub fn save(entry: &StoredArticle) -> Result<(), String> {
    let storage = local_storage().map_err(|cause| format!("Not saved in this browser: {cause}."))?;
    storage.set_item(&article_key(DEFAULT_NAMESPACE, &entry.id), &entry.to_json()).map_err(|e| {
        if is_quota_error(&e) {
            "This browser's storage for claimmark is full: the article was not stored. Back up and \
             remove articles you no longer need, then try again."
                .to_owned()
        } else {
            format!("The article could not be stored: {}.", js_error_text(&e))
        }
    })
}

/// The stored annotations of an article, when there are any that can be read.
pub fn document(id: &str) -> Option<StoreDocument> {
    let raw = local_storage().ok()?.get_item(&storage_key(DEFAULT_NAMESPACE, id)).ok()??;
    StoreDocument::from_stored_json(&raw).ok()
}

/// Writes an article's annotations (a restore's merged document).
///
/// # Errors
/// As [`save`].
pub fn save_document(doc: &StoreDocument) -> Result<(), String> {
    let storage = local_storage().map_err(|cause| format!("Not saved in this browser: {cause}."))?;
    storage
        .set_item(&storage_key(DEFAULT_NAMESPACE, &doc.article.id), &doc.to_json())
        .map_err(|e| format!("The annotations could not be stored: {}.", js_error_text(&e)))
}

/// What removing an article took out of storage, to put back on undo: its text and its
/// annotations exactly as they were stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    pub title: String,
    pub article: (String, String),
    pub annotations: Option<(String, String)>,
}

/// Removes an article and its annotations.
pub fn remove(entry: &StoredArticle) -> Option<Removed> {
    let storage = local_storage().ok()?;
    let take = |key: String| {
        let raw = storage.get_item(&key).ok()??;
        storage.remove_item(&key).ok()?;
        Some((key, raw))
    };
    let article = take(article_key(DEFAULT_NAMESPACE, &entry.id))?;
    let annotations = take(storage_key(DEFAULT_NAMESPACE, &entry.id));
    Some(Removed { title: entry.title.clone(), article, annotations })
}

/// Puts a removed article back.
///
/// # Errors
/// As [`save`].
pub fn restore_removed(removed: &Removed) -> Result<(), String> {
    let storage = local_storage().map_err(|cause| format!("Not saved in this browser: {cause}."))?;
    for (key, raw) in std::iter::once(&removed.article).chain(&removed.annotations) {
        storage.set_item(key, raw).map_err(|e| format!("Undo failed: {}.", js_error_text(&e)))?;
    }
    Ok(())
}

/// Reads a picked or dropped file's bytes, refusing files over the open limit before reading.
///
/// # Errors
/// A sentence naming the file.
pub async fn file_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let name = file.name();
    let limit = claimmark_core::open::MAX_OPEN_BYTES;
    if file.size() > limit as f64 {
        return Err(format!("{name} is {} bytes, over the limit of {limit} bytes (2 MB)", file.size()));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{name} could not be read: {}", js_error_text(&e)))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Parses HTML with the browser's own parser into core's tree. `DOMParser` makes an inert
/// document: its scripts never run, its images never load, and its event handlers never fire.
///
/// # Errors
/// When the browser refuses to parse.
pub fn parse_html(html: &str) -> Result<Node, String> {
    let parser = web_sys::DomParser::new().map_err(|e| js_error_text(&e))?;
    let document = parser
        .parse_from_string(html, web_sys::SupportedType::TextHtml)
        .map_err(|e| format!("the HTML could not be parsed: {}", js_error_text(&e)))?;
    let root = document.document_element().ok_or("the HTML has no document element")?;
    Ok(to_node(&root, 0))
}

/// Deeper than this, the rest of a subtree is left out: no article nests so deep, and the
/// recursion stays bounded on hostile input.
const MAX_DEPTH: usize = 256;

fn to_node(node: &web_sys::Node, depth: usize) -> Node {
    if let Some(element) = node.dyn_ref::<web_sys::Element>() {
        let attrs = element.attributes();
        let attrs = (0..attrs.length())
            .filter_map(|i| attrs.item(i))
            .map(|a| (a.name().to_ascii_lowercase(), a.value()))
            .collect();
        let children = if depth < MAX_DEPTH {
            let list = element.child_nodes();
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter(|n| matches!(n.node_type(), web_sys::Node::ELEMENT_NODE | web_sys::Node::TEXT_NODE))
                .map(|n| to_node(&n, depth + 1))
                .collect()
        } else {
            Vec::new()
        };
        return Node::Element { name: element.local_name().to_ascii_lowercase(), attrs, children };
    }
    Node::Text(node.text_content().unwrap_or_default())
}

/// `navigator.storage`, when the browser has it.
fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = gloo::utils::window().navigator();
    js_sys::Reflect::get(&navigator, &"storage".into()).ok().filter(|s| !s.is_undefined())?.dyn_into().ok()
}

/// Whether the browser keeps this site's storage until the user deletes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    Persisted,
    MayBeCleared,
    Unknown,
}

/// Asks the browser to keep this site's storage (`navigator.storage.persist()`).
pub async fn persist() -> Persistence {
    persistence(storage_manager().and_then(|m| m.persist().ok())).await
}

/// Whether storage is already persisted (`navigator.storage.persisted()`), without asking.
pub async fn persisted() -> Persistence {
    persistence(storage_manager().and_then(|m| m.persisted().ok())).await
}

/// What a `persist()` or `persisted()` promise answered.
async fn persistence(promise: Option<js_sys::Promise>) -> Persistence {
    let Some(promise) = promise else { return Persistence::Unknown };
    match JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()) {
        Some(true) => Persistence::Persisted,
        Some(false) => Persistence::MayBeCleared,
        None => Persistence::Unknown,
    }
}

/// Bytes used and the quota, from `navigator.storage.estimate()`.
pub async fn estimate() -> Option<(f64, f64)> {
    let promise = storage_manager()?.estimate().ok()?;
    let estimate = JsFuture::from(promise).await.ok()?;
    let get = |name: &str| js_sys::Reflect::get(&estimate, &name.into()).ok()?.as_f64();
    Some((get("usage")?, get("quota")?))
}

/// The bytes claimmark's own keys take in localStorage (which browsers count in UTF-16 code
/// units, two bytes each), since `estimate()` leaves localStorage out in some browsers.
pub fn local_bytes() -> f64 {
    let Ok(storage) = local_storage() else { return 0.0 };
    let mut units = 0usize;
    for i in 0..storage.length().unwrap_or(0) {
        let Ok(Some(key)) = storage.key(i) else { continue };
        if key.starts_with(DEFAULT_NAMESPACE) {
            let value = storage.get_item(&key).ok().flatten().unwrap_or_default();
            units += key.encode_utf16().count() + value.encode_utf16().count();
        }
    }
    (units * 2) as f64
}

/// `1234567` → `1.2 MB`.
pub fn human_bytes(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut value = bytes;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} {}", UNITS[0])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
