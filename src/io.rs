//! Export and import through claimmark's second wasm module, `claimmark-io` (`crates/io`): the
//! W3C, ClaimReview and CSV exports and the readers of foreign files are there, not in the
//! widget's first download. On a publisher page the module is fetched the first time one of them
//! is asked for (or when the Export panel opens, [`prefetch`]); the app page fetches it when idle
//! after its first paint ([`prefetch_when_idle`]), so that exports and imports work offline once it
//! has loaded. Either way it is kept. Backups, the storage format, need nothing more: the widget
//! writes and reads them itself.

use claimmark_core::export::import::{self, ImportFile, ImportFormat, Problem};
use claimmark_core::export::{export_backup, export_file_name, ArticleDetails, ExportFormat, Exported};
use claimmark_core::store::StoreDocument;
use js_sys::{Array, Function, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::browser::js_error_text;

const MODULE: &str = "claimmark-io";

/// Starts loading the module, so that it is there when it is needed.
pub fn prefetch() {
    crate::modules::prefetch(MODULE);
}

/// How long [`prefetch_when_idle`] waits for an idle moment at most.
const IDLE_WAIT_MS: i32 = 3000;

/// Loads the module once the page is idle (`requestIdleCallback`, or after [`IDLE_WAIT_MS`]).
/// The app page does, so that once it has loaded every export and import works offline, as the
/// rest of claimmark does. Publisher pages load the module only when it is asked for.
pub fn prefetch_when_idle() {
    let window = gloo::utils::window();
    let run = Closure::once_into_js(prefetch);
    let idle =
        Reflect::get(&window, &"requestIdleCallback".into()).ok().and_then(|f| f.dyn_into::<Function>().ok());
    if let Some(idle) = idle {
        let options = js_sys::Object::new();
        let _ = Reflect::set(&options, &"timeout".into(), &IDLE_WAIT_MS.into());
        if idle.call2(&window, &run, &options).is_ok() {
            return;
        }
    }
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), IDLE_WAIT_MS);
}

async fn function(name: &str) -> Result<Function, String> {
    let module = crate::modules::load(MODULE).await.map_err(|e| {
        format!(
            "claimmark's export and import module could not be loaded ({e}); are you offline? \
                 A Backup works without it"
        )
    })?;
    Reflect::get(&module, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| format!("the export and import module has no '{name}'"))
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    Reflect::get(value, &key.into()).ok().and_then(|v| v.as_string())
}

/// What an export says about `article`: its url and byline. For an article that gives no url, its
/// id when that is a web address (the browser extension's is the page's canonical URL, which its
/// frame's own address is not, and which leaves out the visit's tracking parameters), else this
/// page's address (when it is http or https).
pub fn article_details(article: &claimmark_core::article::Article) -> ArticleDetails {
    let mut details = ArticleDetails::from_article(article);
    if details.url.is_none() {
        let web = |u: &String| u.starts_with("http");
        details.url = Some(article.id.clone())
            .filter(web)
            .or_else(|| gloo::utils::window().location().href().ok().filter(web));
    }
    details
}

/// Exports `doc`: a backup here, the other formats in the module.
///
/// # Errors
/// When the module cannot be loaded.
pub async fn export(
    doc: &StoreDocument,
    details: &ArticleDetails,
    format: ExportFormat,
    organisation: &str,
) -> Result<Exported, String> {
    if format == ExportFormat::Backup {
        return Ok(export_backup(doc));
    }
    let export = function("export_text").await?;
    let option = |value: &Option<String>| value.as_deref().map_or(JsValue::UNDEFINED, JsValue::from);
    let args = Array::of5(
        &doc.to_json().into(),
        &format.as_str().into(),
        &option(&details.url),
        &option(&details.author),
        &organisation.into(),
    );
    let out: Array = export
        .apply(&JsValue::NULL, &args)
        .map_err(|e| js_error_text(&e))?
        .dyn_into()
        .map_err(|_| "the export module gave no text".to_owned())?;
    let mut parts = out.iter().filter_map(|v| v.as_string());
    Ok(Exported {
        format,
        text: parts.next().unwrap_or_default(),
        file_name: export_file_name(doc, format),
        mime_type: format.mime_type(),
        warnings: parts.collect(),
    })
}

/// Why a file cannot be imported: a message, and every problem as "path: message".
#[derive(Debug, Clone, PartialEq)]
pub struct ReadFailure {
    pub message: String,
    pub problems: Vec<String>,
}

impl ReadFailure {
    fn new(message: String) -> ReadFailure {
        ReadFailure { message, problems: Vec::new() }
    }
}

/// Why `raw` (a stored copy the widget could not read) is not a storage document, with the path
/// of the bad value, from the module; `None` when the module cannot be loaded or finds nothing
/// wrong.
pub async fn diagnose_store(raw: &str) -> Option<String> {
    let diagnose = function("diagnose_store").await.ok()?;
    diagnose.call1(&JsValue::NULL, &raw.into()).ok()?.as_string()
}

/// A Markdown file as plain text (`claimmark_core::open::markdown_text`, in the module).
///
/// # Errors
/// That the module cannot be loaded.
pub async fn markdown_text(text: &str) -> Result<String, String> {
    let convert = function("markdown_text").await?;
    convert
        .call1(&JsValue::NULL, &text.into())
        .map_err(|e| js_error_text(&e))?
        .as_string()
        .ok_or_else(|| "the Markdown could not be read".to_owned())
}

/// Reads a file to import (`import::read`): a backup here, anything else in the module.
///
/// # Errors
/// What is wrong with the file, or that the module cannot be loaded.
pub async fn read(bytes: &[u8]) -> Result<ImportFile, ReadFailure> {
    if let Some(file) = import::read_backup_only(bytes) {
        return Ok(file);
    }
    let read = function("read_file").await.map_err(ReadFailure::new)?;
    let now = crate::browser::now().as_millis() as f64;
    let out = read.call2(&JsValue::NULL, &Uint8Array::from(bytes).into(), &now.into()).map_err(|e| {
        let problems = Reflect::get(&e, &"problems".into())
            .ok()
            .and_then(|p| p.dyn_into::<Array>().ok())
            .map(|p| p.iter().filter_map(|v| v.as_string()).collect())
            .unwrap_or_default();
        ReadFailure { message: js_error_text(&e), problems }
    })?;
    let broken = || ReadFailure::new("the import module gave an answer the widget cannot read".to_owned());
    let format = text(&out, "format").and_then(|f| ImportFormat::parse(&f)).ok_or_else(broken)?;
    let doc = StoreDocument::from_stored_json(&text(&out, "document").ok_or_else(broken)?)
        .map_err(|e| ReadFailure::new(format!("the import module's document: {e}")))?;
    let has_article =
        Reflect::get(&out, &"hasArticle".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false);
    let skipped = Reflect::get(&out, &"skipped".into())
        .ok()
        .and_then(|s| s.dyn_into::<Array>().ok())
        .map(|list| {
            list.iter()
                .filter_map(|pair| pair.dyn_into::<Array>().ok())
                .map(|pair| Problem {
                    path: pair.get(0).as_string().unwrap_or_default(),
                    message: pair.get(1).as_string().unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(ImportFile::from_document(format, doc, has_article, text(&out, "articleUrl"), skipped))
}
