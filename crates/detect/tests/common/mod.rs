//! The table-test helper shared by the test files of each kind of claim (`date.rs`, `money.rs`,
//! `percent.rs`, `quote.rs`, `trend.rs`).
//!
//! A row is `t!(name, input, [(kind, text, label), ...])`: every claim `detect` returns on `input`,
//! in order, as its kind, its exact text and its `value_label()`. An empty list is a negative case:
//! nothing may be detected. Comparing the whole list (not "contains") is what catches noise.

use claimmark_detect::detect;
use claimmark_detect::offsets::CharSpan;

pub fn check(input: &str, expected: &[(&str, &str, &str)]) {
    let claims = detect(input);
    for c in &claims {
        assert_eq!(slice(input, c.span), c.text, "span and text disagree for {c:?}");
    }
    let got: Vec<(String, String, String)> =
        claims.iter().map(|c| (c.kind.as_str().to_string(), c.text.clone(), c.value_label())).collect();
    let want: Vec<(String, String, String)> =
        expected.iter().map(|(k, t, l)| (k.to_string(), t.to_string(), l.to_string())).collect();
    assert_eq!(got, want, "\ninput: {input:?}");
}

/// The text of a character span, clamped to the text.
fn slice(text: &str, span: CharSpan) -> &str {
    let byte = |at: usize| text.char_indices().nth(at).map_or(text.len(), |(b, _)| b);
    let start = byte(span.start.0);
    &text[start..byte(span.end.0).max(start)]
}

#[macro_export]
macro_rules! t {
    ($name:ident, $input:expr, [$(($kind:expr, $text:expr, $label:expr)),* $(,)?]) => {
        #[test]
        fn $name() {
            common::check($input, &[$(($kind, $text, $label)),*]);
        }
    };
}
