// claimmark's content script. The service worker injects it into the tab whose action was clicked
// (activeTab); it runs in the extension's isolated world, so neither window.claimmark nor the
// storage below is visible to the page's own scripts.
//
// It finds the page's article, loads the publisher bundle from the extension, and mounts the
// in-place mode on the article, with its sidebar in a panel at the page's right edge (the
// sidebar itself is in claimmark's shadow root). Work is kept in chrome.storage.local under
// `claimmark-ext:v1:<canonical url>`, never in the page's localStorage.
(() => {
  const NAMESPACE = 'claimmark-ext';
  const state = (globalThis.__claimmarkExtension ??= {});
  if (state.panel) {
    // A second click shows or hides the panel.
    state.panel.hidden = !state.panel.hidden;
    return;
  }

  // Parameters that say where a visit came from, not what the page is.
  const TRACKING = /^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl)$/i;

  /** The page's canonical URL: link[rel=canonical], else this URL without fragment and tracking. */
  function canonicalUrl() {
    const link = document.querySelector('link[rel~="canonical" i][href]');
    if (link) {
      try {
        const url = new URL(link.getAttribute('href'), document.baseURI);
        if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
      } catch {}
    }
    const url = new URL(location.href);
    url.hash = '';
    for (const name of [...url.searchParams.keys()]) if (TRACKING.test(name)) url.searchParams.delete(name);
    return url.href;
  }

  function paragraphText(element) {
    let length = 0;
    for (const p of element.querySelectorAll('p')) length += p.textContent.trim().length;
    return length;
  }

  /** The page's article element, else main, else the element with the most paragraph text as its
   * children's. Null when nothing on the page has paragraphs of text. */
  function findArticle() {
    const candidates = (selector) =>
      [...document.querySelectorAll(selector)].filter((el) => paragraphText(el) > 0);
    for (const selector of ['article', 'main, [role="main"]']) {
      const found = candidates(selector);
      if (found.length) return found.reduce((a, b) => (paragraphText(b) > paragraphText(a) ? b : a));
    }
    const own = new Map();
    for (const p of document.querySelectorAll('p')) {
      const parent = p.parentElement;
      if (parent) own.set(parent, (own.get(parent) ?? 0) + p.textContent.trim().length);
    }
    let best = null;
    let most = 0;
    for (const [element, length] of own) if (length > most) [best, most] = [element, length];
    return most >= 200 ? best : null;
  }

  /** A panel at the right edge of the viewport that holds the sidebar. Fixed, so the page's own
   * layout does not move; its styles are inline and important, so the page's CSS cannot undo them. */
  function makePanel() {
    const panel = document.createElement('claimmark-extension-panel');
    const style = {
      all: 'initial', position: 'fixed', top: '0', right: '0', bottom: '0', width: 'min(26rem, 100vw)',
      'overflow-y': 'auto', 'z-index': '2147483647', background: '#fff', 'box-shadow': '0 0 0.75rem #0004',
      display: 'block',
    };
    for (const [name, value] of Object.entries(style)) panel.style.setProperty(name, value, 'important');
    panel.setAttribute('role', 'complementary');
    panel.setAttribute('aria-label', 'claimmark');
    document.documentElement.append(panel);
    return panel;
  }

  function showMessage(text) {
    const panel = makePanel();
    panel.style.setProperty('bottom', 'auto', 'important');
    const root = panel.attachShadow({ mode: 'open' });
    const box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.style.cssText = 'font: 16px/1.4 system-ui, sans-serif; padding: 1rem; color: #111';
    box.textContent = text;
    const close = document.createElement('button');
    close.textContent = 'Close';
    close.style.cssText = 'margin-top: 0.5rem; font: inherit';
    close.addEventListener('click', () => {
      panel.remove();
      delete state.panel;
    });
    root.append(box, close);
    state.panel = panel;
  }

  /** A Storage-like object over an in-memory copy of chrome.storage.local, written through. The
   * widget reads and writes synchronously; chrome.storage.local is asynchronous, so it is read
   * once before mounting. */
  async function extensionStorage() {
    const items = new Map(Object.entries(await chrome.storage.local.get(null)));
    const report = (e) => console.error('claimmark: chrome.storage.local:', e);
    return {
      getItem: (key) => (items.has(key) ? String(items.get(key)) : null),
      setItem(key, value) {
        items.set(key, String(value));
        chrome.storage.local.set({ [key]: String(value) }).catch(report);
      },
      removeItem(key) {
        items.delete(key);
        chrome.storage.local.remove(key).catch(report);
      },
      key: (index) => [...items.keys()][index] ?? null,
      get length() {
        return items.size;
      },
    };
  }

  async function start() {
    const article = findArticle();
    if (!article) {
      showMessage(
        'claimmark found no article on this page: no article or main element, and no block of paragraphs.',
      );
      return;
    }
    const panel = makePanel();
    state.panel = panel;
    // The sidebar's container is in the panel's own shadow root, so that no page rule (such as
    // `div { border: … !important }`) reaches claimmark's frame element either.
    const container = document.createElement('div');
    panel.attachShadow({ mode: 'open' }).append(container);
    const storage = await extensionStorage();
    const { default: init } = await import(chrome.runtime.getURL('claimmark-embed.js'));
    await init({ module_or_path: chrome.runtime.getURL('claimmark-embed_bg.wasm') });
    const options = { mode: 'factcheck', namespace: NAMESPACE, articleId: canonicalUrl(), sidebar: container, storage };
    if (!article.querySelector('h1, h2')) options.title = document.title;
    const handle = globalThis.claimmark.mount(article, options);
    await handle.ready;
  }

  start().catch((e) => {
    console.error('claimmark:', e?.message ?? e);
    state.panel?.remove();
    delete state.panel;
    // Chromium applies the page's Content-Security-Policy to WebAssembly compiled in a content
    // script: a page whose script-src lacks 'wasm-unsafe-eval' refuses claimmark's module.
    const why = e instanceof WebAssembly.CompileError
      ? "this page's Content-Security-Policy does not allow WebAssembly, which claimmark needs"
      : (e?.message ?? String(e));
    showMessage(`claimmark could not start on this page: ${why}.`);
  });
})();
