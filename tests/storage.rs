//! Component tests of the localStorage adapter (`storage::Slot`), in headless Chromium.
//!
//! The tests are synchronous on purpose: a test body never yields, so no other test can see the
//! localStorage state one of them sets up (a filled quota, a patched `Storage.prototype`). Panics
//! abort on wasm32, so nothing like a drop guard runs on failure: every test undoes what it did to
//! the browser *before* it asserts.
#![cfg(target_arch = "wasm32")]

use claimmark_core::model::{
    Annotation, AnnotationId, ClaimKind, IsoDate, Source, SourceId, SourceUrl, Target, Timestamp, Verdict,
};
use claimmark_core::store::{ArticleInfo, StoreDocument};
use claimmark_core::text::CharSpan;
use claimmark_widget::storage::{is_quota_error, local_storage, Slot, StorageStatus};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ARTICLE_ID: &str = "article";
const TEXT: &str = "Spending rose to $277M in 2019, the council said. Turnout fell 12% 🗳️ last year.";
const T0: i64 = 1_714_555_800_000;

fn storage() -> web_sys::Storage {
    local_storage().expect("the test browser has localStorage")
}

/// A slot on a key no other test uses, emptied first in case an earlier run left something.
fn fresh_slot(n: u32) -> Slot {
    let slot = Slot::new(&format!("cm-test-{n}"), ARTICLE_ID);
    remove(&[&slot.key]);
    slot
}

fn remove<S: AsRef<str>>(keys: &[S]) {
    if let Ok(storage) = local_storage() {
        for key in keys {
            let _ = storage.remove_item(key.as_ref());
        }
    }
}

fn raw(key: &str) -> Option<String> {
    storage().get_item(key).ok().flatten()
}

fn empty_doc() -> StoreDocument {
    StoreDocument::new(ArticleInfo::new(ARTICLE_ID, "Council budget", TEXT))
}

fn id(byte: u8) -> AnnotationId {
    AnnotationId::from_random_bytes([byte; 16])
}

/// An annotation with a verdict, a source and a note with emoji (astral characters and a ZWJ
/// sequence), so the JSON round trip has something to get wrong.
fn annotation(byte: u8, span: CharSpan, kind: ClaimKind, at: i64) -> Annotation {
    let now = Timestamp::from_millis(at);
    let mut a = Annotation::new_user(id(byte), Target::describe(ARTICLE_ID, TEXT, span), kind, now);
    a.set_verdict(Verdict::MostlyTrue, now.plus_millis(1_000));
    let url = SourceUrl::parse("https://example.org/budget-2019?page=12&lang=en").expect("valid url");
    let mut source = Source::new(SourceId::from_random_bytes([byte ^ 0xff; 16]), url, now.plus_millis(2_000));
    source.title = "Budget book 2019 — “Expenditure”".to_owned();
    source.publisher = "City council".to_owned();
    source.excerpt = "Total spending: $277.4 million".to_owned();
    source.accessed = Some(IsoDate::parse("2024-05-01").expect("valid date"));
    a.add_source(source, now.plus_millis(2_000));
    a.set_note(format!("Checked ✅ against p. 12 😀 👩‍👩‍👧 𝄞 (#{byte})"), now.plus_millis(3_000));
    a
}

fn doc_with(annotations: impl IntoIterator<Item = Annotation>) -> StoreDocument {
    let mut doc = empty_doc();
    for a in annotations {
        doc.insert(a);
    }
    // What `from_json` gives back is canonical; compare like with like.
    doc.normalize();
    doc
}

fn two_annotations() -> StoreDocument {
    doc_with([
        annotation(1, CharSpan::new(17, 22), ClaimKind::Money, T0),
        annotation(2, CharSpan::new(63, 66), ClaimKind::Percent, T0 + 10_000),
    ])
}

#[wasm_bindgen_test]
fn reload_round_trip() {
    let slot = fresh_slot(1);
    let doc = two_annotations();
    assert_eq!(doc.annotations.len(), 2);

    let (status, merged) = slot.save(&doc, &StorageStatus::Saved);
    let stored = raw(&slot.key);
    // A "reload": a new slot on the same key, as the widget makes on start.
    let reloaded = Slot::new("cm-test-1", ARTICLE_ID);
    let loaded = reloaded.load();
    remove(&[&slot.key]);

    assert_eq!(slot.key, "cm-test-1:v1:article");
    assert_eq!(reloaded, slot);
    assert_eq!(status, StorageStatus::Saved);
    assert!(merged.is_none(), "nothing was stored before, so nothing to merge");
    assert_eq!(stored.as_deref(), Some(doc.to_json().as_str()));
    assert_eq!(loaded.status, StorageStatus::Saved);
    let loaded = loaded.doc.expect("the saved document loads");
    assert_eq!(loaded, doc);
    let first = loaded.get(&id(1)).expect("annotation 1");
    assert_eq!(first.verdict, Verdict::MostlyTrue);
    assert_eq!(first.note, "Checked ✅ against p. 12 😀 👩‍👩‍👧 𝄞 (#1)");
    assert_eq!(first.sources.len(), 1);
    assert_eq!(first.sources[0].title, "Budget book 2019 — “Expenditure”");
}

