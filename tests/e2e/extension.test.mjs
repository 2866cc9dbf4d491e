// The browser extension (dist/extension/), loaded in Chromium and started with a real action click
// (CDP Extensions.triggerAction, so activeTab is granted) on a publisher-like page served here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { DIST, ROOT, openCard, screenshot } from './harness.mjs';

const EXTENSION = join(DIST, 'extension');
const FIXTURES = join(ROOT, 'tests/e2e/fixtures');
const STORE_KEY = 'claimmark-ext:v1:https://gazette.example/2026/ferry-fares';
const env = { server: null, context: null, cdp: null, extensionId: null, profile: null, worker: null };

/** Serves the fixtures; under /strict/ every page has a strict Content-Security-Policy header. */
async function serveFixtures() {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    if (path === '/favicon.ico') return res.writeHead(204).end();
    const strict = path.startsWith('/strict/');
    const name = path.replace(/^\/(strict\/)?/, '');
    if (!/^[a-z-]+\.(html|js)$/.test(name)) return res.writeHead(404).end();
    try {
      let body = await readFile(join(FIXTURES, name));
      // ?edited: the publisher has since changed the fare's sentence.
      if (new URL(req.url, 'http://127.0.0.1').searchParams.has('edited')) {
        body = String(body).replace('will cost $14.50 a crossing', 'will cost more a crossing');
      }
      const headers = { 'content-type': name.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8' };
      if (strict) headers['content-security-policy'] = "script-src 'self'; object-src 'none'; base-uri 'none'";
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

before(async () => {
  if (!existsSync(join(EXTENSION, 'manifest.json'))) throw new Error(`${EXTENSION} is missing: run ./x build first`);
  env.server = await serveFixtures();
  env.profile = await mkdtemp(join(tmpdir(), 'claimmark-ext-'));
  env.context = await chromium.launchPersistentContext(env.profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
      '--enable-unsafe-extension-debugging',
      `--disable-extensions-except=${EXTENSION}`,
      `--load-extension=${EXTENSION}`,
      // For a browser-level CDP session (below).
      '--remote-debugging-port=0',
    ],
  });
  env.worker = env.context.serviceWorkers()[0] ?? (await env.context.waitForEvent('serviceworker'));
  env.extensionId = new URL(env.worker.url()).host;
  // A browser-level CDP session. context.browser() is null for a persistent context in
  // playwright-core, so a second client connects to the DevTools port Chromium wrote to the
  // profile's DevToolsActivePort file.
  let browser = env.context.browser();
  if (!browser) {
    const [port] = (await readFile(join(env.profile, 'DevToolsActivePort'), 'utf8')).split('\n');
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    env.cdpBrowser = browser;
  }
  if (process.env.EXT_DEBUG) console.log('CDP via', env.cdpBrowser ? 'DevToolsActivePort' : 'context.browser()');
  env.cdp = await browser.newBrowserCDPSession();
});

after(async () => {
  await env.context?.close();
  await env.cdpBrowser?.close().catch(() => {});
  await env.server?.close();
  if (env.profile) await rm(env.profile, { recursive: true, force: true });
});

/** Clicks the extension's action for `page`'s tab, as a user does. */
async function clickAction(page) {
  // The default filter leaves tab targets out; an empty filter entry lists every target.
  const { targetInfos } = await env.cdp.send('Target.getTargets', { filter: [{}] });
  const tab = targetInfos.find((t) => t.type === 'tab' && t.url === page.url());
  assert.ok(tab, `no tab target for ${page.url()} in ${JSON.stringify(targetInfos.map((t) => [t.type, t.url]))}`);
  // The content script adds its panel at once, before anything async, so the panel tells that it
  // was injected. Headless Chromium sometimes drops a triggered action (seen about one run in
  // three, with no error and no badge); a click is sent again only when no panel appeared, which
  // cannot toggle a panel that is there.
  for (let attempt = 1; ; attempt++) {
    await env.cdp.send('Extensions.triggerAction', { id: env.extensionId, targetId: tab.targetId });
    const injected = await page
      .locator('claimmark-extension-panel')
      .first()
      .waitFor({ state: 'attached', timeout: 5000 })
      .then(() => true, () => false);
    if (injected) return;
    assert.ok(attempt < 3, `the action was clicked ${attempt} times on ${page.url()} and no panel appeared`);
  }
}

async function boxes(page) {
  return page.evaluate(() =>
    Object.fromEntries(['masthead', 'nav', 'story', 'byline', 'p1', 'p2', 'p3', 'rail', 'ad'].map((id) => {
      const r = document.getElementById(id).getBoundingClientRect();
      return [id, [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 10) / 10)];
    })));
}

async function openPage(path, errors) {
  const page = await env.context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    if (process.env.EXT_DEBUG) console.log('PAGE', m.type(), m.text());
  });
  await page.goto(`${env.server.url}${path}`);
  return page;
}

