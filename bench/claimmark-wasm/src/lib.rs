//! claimmark's detector behind a tiny wasm-bindgen interface, for the node side of the benchmark.

use wasm_bindgen::prelude::*;

/// The number of claims in `text`.
#[wasm_bindgen]
pub fn detect_count(text: &str) -> u32 {
    #[cfg(feature = "detect")]
    {
        claimmark_core::detect::detect(text).len() as u32
    }
    #[cfg(not(feature = "detect"))]
    {
        // The baseline for the size measurement: same export, no detector.
        text.len() as u32
    }
}

/// The claims in `text` as a JSON array of `{kind, start, end, text}` (character offsets).
#[wasm_bindgen]
pub fn detect_json(text: &str) -> String {
    #[cfg(feature = "json")]
    {
        let claims: Vec<serde_json::Value> = claimmark_core::detect::detect(text)
            .into_iter()
            .map(|c| {
                serde_json::json!({
                    "kind": c.kind.as_str(), "start": c.span.start.0, "end": c.span.end.0, "text": c.text
                })
            })
            .collect();
        serde_json::Value::Array(claims).to_string()
    }
    #[cfg(not(feature = "json"))]
    {
        let _ = text;
        String::from("[]")
    }
}
