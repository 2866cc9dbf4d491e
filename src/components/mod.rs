//! Components. Each is a `#[component]` function with `Properties` props; callbacks are named
//! `on<verb>` and carry a typed payload.

pub mod article_view;
pub mod claim_card;
#[cfg(feature = "standalone")]
pub mod classroom;
#[cfg(feature = "standalone")]
pub mod library;
#[cfg(feature = "standalone")]
pub mod open_article;
pub mod sidebar;
pub mod source_form;
#[cfg(feature = "standalone")]
pub mod team_panel;
pub mod transfer;
pub mod workspace;

use yew::{Callback, KeyboardEvent};

/// A panel's keydown handler: Escape closes it (`onclose`), and goes no further, so that an
/// enclosing panel or the page does not also act on it.
pub fn close_on_escape(onclose: &Callback<()>) -> Callback<KeyboardEvent> {
    let onclose = onclose.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.stop_propagation();
            onclose.emit(());
        }
    })
}
