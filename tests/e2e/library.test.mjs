// Your own article: paste one, open and drop files, find it in "Your articles" after a reload,
// switch between articles with each one's work intact, remove and undo, back up and restore into
// a fresh profile. Hostile HTML never runs (a canary fails the test if it does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { axeAudit, newPage, openCard, screenshot, SHARED, useBrowser } from './harness.mjs';

const env = useBrowser();
const WIKINEWS = join(SHARED, 'wikinews-dev/articles');
const SEED_TITLE = /Evolving nature of Pak-Russia/i;

/** A Wikinews article (CC BY 2.5) with money or percentages in it, read from ../shared. */
async function wikinewsArticle() {
  const files = (await readdir(WIKINEWS)).sort();
  for (const f of files) {
    const text = await readFile(join(WIKINEWS, f), 'utf8');
    if (/\$\d|\d%/.test(text) && text.length < 6000) return { file: f, text };
  }
  throw new Error('no Wikinews article with a figure');
}

async function openPanel(page) {
  await page.getByRole('button', { name: 'Open article' }).click();
  return page.getByRole('region', { name: 'Open an article' });
}

async function libraryRow(page, title) {
  const table = page.getByRole('table');
  await table.waitFor();
  return table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title }) });
}

async function storedKeys(page) {
  return page.evaluate(() => Object.keys(localStorage).sort());
}

test('a pasted news article is highlighted, kept after a reload, and listed beside the demo, each with its own work', { skip: !existsSync(WIKINEWS) && 'no ../shared/wikinews-dev' }, async () => {
  const { text } = await wikinewsArticle();
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  const page = await newPage(context, errors);
  await page.goto(env.server.url + '/');
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
  // Work on the demo article first.
  await (await openCard(page, 'December 2021')).getByLabel('Verdict').selectOption('true');

  const panel = await openPanel(page);
  await panel.getByLabel("Paste the article's text, or a web page").fill(text);
  await panel.getByRole('button', { name: 'Open pasted article' }).click();
  await page.waitForURL(/\?open=/);
  const sidebar = page.getByRole('complementary', { name: 'Claims' });
  await sidebar.waitFor();
  assert.ok((await page.locator('.cm-body mark').count()) > 0, 'the pasted article has highlighted claims');
  // The Wikinews dateline is the publication date, not the headline.
  const title = (await page.locator('h1').first().innerText()).trim();
  assert.doesNotMatch(title, /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),/);
  const firstClaim = (await sidebar.locator('.cm-card-text').first().innerText()).trim();
  await (await openCard(page, firstClaim)).getByLabel('Verdict').selectOption('false');
  await page.waitForTimeout(600);
  await page.reload();
  assert.equal(await (await openCard(page, firstClaim)).getByLabel('Verdict').inputValue(), 'false');

  // The library lists both; the app opens on it now that there is more than the demo.
  await page.goto(env.server.url + '/');
  await page.getByRole('heading', { name: 'Your articles' }).waitFor();
  const row = await libraryRow(page, title);
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), /\d{4}-\d{2}-\d{2}/, 'the row has dates');
  const cells = await row.getByRole('cell').allInnerTexts();
  assert.equal(cells[0], 'pasted');
  assert.equal(cells[5], '1', 'one claim rated');
  await page.getByLabel('Search your articles').fill('Pak-Russia');
  assert.equal(await page.getByRole('table').getByRole('rowheader').count(), 1);
  await page.getByLabel('Search your articles').fill('');
  await screenshot(page, 'library');
  assert.deepEqual(await axeAudit(page), []);

  // Each article in turn, each with its own work.
  await page.getByRole('link', { name: SEED_TITLE }).click();
  assert.equal(await (await openCard(page, 'December 2021')).getByLabel('Verdict').inputValue(), 'true');
  await page.getByRole('link', { name: 'Your articles' }).click();
  await page.getByRole('link', { name: title }).click();
  assert.equal(await (await openCard(page, firstClaim)).getByLabel('Verdict').inputValue(), 'false');

  // Pasting the same text again opens the stored one: no duplicate.
  const again = await openPanel(page);
  await again.getByLabel("Paste the article's text, or a web page").fill(text);
  await again.getByRole('button', { name: 'Open pasted article' }).click();
  await page.waitForURL(/\?open=/);
  assert.equal(await (await openCard(page, firstClaim)).getByLabel('Verdict').inputValue(), 'false');
  const articles = (await storedKeys(page)).filter((k) => k.startsWith('claimmark:article:v1:'));
  assert.equal(articles.length, 2, articles.join(', '));
  assert.deepEqual(errors, []);
  await context.close();
});

