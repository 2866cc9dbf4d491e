//! claimmark's second wasm module: export to W3C Web Annotations, ClaimReview and CSV, and the
//! import of every format claimmark reads. The widget (`src/io.rs`) loads it the first time one of
//! these is asked for, so that the publisher page's first download leaves them out: backups, the
//! storage format, the widget writes and reads itself.
//!
//! Documents cross between the two modules as the storage format's JSON, which this module reads
//! with `StoreDocument::from_json` and the widget with `StoreDocument::from_stored_json` (the same
//! reader; its errors give a line and column, and [`diagnose_store`] gives the path).

use claimmark_core::export::claimreview::ClaimReviewConfig;
use claimmark_core::export::{self, import, ArticleDetails, ExportFormat};
use claimmark_core::model::Timestamp;
use claimmark_core::store::StoreDocument;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

fn set(object: &Object, name: &str, value: &JsValue) {
    let _ = Reflect::set(object, &name.into(), value);
}

/// Exports the storage document `store` (its JSON) in `format` (`annotations`, `claimreview` or
/// `csv`; `backup` works too). `url` and `author` are the article's, `organisation` the
/// ClaimReview author. Returns `[text, ...warnings]`.
///
/// # Errors
/// When `store` is not a storage document or `format` is not a format.
#[wasm_bindgen]
pub fn export_text(
    store: &str,
    format: &str,
    url: Option<String>,
    author: Option<String>,
    organisation: &str,
) -> Result<Array, JsError> {
    let doc =
        StoreDocument::from_json(store).map_err(|e| JsError::new(&format!("the document to export: {e}")))?;
    let format = ExportFormat::parse(format)
        .ok_or_else(|| JsError::new(&format!("'{format}' is not an export format")))?;
    let details = ArticleDetails { url, author, published: None };
    let config = ClaimReviewConfig {
        org_name: organisation.to_owned(),
        org_url: None,
        publisher_domain: None,
        review_url: details.url.clone(),
    };
    let exported = export::export(&doc, &details, format, Some(&config));
    let out = Array::new();
    out.push(&exported.text.into());
    for warning in exported.warnings {
        out.push(&warning.into());
    }
    Ok(out)
}

/// Why `text` is not a storage document, with the path of the bad value
/// (`StoreDocument::from_json`'s error), or `undefined` when it is one. The widget reads
/// localStorage without path tracking and asks this when it shows a copy it could not read.
/// A Markdown file as plain text for `claimmark_core::open::open_text` (the Markdown parser lives
/// here, out of the app page's first download).
#[wasm_bindgen]
pub fn markdown_text(text: &str) -> String {
    claimmark_core::open::markdown_text(text)
}

#[wasm_bindgen]
pub fn diagnose_store(text: &str) -> Option<String> {
    StoreDocument::from_json(text).err().map(|e| e.to_string())
}

/// Reads an import file of any format (`import::read`; `now_millis` stands in for the times a
/// foreign file leaves out). Returns `{format, document, hasArticle, articleUrl, skipped}`:
/// the format's `ImportFormat::as_str` name, the file as a storage document's JSON
/// (`ImportFile::into_document`), whether that document's article is the file's, the page's url
/// or `undefined`, and the skipped items as `[path, message]` pairs.
///
/// # Errors
/// An `Error` whose message says what is wrong, with `problems`: every problem as
/// `"path: message"`.
#[wasm_bindgen]
pub fn read_file(bytes: &[u8], now_millis: f64) -> Result<Object, JsValue> {
    // Whole milliseconds from the epoch, from JavaScript's Date.now().
    #[allow(clippy::cast_possible_truncation)]
    let now = Timestamp::from_millis(now_millis as i64);
    match import::read(bytes, now) {
        Ok(mut file) => {
            let out = Object::new();
            set(&out, "format", &file.format.as_str().into());
            set(&out, "hasArticle", &file.article.is_some().into());
            set(&out, "articleUrl", &file.article_url.take().map_or(JsValue::UNDEFINED, JsValue::from));
            let skipped: Array = file
                .skipped
                .iter()
                .map(|p| JsValue::from(Array::of2(&p.path.as_str().into(), &p.message.as_str().into())))
                .collect();
            set(&out, "skipped", &skipped);
            set(&out, "document", &file.into_document().to_json().into());
            Ok(out)
        }
        Err(error) => {
            let thrown = js_sys::Error::new(&error.to_string());
            let problems: Array = error
                .problems()
                .iter()
                .map(|p| JsValue::from(format!("{}: {}", p.path, p.message)))
                .collect();
            set(&thrown, "problems", &problems);
            Err(thrown.into())
        }
    }
}
