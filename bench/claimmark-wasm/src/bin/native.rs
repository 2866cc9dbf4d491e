//! Native throughput of claimmark's detector on the files given: `claimmark-native-bench FILE...`.
//!
//! For each file, prints one JSON line: bytes, claims, best-of-N seconds and MB/s, for detection on
//! the whole text in one call and paragraph by paragraph (as the JS peers are run).

use std::time::Instant;

fn best_of<F: FnMut() -> usize>(runs: usize, mut f: F) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut n = 0;
    for _ in 0..runs {
        let t = Instant::now();
        n = f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, n)
}

fn main() {
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("claimmark-native-bench: cannot read '{path}': {e}");
                std::process::exit(2);
            }
        };
        let mb = text.len() as f64 / 1e6;
        let (whole, claims) = best_of(5, || claimmark_core::detect::detect(&text).len());
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        let (per_paragraph, _) =
            best_of(5, || paragraphs.iter().map(|p| claimmark_core::detect::detect(p).len()).sum());
        println!(
            "{{\"file\":{path:?},\"bytes\":{},\"claims\":{claims},\"seconds\":{whole:.4},\"mb_per_s\":{:.1},\"paragraph_mb_per_s\":{:.1}}}",
            text.len(),
            mb / whole,
            mb / per_paragraph
        );
    }
}
