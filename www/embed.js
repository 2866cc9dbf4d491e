// claimmark's loader for publisher pages: one <script type="module" src=".../embed.js">.
// It loads the embedding bundle (claimmark-embed: the widget without the standalone app) from next
// to this file. The wasm defines window.claimmark (the only global) and mounts every
// [data-claimmark] and <claim-mark> element; `document` then receives `claimmark:ready`.
//
// Nothing but this file loads before the host page's `load` event: the bundle's JS glue and its
// wasm are fetched after it, so that they never compete with the page's own text, images and
// fonts, nor hold its load event back.
let started = false;
async function start() {
  if (started) return;
  started = true;
  const { default: init } = await import('./claimmark-embed.js');
  await init({ module_or_path: new URL('./claimmark-embed_bg.wasm', import.meta.url) });
}

if (document.readyState === 'complete') start();
else window.addEventListener('load', start, { once: true });
