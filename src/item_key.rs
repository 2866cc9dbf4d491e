//! The key of a checklist item, typed: core's [`ItemKey`], under the path the widget's modules
//! and tests use.

pub use claimmark_core::checklist::{ItemKey, ItemKeyError};
