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

thread_local! {
    static INPUT: core::cell::RefCell<Vec<u8>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// A buffer in wasm memory of at least `capacity` bytes, reused between calls, for the caller to
/// write UTF-8 text into (with `TextEncoder.encodeInto`) before `detect_count_input`.
#[wasm_bindgen]
pub fn input_buffer(capacity: usize) -> *mut u8 {
    INPUT.with(|b| {
        let mut b = b.borrow_mut();
        if b.len() < capacity {
            b.resize(capacity, 0);
        }
        b.as_mut_ptr()
    })
}

/// The number of claims in the first `len` bytes of the input buffer (0 if they are not UTF-8).
#[wasm_bindgen]
pub fn detect_count_input(len: usize) -> u32 {
    INPUT.with(|b| {
        let b = b.borrow();
        match core::str::from_utf8(&b[..len.min(b.len())]) {
            #[cfg(feature = "detect")]
            Ok(text) => claimmark_core::detect::detect(text).len() as u32,
            #[cfg(not(feature = "detect"))]
            Ok(text) => text.len() as u32,
            Err(_) => 0,
        }
    })
}

/// The module's memory, for the caller to write into the input buffer.
#[wasm_bindgen]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}
