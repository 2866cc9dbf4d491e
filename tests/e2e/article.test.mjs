// What a reader sees: the seed article as a reading page, with the scraped furniture gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, screenshot, seedText, useBrowser } from './harness.mjs';

const env = useBrowser({ '/fixtures/emoji-article.txt': new URL('./fixtures/emoji-article.txt', import.meta.url).pathname });

/** The body paragraphs a reader expects: every non-empty line after the two title lines, minus furniture. */
function expectedParagraphs(text) {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.slice(2).filter((l) => !/^(Previous|Next) article/.test(l));
}

test('the seed article shows headline, byline and every paragraph, without furniture', async () => {
  const errors = [];
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await newPage(context, errors);
  await page.goto(env.server.url + '/');
  const headline = page.getByRole('heading', { level: 1, name: 'Evolving nature of Pak-Russia bilateral relationship' });
  await headline.waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
  assert.equal((await page.locator('.cm-byline').innerText()).trim(), 'By Dr Muhammad Khan');

  const expected = expectedParagraphs(await seedText());
  assert.ok(expected.length > 30);
  // textContent, not innerText: paragraphs off screen are not laid out (content-visibility).
  const shown = (await page.locator('.cm-body p').allTextContents()).map((t) => t.trim());
  assert.deepEqual(shown, expected);

  const bodyText = await page.locator('body').innerText();
  assert.doesNotMatch(bodyText, /Previous article/);
  assert.doesNotMatch(bodyText, /Next article/);
  // In the article, the title appears exactly once: the repeated title line is gone.
  const articleText = await page.locator('article.cm-article').innerText();
  assert.equal(articleText.split('Evolving nature of Pak-Russia bilateral relationship').length - 1, 1);

  // The first-paint mark the benchmarks read (bench/browser.mjs, bench/first-paint-ab.mjs): taken
  // once, by the browser's own functions, after claimmark:start.
  await page.waitForFunction(() => performance.getEntriesByName('claimmark:highlighted-painted').length > 0);
  const marks = await page.evaluate(() => ['start', 'highlighted-painted']
    .map((name) => performance.getEntriesByName(`claimmark:${name}`).map((m) => m.startTime)));
  assert.equal(marks[1].length, 1, 'one claimmark:highlighted-painted mark');
  assert.ok(marks[1][0] > marks[0][0], 'the paint mark comes after claimmark:start');

  await screenshot(page, 'article-1440');
  await page.setViewportSize({ width: 375, height: 812 });
  // No horizontal scrolling at phone width.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than a 375px screen`);
  await screenshot(page, 'article-375');
  assert.deepEqual(errors, []);
  await context.close();
});

test('?article= opens another plain-text article, and a missing one says so', async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await page.goto(env.server.url + '/?article=fixtures/emoji-article.txt');
  await page.getByRole('heading', { level: 1, name: 'Café owners report 😀 record summer' }).waitFor();
  assert.equal((await page.locator('.cm-byline').innerText()).trim(), 'By Zoë Ångström');
  assert.deepEqual(await page.locator('.cm-body p').allInnerTexts(), [
    'Sales at the 𝄞 Music Café rose 12% in July 2024, the owner said.',
    '“We have never seen crowds like this 🎉,” said Zoë Ångström, who has run the café since 1998.',
  ]);
  await page.goto(env.server.url + '/?article=does-not-exist.txt');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /does-not-exist\.txt.*404/s);
  await context.close();
});

/** Every font the text of `selector`'s elements is drawn in: family, size, weight and style. */
function fontsIn(page, selector) {
  return page.evaluate((selector) => {
    const fonts = new Set();
    const add = (style) => fonts.add(`${style.fontFamily} | ${style.fontSize} | ${style.fontWeight} | ${style.fontStyle}`);
    for (const root of document.querySelectorAll(selector)) {
      for (const el of [root, ...root.querySelectorAll('*')]) {
        // Text, and form controls, which draw their own (a file input's button, a select's value,
        // a placeholder).
        const drawsText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim())
          || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName);
        if (drawsText) add(getComputedStyle(el));
        for (const pseudo of ['::before', '::after', ...(el.type === 'file' ? ['::file-selector-button'] : [])]) {
          const style = getComputedStyle(el, pseudo);
          if (pseudo === '::file-selector-button' || !['none', 'normal', '""'].includes(style.content)) add(style);
        }
      }
    }
    return [...fonts].sort();
  }, selector);
}

test('the placeholder looks up the first frames’ fonts while the wasm downloads', async () => {
  // Each font a frame draws costs the renderer a round trip to the browser process the first
  // time; index.html's hidden copy of the first two frames' text styles has it done earlier.
  for (const width of [1440, 375]) {
    const context = await env.browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    // Without the wasm, the placeholder stays.
    await page.route('**/*.wasm', (route) => route.abort());
    await page.goto(env.server.url + '/');
    await page.locator('.cm-font-warmup').waitFor({ state: 'attached' });
    const warmed = await fontsIn(page, '#claimmark-app');
    await page.unroute('**/*.wasm');
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The first frame (the app bar, the work bar and the article) and the next (the sidebar).
    await page.locator('.cm-sidebar article.cm-card').first().waitFor();
    const drawn = await fontsIn(page, '.cm-appbar, .cm-workbar, article.cm-article, .cm-sidebar');
    assert.ok(drawn.length >= 5, `fonts of the first frame: ${drawn.join('; ')}`);
    const missing = drawn.filter((font) => !warmed.includes(font));
    assert.deepEqual(missing, [], `at ${width}px the first frames draw fonts index.html's .cm-font-warmup does not`);
    assert.equal(await page.locator('.cm-font-warmup').count(), 0, 'the placeholder is gone once the app runs');
    await context.close();
  }
});

