// A fact-check leaves the browser and comes back: export from one profile, import into a fresh
// one, and see the same claims, sources and verdicts. Bad files are refused with their path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { newPage, openCard, ARTIFACTS, useBrowser } from './harness.mjs';

const env = useBrowser();
await mkdir(ARTIFACTS, { recursive: true });

async function download(page, format) {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByLabel('Format').selectOption(format);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download', exact: true }).click()]);
  const path = join(ARTIFACTS, file.suggestedFilename());
  await file.saveAs(path);
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  return path;
}

for (const format of ['annotations', 'backup']) {
  test(`export (${format}) from one profile, import into a fresh one: same claims, sources, verdicts`, async () => {
    const first = await env.browser.newContext({ acceptDownloads: true });
    const a = await newPage(first);
    await a.goto(env.server.url + '/');
    const card = await openCard(a, '01 May 1948');
    await card.getByLabel('Verdict').selectOption('true');
    await card.getByRole('button', { name: 'Add source' }).click();
    await card.getByLabel('Source URL').fill('https://mofa.gov.pk/pakistan-russia-relations/');
    await card.getByLabel('Title').fill('Pakistan–Russia relations, “1 May 1948”');
    await card.getByRole('button', { name: 'Save source' }).click();
    await card.getByRole('link', { name: 'Pakistan–Russia relations, “1 May 1948”' }).waitFor();
    const quote = await openCard(a, 'There is a solid foundation');
    await quote.getByLabel('Note').fill('Speaker not named; the closing mark was pushed to the next paragraph by the scraper.');
    await quote.getByLabel('Verdict').selectOption('unverifiable');
    const path = await download(a, format);
    const text = await readFile(path, 'utf8');
    assert.match(text, /1 May 1948/);
    await first.close();

    const second = await env.browser.newContext();
    const b = await newPage(second);
    await b.goto(env.server.url + '/');
    await b.getByRole('complementary', { name: 'Claims' }).waitFor();
    assert.match(await b.locator('#cm-progress').innerText(), / 0 rated$/);
    await b.getByLabel('Import annotations').setInputFiles(path);
    const preview = b.getByRole('region', { name: 'Import preview' });
    await preview.waitFor();
    assert.match(await preview.innerText(), /2 new, 0 updated, 0 conflicting, 0 cannot be anchored/);
    await preview.getByRole('button', { name: 'Apply import' }).click();
    await preview.waitFor({ state: 'detached' });
    assert.match(await b.locator('#cm-progress').innerText(), /^1 of \d+ claims sourced · 2 rated$/);
    const imported = await openCard(b, '01 May 1948');
    assert.equal(await imported.getByLabel('Verdict').inputValue(), 'true');
    assert.equal(await imported.getByRole('link', { name: 'Pakistan–Russia relations, “1 May 1948”' }).getAttribute('href'), 'https://mofa.gov.pk/pakistan-russia-relations/');
    const importedQuote = await openCard(b, 'There is a solid foundation');
    assert.equal(await importedQuote.getByLabel('Verdict').inputValue(), 'unverifiable');
    assert.match(await importedQuote.getByLabel('Note').inputValue(), /pushed to the next paragraph/);
    // Imported work is stored: it survives a reload.
    await b.waitForTimeout(400);
    await b.reload();
    assert.match(await b.locator('#cm-progress').innerText(), / 2 rated$/);
    await second.close();
  });
}

test('a file with a javascript: source URL is refused with its path, and nothing changes', async () => {
  const bad = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    body: [{ type: 'SpecificResource', purpose: 'linking', source: 'javascript:alert(document.cookie)' }],
    target: { source: 'urn:x', selector: [{ type: 'TextQuoteSelector', exact: '01 May 1948' }] },
  };
  const path = join(ARTIFACTS, 'bad-import.jsonld');
  await writeFile(path, JSON.stringify(bad));
  const context = await env.browser.newContext();
  const page = await newPage(context);
  let dialogs = 0;
  page.on('dialog', async (d) => {
    dialogs++;
    await d.dismiss();
  });
  await page.goto(env.server.url + '/');
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
  await page.getByLabel('Import annotations').setInputFiles(path);
  const alert = page.getByRole('alert').filter({ hasText: 'cannot be imported' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /body\[0\]/);
  assert.match(await alert.innerText(), /javascript/);
  assert.match(await page.locator('#cm-progress').innerText(), /^0 of \d+ claims sourced · 0 rated$/);
  assert.equal(dialogs, 0);

  // Truncated JSON says where.
  await writeFile(path, '{"type": "AnnotationCollection", "first": {"items": [');
  await page.getByLabel('Import annotations').setInputFiles(path);
  await page.getByRole('alert').filter({ hasText: /line 1/ }).waitFor();
  await context.close();
});

test('dropping an annotation file on the workspace opens the same preview, and applying it keeps the verdict', async () => {
  const annotation = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    body: [
      { type: 'TextualBody', purpose: 'assessing', value: 'mostly true' },
      { type: 'TextualBody', purpose: 'commenting', value: 'Dropped in from a colleague’s file.' },
    ],
    target: { source: 'urn:x', selector: [{ type: 'TextQuoteSelector', exact: '01 May 1948' }] },
  };
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await page.goto(env.server.url + '/');
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
  // What the browser builds when a file is dragged in from the desktop.
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'from-a-colleague.jsonld', { type: 'application/ld+json' }));
    return transfer;
  }, JSON.stringify(annotation));
  const workspace = page.locator('.cm-workspace');
  await workspace.dispatchEvent('dragover', { dataTransfer });
  await workspace.dispatchEvent('drop', { dataTransfer });
  const preview = page.getByRole('region', { name: 'Import preview' });
  await preview.waitFor();
  assert.match(await preview.innerText(), /from-a-colleague\.jsonld/);
  assert.match(await preview.innerText(), /1 new, 0 updated, 0 conflicting, 0 cannot be anchored/);
  // Nothing changes before the import is applied.
  assert.match(await page.locator('#cm-progress').innerText(), / 0 rated$/);
  await preview.getByRole('button', { name: 'Apply import' }).click();
  await preview.waitFor({ state: 'detached' });
  assert.match(await page.locator('#cm-progress').innerText(), / 1 rated$/);
  const card = await openCard(page, '01 May 1948');
  assert.equal(await card.getByLabel('Verdict').inputValue(), 'mostly_true');
  assert.equal(await card.getByLabel('Note').inputValue(), 'Dropped in from a colleague’s file.');
  await context.close();
});

test('once the app page has loaded, exports and imports that need claimmark-io work offline', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await newPage(context);
  // The app page loads the export and import module when it is idle after the first paint.
  const io = page.waitForResponse((r) => r.url().endsWith('/claimmark-io_bg.wasm'));
  await page.goto(env.server.url + '/');
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
  await (await io).finished();
  await context.setOffline(true);
  const card = await openCard(page, '01 May 1948');
  await card.getByLabel('Verdict').selectOption('true');
  const path = await download(page, 'annotations');
  const exported = JSON.parse(await readFile(path, 'utf8'));
  assert.ok(JSON.stringify(exported).includes('01 May 1948'), 'the W3C export has the rated claim');
  // A W3C file is read by the module too: the preview comes, offline.
  await page.getByLabel('Import annotations').setInputFiles(path);
  const preview = page.getByRole('region', { name: 'Import preview' });
  await preview.waitFor();
  assert.match(await preview.innerText(), /W3C/);
  await context.close();
});
