//! The storage document. (Filled in by the annotation-store work.)