const HOSTILE = `<!doctype html><html><head><title>Hostile page | Example News</title>
<meta property="article:published_time" content="2024-03-05T09:00:00Z">
<link rel="canonical" href="https://news.example/hostile">
<script>window.top.__canary = 'script ran';</script>
<style>body { display: none }</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Council spends $4.2 million on roads</h1>
<p class="byline">By Ana Ruiz</p>
<p>The council spent <a href="javascript:window.top.__canary='link ran'">$4.2 million</a> on roads, up 12% on last year.</p>
<img src="x" onerror="window.top.__canary = 'onerror ran'">
<p onclick="window.top.__canary='onclick ran'">“We fixed every pothole,” the mayor said.</p>
<iframe srcdoc="<script>parent.__canary='iframe ran'</script>"></iframe>
<figure><figcaption>A road. Photo: somebody</figcaption></figure>
</article><footer>© Example News</footer></body></html>`;

test('an HTML file dropped on the panel becomes the article, and nothing in it runs', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  const page = await newPage(context, errors);
  await page.goto(env.server.url + '/');
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
  const panel = await openPanel(page);
  await page.evaluate(() => {
    window.__canary = undefined;
  });
  const drop = await page.evaluateHandle((html) => {
    const dt = new DataTransfer();
    dt.items.add(new File([html], 'hostile.html', { type: 'text/html' }));
    return dt;
  }, HOSTILE);
  await panel.dispatchEvent('drop', { dataTransfer: drop });
  await page.waitForURL(/\?open=/);
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
  assert.equal(await page.locator('h1').first().innerText(), 'Council spends $4.2 million on roads');
  const body = await page.locator('.cm-body').innerText();
  assert.match(body, /spent \$4\.2 million on roads/, 'link text is kept');
  assert.doesNotMatch(body, /Home|World|Photo|Example News|canary/, 'furniture and scripts are dropped');
  assert.ok((await page.locator('.cm-body mark').count()) >= 2);
  await page.getByRole('link', { name: 'Your articles' }).click();
  const row = await libraryRow(page, 'Council spends $4.2 million on roads');
  const cells = await row.getByRole('cell').allInnerTexts();
  assert.equal(cells[0], 'news.example');
  assert.equal(cells[2], '2024-03-05', 'the publication date comes from the page');
  // Nothing from the file ran, here or while it was parsed.
  assert.equal(await page.evaluate(() => window.__canary), undefined);
  assert.equal(await page.locator('main a[href^="javascript:"], main script, main iframe, main img').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a pasted web page (text/html on the clipboard) is read as HTML, and its scripts never run', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await newPage(context);
  await page.goto(env.server.url + '/');
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
  const panel = await openPanel(page);
  const area = panel.getByLabel("Paste the article's text, or a web page");
  await area.focus();
  await page.evaluate((html) => {
    const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', 'plain fallback');
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, HOSTILE);
  await panel.getByText('Pasted as a web page').waitFor();
  assert.match(await area.inputValue(), /^Council spends \$4\.2 million on roads\n\n/);
  await panel.getByRole('button', { name: 'Open pasted article' }).click();
  await page.waitForURL(/\?open=/);
  assert.match(await page.locator('.cm-body').innerText(), /We fixed every pothole/);
  assert.equal(await page.evaluate(() => window.__canary), undefined);
  await context.close();
});

test('bad input gets a message that says what is wrong, and nothing is stored', async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await page.goto(env.server.url + '/');
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
  const before = await storedKeys(page);
  const panel = await openPanel(page);
  const alert = panel.getByRole('alert');
  await panel.getByRole('button', { name: 'Open pasted article' }).click();
  assert.equal(await alert.innerText(), 'there is nothing to open: the paste is empty');
  const file = panel.getByLabel(/Or choose a file/);
  await file.setInputFiles({ name: 'photo.txt', mimeType: 'text/plain', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]) });
  await alert.filter({ hasText: 'photo.txt is not a text file' }).waitFor();
  await file.setInputFiles({ name: 'latin1.txt', mimeType: 'text/plain', buffer: Buffer.from('Caf\xe9 prices rose 5%.', 'latin1') });
  await alert.filter({ hasText: 'latin1.txt is not UTF-8 text: line 1' }).waitFor();
  await file.setInputFiles({ name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(2 * 1024 * 1024 + 1, 'a') });
  await alert.filter({ hasText: 'over the limit of 2097152 bytes (2 MB)' }).waitFor();
  await file.setInputFiles({ name: 'scripts.html', mimeType: 'text/html', buffer: Buffer.from('<script>window.top.__canary=1</script><nav>Home</nav>') });
  await alert.filter({ hasText: 'scripts.html has no article text' }).waitFor();
  assert.deepEqual(await axeAudit(page), [], 'the open panel, with its error, is axe-clean');
  await screenshot(page, 'open-article-error');
  assert.equal(await page.evaluate(() => window.__canary), undefined);
  assert.deepEqual(await storedKeys(page), before);
  await context.close();
});

