#!/usr/bin/env bash
# Runs the whole claim-detection benchmark: builds, corpus, native and wasm claimmark, the three JS
# peers, recall on labelled sentences, and the wasm size that detection adds.
#   bench/run.sh            (from anywhere; needs node 20, cargo, wasm-bindgen 0.2.130, wasm32 target)
# Results: printed, and written to bench/out/results.md, results.json, sizes.md.
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/claimmark-wasm/target}"
[ -d node_modules ] || npm ci --no-audit --no-fund
export PATH="$PWD/node_modules/.bin:$PATH"

echo "== corpus" >&2
node corpus.mjs >&2

echo "== native" >&2
(cd claimmark-wasm && cargo build --quiet --profile speed --bin claimmark-native-bench)
"$CARGO_TARGET_DIR/speed/claimmark-native-bench" out/corpus.txt out/adversarial-1mb.txt out/adversarial-5mb.txt \
  | tee out/native.jsonl >&2

# wasm: the shipped profile (opt-level z, the detector at the opt-level the widget gives it, in a
# target directory of its own) with and without detection, and a build with everything at opt-level 3.
build_wasm() { # name profile features wasm-opt-level
  local name=$1 profile=$2 features=$3 level=${4:--Oz}
  local target_dir=$CARGO_TARGET_DIR
  [ "$profile" = release ] && target_dir=$CARGO_TARGET_DIR/size
  (cd claimmark-wasm && CARGO_TARGET_DIR=$target_dir cargo build --quiet --lib --target wasm32-unknown-unknown \
    --profile "$profile" --no-default-features ${features:+--features "$features"})
  rm -rf "claimmark-wasm/$name"
  wasm-bindgen --target nodejs --out-dir "claimmark-wasm/$name" \
    "$target_dir/wasm32-unknown-unknown/$profile/claimmark_wasm.wasm"
  wasm-opt "$level" --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    -o "claimmark-wasm/$name/claimmark_wasm_bg.wasm" "claimmark-wasm/$name/claimmark_wasm_bg.wasm"
}
echo "== wasm builds" >&2
build_wasm pkg-base release ""
gz() { gzip -9 -c "$1" | wc -c; }
base=$(gz claimmark-wasm/pkg-base/claimmark_wasm_bg.wasm)
build_wasm pkg-base-fmt release "fmt-baseline"
base_fmt=$(gz claimmark-wasm/pkg-base-fmt/claimmark_wasm_bg.wasm)
build_wasm pkg-detect release "detect"
detect_only=$(gz claimmark-wasm/pkg-detect/claimmark_wasm_bg.wasm)
build_wasm pkg release "detect json"
with_json=$(gz claimmark-wasm/pkg/claimmark_wasm_bg.wasm)
build_wasm pkg-speed speed "detect json" -O3
{
  echo "| wasm module (after wasm-bindgen and wasm-opt -Oz, gzip -9) | bytes gzipped | raw bytes |"
  echo "|---|---:|---:|"
  echo "| baseline: same exports, detector not called | $base | $(wc -c < claimmark-wasm/pkg-base/claimmark_wasm_bg.wasm) |"
  echo "| baseline with core::fmt float formatting and serde_json (which the widget has anyway) | $base_fmt | $(wc -c < claimmark-wasm/pkg-base-fmt/claimmark_wasm_bg.wasm) |"
  echo "| with detect() | $detect_only | $(wc -c < claimmark-wasm/pkg-detect/claimmark_wasm_bg.wasm) |"
  echo "| with detect() and claims serialised to JSON | $with_json | $(wc -c < claimmark-wasm/pkg/claimmark_wasm_bg.wasm) |"
  echo
  echo "Detection adds $(( (detect_only - base + 512) / 1024 )) KB gzipped ($((detect_only - base)) bytes) to an empty module,"
  echo "and $(( (detect_only - base_fmt + 512) / 1024 )) KB ($((detect_only - base_fmt)) bytes) to one that already formats floats and uses serde_json."
} | tee out/sizes.md >&2

echo "== side by side" >&2
node --expose-gc compare.mjs
