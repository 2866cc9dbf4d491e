//! Property tests: detection never panics, spans fall on character boundaries inside the text and
//! match the claim text, output is sorted and deterministic.

use claimmark_core::detect::detect;
use claimmark_core::text::{CharOffset, TextIndex};
use proptest::prelude::*;

/// Text made of the pieces detectors react to, so that the properties are tested where the
/// scanner branches, not only on random characters that it skips.
fn claimish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "$",
        "US$",
        "€",
        "£",
        "₹",
        "Rs",
        "Rs.",
        "13.2",
        "277",
        "1,500",
        "2019",
        "1965",
        "1980",
        "s",
        "’s",
        "M",
        "bn",
        " million",
        " crore",
        "%",
        " per cent",
        " percent",
        "-",
        "–",
        "—",
        "/",
        " to ",
        " in ",
        " from ",
        " the ",
        "May",
        "Feb",
        "December",
        " early ",
        "mid-",
        "“",
        "”",
        "‘",
        "’",
        "\"",
        "'",
        "\n\n",
        "\n",
        ", ",
        ". ",
        " said ",
        "Khan",
        " rose ",
        " annualized rate of ",
        "😀",
        "𝄞",
        "é",
        "\u{a0}",
        "0",
        "1",
        "24/7",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let claims = detect(text);
    let index = TextIndex::new(text);
    for c in &claims {
        prop_assert!(c.span.start <= c.span.end);
        prop_assert!(c.span.end.0 <= index.char_len());
        let start = index.char_to_byte(c.span.start).0;
        let end = index.char_to_byte(c.span.end).0;
        prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        prop_assert_eq!(&text[start..end], c.text.as_str());
        prop_assert!(index.utf16_to_char(index.char_to_utf16(c.span.start)) == Some(c.span.start));
        let _ = c.value_label();
    }
    for w in claims.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        prop_assert!(
            a.span.start < b.span.start || (a.span.start == b.span.start && a.span.end >= b.span.end)
        );
    }
    prop_assert_eq!(&claims, &detect(text));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_unicode_string(text in "\\PC{0,200}") {
        check(&text)?;
    }

    #[test]
    fn any_chars_including_controls(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn claim_like_text(text in claimish()) {
        check(&text)?;
    }
}

#[test]
fn empty_and_tiny_inputs() {
    for text in ["", "$", "%", "“", "”", "\n\n”", "1", "2019s", "’", "Rs", "from ", "from $1 to", "\u{2013}"]
    {
        let claims = detect(text);
        assert!(claims.iter().all(|c| c.span.end <= CharOffset(text.chars().count())), "{text:?}");
    }
}
