// A reader on a phone: text is selected with the touch handles, which fire no mouseup or keyup,
// only selectionchange. The "Highlight claim" bar must still appear and work with a tap, and the
// new claim must survive a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleRange, newPage, screenshot, useBrowser } from './harness.mjs';

const env = useBrowser();
const PHRASE = 'a campaign against the Muslims and Islam';

test('a selection made with touch handles gets the Highlight claim bar; a tap creates the claim', async () => {
  const context = await env.browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
  const errors = [];
  const page = await newPage(context, errors);
  await page.goto(env.server.url + '/');
  const sidebar = page.getByRole('complementary', { name: 'Claims' });
  await sidebar.waitFor();
  const before = await sidebar.locator('article.cm-card').count();
  assert.equal(await sidebar.locator('.cm-card-text', { hasText: PHRASE }).count(), 0, 'not a detected claim');

  // What the handles do: move the document's selection, with no pointer or key events.
  const range = await articleRange(page, PHRASE);
  await range.evaluate((r) => {
    r.startContainer.parentElement.scrollIntoView({ block: 'center' });
    document.getSelection().setBaseAndExtent(r.startContainer, r.startOffset, r.endContainer, r.endOffset);
  });

  const highlight = page.getByRole('button', { name: 'Highlight claim' });
  await highlight.waitFor();
  await screenshot(page, 'touch-selection-bar');
  await page.getByLabel('Claim kind').selectOption('other');
  await highlight.tap();
  const card = sidebar.locator('article.cm-card.cm-open');
  await card.waitFor();
  assert.equal(await card.locator('.cm-card-text').innerText(), PHRASE);
  assert.equal(await sidebar.locator('article.cm-card').count(), before + 1);

  await page.waitForTimeout(400);
  await page.reload();
  await sidebar.waitFor();
  assert.equal(await sidebar.locator('.cm-card-text', { hasText: PHRASE }).count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});
