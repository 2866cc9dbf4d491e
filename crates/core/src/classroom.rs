//! Classroom exercises. (Filled in by the classroom work.)
