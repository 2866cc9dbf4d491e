//! Undo and redo from the keyboard, except where a text field has its own.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::{Action, State};

fn in_text_field(e: &KeyboardEvent) -> bool {
    // The first node of the composed path: inside a shadow root, `target` is only its host.
    let target = e.composed_path().get(0);
    Some(target)
        .filter(|t| !t.is_undefined())
        .or_else(|| e.target().map(Into::into))
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Ctrl+Z (⌘Z) dispatches `Undo`, Ctrl+Shift+Z and Ctrl+Y `Redo`. With `within` (the instance's
/// UI and its host article, when embedded), only keys pressed inside one of them count; without
/// it, keys from anywhere on the page.
#[hook]
pub fn use_undo_keys(
    dispatcher: UseReducerDispatcher<State>,
    within: Option<(NodeRef, Option<web_sys::Element>)>,
) {
    use_effect_with((), move |_| {
        // Not passive: it calls preventDefault on the keys it handles.
        let options = EventListenerOptions::enable_prevent_default();
        let on_key =
            EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |e| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
                if !(e.ctrl_key() || e.meta_key()) || in_text_field(e) {
                    return;
                }
                if let Some((workspace, host)) = &within {
                    let path = e.composed_path();
                    let inside =
                        |node: Option<web_sys::Element>| node.is_some_and(|n| path.includes(n.as_ref(), 0));
                    if !inside(workspace.cast::<web_sys::Element>()) && !inside(host.clone()) {
                        return;
                    }
                }
                match (e.key().to_ascii_lowercase().as_str(), e.shift_key()) {
                    ("z", false) => dispatcher.dispatch(Action::Undo),
                    ("z", true) | ("y", false) => dispatcher.dispatch(Action::Redo),
                    _ => return,
                }
                e.prevent_default();
            });
        move || drop(on_key)
    });
}