#[wasm_bindgen_test]
fn empty_key_loads_nothing_and_saved() {
    let slot = fresh_slot(2);
    let loaded = slot.load();
    assert!(loaded.doc.is_none());
    assert_eq!(loaded.status, StorageStatus::Saved);
}

#[wasm_bindgen_test]
fn corrupted_json_is_backed_up_byte_for_byte_and_left_alone() {
    let slot = fresh_slot(3);
    // Truncated mid-string, with astral characters, a lone-looking escape and a NUL: the backup
    // must be an exact copy, not a re-encoding.
    let corrupted = "{\"version\": 2, \"article\": {\"id\": \"article\", \"title\": \"Budget 😀 \\ud83d\u{0}";
    storage().set_item(&slot.key, corrupted).expect("room for a small value");

    let loaded = slot.load();
    let after_load = raw(&slot.key);
    let backup_key = match &loaded.status {
        StorageStatus::Recovered { backup_key, .. } => backup_key.clone(),
        _ => String::new(),
    };
    let backup = raw(&backup_key);

    // The next change saves again, to the original key; the backup stays.
    let doc = two_annotations();
    let (save_status, merged) = slot.save(&doc, &loaded.status);
    let after_save = raw(&slot.key);
    let backup_after_save = raw(&backup_key);
    let reloaded = slot.load();
    remove(&[&slot.key, &backup_key]);

    assert!(loaded.doc.is_none());
    match &loaded.status {
        StorageStatus::Recovered { backup_key, error, raw } => {
            assert!(backup_key.starts_with(&format!("{}:backup:", slot.key)), "backup key {backup_key}");
            assert!(error.contains("line 1"), "error says where: {error}");
            assert_eq!(&**raw, corrupted);
        }
        other => panic!("expected Recovered, got {other:?}"),
    }
    assert_eq!(backup.as_deref(), Some(corrupted), "the backup is the raw value, byte for byte");
    assert_eq!(after_load.as_deref(), Some(corrupted), "load leaves the corrupted value where it is");

    assert_eq!(save_status, loaded.status, "the user keeps seeing the recovery notice");
    assert!(merged.is_none(), "nothing readable was stored to merge");
    assert_eq!(after_save.as_deref(), Some(doc.to_json().as_str()));
    assert_eq!(backup_after_save.as_deref(), Some(corrupted), "the backup is never overwritten");
    assert_eq!(reloaded.status, StorageStatus::Saved);
    assert_eq!(reloaded.doc, Some(doc));
}

/// Fills localStorage with throwaway keys until `QuotaExceededError`, halving the size after each
/// error down to about 1 KB. Returns the keys written and whether a quota error was seen.
fn fill_storage(prefix: &str) -> (Vec<String>, bool) {
    let storage = storage();
    let mut keys = Vec::new();
    let mut saw_quota = false;
    let mut size = 1 << 20;
    let mut filler = "x".repeat(size);
    // A bound, in case this browser has no quota at all.
    for n in 0..10_000 {
        if size < 1024 {
            break;
        }
        let key = format!("{prefix}{n}");
        match storage.set_item(&key, &filler) {
            Ok(()) => keys.push(key),
            Err(e) if is_quota_error(&e) => {
                saw_quota = true;
                size /= 2;
                filler.truncate(size);
            }
            Err(_) => break,
        }
    }
    (keys, saw_quota)
}

#[wasm_bindgen_test]
fn full_quota_reports_quota_full_then_saves_once_there_is_room() {
    let slot = fresh_slot(4);
    // Bigger than the ~2 KB the filling may leave free.
    let mut doc = two_annotations();
    let big_note = "A long note that does not fit. 📝 ".repeat(400);
    doc.update(&id(1), Timestamp::from_millis(T0 + 60_000), |a, now| a.set_note(big_note, now));
    assert!(doc.to_json().len() > 8 * 1024);

    let (fillers, saw_quota) = fill_storage("cm-test-4-filler-");
    let (full_status, full_merged) = slot.save(&doc, &StorageStatus::Saved);
    let nothing_written = raw(&slot.key);
    remove(&fillers);
    let (status, merged) = slot.save(&doc, &full_status);
    let loaded = slot.load();
    remove(&[&slot.key]);

    assert!(saw_quota, "writing {} filler keys never raised QuotaExceededError", fillers.len());
    assert!(!fillers.is_empty());
    assert_eq!(full_status, StorageStatus::QuotaFull);
    assert!(full_merged.is_none());
    assert_eq!(nothing_written, None, "a failed save leaves nothing behind");
    assert_eq!(status, StorageStatus::Saved, "the next change saves once there is room");
    assert!(merged.is_none());
    assert_eq!(loaded.status, StorageStatus::Saved);
    assert_eq!(loaded.doc, Some(doc));
}

