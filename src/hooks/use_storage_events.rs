//! Another tab saved the same article: its copy is merged in.

use claimmark_core::store::StoreDocument;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::{Action, State};
use crate::storage::Slot;

/// Listens for the `storage` event on `slot`'s key and dispatches the stored copy as a merge.
#[hook]
pub fn use_storage_events(slot: &Slot, dispatcher: UseReducerDispatcher<State>) {
    let slot = slot.clone();
    use_effect_with((), move |_| {
        let on_storage = EventListener::new(&gloo::utils::window(), "storage", move |e| {
            let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else { return };
            if e.key().as_deref() != Some(slot.key.as_str()) {
                return;
            }
            if let Some(doc) = e.new_value().and_then(|raw| StoreDocument::from_stored_json(&raw).ok()) {
                dispatcher.dispatch(Action::Merge(doc));
            }
        });
        move || drop(on_storage)
    });
}
