//! Normalisation: what the anchorer compares instead of the raw text. Runs of whitespace count as
//! one space, curly quotes and primes as straight quotes, dashes as hyphens, and invisible
//! characters (soft hyphen, zero-width space, BOM) are dropped.

/// What a character becomes for comparison: itself, another character, a space (whitespace, to be
/// collapsed), or nothing.
pub(super) fn fold(c: char) -> Option<char> {
    Some(match c {
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => return None,
        c if c.is_whitespace() => ' ',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' | '\u{00B4}' => {
            '\''
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => '-',
        c => c,
    })
}

/// The normalised form of `s`, as [`Anchorer`](super::Anchorer) compares it.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for c in s.chars().filter_map(fold) {
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds() {
        assert_eq!(
            normalize("“Hi,”  she\u{00A0}said\n\u{2019}twas — ok\u{00AD}ay"),
            "\"Hi,\" she said 'twas - okay"
        );
    }
}
