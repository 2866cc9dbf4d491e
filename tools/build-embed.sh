#!/usr/bin/env bash
# Builds the bundles that Trunk does not: claimmark-embed (crates/embed), what publisher pages load
# through embed.js, claimmark-io (crates/io), the export and import module that both pages load
# on demand, and claimmark-sync (crates/sync), the team sync module, loaded only when a team is
# configured. Trunk runs this after each build (a post_build hook in Trunk.toml) and it puts their
# JS glue and wasm next to the app's files. By hand: TRUNK_STAGING_DIR=dist tools/build-embed.sh
#
# Every step is a documented command of a pinned tool: cargo with the release profile of
# Cargo.toml, wasm-bindgen (the version in Cargo.lock), wasm-opt (binaryen 132 from npm) at the
# level Trunk gives the app (data-wasm-opt="z"), and terser for the glue. Nothing rewrites
# their output.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:+$CARGO_HOME/bin:}$HOME/.cargo/bin:$PATH"
out=${TRUNK_STAGING_DIR:?set TRUNK_STAGING_DIR to the directory that gets the bundles}
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
# --offline, as Trunk builds: ./x fetched every crate first.
cargo build --quiet --offline --release --target wasm32-unknown-unknown -p claimmark-embed -p claimmark-io \
  -p claimmark-sync
bundle() { # NAME WASM
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$1" \
    "$target_dir/wasm32-unknown-unknown/release/$2"
  # --converge: run -Oz again until the module stops shrinking (0.6 KB gzipped off the publisher
  # bundle, measured 2026-12-03).
  wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o "$out/$1_bg.wasm" "$out/$1_bg.wasm"
  # The glue minified. It starts with V8's explicit compile hint (terser's `preamble` format
  # option), so that Chromium compiles its functions while the file loads, not at each first call.
  terser "$out/$1.js" --module --compress --mangle --format "preamble='//# allFunctionsCalledOnLoad'" -o "$out/$1.min.js"
  mv "$out/$1.min.js" "$out/$1.js"
}
bundle claimmark-embed claimmark-embed.wasm
bundle claimmark-io claimmark_io.wasm
bundle claimmark-sync claimmark_sync.wasm
# The browser extension carries a copy of the publisher bundle (tools/build-extension.sh).
tools/build-extension.sh
