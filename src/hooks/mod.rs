//! The workspace's hooks: what it does besides drawing the state.
//!
//! - [`use_autosave`]: saves the document a little after each change, and at once when the page
//!   goes away or is hidden;
//! - [`use_storage_events`]: merges in what another tab saved for the same article;
//! - [`use_undo_keys`]: Ctrl+Z (⌘Z) undoes, Ctrl+Shift+Z and Ctrl+Y redo;
//! - [`use_team`]: syncs the article with a team, when one is set up.

mod use_autosave;
mod use_storage_events;
#[cfg(feature = "standalone")]
mod use_team;
mod use_undo_keys;

pub use use_autosave::use_autosave;
pub use use_storage_events::use_storage_events;
#[cfg(feature = "standalone")]
pub use use_team::{use_team, TeamHandle};
pub use use_undo_keys::use_undo_keys;
