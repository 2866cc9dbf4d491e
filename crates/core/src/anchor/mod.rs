//! Anchoring. (Filled in by the annotation-store work.)
