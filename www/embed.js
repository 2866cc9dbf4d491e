// claimmark's loader for publisher pages: one <script type="module" src=".../embed.js">.
// It loads the widget's wasm from next to this file. The wasm defines window.claimmark (the only
// global) and mounts every [data-claimmark] and <claim-mark> element once the page is ready.
import init from './claimmark-widget.js';

init({ module_or_path: new URL('./claimmark-widget_bg.wasm', import.meta.url) });
