// Browser benchmarks, in the system Chromium against the release build in dist/:
//  1. the seed article: from wasm start, and from navigation, to highlighted claims;
//  2. a 100,000-word article with 1,000 stored annotations: navigation to highlighted claims;
//  3. the same article with 5,000 stored annotations: the time to anchor them all;
//  4. a click on "Save source" to the next paint.
// Usage: node bench/browser.mjs [RUNS]   (after ./x build; run by ./x bench)
//        DIST=/tmp/before node bench/browser.mjs [RUNS]   (another build's dist/ copy)
// Prints a Markdown table; the figures go into BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, launch, ROOT } from '../tests/e2e/harness.mjs';
import { pageMarks } from './marks.mjs';

const RUNS = Number(process.argv[2] ?? 5);
const OUT = join(ROOT, 'bench/out/fixtures');
execFileSync('cargo', ['run', '--release', '-q', '-p', 'claimmark-core', '--example', 'bench_fixture', '--', OUT, '100000', '1000', '5000'], {
  cwd: ROOT,
  stdio: ['ignore', 'inherit', 'inherit'],
});
const KEY = 'claimmark:v1:a-very-long-report-on-trade-and-politics';

const server = await serve(process.env.DIST ? resolve(process.env.DIST) : undefined, {
  '/bench/big-article.txt': join(OUT, 'big-article.txt'),
});
const browser = await launch();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** The page's marks once the workspace is rendered and the frame after it painted. */
const marks = (path, stored) => pageMarks(browser, server.url + path, {
  until: ['claimmark:rendered', 'claimmark:highlighted'],
  stored: stored ? [KEY, stored] : undefined,
});

const rows = [];
async function measure(label, path, stored, pick) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await marks(path, stored));
  const values = runs.map(pick);
  rows.push([label, median(values).toFixed(1), Math.min(...values).toFixed(1), Math.max(...values).toFixed(1), runs[0].marks]);
}

await measure('seed article: wasm start → article with its claims highlighted, painted', '/', null, (m) => m['highlighted-painted'] - m.start);
await measure('seed article: wasm start → article with its claims highlighted in the page (its effects run)', '/', null, (m) => m.highlighted - m.start);
await measure('seed article: wasm start → whole workspace rendered (sidebar too)', '/', null, (m) => m.rendered - m.start);
await measure('seed article: wasm start → article fetched', '/', null, (m) => m.loaded - m.start);
await measure('seed article: detection', '/', null, (m) => m.detected - m.loaded);
await measure('seed article: navigation → highlighted and painted', '/', null, (m) => m.painted);
const store1000 = readFileSync(join(OUT, 'store-1000.json'), 'utf8');
const store5000 = readFileSync(join(OUT, 'store-5000.json'), 'utf8');
await measure('100,000 words + 1,000 annotations: navigation → highlighted and painted', '/?article=bench/big-article.txt', store1000, (m) => m.painted);
await measure('100,000 words + 1,000 annotations: anchoring (checklist build)', '/?article=bench/big-article.txt', store1000, (m) => m.anchored - m['anchor-start']);
await measure('100,000 words + 5,000 annotations: anchoring (checklist build)', '/?article=bench/big-article.txt', store5000, (m) => m.anchored - m['anchor-start']);
await measure('100,000 words + 5,000 annotations: navigation → highlighted and painted', '/?article=bench/big-article.txt', store5000, (m) => m.painted);

// Save source → next paint, on the seed article and on the big one with 1,000 annotations.
async function saveSource(path, stored) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  if (stored) await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [KEY, stored]);
  const page = await context.newPage();
  await page.goto(server.url + path);
  const card = page.locator('article.cm-card').first();
  await card.locator('.cm-card-toggle').click();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    await card.getByRole('button', { name: 'Add source' }).click();
    await card.getByLabel('Source URL').fill(`https://example.org/${i}`);
    await card.getByLabel('Title').fill(`Bench source ${i}`);
    await page.evaluate(() => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save source');
      window.__saved = new Promise((ok) => {
        button.addEventListener('click', () => {
          const t0 = performance.now();
          requestAnimationFrame(() => ok(performance.now() - t0));
        }, { capture: true, once: true });
      });
    });
    await card.getByRole('button', { name: 'Save source' }).click();
    times.push(await page.evaluate(() => window.__saved));
    await card.getByRole('link', { name: `Bench source ${i}` }).waitFor();
  }
  await context.close();
  return times;
}
for (const [label, path, stored] of [
  ['seed article', '/', null],
  ['100,000 words + 1,000 annotations', '/?article=bench/big-article.txt', store1000],
]) {
  const times = await saveSource(path, stored);
  rows.push([`click "Save source" → next frame (${label})`, median(times).toFixed(1), Math.min(...times).toFixed(1), Math.max(...times).toFixed(1), '']);
}

await browser.close();
await server.close();
console.log(`\n| measurement (ms, ${RUNS} runs) | median | min | max | highlights |`);
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log(`\nstored sizes: 1,000 annotations ${(store1000.length / 1024).toFixed(0)} KB, 5,000 annotations ${(store5000.length / 1024).toFixed(0)} KB`);
