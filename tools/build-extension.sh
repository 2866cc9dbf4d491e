#!/usr/bin/env bash
# Writes the unpacked Manifest V3 Chromium extension to <dist>/extension/: the files in
# www/extension/ (manifest, service worker, content script and the storage it shares with
# frame.html, the extension page for pages whose CSP forbids WebAssembly) and a copy of the
# publisher bundle that tools/build-embed.sh put in <dist>; build-embed.sh runs it last (Trunk's
# hooks of one stage may run side by side, so it is not a hook of its own). By hand:
# TRUNK_STAGING_DIR=dist tools/build-extension.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=${TRUNK_STAGING_DIR:?set TRUNK_STAGING_DIR to the directory that has the bundles}
ext="$out/extension"
rm -rf "$ext"
mkdir -p "$ext"
cp www/extension/manifest.json www/extension/service-worker.js www/extension/content.js \
  www/extension/storage.js www/extension/frame.html www/extension/frame.js "$ext/"
cp "$out/claimmark-embed.js" "$out/claimmark-embed_bg.wasm" "$out/claimmark-io.js" \
  "$out/claimmark-io_bg.wasm" "$ext/"
cp -r "$out/snippets" "$ext/"
