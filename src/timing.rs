//! Performance marks for the benchmarks: `performance.mark` entries named `claimmark:*`, measured
//! from `claimmark:start` (the wasm module has loaded and `main` runs).

/// Records a `performance.mark` (ignored where there is no Performance API).
pub fn mark(name: &str) {
    if let Some(performance) = gloo::utils::window().performance() {
        let _ = performance.mark(name);
    }
}
