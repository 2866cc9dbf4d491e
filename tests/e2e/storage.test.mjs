// Work survives: two tabs on one article merge their edits (also on the same claim), and an
// unreadable stored copy is backed up, not overwritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, openCard, useBrowser } from './harness.mjs';

const env = useBrowser();

test('two tabs edit the same article, and the same claim; after reloads both edits are there', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const a = await newPage(context);
  const b = await newPage(context);
  await a.goto(env.server.url + '/');
  await b.goto(env.server.url + '/');

  // Same claim: A rates it, B writes a note on it, each before seeing the other's change.
  const cardA = await openCard(a, 'December 2021');
  const cardB = await openCard(b, 'December 2021');
  await cardA.getByLabel('Verdict').selectOption('true');
  await cardB.getByLabel('Note').fill('Putin said this at his annual press conference, 23 Dec 2021.');
  await cardB.getByLabel('Note').blur();
  // Different claims too.
  const otherA = await openCard(a, 'February 2003');
  await otherA.getByLabel('Verdict').selectOption('false');
  const otherB = await openCard(b, '01 May 1948');
  await otherB.getByLabel('Verdict').selectOption('mostly_true');

  await a.waitForTimeout(600);
  await b.waitForTimeout(600);
  await a.reload();
  await b.reload();
  for (const page of [a, b]) {
    const dec = await openCard(page, 'December 2021');
    assert.equal(await dec.getByLabel('Verdict').inputValue(), 'true');
    assert.equal(await dec.getByLabel('Note').inputValue(), 'Putin said this at his annual press conference, 23 Dec 2021.');
    assert.equal(await (await openCard(page, 'February 2003')).getByLabel('Verdict').inputValue(), 'false');
    assert.equal(await (await openCard(page, '01 May 1948')).getByLabel('Verdict').inputValue(), 'mostly_true');
    assert.match(await page.locator('#cm-progress').innerText(), / 3 rated$/);
  }
  await context.close();
});

test('an unreadable stored copy is backed up and left untouched, and the user is told', async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await page.goto(env.server.url + '/');
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
  const key = 'claimmark:v1:evolving-nature-of-pak-russia-bilateral-relationship';
  const broken = '{"version": 2, "article": {"id": "x"}, "annotations": [ truncated';
  await page.evaluate(([key, broken]) => localStorage.setItem(key, broken), [key, broken]);
  await page.reload();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await alert.waitFor();
  const backups = await page.evaluate((key) => Object.keys(localStorage).filter((k) => k.startsWith(key + ':backup:')).map((k) => localStorage.getItem(k)), key);
  assert.deepEqual(backups, [broken]);
  await alert.getByRole('button', { name: 'Download the unreadable copy' }).waitFor();
  await context.close();
});

test('a stored copy of the wrong shape is backed up, and the message names the path of the bad value', async () => {
  // The widget reads localStorage without path tracking (a line and column); claimmark-io, asked
  // when the banner shows, names the path.
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await page.goto(env.server.url + '/');
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
  const key = 'claimmark:v1:evolving-nature-of-pak-russia-bilateral-relationship';
  const wrong = '{"version": 2, "article": {"id": "x"}, "annotations": "not a list"}';
  await page.evaluate(([key, wrong]) => localStorage.setItem(key, wrong), [key, wrong]);
  await page.reload();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await alert.filter({ hasText: 'annotations: invalid type: string "not a list", expected a sequence' }).waitFor();
  const backups = await page.evaluate((key) => Object.keys(localStorage).filter((k) => k.startsWith(key + ':backup:')).map((k) => localStorage.getItem(k)), key);
  assert.deepEqual(backups, [wrong]);
  await context.close();
});

test('without localStorage the widget works in memory and says so', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  });
  const page = await newPage(context);
  await page.goto(env.server.url + '/');
  await page.getByRole('alert').filter({ hasText: 'Not saved in this browser' }).waitFor();
  const card = await openCard(page, 'December 2021');
  await card.getByLabel('Verdict').selectOption('false');
  assert.match(await page.locator('#cm-progress').innerText(), / 1 rated$/);
  await context.close();
});

test('an annotation whose words are gone is kept as an orphan and can be re-attached', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await newPage(context);
  await page.goto(env.server.url + '/');
  const card = await openCard(page, 'December 2021');
  await card.getByLabel('Note').fill('Check the transcript.');
  await card.getByLabel('Note').blur();
  await page.waitForTimeout(500);
  // The article changed under the annotation: its words are no longer there.
  const key = 'claimmark:v1:evolving-nature-of-pak-russia-bilateral-relationship';
  await page.evaluate((key) => {
    const doc = JSON.parse(localStorage.getItem(key));
    const selectors = doc.annotations[0].target.selector;
    for (const s of selectors) {
      if (s.type === 'TextQuoteSelector') Object.assign(s, { exact: 'words the editor has since removed 😀', prefix: 'Zzz ', suffix: ' qqq' });
    }
    localStorage.setItem(key, JSON.stringify(doc));
  }, key);
  await page.reload();
  await page.getByLabel('Status').selectOption('orphaned');
  const orphan = page.locator('article.cm-card', { hasText: 'words the editor has since removed' });
  await orphan.locator('.cm-card-toggle').click();
  await orphan.getByRole('note').filter({ hasText: 'no longer in the article' }).waitFor();
  assert.equal(await orphan.getByLabel('Note').inputValue(), 'Check the transcript.');

  // Select new words with the keyboard and re-attach.
  await page.locator('.cm-body').focus();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 'ON the invitation'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.getByRole('button', { name: /^Re-attach “words the editor/ }).click();
  await page.getByLabel('Status').selectOption('');
  const reattached = page.locator('article.cm-card', { has: page.locator('.cm-card-text', { hasText: /^ON the invitation$/ }) });
  await reattached.waitFor();
  await page.waitForTimeout(500);
  await page.reload();
  const again = await openCard(page, 'ON the invitation');
  assert.equal(await again.getByLabel('Note').inputValue(), 'Check the transcript.');
  assert.match(await page.getByLabel('Status').locator('option[value="orphaned"]').innerText(), /\(0\)/);
  await context.close();
});
