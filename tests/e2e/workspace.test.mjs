// The fact-checker's day: highlight a claim, add sources, rate it, write a note, reload, and find
// everything still there. Once with the mouse, once with the keyboard alone. Plus an axe audit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, screenshot, useBrowser, axeAudit, keyboardSelectFromStart, articleRange } from './harness.mjs';


const env = useBrowser();

const TRADE = 'In the last two decades Pakistani exports to Russia have increased at an annualized rate of 14.2%, from $13.2M in 1996 to $277M in 2019.';

/** Screen points at the start of the first and the end of the last character of `text` in the article. */
async function textPoints(page, text) {
  const range = await articleRange(page, text);
  return range.evaluate((range) => {
    const charRect = (node, offset) => {
      const r = document.createRange();
      r.setStart(node, offset);
      r.setEnd(node, offset + 1);
      return r.getClientRects()[0];
    };
    const first = charRect(range.startContainer, range.startOffset);
    const last = charRect(range.endContainer, range.endOffset - 1);
    return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
  });
}

async function addSource(page, card, { url, title, publisher, excerpt }) {
  await card.getByRole('button', { name: 'Add source' }).click();
  await card.getByLabel('Source URL').fill(url);
  await card.getByLabel('Title').fill(title);
  await card.getByLabel('Publisher').fill(publisher);
  await card.getByLabel('Quoted excerpt').fill(excerpt);
  await card.getByRole('button', { name: 'Save source' }).click();
  await card.getByRole('link', { name: title }).waitFor();
}

