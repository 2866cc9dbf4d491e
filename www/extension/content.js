// claimmark's content script. The service worker injects it into the tab whose action was clicked
// (activeTab), after storage.js; it runs in the extension's isolated world, so neither
// window.claimmark nor the storage below is visible to the page's own scripts.
//
// It finds the page's article and, where the page lets WebAssembly run, loads the publisher bundle
// from the extension and mounts the in-place mode on the article, with its sidebar in a panel at
// the page's right edge (the sidebar itself is in claimmark's shadow root). Chromium applies the
// page's Content-Security-Policy to WebAssembly compiled in a content script, so on a page whose
// script-src lacks 'wasm-unsafe-eval' it instead hands the article's text (plain strings) to
// frame.html, an extension page shown in the same panel as an iframe, where the extension's own
// CSP applies and claimmark runs on a copy of the text. Work is kept in chrome.storage.local under
// `claimmark-ext:v1:<canonical url>` either way, never in the page's localStorage.
(() => {
  const NAMESPACE = 'claimmark-ext';
  // The article handed to frame.html: chrome.storage.local under this prefix and a random token,
  // which frame.html reads once and removes (see storage.js, which leaves these keys out).
  const HANDOFF = 'claimmark-ext-handoff:';
  const state = (globalThis.__claimmarkExtension ??= {});
  /** Shows or hides the panel. Its inline `display` is important (below), which the `hidden`
   * attribute alone would not override. */
  const setShown = (shown) => {
    state.panel.hidden = !shown;
    state.panel.style.setProperty('display', shown ? state.display : 'none', 'important');
    if (shown) state.focus?.();
  };
  if (state.panel) {
    // A second click shows or hides the panel.
    setShown(state.panel.hidden);
    return;
  }

  // Parameters that say where a visit came from, not what the page is.
  const TRACKING = /^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl)$/i;

  /** The page's canonical URL: link[rel=canonical], else this URL without fragment and tracking
   * parameters. The other parameters are kept as the page wrote them (URLSearchParams would
   * rewrite `?id` as `?id=`, so that the same page got two keys). */
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
    const name = (part) => {
      const raw = part.split('=')[0].replace(/\+/g, ' ');
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    };
    url.search = url.search.slice(1).split('&').filter((part) => part && !TRACKING.test(name(part))).join('&');
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

  /** A panel at the right edge of the viewport. Fixed, and outside the body, so the page's own
   * layout does not move; its styles are set through CSSOM, inline and important, so that neither
   * the page's CSS nor its CSP (style-src) can undo them. */
  function makePanel(width = 'min(26rem, 100vw)') {
    const panel = document.createElement('claimmark-extension-panel');
    const style = {
      all: 'initial', position: 'fixed', top: '0', right: '0', bottom: '0', width,
      'overflow-y': 'auto', 'z-index': '2147483647', background: '#fff', 'box-shadow': '0 0 0.75rem #0004',
      display: 'block',
    };
    setStyles(panel, style);
    state.display = 'block';
    panel.setAttribute('role', 'complementary');
    panel.setAttribute('aria-label', 'claimmark');
    document.documentElement.append(panel);
    return panel;
  }

  function setStyles(element, styles) {
    for (const [name, value] of Object.entries(styles)) element.style.setProperty(name, value, 'important');
  }

  function showMessage(text) {
    const panel = makePanel();
    panel.style.setProperty('bottom', 'auto', 'important');
    const root = panel.attachShadow({ mode: 'open' });
    const box = document.createElement('div');
    box.setAttribute('role', 'alert');
    setStyles(box, { font: '16px/1.4 system-ui, sans-serif', padding: '1rem', color: '#111' });
    box.textContent = text;
    const close = document.createElement('button');
    close.textContent = 'Close';
    setStyles(close, { margin: '0 1rem 1rem', font: '16px system-ui, sans-serif' });
    close.addEventListener('click', () => {
      panel.remove();
      delete state.panel;
    });
    root.append(box, close);
    state.panel = panel;
  }

  // What the in-place mode reads as the article (src/inplace.rs: `paragraphs`, `text_of`,
  // `HostArticle::article`), so that the text frame.html is given is the text the in-place mode
  // would have read here, and work moves between the two without re-anchoring.
  const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);
  const skipped = (el) => SKIPPED.has(el.tagName) || el.hasAttribute('data-claimmark-frame') || el.hasAttribute('data-claimmark-skip');
  function textOf(node) {
    let text = '';
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.data;
      else if (child.nodeType === Node.ELEMENT_NODE && !skipped(child)) text += textOf(child);
    }
    return text;
  }

  /** The article's title and paragraph texts, as plain strings. */
  function articleText(article) {
    const paragraphs = [...article.querySelectorAll('p')]
      .filter((p) => {
        const outer = p.parentElement?.closest('p');
        return !(outer && article.contains(outer)) && !p.closest('[data-claimmark-frame],[data-claimmark-skip]');
      })
      .map(textOf)
      .filter((text) => text.trim() !== '');
    const heading = article.querySelector('h1, h2');
    const title = (heading && textOf(heading).trim()) || document.title;
    return { title, paragraphs };
  }

  /** Whether WebAssembly may be compiled here: the page's CSP decides, in a content script. The
   * smallest module there is: the magic number and the version. */
  async function wasmAllowed() {
    try {
      await WebAssembly.compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
      return true;
    } catch {
      return false;
    }
  }

  /** The panel's title bar: its name and a Close button, which hides the panel (the action shows
   * it again). */
  function titleBar() {
    const bar = document.createElement('div');
    setStyles(bar, {
      display: 'flex', 'align-items': 'center', 'justify-content': 'space-between', gap: '1rem',
      padding: '0.25rem 0.5rem 0.25rem 1rem', background: '#1f2a36', color: '#fff',
      font: '600 15px/1.6 system-ui, sans-serif', flex: 'none', position: 'sticky', top: '0', 'z-index': '1',
    });
    const name = document.createElement('span');
    name.textContent = 'claimmark';
    const close = document.createElement('button');
    close.textContent = 'Close';
    close.setAttribute('aria-label', 'Close claimmark');
    setStyles(close, { font: '15px system-ui, sans-serif', padding: '0.2rem 0.75rem', cursor: 'pointer' });
    close.addEventListener('click', () => setShown(false));
    bar.append(name, close);
    return { bar, close };
  }

  async function startInPlace(article) {
    const panel = makePanel();
    state.panel = panel;
    // The sidebar's container is in the panel's own shadow root, so that no page rule (such as
    // `div { border: … !important }`) reaches claimmark's frame element either.
    const container = document.createElement('div');
    panel.attachShadow({ mode: 'open' }).append(titleBar().bar, container);
    const storage = await globalThis.claimmarkExtensionStorage();
    const { default: init } = await import(chrome.runtime.getURL('claimmark-embed.js'));
    await init({ module_or_path: chrome.runtime.getURL('claimmark-embed_bg.wasm') });
    const options = { mode: 'factcheck', namespace: NAMESPACE, articleId: canonicalUrl(), sidebar: container, storage };
    if (!article.querySelector('h1, h2')) options.title = document.title;
    const handle = globalThis.claimmark.mount(article, options);
    await handle.ready;
  }

  /** claimmark in frame.html, in an iframe in the panel: the article's text goes there as data
   * through chrome.storage.local, which the page cannot read; frame.html shows it as text. */
  async function startInFrame(article) {
    const token = crypto.randomUUID();
    const { title, paragraphs } = articleText(article);
    // Hand-overs that were never picked up (a frame closed while loading) go first.
    const stale = Object.entries(await chrome.storage.local.get(null))
      .filter(([key, value]) => key.startsWith(HANDOFF) && !(Date.now() - value?.at < 60_000))
      .map(([key]) => key);
    await chrome.storage.local.remove(stale);
    await chrome.storage.local.set({
      [HANDOFF + token]: { at: Date.now(), articleId: canonicalUrl(), title, paragraphs },
    });

    const panel = makePanel('min(60rem, 100vw)');
    setStyles(panel, { display: 'flex', 'flex-direction': 'column', 'overflow-y': 'hidden' });
    state.display = 'flex';
    const root = panel.attachShadow({ mode: 'open' });
    const { bar, close } = titleBar();
    const frame = document.createElement('iframe');
    frame.title = "claimmark: the claims in this page's article";
    frame.src = `${chrome.runtime.getURL('frame.html')}#${token}`;
    setStyles(frame, { border: '0', width: '100%', flex: '1 1 auto', 'min-height': '0', display: 'block', background: '#fff' });
    root.append(bar, frame);
    state.panel = panel;

    // Focus goes into the panel when it opens, and back where it was when it closes.
    let before = null;
    state.focus = () => {
      before = document.activeElement;
      frame.focus();
    };
    close.addEventListener('click', () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    });
    frame.addEventListener('load', () => state.focus(), { once: true });
  }

  async function start() {
    const article = findArticle();
    if (!article) {
      showMessage(
        'claimmark found no article on this page: no article or main element, and no block of paragraphs.',
      );
      return;
    }
    if (await wasmAllowed()) await startInPlace(article);
    else await startInFrame(article);
  }

  start().catch((e) => {
    console.error('claimmark:', e?.message ?? e);
    state.panel?.remove();
    delete state.panel;
    showMessage(`claimmark could not start on this page: ${e?.message ?? e}.`);
  });
})();
