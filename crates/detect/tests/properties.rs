//! Property tests: detection never panics, spans fall on character boundaries inside the text and
//! match the claim text, output is sorted and deterministic.

use claimmark_detect::detect;
use claimmark_detect::offsets::{CharOffset, Utf16Offset};
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

/// Offsets converted by walking the text, one character at a time: the byte and UTF-16 offsets of a
/// character offset (the end of the text past it), and the character offset of a UTF-16 offset
/// (none inside a surrogate pair or past the end).
struct Walk<'a>(&'a str);

impl Walk<'_> {
    fn char_len(&self) -> usize {
        self.0.chars().count()
    }
    fn char_to_byte(&self, at: CharOffset) -> usize {
        self.0.char_indices().nth(at.0).map_or(self.0.len(), |(b, _)| b)
    }
    fn char_to_utf16(&self, at: CharOffset) -> Utf16Offset {
        Utf16Offset(self.0.chars().take(at.0).map(char::len_utf16).sum())
    }
    fn utf16_to_char(&self, at: Utf16Offset) -> Option<CharOffset> {
        let (mut utf16, mut chars) = (0, 0);
        for c in self.0.chars() {
            if utf16 >= at.0 {
                break;
            }
            utf16 += c.len_utf16();
            chars += 1;
        }
        (utf16 == at.0).then_some(CharOffset(chars))
    }
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let claims = detect(text);
    let index = Walk(text);
    for c in &claims {
        prop_assert!(c.span.start <= c.span.end);
        prop_assert!(c.span.end.0 <= index.char_len());
        let start = index.char_to_byte(c.span.start);
        let end = index.char_to_byte(c.span.end);
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
