// Embedding on a publisher page (www/embed-demo.html): claimmark annotates the publisher's own
// markup in place and shows a published fact-check read-only, without moving the host's layout,
// without leaking globals, and without running anything from article text, notes or sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newPage, ROOT, useBrowser, axeAudit } from './harness.mjs';

const DEMO = '/embed-demo.html';

const env = useBrowser();

async function open({ block = false, width = 1400, errors = [] } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height: 900 } });
  const page = await newPage(context, errors);
  if (block) await page.route('**/embed.js', (route) => route.abort());
  await page.goto(env.server.url + DEMO);
  if (!block) {
    await page.waitForFunction(() => window.claimmark && window.claimmark.instances().length === 2);
    await page.evaluate(() => Promise.all(window.claimmark.instances().map((h) => h.ready)));
    await page.locator('#story mark.cm-hl').first().waitFor();
  }
  return { context, page };
}

/** Boxes of the host's furniture and of the story's paragraphs. */
function boxes(page) {
  return page.evaluate(() => {
    const pick = [...document.querySelectorAll('#site-header, #site-nav, #ad-slot, #story, #published-title, #story > p, #story figure')];
    return pick.map((e) => {
      const r = e.getBoundingClientRect();
      return { what: e.id || `${e.tagName} ${[...e.parentNode.children].indexOf(e)}`, x: r.x, y: r.y, w: r.width, h: r.height };
    });
  });
}

test('the wasm is fetched only after the host page has loaded', async () => {
  // A host image that takes a second holds back the page's load event; claimmark's wasm must not
  // compete with it for the network, so its request starts after load, not when embed.js runs.
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await page.route('**/embed-demo.html', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('</h1>', '</h1><img id="slow-host-image" src="slow-host-image.svg" width="10" height="10" alt="">');
    await route.fulfill({ response, body });
  });
  await page.route('**/slow-host-image.svg', async (route) => {
    await new Promise((done) => setTimeout(done, 1000));
    await route.fulfill({ contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>' });
  });
  await page.goto(env.server.url + DEMO);
  await page.waitForFunction(() => window.claimmark && window.claimmark.instances().length === 2);
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/claimmark-embed_bg.wasm'));
    const image = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/slow-host-image.svg'));
    return { load: nav.loadEventStart, wasm: wasm?.startTime, imageEnd: image?.responseEnd };
  });
  assert.ok(timing.imageEnd > 900, `the host image took its second: ${JSON.stringify(timing)}`);
  assert.ok(timing.wasm >= timing.load, `the wasm request started after load: ${JSON.stringify(timing)}`);
  await context.close();
});

test('mounting leaves the host layout where it was, and adds no global but claimmark', async () => {
  const plain = await open({ block: true });
  const before = await boxes(plain.page);
  const globalsBefore = await plain.page.evaluate(() => Object.getOwnPropertyNames(window));
  await plain.context.close();

  const errors = [];
  const { context, page } = await open({ errors });
  const after = await boxes(page);
  assert.equal(after.length, before.length);
  for (let i = 0; i < before.length; i++) {
    // The header, nav, ad, the story and every paragraph in it, and what follows the story stay put.
    for (const k of ['x', 'y', 'w', 'h']) {
      assert.ok(Math.abs(after[i][k] - before[i][k]) < 0.5, `${before[i].what}.${k}: ${before[i][k]} → ${after[i][k]}`);
    }
  }
  const globalsAfter = await page.evaluate(() => Object.getOwnPropertyNames(window));
  const added = globalsAfter.filter((g) => !globalsBefore.includes(g));
  assert.deepEqual(added, ['claimmark']);
  // The host's aggressive CSS does not reach the widget, and the widget's does not reach the host.
  const styles = await page.evaluate(() => {
    const frame = document.querySelector('#factcheck-sidebar [data-claimmark-frame]');
    const button = frame.shadowRoot.querySelector('button.cm-button');
    const hostButton = document.createElement('button');
    document.body.append(hostButton);
    const s = { widgetButton: getComputedStyle(button).backgroundColor, hostButton: getComputedStyle(hostButton).backgroundColor };
    hostButton.remove();
    const mark = document.querySelector('#story mark.cm-hl');
    s.mark = getComputedStyle(mark).backgroundColor;
    s.adMark = getComputedStyle(document.querySelector('#ad-slot mark')).backgroundColor;
    return s;
  });
  assert.notEqual(styles.widgetButton, 'rgb(255, 105, 180)', 'host `button { background: hotpink }` reached the widget');
  assert.equal(styles.hostButton, 'rgb(255, 105, 180)', 'the widget changed the host’s buttons');
  assert.notEqual(styles.mark, 'rgba(0, 0, 0, 0)', 'host `mark { background: none }` undid the highlight');
  assert.equal(styles.adMark, 'rgba(0, 0, 0, 0)', 'the widget restyled the host’s own <mark>');
  assert.deepEqual(errors, []);
  await context.close();
});

