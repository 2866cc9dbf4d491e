// Shared end-to-end harness: a static server for dist/ on 127.0.0.1 and the system Chromium
// driven by playwright-core. Each test gets a fresh browser context (a fresh profile).
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../..');
export const DIST = join(ROOT, 'dist');
export const SHARED = resolve(ROOT, '../shared');
export const ARTIFACTS = join(ROOT, 'tests/e2e/artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.d.ts': 'text/plain; charset=utf-8',
};

/** Serves `dir` on 127.0.0.1 at a free port; `extra` maps url paths to file paths. */
export async function serve(dir = DIST, extra = {}) {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html is missing: run ./x build (trunk build --release) first`);
  }
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let path = decodeURIComponent(url.pathname);
    let file = extra[path];
    if (!file) {
      if (path.endsWith('/')) path += 'index.html';
      file = normalize(join(dir, path));
      if (!file.startsWith(dir)) {
        res.writeHead(403).end();
        return;
      }
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(ok)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A new page that fails the test on any uncaught page error or console error. */
export async function newPage(context, errors = []) {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return page;
}

export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

export async function seedText() {
  return readFile(join(SHARED, 'seed-article.txt'), 'utf8');
}

/** Opens the sidebar card whose claim text contains `text` (unless already open) and returns it. */
export async function openCard(page, text) {
  const sidebar = page.getByRole('complementary', { name: 'Claims' });
  await sidebar.waitFor();
  const card = sidebar.locator('article.cm-card', { has: page.locator('.cm-card-text', { hasText: text }) }).first();
  if (!(await card.getAttribute('class')).includes('cm-open')) await card.locator('.cm-card-toggle').click();
  await card.getByLabel('Verdict').waitFor();
  return card;
}

/**
 * Serves dist/ (plus `extra` url paths mapped to files) and launches Chromium before the tests of
 * the calling file, and stops both after them. Use `env.server.url` and `env.browser`.
 */
export function useBrowser(extra = {}) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serve(DIST, extra);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe-core on the page; returns its serious and critical violations. */
export async function axeAudit(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * With the keyboard alone: Tab (at most `maxTabs` times) to the article text, go to its start,
 * select the first `words.length` characters with Shift+ArrowRight, and Tab to "Highlight claim".
 */
export async function keyboardSelectFromStart(page, words, maxTabs) {
  const inArticle = () => page.evaluate(() => document.activeElement?.classList.contains('cm-body'));
  for (let i = 0; i < maxTabs && !(await inArticle()); i++) await page.keyboard.press('Tab');
  assert.ok(await inArticle(), 'Tab reaches the article');
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < words.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.getByRole('button', { name: 'Highlight claim' }).waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Highlight claim');
}

/**
 * A handle to a DOM Range over the first occurrence of `text` in the article's text (`.cm-body`),
 * across text nodes and marks; fails the test when the text is not there. Callers select it or
 * measure it in the page.
 */
export async function articleRange(page, text) {
  const range = await page.evaluateHandle((text) => {
    const body = document.querySelector('.cm-body');
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push([n, all.length]);
      all += n.data;
    }
    const at = all.indexOf(text);
    if (at < 0) return null;
    // The start goes in the node that holds the first character, the end in the one that holds
    // the last.
    const locate = (offset, end) => {
      for (let i = nodes.length - 1; i >= 0; i--) {
        const [node, start] = nodes[i];
        if (end ? start < offset : start <= offset) return [node, offset - start];
      }
      return null;
    };
    const range = document.createRange();
    range.setStart(...locate(at, false));
    range.setEnd(...locate(at + text.length, true));
    return range;
  }, text);
  assert.ok(await range.evaluate((r) => r !== null), `'${text}' is in the article`);
  return range;
}
