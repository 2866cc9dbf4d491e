//! claimmark's detector behind a tiny wasm-bindgen interface, for the node side of the benchmark.

use wasm_bindgen::prelude::*;

/// The number of claims in `text`.
#[wasm_bindgen]
pub fn detect_count(text: &str) -> u32 {
    #[cfg(feature = "detect")]
    {
        claimmark_core::detect::detect(text).len() as u32
    }
    #[cfg(all(not(feature = "detect"), feature = "fmt-baseline"))]
    {
        // Formatting and JSON, as the widget has them anyway, so that they are not counted as
        // part of what detection adds.
        let s = format!("{:.2} {}", text.len() as f64 / 3.0, text.len());
        let j = serde_json::to_string(&vec![text.len() as f64 / 7.0]).unwrap_or_default();
        (s.len() + j.len()) as u32
    }
    #[cfg(all(not(feature = "detect"), not(feature = "fmt-baseline")))]
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