test('highlights sit inside the host’s <a> and <em>, keep the link, and select their claim', async () => {
  const errors = [];
  const { context, page } = await open({ errors });
  const inLink = page.locator('#story a mark.cm-hl');
  const inEm = page.locator('#story em mark.cm-hl');
  assert.ok((await inLink.count()) >= 1, 'no highlight inside a link');
  assert.ok((await inEm.count()) >= 1, 'no highlight inside emphasis');
  assert.equal(await page.locator('#story a', { hasText: 'December 2021' }).getAttribute('href'), 'https://example.org/archive/putin-prophet-remarks');
  assert.equal(await page.locator('#story figure img').count(), 1);

  await page.evaluate(() => {
    window.selected = [];
    window.claimmark.instances()[0].on('select', (d) => window.selected.push(d));
  });
  await page.locator('#story em mark.cm-hl', { hasText: 'February 2003' }).click();
  await page.waitForFunction(() => window.selected.length > 0);
  const picked = await page.evaluate(() => window.selected.at(-1));
  assert.equal(picked.text, 'February 2003');
  assert.equal(picked.kind, 'date');
  await page.locator('#story mark.cm-hl.cm-hl-active', { hasText: 'February 2003' }).waitFor();
  // The sidebar opened that claim's card.
  const card = page.locator('#factcheck-sidebar .cm-card', { hasText: 'February 2003' }).first();
  await card.locator('select[id$="verdict"]').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('in place, a reader selects words in the host article and highlights them as a claim', async () => {
  const errors = [];
  const { context, page } = await open({ errors });
  const p = page.locator('#story p', { hasText: 'The rising trends of Islamophobia' });
  const box = await p.boundingBox();
  // Select "rising trends of Islamophobia" with the mouse.
  await page.evaluate(() => {
    const para = [...document.querySelectorAll('#story p')].find((e) => e.textContent.startsWith('The rising trends'));
    const text = para.firstChild;
    const range = document.createRange();
    range.setStart(text, 4);
    range.setEnd(text, 4 + 'rising trends of Islamophobia'.length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  await page.mouse.move(box.x + 10, box.y + 5);
  await page.mouse.up();
  const bar = page.locator('#factcheck-sidebar .cm-inplace-new');
  await bar.waitFor();
  assert.match(await bar.innerText(), /rising trends of Islamophobia/);
  await bar.getByLabel('Claim kind').selectOption('trend');
  await bar.getByRole('button', { name: 'Highlight claim' }).click();
  const mark = page.locator('#story mark.cm-hl.cm-hl-kind-trend', { hasText: 'rising trends of Islamophobia' });
  await mark.waitFor();
  assert.equal(await mark.innerText(), 'rising trends of Islamophobia');
  assert.equal(await bar.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the two instances do not interfere: separate storage, read-only stays read-only', async () => {
  const errors = [];
  const { context, page } = await open({ errors });
  const published = page.locator('#published');
  await published.locator('.cm-card').first().waitFor();
  const publishedProgress = await published.locator('.cm-progress').innerText();
  assert.match(publishedProgress, /5 rated/);

  await page.evaluate(() => {
    window.changes = 0;
    window.claimmark.instances()[0].on('change', () => window.changes++);
  });
  const card = page.locator('#factcheck-sidebar .cm-card', { hasText: '01 May 1948' }).first();
  await card.locator('.cm-card-toggle').click();
  await card.locator('select[id$="verdict"]').selectOption('false');
  await page.waitForFunction(() => window.changes > 0);
  await page.waitForTimeout(400); // the debounced save
  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.ok(keys.includes('daily-example-readers:v1:pak-russia-opinion'), keys.join(', '));
  assert.ok(!keys.some((k) => k.startsWith('daily-example-desk')), 'the read-only instance wrote to storage');
  assert.equal(await published.locator('.cm-progress').innerText(), publishedProgress);
  assert.equal(await page.locator('#story mark.cm-hl-verdict-false').count() >= 1, true);
  // Nothing in the published fact-check can be changed.
  assert.equal(await published.locator('select[id$="verdict"]:not([disabled])').count(), 0);
  await assert.rejects(page.evaluate(() => window.claimmark.instances()[1].import('{}')), /read-only/);

  // The in-place instance's work survives a reload; the published one still shows the file.
  await page.reload();
  await page.waitForFunction(() => window.claimmark && window.claimmark.instances().length === 2);
  await page.evaluate(() => Promise.all(window.claimmark.instances().map((h) => h.ready)));
  await page.locator('#story mark.cm-hl-verdict-false').first().waitFor();
  assert.equal(await published.locator('.cm-progress').innerText(), publishedProgress);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Ctrl+Z undoes in the instance it was pressed in, not in the others', async () => {
  const errors = [];
  const { context, page } = await open({ errors });
  await page.evaluate(() => {
    const el = document.createElement('div');
    el.id = 'second';
    document.body.append(el);
    return window.claimmark.mount(el, { articleUrl: 'seed-article.txt', namespace: 'undo-second' }).ready;
  });
  const first = page.locator('#factcheck-sidebar .cm-card', { hasText: '01 May 1948' }).first();
  await first.locator('.cm-card-toggle').click();
  await first.locator('select[id$="verdict"]').selectOption('false');
  await page.locator('#story mark.cm-hl-verdict-false').first().waitFor();
  const second = page.locator('#second .cm-card', { hasText: '01 May 1948' }).first();
  await second.locator('.cm-card-toggle').click();
  await second.locator('select[id$="verdict"]').selectOption('true');

  await first.locator('.cm-card-toggle').focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('#story mark.cm-hl-verdict-false').length === 0);
  assert.equal(await second.locator('select[id$="verdict"]').inputValue(), 'true');
  assert.deepEqual(errors, []);
  await context.close();
});

test('destroy() leaves the host DOM exactly as it was', async () => {
  const plain = await open({ block: true });
  const original = await plain.page.evaluate(() => ({
    body: document.body.innerHTML,
    story: document.querySelector('#story').innerHTML,
    head: document.head.innerHTML,
  }));
  await plain.context.close();

  const errors = [];
  const { context, page } = await open({ errors });
  // Use it first: select a claim and rate one, so that there is state to undo.
  await page.locator('#story mark.cm-hl').first().click();
  const card = page.locator('#factcheck-sidebar .cm-card', { hasText: '01 May 1948' }).first();
  await card.locator('.cm-card-toggle').click();
  await card.locator('select[id$="verdict"]').selectOption('true');
  assert.notEqual(await page.locator('#story').innerHTML(), original.story);

  await page.evaluate(() => window.claimmark.instances().forEach((h) => h.destroy()));
  const now = await page.evaluate(() => ({
    body: document.body.innerHTML,
    story: document.querySelector('#story').innerHTML,
    head: document.head.innerHTML,
  }));
  assert.equal(now.story, original.story);
  assert.equal(now.body, original.body);
  assert.equal(now.head.replace(/<link rel="modulepreload"[^>]*>/g, ''), original.head.replace(/<link rel="modulepreload"[^>]*>/g, ''));
  // Mounting again works, and destroying again restores again.
  await page.evaluate(() => window.claimmark.mountAll()[0].ready);
  await page.locator('#story mark.cm-hl').first().waitFor();
  await page.evaluate(() => window.claimmark.instances().forEach((h) => h.destroy()));
  assert.equal(await page.evaluate(() => document.body.innerHTML), original.body);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a lazily added paragraph is re-anchored once, without a mutation loop', async () => {
  const errors = [];
  const { context, page } = await open({ errors });
  const card = page.locator('#factcheck-sidebar .cm-card', { hasText: '01 May 1948' }).first();
  await card.locator('.cm-card-toggle').click();
  await card.locator('select[id$="verdict"]').selectOption('true');
  await page.evaluate(() => {
    window.changes = 0;
    const p = document.createElement('p');
    p.id = 'late';
    p.innerHTML = 'Update: bilateral trade reached <em>$1.2 billion</em> in 2023, officials said.';
    document.querySelector('#story').append(p);
  });
  await page.locator('#late mark.cm-hl').first().waitFor();
  await page.locator('#story mark.cm-hl-verdict-true', { hasText: '01 May 1948' }).waitFor();
  // Quiet afterwards: the highlights stay put and the page is responsive.
  const count = await page.locator('#story mark.cm-hl').count();
  await page.waitForTimeout(800);
  assert.equal(await page.locator('#story mark.cm-hl').count(), count);
  const records = await page.evaluate(() => new Promise((resolve) => {
    let n = 0;
    const o = new MutationObserver((r) => { n += r.length; });
    o.observe(document.querySelector('#story'), { childList: true, subtree: true, characterData: true });
    setTimeout(() => { o.disconnect(); resolve(n); }, 600);
  }));
  assert.equal(records, 0, 'the widget keeps changing the article on its own');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the JS API: mount, export with the organisation, import, events', async () => {
  const errors = [];
  const { context, page } = await open({ errors });
  const result = await page.evaluate(async () => {
    const el = document.createElement('div');
    el.id = 'api';
    document.body.append(el);
    const h = window.claimmark.mount('#api', { articleUrl: 'seed-article.txt', namespace: 'api-test', organisation: 'Example Checks', kinds: ['date', 'money'] });
    await h.ready;
    const changes = [];
    const off = h.on('change', (d) => changes.push(d));
    const file = await (await fetch('fact-check.json')).text();
    const summary = await h.import(file);
    await new Promise((r) => setTimeout(r, 100));
    off();
    // Export and import return promises: the W3C and ClaimReview exports are in a module of their
    // own, loaded here on first use (claimmark-io).
    const review = JSON.parse(await h.export('claimreview'));
    const w3c = JSON.parse(await h.export('annotations'));
    const backup = JSON.parse(await h.export());
    let badFormat = null;
    try { await h.export('pdf'); } catch (e) { badFormat = e.message; }
    let badFile = null;
    try { await h.import('{"rows": [{"target": 5}]}'); } catch (e) { badFile = e.message; }
    const kinds = [...el.querySelector('[data-claimmark-frame]').shadowRoot.querySelectorAll('mark.cm-mark')].map((m) => [...m.classList].find((c) => c.startsWith('cm-kind-')));
    h.destroy();
    return { summary, changes: changes.length, review: JSON.stringify(review), w3c: w3c, backup, badFormat, badFile, kinds: [...new Set(kinds)], left: el.innerHTML };
  });
  assert.equal(result.summary.new, 5);
  assert.ok(result.changes >= 1);
  assert.match(result.review, /Example Checks/);
  assert.ok(JSON.stringify(result.w3c).includes('TextQuoteSelector'));
  assert.match(result.badFormat, /pdf/);
  assert.equal(result.backup.version, 2);
  assert.ok(result.backup.annotations.length >= 5, 'the backup has the imported annotations');
  // A Hypothesis response the import module refuses, with the path of the problem.
  assert.match(result.badFile ?? '', /^claimmark: import: .*rows\[0\]/);
  for (const k of result.kinds) assert.ok(['cm-kind-date', 'cm-kind-money', 'cm-kind-trend'].includes(k), k);
  assert.equal(result.left, '');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a publisher page loads claimmark-io only for an export that needs it, and says so when it cannot', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const page = await newPage(context);
  const requested = [];
  page.on('request', (r) => { if (r.url().includes('claimmark-io')) requested.push(r.url()); });
  // As if the network went away after the page loaded.
  await page.route('**/claimmark-io*', (route) => route.abort('internetdisconnected'));
  await page.goto(env.server.url + DEMO);
  await page.waitForFunction(() => window.claimmark && window.claimmark.instances().length === 2);
  await page.evaluate(() => Promise.all(window.claimmark.instances().map((h) => h.ready)));
  await page.locator('#published-check .cm-card').first().waitFor();
  // The published fact-check is a backup: the widget read it without the module.
  assert.deepEqual(requested, []);
  const sidebar = page.locator('#factcheck-sidebar');
  await sidebar.getByRole('button', { name: 'Export', exact: true }).click();
  await sidebar.getByLabel('Format').selectOption('claimreview');
  await sidebar.getByRole('button', { name: 'Download', exact: true }).click();
  const message = sidebar.locator('.cm-panel-message');
  await message.filter({ hasText: 'Could not export' }).waitFor();
  assert.match(await message.innerText(), /could not be loaded .*offline\? A Backup works without it/);
  assert.ok(requested.length > 0, 'the export asked for claimmark-io');
  // A backup needs no module.
  await sidebar.getByLabel('Format').selectOption('backup');
  const [file] = await Promise.all([page.waitForEvent('download'), sidebar.getByRole('button', { name: 'Download', exact: true }).click()]);
  assert.match(file.suggestedFilename(), /\.backup\.json$|backup/);
  await message.filter({ hasText: 'Downloaded' }).waitFor();
  await context.close();
});

test('on a publisher page a first-release (version 1) stored document is migrated, as on the app page', async () => {
  // One reader everywhere: the publisher bundle reads and migrates every version the app page does.
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const key = 'daily-example-readers:v1:pak-russia-opinion';
  const v1 = await readFile(join(ROOT, 'crates/core/tests/fixtures/store/v1-council-budget.json'), 'utf8');
  const ids = JSON.parse(v1).annotations.map((a) => a.id);
  await context.addInitScript(([key, v1]) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(key, v1);
      sessionStorage.setItem('seeded', '1');
    }
  }, [key, v1]);
  const page = await newPage(context);
  await page.goto(env.server.url + DEMO);
  await page.waitForFunction(() => window.claimmark && window.claimmark.instances().length === 2);
  await page.evaluate(() => Promise.all(window.claimmark.instances().map((h) => h.ready)));
  assert.equal(await page.locator('#factcheck-sidebar').getByRole('alert').filter({ hasText: 'could not be read' }).count(), 0);
  const backup = JSON.parse(await page.evaluate(() => window.claimmark.instances()[0].export('backup')));
  assert.equal(backup.version, 2, 'exported in the current version');
  assert.deepEqual(backup.annotations.map((a) => a.id).filter((id) => ids.includes(id)).sort(), [...ids].sort(), 'the version 1 annotations are kept');
  const backups = await page.evaluate((key) => Object.keys(localStorage).filter((k) => k.startsWith(key + ':backup:')), key);
  assert.deepEqual(backups, [], 'nothing to back up: the document was read');
  await context.close();
});

const HOSTILE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile</title>
<script>window.__canary = 0; window.__pwn = function () { window.__canary++; };</script>
<script type="module" src="embed.js"></script></head><body>
<article id="host" data-claimmark data-namespace="hostile" data-article-id="hostile">
  <h1>Hostile article</h1>
  <p>In 2021 the budget was $5M. &lt;script&gt;__pwn()&lt;/script&gt; and &lt;img src=x onerror="__pwn()"&gt; are text here.</p>
  <p>Profits rose 12% in <a href="#x">March 2020</a>, said &lt;b onmouseover=__pwn()&gt;the firm&lt;/b&gt;.</p>
</article>
<div id="rendered"></div>
</body></html>`;

test('nothing from article text, notes, imports or sources runs: the canary never fires', async () => {
  const errors = [];
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await newPage(context, errors);
  await page.route('**/hostile.html', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: HOSTILE }));
  await page.goto(env.server.url + '/hostile.html');
  await page.waitForFunction(() => window.claimmark && window.claimmark.instances().length === 1);
  await page.evaluate(() => window.claimmark.instances()[0].ready);
  await page.locator('#host mark.cm-hl').first().waitFor();
  const text = 'Hostile text\n\nIn 2020 spending hit $9M <script>__pwn()</script> <img src=x onerror="__pwn()"> <a href="javascript:__pwn()">link</a> <svg onload="__pwn()">.';
  const factCheck = JSON.parse(await readFile(join(ROOT, 'www/fact-check.json'), 'utf8'));
  factCheck.annotations[0].note = '<img src=x onerror="__pwn()"><script>__pwn()</script>';
  factCheck.annotations[0].sources[0].title = '<img src=x onerror="__pwn()">';
  const badSource = structuredClone(factCheck);
  badSource.annotations[1].sources[0].url = 'javascript:__pwn()';
  const outcome = await page.evaluate(async ({ text, factCheck, badSource }) => {
    const a = window.claimmark.mount('#rendered', { articleText: text, namespace: 'hostile-rendered' });
    await a.ready;
    const el = document.createElement('div');
    document.body.append(el);
    const b = window.claimmark.mount(el, { articleUrl: 'seed-article.txt', namespace: 'hostile-seed' });
    await b.ready;
    await b.import(factCheck);
    let refused = null;
    try { await b.import(badSource); } catch (e) { refused = e.message; }
    return { refused };
  }, { text, factCheck, badSource });
  assert.match(outcome.refused ?? '', /javascript|http/i, 'a javascript: source url was imported');
  // Open every card of every instance, hover and click every highlight.
  for (const mark of await page.locator('mark').all()) {
    await mark.hover().catch(() => {});
    await mark.click({ trial: false }).catch(() => {});
  }
  for (const toggle of await page.locator('.cm-card-toggle').all()) {
    await toggle.click().catch(() => {});
  }
  // Typing a javascript: url into the source form is refused too.
  const card = page.locator('#rendered .cm-card').first();
  await card.locator('.cm-card-toggle').click();
  if (await card.getByRole('button', { name: 'Add source' }).count()) {
    await card.getByRole('button', { name: 'Add source' }).click();
    await card.getByLabel('Source URL').fill('javascript:__pwn()');
    await card.getByRole('button', { name: 'Save source' }).click();
  }
  await page.waitForTimeout(500);
  const dom = await page.evaluate(() => {
    const roots = [document, ...[...document.querySelectorAll('[data-claimmark-frame]')].map((f) => f.shadowRoot)];
    return {
      canary: window.__canary,
      imgs: roots.reduce((n, r) => n + r.querySelectorAll('img[src="x"], svg, script:not([type="module"]):not([src])').length, 0),
      jsLinks: roots.reduce((n, r) => n + r.querySelectorAll('a[href^="javascript:" i]').length, 0),
      hostText: document.querySelector('#host').textContent.includes('<img src=x onerror="__pwn()">'),
    };
  });
  assert.equal(dom.canary, 0, 'something ran');
  assert.equal(dom.jsLinks, 0);
  assert.ok(dom.hostText, 'the host’s escaped markup is no longer text');
  // The page's own inline script is the only <script> without src; it is not counted above
  // because of :not([src]) only in light DOM, so allow exactly that one.
  assert.ok(dom.imgs <= 1, `elements made from text: ${dom.imgs}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('axe finds no serious or critical problems on the demo page; a screenshot for EMBEDDING.md', async () => {
  const errors = [];
  const { context, page } = await open({ errors });
  await page.locator('#published .cm-card').first().waitFor();
  await page.screenshot({ path: join(ROOT, 'docs/embed-demo.png') });
  const bad = await axeAudit(page);
  assert.deepEqual(bad, [], JSON.stringify(bad, null, 2));
  assert.deepEqual(errors, []);
  await context.close();
});
