// Produces www/fact-check.json, the finished fact-check the demo's read-only instance shows, with
// the widget itself: it mounts a factcheck instance on the seed article, rates claims and adds
// sources through the UI, and saves what `handle.export('backup')` gives.
// Usage: trunk build --release && node tools/make-fact-check.mjs
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, ROOT } from '../tests/e2e/harness.mjs';

const CHECKS = [
  { text: '23-24 Feb', verdict: 'true', url: 'https://www.mofa.gov.pk/', title: 'Prime Minister’s visit to Russia', publisher: 'Ministry of Foreign Affairs', note: 'The visit took place on 23 and 24 February 2022.' },
  { text: 'December 2021', verdict: 'true', url: 'https://en.kremlin.ru/events/president/news/67438', title: 'Direct Line / annual press conference', publisher: 'President of Russia', note: 'Said at the annual press conference, 23 December 2021.' },
  { text: 'February 2003', verdict: 'true', url: 'https://en.wikipedia.org/wiki/Pakistan%E2%80%93Russia_relations', title: 'Pakistan–Russia relations', publisher: 'Wikipedia', note: 'Musharraf visited Moscow in February 2003.' },
  { text: '01 May 1948', verdict: 'true', url: 'https://en.wikipedia.org/wiki/Pakistan%E2%80%93Russia_relations', title: 'Pakistan–Russia relations', publisher: 'Wikipedia', note: 'Diplomatic relations were established on 1 May 1948.' },
  { text: '14.2%', verdict: 'half_true', url: 'https://oec.world/en/profile/bilateral-country/pak/partner/rus', title: 'Pakistan–Russia trade', publisher: 'OEC', note: 'From $13.2M to $277M over 23 years is about 14.1% a year: close, but the endpoints depend on the data set.' },
];

const server = await serve();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  await page.goto(`${server.url}/embed-demo.html`);
  await page.waitForFunction(() => window.claimmark);
  await page.evaluate(() => {
    for (const h of window.claimmark.instances()) h.destroy();
    const div = document.createElement('div');
    div.id = 'maker';
    document.body.prepend(div);
    window.maker = window.claimmark.mount(div, { articleUrl: 'seed-article.txt', namespace: 'maker', organisation: 'The Daily Example' });
    return window.maker.ready;
  });
  const root = page.locator('#maker');
  for (const check of CHECKS) {
    const card = root.locator('.cm-card', { hasText: check.text }).first();
    await card.locator('.cm-card-toggle').click();
    await card.locator('select[id$="verdict"]').selectOption(check.verdict);
    await card.getByRole('button', { name: 'Add source' }).click();
    await card.getByLabel('Source URL').fill(check.url);
    await card.getByLabel('Title').fill(check.title);
    await card.getByLabel('Publisher').fill(check.publisher);
    await card.getByRole('button', { name: 'Save source' }).click();
    await card.getByLabel('Note').fill(check.note);
    await card.getByLabel('Note').blur();
    await card.locator('.cm-card-toggle').click();
  }
  await page.waitForTimeout(300);
  const backup = await page.evaluate(() => window.maker.export('backup'));
  const parsed = JSON.parse(backup);
  const path = join(ROOT, 'www/fact-check.json');
  await writeFile(path, JSON.stringify(parsed, null, 2) + '\n');
  console.log(`wrote ${path}: ${parsed.annotations.length} annotations`);
} finally {
  await browser.close();
  await server.close();
}
