// frame.html's script: claimmark for a page whose CSP forbids WebAssembly. content.js put the
// page's article in chrome.storage.local under the token in this page's fragment, as plain strings
// (its canonical URL, title and paragraph texts); this page reads it once, removes it, and builds
// the article from it with textContent only, so nothing from the page is ever parsed as HTML or
// run. claimmark is then mounted in place on that copy, with the same namespace, article id and
// storage as on a page that allows WebAssembly, so the work is the same either way.
const NAMESPACE = 'claimmark-ext';
const HANDOFF = 'claimmark-ext-handoff:';

function fail(text) {
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.textContent = text;
  document.body.append(box);
}

/** The hand-over, checked: every field a string where a string belongs. */
async function takeArticle() {
  const key = HANDOFF + location.hash.slice(1);
  const found = (await chrome.storage.local.get(key))[key];
  await chrome.storage.local.remove(key);
  const strings = (list) => Array.isArray(list) && list.every((p) => typeof p === 'string');
  if (!found || typeof found.articleId !== 'string' || typeof found.title !== 'string' || !strings(found.paragraphs)) {
    return null;
  }
  return found;
}

async function start() {
  const given = await takeArticle();
  if (!given) {
    fail("claimmark has no article to show here: open it with the extension's button on the article's page.");
    return;
  }
  const article = document.getElementById('article');
  const heading = document.createElement('h1');
  heading.textContent = given.title;
  article.append(heading);
  for (const text of given.paragraphs) {
    const p = document.createElement('p');
    p.textContent = text;
    article.append(p);
  }
  document.title = `claimmark: ${given.title}`;
  document.getElementById('layout').hidden = false;
  const storage = await globalThis.claimmarkExtensionStorage();
  const { default: init } = await import('./claimmark-embed.js');
  await init({ module_or_path: new URL('claimmark-embed_bg.wasm', import.meta.url) });
  const handle = globalThis.claimmark.mount(article, {
    mode: 'factcheck',
    namespace: NAMESPACE,
    articleId: given.articleId,
    title: given.title,
    sidebar: document.getElementById('sidebar'),
    storage,
  });
  await handle.ready;
}

start().catch((e) => {
  console.error('claimmark:', e?.message ?? e);
  fail(`claimmark could not start: ${e?.message ?? e}.`);
});
