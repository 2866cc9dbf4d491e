// Team sync in real Chromium, against the claimmark sync server (tools/sync-server.mjs) on
// 127.0.0.1, started here on a free port:
//   1. a fresh profile joins an article that has ANNOTATIONS annotations on the server: the time
//      from "Join team" to all of them in its local copy;
//   2. EDITS edits of a note in one browser, each timed until the other browser's note field
//      shows it: median and 95th percentile.
// Times are wall-clock milliseconds taken in node around Playwright calls, so they include
// Playwright's round trips (a few milliseconds each).
//
//   ./x build && node bench/team-sync.mjs [DIST]      (ANNOTATIONS=1000 EDITS=100 by default)
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, ROOT, serve } from '../tests/e2e/harness.mjs';

const ANNOTATIONS = Number(process.env.ANNOTATIONS ?? 1000);
const EDITS = Number(process.env.EDITS ?? 100);
const TOKEN = 'team-sync-benchmark-token';
const dist = resolve(process.argv[2] ?? 'dist');

const dir = await mkdtemp(join(tmpdir(), 'claimmark-team-bench-'));
await writeFile(join(dir, 'sync.json'), JSON.stringify({ tokens: [{ token: TOKEN, name: 'bench', access: 'write' }] }));
const sync = spawn(process.execPath, [join(ROOT, 'tools/sync-server.mjs'), '--port', '0', '--config', join(dir, 'sync.json'), '--data', join(dir, 'data')], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((ok, fail) => {
  let out = '';
  sync.stdout.on('data', (d) => {
    out += d;
    const m = /ws:\/\/127\.0\.0\.1:(\d+)/.exec(out);
    if (m) ok(Number(m[1]));
  });
  sync.on('exit', (code) => fail(new Error(`the sync server exited (${code})`)));
});
sync.stdout.resume();
// The server goes with this process, however it ends.
process.on('exit', () => sync.kill('SIGTERM'));
const server = await serve(dist);
const browser = await launch();

async function person() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
  return { context, page };
}

async function joinTeam(page, name) {
  await page.getByRole('button', { name: /^Team/ }).click();
  const panel = page.getByRole('dialog', { name: 'Team' });
  await panel.getByLabel('Server').fill(`ws://127.0.0.1:${port}`);
  await panel.getByLabel('Token').fill(TOKEN);
  await panel.getByLabel('Your name').fill(name);
  await panel.getByRole('button', { name: 'Join team' }).click();
  await panel.getByRole('status').filter({ hasText: `Connected as ${name}` }).waitFor({ timeout: 60000 });
}

function storedCount(page) {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('claimmark:v1:'));
    return key ? JSON.parse(localStorage.getItem(key)).annotations.length : 0;
  });
}

/** Gives the demo article ANNOTATIONS annotations in `page`'s storage (copies of the one stored,
 * each on its own words and with its own note), then reloads. */
async function seed(page) {
  await page.evaluate((n) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('claimmark:v1:'));
    const doc = JSON.parse(localStorage.getItem(key));
    const template = doc.annotations[0];
    const chars = [...[...document.querySelectorAll('.cm-body p')].map((p) => p.textContent).join('\n\n')];
    const hex = (i) => i.toString(16).padStart(12, '0');
    doc.annotations = [];
    for (let i = 0; i < n; i++) {
      const a = structuredClone(template);
      const start = (i * 37) % Math.max(1, chars.length - 40);
      const end = start + 12;
      a.id = `00000000-0000-4000-8000-${hex(i)}`;
      a.origin = 'user';
      for (const s of a.target.selector) {
        if (s.type === 'TextQuoteSelector') {
          s.exact = chars.slice(start, end).join('');
          s.prefix = chars.slice(Math.max(0, start - 32), start).join('');
          s.suffix = chars.slice(end, end + 32).join('');
        } else if (s.type === 'TextPositionSelector') {
          s.start = start;
          s.end = end;
        }
      }
      a.note = `note ${i}`;
      doc.annotations.push(a);
    }
    localStorage.setItem(key, JSON.stringify(doc));
  }, ANNOTATIONS);
  await page.reload();
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
}

const quantile = (xs, q) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

// 1. A fresh profile receives ANNOTATIONS annotations.
const ada = await person();
// One edit first, so that the article has a stored copy to add to.
await ada.page.locator('.cm-card-toggle').first().click();
await ada.page.getByLabel('Note').first().fill('first');
await ada.page.getByLabel('Note').first().blur();
await ada.page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('claimmark:v1:')));
await seed(ada.page);
const seeded = await storedCount(ada.page);
await joinTeam(ada.page, 'Ada');
const ben = await person();
const joinStart = Date.now();
await joinTeam(ben.page, 'Ben');
await ben.page.waitForFunction((n) => {
  const key = Object.keys(localStorage).find((k) => k.startsWith('claimmark:v1:'));
  return key && JSON.parse(localStorage.getItem(key)).annotations.length >= n;
}, seeded, { timeout: 120000, polling: 20 });
const receive = Date.now() - joinStart;
console.log(`team: a fresh profile received ${seeded} annotations in ${receive} ms (Join team to all stored)`);

// 2. Edit latency: a note edited in Ada's browser, until Ben's note field shows it.
const adaCard = ada.page.locator('article.cm-card').first();
if (!(await adaCard.getAttribute('class')).includes('cm-open')) await adaCard.locator('.cm-card-toggle').click();
const benCard = ben.page.locator('article.cm-card').first();
if (!(await benCard.getAttribute('class')).includes('cm-open')) await benCard.locator('.cm-card-toggle').click();
const adaNote = adaCard.getByLabel('Note');
const benNote = await benCard.getByLabel('Note').elementHandle();
const times = [];
for (let i = 0; i < EDITS; i++) {
  const text = `edit ${i}`;
  const start = Date.now();
  await adaNote.fill(text);
  await adaNote.blur();
  await ben.page.waitForFunction(([el, want]) => el.value === want, [benNote, text], { polling: 'raf', timeout: 30000 });
  times.push(Date.now() - start);
}
console.log(`team: edit to the other browser over ${EDITS} edits: median ${quantile(times, 0.5)} ms, 95th percentile ${quantile(times, 0.95)} ms (${ANNOTATIONS} annotations in the article)`);

await browser.close();
await server.close();
sync.kill('SIGTERM');
