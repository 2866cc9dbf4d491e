//! claimmark-core: everything claimmark knows, with no DOM in sight.
//!
//! The widget (Yew, WebAssembly) and the command line are thin layers over this crate:
//!
//! - [`text`]: byte, character and UTF-16 offsets as separate types, and conversion between them;
//! - [`article`]: an [`article::Article`] parsed from scraped plain text (headline, byline, paragraphs);
//! - [`detect`]: claim detection (money, percentages, dates, quotations, trend figures);
//! - [`model`], [`anchor`], [`store`]: annotations, re-anchoring after edits, the storage document;
//! - [`session`]: a session's state and its transitions ([`session::Session::apply`]), which the
//!   widget's reducer calls;
//! - [`export`]: W3C Web Annotation, ClaimReview and CSV export, and import;
//! - [`classroom`]: exercises, answer keys, submissions and scoring.
//!
//! ```
//! use claimmark_core::article::Article;
//! let article = Article::parse("A headline | By A. Writer\n\nThe first paragraph.\n").unwrap();
//! assert_eq!(article.title, "A headline");
//! assert_eq!(article.byline.as_deref(), Some("By A. Writer"));
//! assert_eq!(article.paragraphs.len(), 1);
//! ```

pub mod anchor;
pub mod article;
pub mod checklist;
pub mod classroom;
/// Claim detection: the `claimmark-detect` crate (its own crate so that it can be optimised for
/// speed; see the root Cargo.toml).
pub use claimmark_detect as detect;
pub mod export;
pub mod highlight;
pub mod history;
mod json_path;
pub mod library;
pub mod model;
pub mod open;
pub mod session;
pub mod store;
pub mod text;