async function openOwn(page, name, text) {
  const panel = await openPanel(page);
  await panel.getByLabel(/Or choose a file/).setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.waitForURL(/\?open=/);
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
}

test('an article is removed after a confirmation, and the removal can be undone', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await newPage(context);
  await page.goto(env.server.url + '/');
  await openOwn(page, 'budget.txt', 'Town budget passes\n\nBy Ana Ruiz, March 3, 2024\n\nThe town will spend $3.1 million, 8% more than last year.');
  // The byline's date is the publication date, and "last year" is resolved against it.
  await page.getByRole('complementary', { name: 'Claims' }).getByText('1 year before publication: 2023').first().waitFor();
  await (await openCard(page, '$3.1 million')).getByLabel('Verdict').selectOption('true');
  await page.waitForTimeout(600);
  await page.getByRole('link', { name: 'Your articles' }).click();
  await page.getByRole('button', { name: 'Remove Town budget passes' }).click();
  const confirm = page.getByRole('alertdialog');
  await confirm.getByRole('button', { name: 'Download a backup first' }).waitFor();
  await confirm.getByRole('button', { name: 'Remove the article' }).click();
  await page.getByRole('status').filter({ hasText: 'Removed “Town budget passes”.' }).waitFor();
  assert.equal(await page.getByRole('rowheader', { name: 'Town budget passes' }).count(), 0);
  await page.getByRole('button', { name: 'Undo removing “Town budget passes”' }).click();
  await page.getByRole('rowheader', { name: 'Town budget passes' }).waitFor();
  await page.getByRole('link', { name: 'Town budget passes' }).click();
  assert.equal(await (await openCard(page, '$3.1 million')).getByLabel('Verdict').inputValue(), 'true');
  await context.close();
});

test('the library backs up to one file and restores into a fresh profile, merging', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await newPage(context);
  await page.goto(env.server.url + '/');
  await openOwn(page, 'bridge.md', '# Bridge reopens\n\nThe bridge cost **$12 million** and reopened on 4 March 2024.');
  await (await openCard(page, '$12 million')).getByLabel('Note').fill('Checked against the council minutes.');
  await page.getByLabel('Note').first().blur();
  await page.waitForTimeout(600);
  await page.getByRole('link', { name: 'Your articles' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Back up the library' }).click()]);
  const path = join(await mkdtemp(join(tmpdir(), 'claimmark-library-')), download.suggestedFilename());
  await download.saveAs(path);
  assert.match(download.suggestedFilename(), /^claimmark-library-\d{4}-\d{2}-\d{2}\.json$/);
  await context.close();

  const fresh = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const other = await newPage(fresh);
  await other.goto(env.server.url + '/?view=library');
  await other.getByLabel('Restore a backup').setInputFiles(path);
  const preview = other.getByRole('region', { name: 'Restore this backup?' });
  await preview.getByText('Bridge reopens: new article, 1 annotations added, 0 changed').waitFor();
  await preview.getByRole('button', { name: 'Restore' }).click();
  await other.getByRole('link', { name: 'Bridge reopens' }).click();
  assert.equal(await (await openCard(other, '$12 million')).getByLabel('Note').inputValue(), 'Checked against the council minutes.');
  // Restoring again changes nothing and duplicates nothing.
  await other.getByRole('link', { name: 'Your articles' }).click();
  await other.getByLabel('Restore a backup').setInputFiles(path);
  await other.getByText('Bridge reopens: already here, 0 annotations added, 0 changed').waitFor();
  await fresh.close();
});

test('teacher mode opens an article through the same control, for an exercise that needs nothing hosted', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await newPage(context);
  await page.goto(env.server.url + '/?mode=teacher');
  await page.getByRole('button', { name: 'Open article' }).waitFor();
  const panel = await openPanel(page);
  await panel.getByLabel(/Or choose a file/).setInputFiles({ name: 'ferry.txt', mimeType: 'text/plain', buffer: Buffer.from('Ferry fares rise\n\nFares on the island ferry rise 15% to $7.50 from 1 July 2024.') });
  await page.waitForURL(/\?mode=teacher&open=ferry-fares-rise/);
  await page.getByText('Fares on the island ferry rise 15%').first().waitFor();
  await context.close();
});
