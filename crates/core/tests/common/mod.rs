//! The table-test helper shared by the `detect_*` test files.
//!
//! A row is `t!(name, input, [(kind, text, label), ...])`: every claim `detect` returns on `input`,
//! in order, as its kind, its exact text and its `value_label()`. An empty list is a negative case:
//! nothing may be detected. Comparing the whole list (not "contains") is what catches noise.

use claimmark_core::detect::detect;
use claimmark_core::text::TextIndex;

pub fn check(input: &str, expected: &[(&str, &str, &str)]) {
    let claims = detect(input);
    let index = TextIndex::new(input);
    for c in &claims {
        assert_eq!(index.slice(c.span), c.text, "span and text disagree for {c:?}");
    }
    let got: Vec<(String, String, String)> =
        claims.iter().map(|c| (c.kind.as_str().to_string(), c.text.clone(), c.value_label())).collect();
    let want: Vec<(String, String, String)> =
        expected.iter().map(|(k, t, l)| (k.to_string(), t.to_string(), l.to_string())).collect();
    assert_eq!(got, want, "\ninput: {input:?}");
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
