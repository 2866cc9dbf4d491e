//! claimmark's team sync, in pure Rust: a team's work on an article is a Yjs document
//! ([`shape`]), kept in step with a standard Yjs server by the y-sync protocol ([`peer`]).
//!
//! Nothing here touches the network or the browser. The widget's sync module (`crates/sync`)
//! carries the bytes over a WebSocket; this crate says what they mean, and is tested natively.

pub mod peer;
pub mod shape;

pub use peer::{Peer, Presence, Received, SyncError};
pub use shape::{read, write, Problem, Read};
