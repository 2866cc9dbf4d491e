//! Export and import. (Filled in by the interoperability work.)
