// claimmark's loader for publisher pages: one <script type="module" src=".../embed.js">.
// It loads the embedding bundle (claimmark-embed: the widget without the standalone app) from next
// to this file. The wasm defines window.claimmark (the only global) and mounts every
// [data-claimmark] and <claim-mark> element once the page is ready.
import init from './claimmark-embed.js';

init({ module_or_path: new URL('./claimmark-embed_bg.wasm', import.meta.url) });
