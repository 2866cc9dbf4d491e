//! Saving: debounced after each change, flushed on `pagehide` and when the tab is hidden.

use std::cell::RefCell;
use std::rc::Rc;

use claimmark_core::store::StoreDocument;
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::state::{Action, State, StateHandle};
use crate::storage::{Slot, StorageStatus};

/// Saving: the newest document, whether it still needs writing, and the pending timer.
#[derive(Default)]
struct Saver {
    doc: Option<Rc<StoreDocument>>,
    status: StorageStatus,
    dirty: bool,
    timer: Option<Timeout>,
}

const SAVE_DELAY_MS: u32 = 250;

fn flush(saver: &Rc<RefCell<Saver>>, slot: &Slot, dispatcher: &UseReducerDispatcher<State>) {
    let mut s = saver.borrow_mut();
    s.timer = None;
    if !s.dirty {
        return;
    }
    let Some(doc) = s.doc.clone() else { return };
    let (status, merged) = slot.save(&doc, &s.status);
    s.dirty = !matches!(status, StorageStatus::Saved | StorageStatus::Recovered { .. });
    let changed = status != s.status;
    s.status = status.clone();
    drop(s);
    if changed {
        dispatcher.dispatch(Action::Storage(status));
    }
    if let Some(merged) = merged {
        dispatcher.dispatch(Action::Merge(merged));
    }
}

/// Saves `state`'s document to `slot` a little after every change, and at once when the page goes
/// away (`pagehide`) or the tab is hidden. What the save finds (another tab's work, a full quota)
/// comes back as actions. A read-only instance shows a published fact-check: nothing of it is
/// stored.
#[hook]
pub fn use_autosave(state: &StateHandle, slot: &Slot) {
    let saver = use_mut_ref(|| Saver { status: state.storage.clone(), ..Saver::default() });
    {
        let (saver, slot, dispatcher) = (saver.clone(), slot.clone(), state.dispatcher());
        let doc = state.session.doc.clone();
        let saves = state.mode.can_edit();
        use_effect_with(state.session.revision, move |revision| {
            if *revision > 0 && saves {
                let mut s = saver.borrow_mut();
                s.doc = Some(doc);
                s.dirty = true;
                let (saver2, slot, dispatcher) = (saver.clone(), slot.clone(), dispatcher.clone());
                s.timer = Some(Timeout::new(SAVE_DELAY_MS, move || flush(&saver2, &slot, &dispatcher)));
            }
        });
    }
    {
        // Keep the saver's view of the status in step with what the user sees.
        let saver = saver.clone();
        use_effect_with(state.storage.clone(), move |status| saver.borrow_mut().status = status.clone());
    }
    let (slot, dispatcher) = (slot.clone(), state.dispatcher());
    use_effect_with((), move |_| {
        let window = gloo::utils::window();
        let document = gloo::utils::document();
        let on_hide = {
            let (saver, slot, dispatcher) = (saver.clone(), slot.clone(), dispatcher.clone());
            EventListener::new(&window, "pagehide", move |_| flush(&saver, &slot, &dispatcher))
        };
        let on_visibility = EventListener::new(&document, "visibilitychange", move |_| {
            if gloo::utils::document().visibility_state() == web_sys::VisibilityState::Hidden {
                flush(&saver, &slot, &dispatcher);
            }
        });
        move || drop((on_hide, on_visibility))
    });
}
