// claimmark's loader for publisher pages: one <script type="module" src=".../embed.js">.
// It loads the embedding bundle (claimmark-embed: the widget without the standalone app) from next
// to this file. The wasm defines window.claimmark (the only global) and mounts every
// [data-claimmark] and <claim-mark> element; `document` then receives `claimmark:ready`.
//
// The wasm is fetched once the host page has loaded (its `load` event), so that it never competes
// with the page's own text and images for the network: the reader sees the article first.
import init from './claimmark-embed.js';

let started = false;
function start() {
  if (started) return;
  started = true;
  init({ module_or_path: new URL('./claimmark-embed_bg.wasm', import.meta.url) });
}

if (document.readyState === 'complete') start();
else window.addEventListener('load', start, { once: true });