test('mouse: select the trade sentence, highlight, two sources, verdict, note, reload', async () => {
  const errors = [];
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await newPage(context, errors);
  await page.goto(env.server.url + '/');
  const sidebar = page.getByRole('complementary', { name: 'Claims' });
  await sidebar.waitFor();
  assert.match(await page.locator('#cm-progress').innerText(), /^0 of \d+ claims sourced · 0 rated$/);

  // Select the sentence by dragging across it.
  // Paragraphs near the viewport are laid out as they come into view (content-visibility), so
  // let the layout settle before reading where the words are.
  const paragraph = page.locator('.cm-body p', { hasText: 'annualized rate' });
  await paragraph.scrollIntoViewIfNeeded();
  await page.waitForTimeout(200);
  await paragraph.scrollIntoViewIfNeeded();
  await page.waitForTimeout(100);
  const p = await textPoints(page, TRADE);
  assert.ok(p, 'the trade sentence is in the article');
  await page.mouse.move(p.x1, p.y1);
  await page.mouse.down();
  await page.mouse.move((p.x1 + p.x2) / 2, (p.y1 + p.y2) / 2, { steps: 4 });
  await page.mouse.move(p.x2, p.y2, { steps: 4 });
  await page.mouse.up();

  const highlight = page.getByRole('button', { name: 'Highlight claim' });
  await highlight.waitFor();
  // The kind detected in the selection is preselected.
  assert.equal(await page.getByLabel('Claim kind').inputValue(), 'trend');
  await highlight.click();

  const card = sidebar.locator('article.cm-card.cm-open');
  await card.waitFor();
  assert.match(await card.locator('.cm-card-text').innerText(), /^In the last two decades .*\$277M in 2019/);
  // The new highlight is in the article and marked active.
  assert.equal(await page.locator('mark.cm-user.cm-active').count() > 0, true);

  // A javascript: URL is refused inline.
  await card.getByRole('button', { name: 'Add source' }).click();
  await card.getByLabel('Source URL').fill('javascript:alert(1)');
  await card.getByRole('button', { name: 'Save source' }).click();
  await card.getByRole('alert').filter({ hasText: 'not http or https' }).waitFor();
  assert.equal(await card.getByLabel('Source URL').getAttribute('aria-invalid'), 'true');
  await card.getByRole('button', { name: 'Cancel' }).click();

  await addSource(page, card, {
    url: 'https://oec.world/en/profile/bilateral-country/pak/partner/rus',
    title: 'Pakistan–Russia trade, OEC',
    publisher: 'Observatory of Economic Complexity',
    excerpt: 'exports to Russia have increased at an annualized rate of 14.2%',
  });
  await addSource(page, card, {
    url: 'https://comtrade.un.org/data/',
    title: 'UN Comtrade 😀 “exports”, 1996–2019',
    publisher: 'United Nations',
    excerpt: 'Pakistan → Russia, 1996: $13.2M; 2019: $277M',
  });
  await card.getByLabel('Verdict').selectOption('mostly_true');
  // The live region tells screen-reader users what happened.
  await page.locator('.cm-visually-hidden[role="status"]', { hasText: 'Verdict set to Mostly true' }).waitFor();
  await card.getByLabel('Note').fill('Figures match OEC; the rate checks out: (277/13.2)^(1/23) − 1 ≈ 14.15%.');

  // The progress summary and the verdict bar follow.
  assert.match(await page.locator('#cm-progress').innerText(), /^1 of \d+ claims sourced · 1 rated$/);
  assert.match(await page.getByRole('img', { name: /^Verdicts:/ }).getAttribute('aria-label'), /1 mostly true/);

  // axe with the source form open.
  await card.getByRole('button', { name: 'Add source' }).click();
  await card.getByLabel('Source URL').waitFor();
  const violations = await axeAudit(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  await screenshot(page, 'workspace-1440-form');
  await card.getByLabel('Source URL').press('Escape');
  await card.getByRole('button', { name: 'Add source' }).waitFor();

  // Reload: everything is still there.
  await page.waitForTimeout(400);
  await page.reload();
  await sidebar.waitFor();
  const mine = sidebar.locator('article.cm-card', { hasText: 'yours' });
  assert.equal(await mine.count(), 1);
  await mine.getByRole('button').first().click();
  const reopened = sidebar.locator('article.cm-card.cm-open');
  await reopened.getByLabel('Verdict').waitFor();
  assert.equal(await reopened.getByLabel('Verdict').inputValue(), 'mostly_true');
  assert.equal(await reopened.getByLabel('Note').inputValue(), 'Figures match OEC; the rate checks out: (277/13.2)^(1/23) − 1 ≈ 14.15%.');
  assert.equal(await reopened.getByRole('link', { name: 'Pakistan–Russia trade, OEC' }).getAttribute('href'), 'https://oec.world/en/profile/bilateral-country/pak/partner/rus');
  assert.equal(await reopened.getByRole('link', { name: 'UN Comtrade 😀 “exports”, 1996–2019' }).count(), 1);
  assert.match(await page.locator('#cm-progress').innerText(), /^1 of \d+ claims sourced · 1 rated$/);
  await page.locator('mark.cm-active').first().scrollIntoViewIfNeeded();
  await screenshot(page, 'workspace-1440');
  await page.setViewportSize({ width: 375, height: 812 });
  await screenshot(page, 'workspace-375');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than a 375px screen`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard alone: select with Shift+arrows, highlight, source, verdict, note, reload', async () => {
  const errors = [];
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await newPage(context, errors);
  await page.goto(env.server.url + '/');
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();

  // Tab to the article text.
  const words = 'ON the invitation of President Vladimir Putin';
  await keyboardSelectFromStart(page, words, 12);
  await page.keyboard.press('Enter');

  // Focus moves to the new claim's card.
  const card = page.locator('article.cm-card.cm-open');
  await card.waitFor();
  assert.equal(await card.locator('.cm-card-text').innerText(), words);
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('cm-card-toggle')));

  // Tab into the card: Verdict, then Add source.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id.endsWith('-verdict')), true);
  await page.keyboard.type('Half'); // type-ahead picks "Half true"
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // Add source
  await page.keyboard.type('https://kremlin.ru/events/president/news/67000');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Meeting with Prime Minister of Pakistan Imran Khan');
  await page.keyboard.press('Tab');
  await page.keyboard.type('President of Russia');
  await page.keyboard.press('Enter'); // submits the form
  await card.getByRole('link', { name: 'Meeting with Prime Minister of Pakistan Imran Khan' }).waitFor();
  // Focus is back on "Add source"; Tab on to the note.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Add source');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Official readout confirms the invitation.');
  await page.keyboard.press('Tab');
  await page.waitForTimeout(400);

  await page.reload();
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
  const mine = page.locator('article.cm-card', { hasText: 'yours' });
  assert.equal(await mine.count(), 1);
  await mine.locator('.cm-card-toggle').focus();
  await page.keyboard.press('Enter');
  const open = page.locator('article.cm-card.cm-open');
  await open.getByLabel('Verdict').waitFor();
  assert.equal(await open.getByLabel('Verdict').inputValue(), 'half_true');
  assert.equal(await open.getByLabel('Note').inputValue(), 'Official readout confirms the invitation.');
  assert.equal(await open.getByRole('link', { name: 'Meeting with Prime Minister of Pakistan Imran Khan' }).getAttribute('href'), 'https://kremlin.ru/events/president/news/67000');

  // j / k move between claims; Escape closes a form.
  await open.locator('.cm-card-toggle').focus();
  await page.keyboard.press('j');
  const next = await page.evaluate(() => document.activeElement?.closest('article')?.querySelector('.cm-card-text')?.textContent);
  assert.notEqual(next, words);
  await page.keyboard.press('k');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('article')?.querySelector('.cm-card-text')?.textContent), words);
  assert.deepEqual(errors, []);
  await context.close();
});

test('clicking a highlight opens its card; Dismiss and restore from the Dismissed filter; undo', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await newPage(context);
  await page.goto(env.server.url + '/');
  const sidebar = page.getByRole('complementary', { name: 'Claims' });
  await sidebar.waitFor();
  const mark = page.locator('mark[data-key]', { hasText: '01 May 1948' }).first();
  await mark.click();
  const card = sidebar.locator('article.cm-card.cm-open');
  await card.waitFor();
  assert.equal(await card.locator('.cm-card-text').innerText(), '01 May 1948');
  assert.match(await card.innerText(), /1948-05-01/);
  assert.match(await mark.getAttribute('class'), /cm-active/);
  const before = await sidebar.locator('article.cm-card').count();
  await card.getByRole('button', { name: 'Dismiss' }).click();
  await sidebar.locator('article.cm-card', { hasText: '01 May 1948' }).waitFor({ state: 'detached' });
  assert.equal(await sidebar.locator('article.cm-card').count(), before - 1);
  assert.equal(await page.locator('mark[data-key]', { hasText: '01 May 1948' }).count(), 0);

  await page.getByLabel('Status').selectOption('dismissed');
  assert.match(await page.getByLabel('Status').locator('option:checked').innerText(), /Dismissed \(1\)/);
  const dismissed = sidebar.locator('article.cm-card', { hasText: '01 May 1948' });
  await dismissed.locator('.cm-card-toggle').click();
  await dismissed.getByRole('button', { name: 'Restore' }).click();
  await page.getByLabel('Status').selectOption('');
  await sidebar.locator('article.cm-card', { hasText: '01 May 1948' }).waitFor();

  // Undo the restore: dismissed again; redo: back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await sidebar.locator('article.cm-card', { hasText: '01 May 1948' }).waitFor({ state: 'detached' });
  await page.keyboard.press('Control+Shift+Z');
  await sidebar.locator('article.cm-card', { hasText: '01 May 1948' }).waitFor();

  // Colour by verdict is a toggle button.
  const toggle = page.getByRole('button', { name: 'Colour by verdict' });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('.cm-body.cm-by-verdict').count(), 1);
  await context.close();
});
