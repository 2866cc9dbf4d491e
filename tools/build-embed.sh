#!/usr/bin/env bash
# Builds the bundle that publisher pages load through embed.js: crates/embed, which is the widget
# without the standalone app and the classroom's teacher and student views. Trunk runs this after
# each build (a post_build hook in Trunk.toml) and puts claimmark-embed.js and
# claimmark-embed_bg.wasm next to the app's files. By hand: TRUNK_STAGING_DIR=dist tools/build-embed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# The same tools ./x installs and Trunk uses: wasm-bindgen from cargo, wasm-opt 132 and terser from npm.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
out=${TRUNK_STAGING_DIR:?set TRUNK_STAGING_DIR to the directory that gets the bundle}
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
cargo build --quiet --release --target wasm32-unknown-unknown -p claimmark-embed -p claimmark-io
# claimmark-embed: what publisher pages load first. claimmark-io (crates/io): the W3C, ClaimReview
# and CSV exports and the foreign imports, which both pages' widgets load when first asked for.
bundle() { # NAME WASM
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "$1" \
    "$target_dir/wasm32-unknown-unknown/release/$2"
  # The same wasm-opt and features as Trunk's data-wasm-opt="z".
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o "$out/$1_bg.wasm" "$out/$1_bg.wasm"
  # The JS glue, minified: 10.5 KB gzipped -> 8.3 for the embed bundle (its download budget
  # counts it). Its snippet (src/io.rs) goes into it first, so that it stays one file, and the
  # names by which glue and wasm call each other are shortened in both (the publisher page 7.3 KB
  # gzipped less: glue 8.3 -> 5.0, wasm 270.4 -> 266.3).
  node tools/inline-snippets.mjs "$out/$1.js"
  node tools/minify-names.mjs "$out/$1_bg.wasm" "$out/$1.js"
  terser "$out/$1.js" --module --compress --mangle -o "$out/$1.min.js"
  mv "$out/$1.min.js" "$out/$1.js"
  # Every glue file asks V8 to compile all its functions while it loads (tools/compile-hint.mjs).
  node tools/compile-hint.mjs "$out/$1.js"
}
bundle claimmark-embed claimmark-embed.wasm
bundle claimmark-io claimmark_io.wasm
# The app page's glue, which Trunk wrote, too; its index.html gets the glue's new integrity hash.
node tools/compile-hint.mjs "$out/claimmark-widget.js" "$out/index.html"
