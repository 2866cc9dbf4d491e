//! Writes a minified copy of `www/claimmark.css` for the Shadow DOM stylesheet compiled into the
//! wasm (`src/embed.rs`): comments and the whitespace CSS does not need go, which takes about a
//! third off its size. The app page links the file itself (Trunk minifies that copy).

use std::path::PathBuf;

/// Removes comments, collapses whitespace to one space, and drops it next to `{ } ; ,` and the
/// `;` before a `}`. Strings are copied as they are. Whitespace around other characters stays:
/// `calc(a - b)`, descendant selectors and `:` in selectors need it.
fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                if space && !out.ends_with(['{', '}', ';', ',']) && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == '\\' {
                        if let Some(e) = chars.next() {
                            out.push(e);
                        }
                    } else if d == c {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            '{' | '}' | ';' | ',' => {
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                space = false;
            }
            c => {
                if space && !out.is_empty() && !out.ends_with(['{', '}', ';', ',']) {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
    out
}

fn main() {
    println!("cargo:rerun-if-changed=www/claimmark.css");
    println!("cargo:rerun-if-changed=build.rs");
    let css = std::fs::read_to_string("www/claimmark.css").expect("www/claimmark.css");
    let min = minify(&css);
    assert_eq!(css.matches('{').count(), min.matches('{').count(), "minify changed the blocks");
    assert_eq!(css.matches('}').count(), min.matches('}').count(), "minify changed the blocks");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("claimmark.min.css");
    std::fs::write(out, min).expect("writing the minified stylesheet");
}