/// Makes `Storage.prototype.getItem` and `setItem` throw a `SecurityError`, as in a sandboxed
/// iframe or with storage disabled. [`restore_storage`] puts the originals back.
fn break_storage() {
    js_sys::eval(
        "globalThis.__cmOriginalStorage = { getItem: Storage.prototype.getItem, setItem: Storage.prototype.setItem };
         const deny = function () { throw new DOMException('The operation is insecure.', 'SecurityError'); };
         Storage.prototype.getItem = deny;
         Storage.prototype.setItem = deny;",
    )
    .expect("patching Storage.prototype");
}

fn restore_storage() {
    js_sys::eval(
        "const o = globalThis.__cmOriginalStorage;
         if (o) { Storage.prototype.getItem = o.getItem; Storage.prototype.setItem = o.setItem; }
         delete globalThis.__cmOriginalStorage;",
    )
    .expect("restoring Storage.prototype");
}

#[wasm_bindgen_test]
fn throwing_storage_keeps_work_in_memory() {
    let slot = fresh_slot(5);
    let doc = two_annotations();
    // What was stored before storage broke must survive the session.
    storage()
        .set_item(&slot.key, &doc_with([annotation(7, CharSpan::new(0, 8), ClaimKind::Other, T0)]).to_json())
        .expect("room for a small value");
    let before = raw(&slot.key);

    break_storage();
    let loaded = slot.load();
    let after_load = slot.save(&doc, &loaded.status);
    let after_saved = slot.save(&doc, &StorageStatus::Saved);
    restore_storage();
    let after = raw(&slot.key);
    let works_again = slot.save(&doc, &StorageStatus::Saved);
    remove(&[&slot.key]);

    assert!(loaded.doc.is_none());
    match &loaded.status {
        StorageStatus::MemoryOnly { cause } => {
            let reason = cause.to_string();
            assert!(reason.contains("localStorage"), "reason: {reason}");
            assert!(reason.contains("The operation is insecure."), "reason: {reason}");
            assert!(!reason.contains("JsValue"), "reason is readable: {reason}");
        }
        other => panic!("expected MemoryOnly, got {other:?}"),
    }
    // Storage that could not be read is not written: it may hold work that was never loaded.
    assert_eq!(after_load, (loaded.status.clone(), None));
    match &after_saved.0 {
        StorageStatus::MemoryOnly { cause } => {
            let reason = cause.to_string();
            assert!(reason.contains("The operation is insecure."), "reason: {reason}")
        }
        other => panic!("expected MemoryOnly, got {other:?}"),
    }
    assert!(after_saved.1.is_none());
    assert_eq!(after, before, "nothing was written while storage threw");
    assert!(matches!(works_again.0, StorageStatus::Saved), "{works_again:?}");
}

#[wasm_bindgen_test]
fn save_merges_what_another_tab_stored() {
    let slot = fresh_slot(6);
    let doc_a = doc_with([annotation(1, CharSpan::new(17, 22), ClaimKind::Money, T0)]);
    let doc_b = doc_with([annotation(2, CharSpan::new(63, 66), ClaimKind::Percent, T0 + 10_000)]);
    // The other tab's save, not yet seen here through the `storage` event.
    storage().set_item(&slot.key, &doc_a.to_json()).expect("room for a small value");

    let (status, merged) = slot.save(&doc_b, &StorageStatus::Saved);
    let stored = raw(&slot.key);
    let loaded = slot.load();
    remove(&[&slot.key]);

    assert_eq!(status, StorageStatus::Saved);
    let merged = merged.expect("the stored copy had work this one lacked");
    assert_eq!(merged, two_annotations());
    assert!(merged.get(&id(1)).is_some() && merged.get(&id(2)).is_some());
    assert_eq!(stored.as_deref(), Some(merged.to_json().as_str()));
    assert_eq!(loaded.doc, Some(merged));
}

#[wasm_bindgen_test]
fn the_app_page_migrates_a_version_1_document() {
    let slot = fresh_slot(7);
    let v1 = include_str!("../crates/core/tests/fixtures/store/v1-council-budget.json");
    storage().set_item(&slot.key, v1).expect("room for a small value");
    let loaded = slot.load();
    remove(&[&slot.key]);
    assert_eq!(loaded.status, StorageStatus::Saved);
    let doc = loaded.doc.expect("the version 1 document is read");
    assert!(!doc.annotations.is_empty());
    assert_eq!(Some(doc), StoreDocument::from_json(v1).ok(), "migrated as from_json migrates it");
}
