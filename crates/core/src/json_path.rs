//! Small helpers shared by every reader that names the JSON path of a bad value in its errors
//! (the store, import, classroom files), and [`pretty`], the one indenter of the JSON files
//! claimmark writes.

use serde::Serialize;
use serde_json::Value;

/// `path.key`, or `key` at the top.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// What a JSON value is, in words for an error message.
pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// `value` as indented JSON, laid out exactly as `serde_json::to_string_pretty` does (two spaces a
/// level, `": "` after a key, `{}` and `[]` when empty).
///
/// It writes compact JSON and indents that text, instead of calling `to_string_pretty`: every type
/// serde_json writes gets a second copy of its serialising code for each formatter it is written
/// with, and the store is written compactly to localStorage anyway. That saves about 7 KB of wasm
/// (2 KB gzipped).
pub(crate) fn pretty<T: Serialize + ?Sized>(value: &T) -> String {
    // Serialising claimmark's types cannot fail: every map key is a string.
    indent(&serde_json::to_string(value).unwrap_or_default())
}

/// Indents compact JSON text (see [`pretty`]).
fn indent(compact: &str) -> String {
    let bytes = compact.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() + bytes.len() / 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.extend(std::iter::repeat_n(b' ', 2 * depth));
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                out.push(b);
            }
            b'{' | b'[' => {
                out.push(b);
                let close = if b == b'{' { b'}' } else { b']' };
                if bytes.get(i) == Some(&close) {
                    out.push(close);
                    i += 1;
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(b);
            }
            b',' => {
                out.push(b);
                newline(&mut out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(b),
        }
    }
    // Only ASCII was added to valid UTF-8, between whole characters.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            (-1e6f64..1e6).prop_map(Value::from),
            "[a-z{}\\[\\]:,\"\\\\ é😀\\n]{0,12}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::btree_map("[a-z:,{}\"\\\\]{0,6}", inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn same_text_as_serde_json_pretty(v in value()) {
            prop_assert_eq!(pretty(&v), serde_json::to_string_pretty(&v).unwrap());
        }
    }

    #[test]
    fn empty_and_nested() {
        let v = json!({ "a": [], "b": {}, "c": [{ "d": "x:,{}[]\"\\" }], "": [1, [2, []]] });
        assert_eq!(pretty(&v), serde_json::to_string_pretty(&v).unwrap());
        assert_eq!(pretty(&json!([])), "[]");
        assert_eq!(pretty(&json!("s")), "\"s\"");
    }
}