test('manifest: activeTab, scripting and storage only, no host permissions, wasm allowed', async () => {
  const manifest = JSON.parse(await readFile(join(EXTENSION, 'manifest.json'), 'utf8'));
  assert.equal(manifest.manifest_version, 3);
  assert.deepEqual([...manifest.permissions].sort(), ['activeTab', 'scripting', 'storage']);
  assert.equal(manifest.host_permissions, undefined);
  assert.equal(manifest.optional_host_permissions, undefined);
  assert.match(manifest.content_security_policy.extension_pages, /'wasm-unsafe-eval'/);
  assert.doesNotMatch(JSON.stringify(manifest), /https?:\/\//, 'no remote code');
  assert.equal(manifest.commands._execute_action.suggested_key.default, 'Alt+Shift+K');
});

test('action click: claims highlighted, a source added, layout unchanged, work back after a reload', async () => {
  const errors = [];
  const page = await openPage('/extension-page.html?utm_source=feed&fbclid=x#p2', errors);
  const before = await boxes(page);
  await clickAction(page);
  const story = page.getByRole('article').filter({ hasText: 'ferry fares rise again' }).first();
  await story.locator('mark.cm-hl').first().waitFor();
  const sidebar = page.getByRole('complementary', { name: 'Claims' });
  await sidebar.waitFor();
  assert.ok((await story.locator('mark.cm-hl', { hasText: '$14.50' }).count()) >= 1, 'the fare is highlighted');
  assert.deepEqual(await boxes(page), before, "the page's own elements stay where they were");

  const card = await openCard(page, '14.50');
  await card.getByRole('button', { name: 'Add source' }).click();
  await card.getByLabel('Source URL').fill('https://ferry.example/fares-2027');
  await card.getByLabel('Title').fill('Ferry operator accounts 2027');
  await card.getByRole('button', { name: 'Save source' }).click();
  await card.getByRole('link', { name: 'Ferry operator accounts 2027' }).waitFor();
  await screenshot(page, 'extension-on-page');

  // Saved in chrome.storage.local under the canonical URL, not in the page's storage.
  await assert.doesNotReject(async () => {
    for (let i = 0; i < 50; i++) {
      const stored = await env.worker.evaluate((key) => chrome.storage.local.get(key), STORE_KEY);
      if (stored[STORE_KEY]?.includes('Ferry operator accounts 2027')) return;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    throw new Error(`nothing under ${STORE_KEY} in chrome.storage.local`);
  });
  assert.deepEqual(await page.evaluate(() => window.__canary()), [], "the page's scripts find no claimmark data");

  await page.reload();
  await clickAction(page);
  const again = await openCard(page, '14.50');
  await again.getByRole('link', { name: 'Ferry operator accounts 2027' }).waitFor();

  // Export as in the app: W3C annotations, which need claimmark-io from the extension.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByLabel('Format').selectOption('annotations');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
  const exported = await readFile(await file.path(), 'utf8');
  assert.match(exported, /https:\/\/ferry\.example\/fares-2027/);
  assert.match(exported, /gazette\.example\/2026\/ferry-fares|14\.50/);
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  assert.deepEqual(errors, []);
  await page.close();
});

// Chromium (156) applies the page's CSP to WebAssembly compiled in a content script, so on a page
// whose script-src has no 'wasm-unsafe-eval' the bundle cannot start. What is checked: the user is
// told why, on the page, and the page's scripts find nothing.
test('a page with a strict CSP: a clear message, and the page finds nothing', async () => {
  const errors = [];
  const page = await openPage('/strict/extension-page.html', errors);
  await clickAction(page);
  await page.getByRole('alert').filter({ hasText: "Content-Security-Policy does not allow WebAssembly" }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__canary()), []);
  await page.close();
});

test('a page with a strict CSP: the annotations work', { todo: "the page's CSP blocks the wasm (see above)" }, async () => {
  const errors = [];
  const page = await openPage('/strict/extension-page.html', errors);
  try {
    await clickAction(page);
    await page.locator('#story mark.cm-hl').first().waitFor({ timeout: 8000 });
  } finally {
    await page.close();
  }
});

test('the page changed since: the work whose words are gone is an orphan, kept', async () => {
  const errors = [];
  const page = await openPage('/extension-page.html?edited', errors);
  await clickAction(page);
  await page.locator('#story mark.cm-hl').first().waitFor();
  assert.equal(await page.locator('#story mark.cm-hl', { hasText: '$14.50' }).count(), 0);
  await page.getByLabel('Status').selectOption('orphaned');
  const orphan = page.locator('article.cm-card', { hasText: '$14.50' });
  await orphan.locator('.cm-card-toggle').click();
  await orphan.getByRole('note').filter({ hasText: 'no longer in the article' }).waitFor();
  await orphan.getByRole('link', { name: 'Ferry operator accounts 2027' }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('a page with no article gets a clear message', async () => {
  const page = await openPage('/no-article.html', []);
  await clickAction(page);
  await page.getByRole('alert').filter({ hasText: 'found no article on this page' }).waitFor();
  await page.close();
});
