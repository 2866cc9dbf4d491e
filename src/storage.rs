//! The localStorage adapter: load, save, and what to do when storage misbehaves.
//!
//! The storage format, migrations and merging live in core ([`claimmark_core::store`]). This
//! module only moves strings in and out of `window.localStorage` and turns its failures into a
//! [`StorageStatus`] the user can see:
//!
//! - storage missing or throwing (private mode, sandboxed iframes): work stays in memory;
//! - a full quota: work stays in memory, the next change tries again;
//! - a stored value that cannot be read: it is copied to a backup key and never overwritten.
//!
//! A host may provide the storage instead (the browser extension does, so that the page's own
//! scripts cannot read the work): an object with the `Storage` methods (`getItem`, `setItem`,
//! `removeItem`, `key`, `length`), given once with [`set_host_storage`]. It is then used in place
//! of localStorage, with the same error handling.
//!
//! Every save reads what is stored first and merges it in, so a second tab's work that has not
//! reached this tab yet through the `storage` event is never overwritten.

use std::rc::Rc;

use claimmark_core::store::{merge, storage_key, StoreDocument};
use wasm_bindgen::JsCast;

use crate::browser::js_error_text;

/// The namespace prefix of the widget's keys: `claimmark:v1:<article-id>`.
pub const DEFAULT_NAMESPACE: &str = "claimmark";

/// How storage is doing; shown to the user whenever it is not simply "saved".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum StorageStatus {
    #[default]
    Saved,
    /// Work stays in memory only, for this reason.
    MemoryOnly { cause: MemoryOnlyCause },
    /// The quota is full: work stays in memory and the next change tries again.
    QuotaFull,
    /// The stored copy could not be read; it was copied to `backup_key` and left alone.
    Recovered { backup_key: String, error: String, raw: Rc<str> },
}

/// Why work stays in memory only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemoryOnlyCause {
    /// The browser offers no localStorage.
    Unavailable,
    /// Asking for localStorage throws (private mode, sandboxed iframes): the exception's text.
    Blocked(String),
    /// Reading the article's key throws: the exception's text.
    Unreadable(String),
    /// The stored value cannot be read, and there is no room to back it up: the reading error.
    NoRoomForBackup(String),
    /// A newer claimmark saved this article in another tab.
    NewerVersion,
    /// Writing failed, other than for a full quota: the exception's text.
    SaveFailed(String),
}

impl MemoryOnlyCause {
    /// Whether storage may hold work that was never loaded, so that nothing may be written to it.
    pub fn protects_stored_work(&self) -> bool {
        matches!(self, MemoryOnlyCause::Unreadable(_) | MemoryOnlyCause::NoRoomForBackup(_))
    }
}

/// The reason as the user reads it, after "Not saved in this browser." (starting in lower case).
impl std::fmt::Display for MemoryOnlyCause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MemoryOnlyCause::Unavailable => f.write_str("this browser offers no localStorage"),
            MemoryOnlyCause::Blocked(error) => write!(f, "localStorage is blocked here ({error})"),
            MemoryOnlyCause::Unreadable(error) => write!(f, "localStorage cannot be read ({error})"),
            MemoryOnlyCause::NoRoomForBackup(error) => write!(
                f,
                "the saved annotations cannot be read ({error}) and there is no room to back them up, \
                 so they are left untouched and new work stays in memory"
            ),
            MemoryOnlyCause::NewerVersion => f.write_str(
                "a newer claimmark saved this article in another tab; this tab's work stays in memory \
                 so that it cannot overwrite that",
            ),
            MemoryOnlyCause::SaveFailed(error) => write!(f, "saving failed ({error})"),
        }
    }
}

/// Where one article's document lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub key: String,
}

/// What loading found.
pub struct Loaded {
    pub doc: Option<StoreDocument>,
    pub status: StorageStatus,
}

thread_local! {
    static HOST_STORAGE: std::cell::RefCell<Option<web_sys::Storage>> = const { std::cell::RefCell::new(None) };
}

/// Makes `storage`, a host object with the `Storage` methods, the storage of every later load
/// and save in this page, instead of localStorage.
pub fn set_host_storage(storage: wasm_bindgen::JsValue) {
    HOST_STORAGE.with(|s| *s.borrow_mut() = Some(storage.unchecked_into()));
}

/// The host's storage (see [`set_host_storage`]), else localStorage, or why there is none.
///
/// # Errors
/// [`MemoryOnlyCause::Unavailable`] or [`MemoryOnlyCause::Blocked`] when storage is missing or
/// throws.
pub fn local_storage() -> Result<web_sys::Storage, MemoryOnlyCause> {
    if let Some(host) = HOST_STORAGE.with(|s| s.borrow().clone()) {
        return Ok(host);
    }
    let window = gloo::utils::window();
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(MemoryOnlyCause::Unavailable),
        Err(e) => Err(MemoryOnlyCause::Blocked(js_error_text(&e))),
    }
}

