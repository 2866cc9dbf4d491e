//! Small helpers for the widget's own sentences.

/// The sentence with its first letter in upper case. Only for claimmark's own messages, which
/// start with an ASCII letter: ASCII keeps Unicode's upper-case table out of the wasm.
pub fn capitalise(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}