fn memory_only(cause: MemoryOnlyCause) -> StorageStatus {
    StorageStatus::MemoryOnly { cause }
}

impl Slot {
    pub fn new(namespace: &str, article_id: &str) -> Slot {
        Slot { key: storage_key(namespace, article_id) }
    }

    /// Reads the stored document.
    pub fn load(&self) -> Loaded {
        let storage = match local_storage() {
            Ok(storage) => storage,
            Err(cause) => return Loaded { doc: None, status: memory_only(cause) },
        };
        let raw = match storage.get_item(&self.key) {
            Ok(Some(raw)) => raw,
            Ok(None) => return Loaded { doc: None, status: StorageStatus::Saved },
            Err(e) => {
                let cause = MemoryOnlyCause::Unreadable(js_error_text(&e));
                return Loaded { doc: None, status: memory_only(cause) };
            }
        };
        match StoreDocument::from_stored_json(&raw) {
            Ok(doc) => Loaded { doc: Some(doc), status: StorageStatus::Saved },
            Err(error) => Loaded { doc: None, status: self.back_up(&storage, &raw, &error.to_string()) },
        }
    }

    /// Copies an unreadable value to a backup key. A value already backed up is not copied again,
    /// and an existing backup key is never reused. If even that fails, nothing more is written for
    /// this article in this session, so the unreadable value stays where it is.
    fn back_up(&self, storage: &web_sys::Storage, raw: &str, error: &str) -> StorageStatus {
        let prefix = format!("{}:backup:", self.key);
        let recovered = |backup_key: String| StorageStatus::Recovered {
            backup_key,
            error: error.to_owned(),
            raw: Rc::from(raw),
        };
        let length = storage.length().unwrap_or(0);
        for i in 0..length {
            let Ok(Some(key)) = storage.key(i) else { continue };
            if key.starts_with(&prefix) && storage.get_item(&key).ok().flatten().as_deref() == Some(raw) {
                return recovered(key);
            }
        }
        let stamp = js_sys::Date::now() as u64;
        let mut backup_key = format!("{prefix}{stamp}");
        let mut n = 1;
        while storage.get_item(&backup_key).ok().flatten().is_some() {
            backup_key = format!("{prefix}{stamp}-{n}");
            n += 1;
        }
        match storage.set_item(&backup_key, raw) {
            Ok(()) => recovered(backup_key),
            Err(_) => memory_only(MemoryOnlyCause::NoRoomForBackup(error.to_owned())),
        }
    }

    /// Saves `doc`, first merging in whatever another tab stored meanwhile. Returns the new status
    /// and, when the stored copy had work this one lacked, the merged document.
    ///
    /// A stored value that cannot be read (written by a newer claimmark, or damaged) is backed up
    /// before it is replaced, or not replaced at all when it cannot be backed up.
    pub fn save(
        &self,
        doc: &StoreDocument,
        current: &StorageStatus,
    ) -> (StorageStatus, Option<StoreDocument>) {
        if let StorageStatus::MemoryOnly { cause } = current {
            // Storage that failed to read is not written: it may hold work we could not load.
            if cause.protects_stored_work() {
                return (current.clone(), None);
            }
        }
        let storage = match local_storage() {
            Ok(storage) => storage,
            Err(cause) => return (memory_only(cause), None),
        };
        let stored = match storage.get_item(&self.key) {
            Ok(stored) => stored,
            Err(e) => return (memory_only(MemoryOnlyCause::Unreadable(js_error_text(&e))), None),
        };
        let mut merged = None;
        let mut status_after = match current {
            // Keep telling the user about the backup until they have seen it.
            StorageStatus::Recovered { .. } => current.clone(),
            _ => StorageStatus::Saved,
        };
        if let Some(raw) = stored.as_deref() {
            match StoreDocument::from_stored_json(raw) {
                Ok(stored) => {
                    let both = merge(doc, &stored);
                    if both != *doc {
                        merged = Some(both);
                    }
                }
                Err(claimmark_core::store::StoreError::NewerVersion { .. }) => {
                    return (memory_only(MemoryOnlyCause::NewerVersion), None);
                }
                Err(error) => {
                    status_after = self.back_up(&storage, raw, &error.to_string());
                    if matches!(status_after, StorageStatus::MemoryOnly { .. }) {
                        return (status_after, None);
                    }
                }
            }
        }
        let to_write = merged.as_ref().unwrap_or(doc);
        match storage.set_item(&self.key, &to_write.to_json()) {
            Ok(()) => (status_after, merged),
            Err(e) if is_quota_error(&e) => (StorageStatus::QuotaFull, merged),
            Err(e) => (memory_only(MemoryOnlyCause::SaveFailed(js_error_text(&e))), merged),
        }
    }
}

/// `QuotaExceededError` (and Firefox's old name for it).
pub fn is_quota_error(error: &wasm_bindgen::JsValue) -> bool {
    error
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|e| e.name() == "QuotaExceededError" || e.name() == "NS_ERROR_DOM_QUOTA_REACHED")
}
