// Team sync, as a team does it: two people (two browser contexts) join the same article through
// the Team panel, against the claimmark sync server (tools/sync-server.mjs, a y-websocket server)
// started here on 127.0.0.1 at a free port. Edits converge, survive reloads, an offline person's
// edits arrive when they return, a restarted server loses nothing, a wrong token is refused with a
// message, two verdicts on one claim show as a disagreement, and a malformed update sent by a raw
// websocket client changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ARTIFACTS, axeAudit, newPage, openCard, ROOT, useBrowser } from './harness.mjs';

const env = useBrowser();
const TOKEN = 'team-token-for-tests';
let dir;
let server = null;
let port = 0;

/** Starts the sync server (on `port`, or a free one) and resolves when it listens. */
async function startServer() {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'tools/sync-server.mjs'), '--port', String(port), '--config', join(dir, 'sync.json'), '--data', join(dir, 'data')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const listening = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sync server did not start:\n${log}`)), 15000);
    const read = (chunk) => {
      log += chunk;
      const m = /ws:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`the sync server exited (${code}):\n${log}`)));
  });
  port = listening;
  server = child;
}

async function stopServer() {
  if (!server) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
  server = null;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claimmark-team-'));
  await writeFile(join(dir, 'sync.json'), JSON.stringify({ tokens: [{ token: TOKEN, name: 'Team', access: 'write' }] }));
  await startServer();
});

after(async () => {
  await stopServer();
});

/** A new person: their own browser profile, on the demo article. */
async function person(errors = []) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await newPage(context, errors);
  await page.goto(env.server.url + '/');
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
  return { context, page };
}

function teamPanel(page) {
  return page.getByRole('dialog', { name: 'Team' });
}

async function openTeam(page) {
  const panel = teamPanel(page);
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /^Team/ }).click();
  await panel.waitFor();
  return panel;
}

async function joinTeam(page, name, { editor = false, token = TOKEN } = {}) {
  const panel = await openTeam(page);
  await panel.getByLabel('Server').fill(`ws://127.0.0.1:${port}`);
  await panel.getByLabel('Token').fill(token);
  await panel.getByLabel('Your name').fill(name);
  if (editor) await panel.getByLabel(/I am the editor/).check();
  await panel.getByRole('button', { name: /Join team|Save and reconnect/ }).click();
  return panel;
}

/** Ada and Ben, each in their own profile, both in the team and connected. */
async function adaAndBen({ adaIsEditor = false, errors = [] } = {}) {
  const ada = await person(errors);
  const ben = await person(errors);
  await joinTeam(ada.page, 'Ada', { editor: adaIsEditor });
  await joinTeam(ben.page, 'Ben');
  await connected(ada.page, 'Ada');
  await connected(ben.page, 'Ben');
  return { ada, ben };
}

async function connected(page, name) {
  await (await openTeam(page)).getByRole('status').filter({ hasText: `Connected as ${name}` }).waitFor({ timeout: 15000 });
}

async function note(page, words) {
  const card = await openCard(page, words);
  return card.getByLabel('Note');
}

async function setNote(page, words, text) {
  const field = await note(page, words);
  await field.fill(text);
  await field.blur();
}

/** Polls `check` until it returns something other than undefined, for up to 15 s. */
async function until(check, what) {
  const end = Date.now() + 15000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the note on the claim `words` reads `text`. */
async function noteIs(page, words, text) {
  const field = await note(page, words);
  await until(async () => ((await field.inputValue()) === text ? true : undefined), `the note on “${words}” becomes “${text}”`);
}

test('two people edit different claims and the same claim; both converge and reload with everything', async () => {
  const errors = [];
  const { ada, ben } = await adaAndBen({ adaIsEditor: true, errors });
  // Each sees the other on the article.
  await (await openTeam(ada.page)).getByText(/^Ben/).waitFor({ timeout: 15000 });

  await setNote(ada.page, 'December 2021', 'Ada: checked against the ministry release');
  await setNote(ben.page, '01 May 1948', 'Ben: the figure is from the IMF');
  await noteIs(ben.page, 'December 2021', 'Ada: checked against the ministry release');
  await noteIs(ada.page, '01 May 1948', 'Ben: the figure is from the IMF');
  // Ada sees which claim Ben is looking at (his last opened card).
  await (await openTeam(ada.page)).getByText(/^Ben, looking at “[^”]*December 2021/).waitFor({ timeout: 15000 });
  // What another person writes is text: markup in it never runs (a canary would fire).
  const canary = '<img src=x onerror="window.__canary=1"><script>window.__canary=2</script>';
  await setNote(ben.page, '01 May 1948', canary);
  await noteIs(ada.page, '01 May 1948', canary);
  assert.equal(await ada.page.evaluate(() => window.__canary), undefined, 'nothing from a team member runs');
  assert.equal(await ada.page.locator('.cm-sidebar img').count(), 0);
  await setNote(ben.page, '01 May 1948', 'Ben: the figure is from the IMF');
  await noteIs(ada.page, '01 May 1948', 'Ben: the figure is from the IMF');

  // The same claim at once: both end on one note, the same for both.
  const [a, b] = [await note(ada.page, 'December 2021'), await note(ben.page, 'December 2021')];
  await Promise.all([a.fill('Ada again'), b.fill('Ben again')]);
  await Promise.all([a.blur(), b.blur()]);
  const final = await until(async () => {
    const [x, y] = [await a.inputValue(), await b.inputValue()];
    return x === y && ['Ada again', 'Ben again'].includes(x) ? x : undefined;
  }, 'both notes on “December 2021” end the same');

  const adaPanel = await openTeam(ada.page);
  await ada.page.evaluate(() => window.scrollTo(0, 0));
  await adaPanel.screenshot({ path: join(ARTIFACTS, 'team-panel.png') });
  const violations = await axeAudit(ada.page);
  assert.deepEqual(violations, [], 'axe finds nothing with the Team panel open');

  for (const p of [ada, ben]) {
    await p.page.reload();
    await p.page.getByRole('complementary', { name: 'Claims' }).waitFor();
    await noteIs(p.page, 'December 2021', final);
    await noteIs(p.page, '01 May 1948', 'Ben: the figure is from the IMF');
  }
  assert.deepEqual(errors, []);
  await ada.context.close();
  await ben.context.close();
});

test('two verdicts on one claim show as a disagreement, and the editor’s is the final one', async () => {
  const { ada, ben } = await adaAndBen({ adaIsEditor: true });
  const adaCard = await openCard(ada.page, '01 May 1948');
  await adaCard.getByLabel('Final verdict').selectOption('false');
  const benCard = await openCard(ben.page, '01 May 1948');
  await benCard.getByLabel('Your verdict').selectOption('true');
  for (const card of [adaCard, benCard]) {
    await card.getByText('The team disagrees.').waitFor({ timeout: 15000 });
    await card.getByText('Ada: ✗ False').waitFor();
    await card.getByText('Ben: ✓ True').waitFor();
  }
  await benCard.getByText(/Final verdict \(the one exported\): ✗ False/).waitFor();
  await benCard.scrollIntoViewIfNeeded();
  await benCard.screenshot({ path: join(ARTIFACTS, 'team-disagreement.png') });
  await ada.context.close();
  await ben.context.close();
});

test('someone offline keeps working, and their edits arrive when they come back', async () => {
  const { ada, ben } = await adaAndBen();
  await ben.context.setOffline(true);
  await (await openTeam(ben.page)).getByRole('status').filter({ hasText: 'Offline' }).waitFor({ timeout: 15000 });
  await setNote(ben.page, 'December 2021', 'written on the train');
  await (await openTeam(ben.page)).getByRole('status').filter({ hasText: /1 change waiting/ }).waitFor();
  await ben.page.getByRole('button', { name: /Team: offline, 1 waiting/ }).waitFor();
  await ben.context.setOffline(false);
  await noteIs(ada.page, 'December 2021', 'written on the train');
  await connected(ben.page, 'Ben');
  await ada.context.close();
  await ben.context.close();
});

test('a server killed and restarted during editing loses nothing', async () => {
  const { ada, ben } = await adaAndBen();
  await setNote(ada.page, 'December 2021', 'before the restart');
  await noteIs(ben.page, 'December 2021', 'before the restart');
  await stopServer();
  await (await openTeam(ada.page)).getByRole('status').filter({ hasText: 'Offline' }).waitFor({ timeout: 15000 });
  await setNote(ada.page, '01 May 1948', 'while the server was down');
  await startServer();
  await noteIs(ben.page, '01 May 1948', 'while the server was down');
  // A third person, new, gets everything from the restarted server.
  const cy = await person();
  await joinTeam(cy.page, 'Cy');
  await connected(cy.page, 'Cy');
  await noteIs(cy.page, 'December 2021', 'before the restart');
  await noteIs(cy.page, '01 May 1948', 'while the server was down');
  for (const p of [ada, ben, cy]) await p.context.close();
});

test('a wrong token is refused with a message, and nothing is sent', async () => {
  const ada = await person();
  await setNote(ada.page, 'December 2021', 'private work');
  const panel = await joinTeam(ada.page, 'Ada', { token: 'not-the-token' });
  await panel.getByRole('alert').filter({ hasText: /refused the token/ }).waitFor({ timeout: 15000 });
  await ada.page.getByRole('button', { name: 'Team: not connected' }).waitFor();
  await ada.page.evaluate(() => window.scrollTo(0, 0));
  await panel.screenshot({ path: join(ARTIFACTS, 'team-wrong-token.png') });
  // The local work is untouched, and nobody else got it.
  await noteIs(ada.page, 'December 2021', 'private work');
  const ben = await person();
  await joinTeam(ben.page, 'Ben');
  await connected(ben.page, 'Ben');
  assert.notEqual(await (await note(ben.page, 'December 2021')).inputValue(), 'private work');
  await ada.context.close();
  await ben.context.close();
});

test('a malformed update from a raw websocket client changes nothing', async () => {
  const errors = [];
  const ada = await person(errors);
  await joinTeam(ada.page, 'Ada');
  await connected(ada.page, 'Ada');
  await setNote(ada.page, 'December 2021', 'kept');
  await ada.page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('claimmark:v1:')));
  const docName = await ada.page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('claimmark:v1:'));
    return key.slice('claimmark:v1:'.length);
  });
  const raw = new WebSocket(`ws://127.0.0.1:${port}/${encodeURIComponent(docName)}?token=${TOKEN}`);
  await new Promise((resolve, reject) => { raw.once('open', resolve); raw.once('error', reject); });
  // Random bytes, a sync update that is not a Yjs update, and a truncated message.
  raw.send(Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0x13]));
  raw.send(Buffer.from([0, 2, 4, 9, 9, 9, 9]));
  raw.send(Buffer.from([0, 2, 40, 1, 2]));
  await new Promise((r) => setTimeout(r, 1000));
  raw.close();
  await noteIs(ada.page, 'December 2021', 'kept');
  await ada.page.reload();
  await ada.page.getByRole('complementary', { name: 'Claims' }).waitFor();
  await noteIs(ada.page, 'December 2021', 'kept');
  await connected(ada.page, 'Ada');
  assert.deepEqual(errors, []);
  await ada.context.close();
});

test('an article opened from the library joins the team too: two people paste the same article and share its work', async () => {
  const text = 'Trade talks resume\n\nExports rose 12% to $4.1bn in 2023, the minister said on Monday.\n\nImports fell by a third, to 😀 $2bn.';
  const { ada, ben } = await adaAndBen();
  for (const p of [ada, ben]) {
    await p.page.getByRole('button', { name: 'Open article' }).click();
    const panel = p.page.getByRole('region', { name: 'Open an article' });
    await panel.getByLabel("Paste the article's text, or a web page").fill(text);
    await panel.getByRole('button', { name: 'Open pasted article' }).click();
    await p.page.waitForURL(/\?open=/);
    await p.page.getByRole('complementary', { name: 'Claims' }).waitFor();
  }
  assert.equal(new URL(ada.page.url()).search, new URL(ben.page.url()).search, 'the same article id for both');
  await connected(ada.page, 'Ada');
  await connected(ben.page, 'Ben');
  await setNote(ada.page, '12%', 'customs data, table 3');
  await noteIs(ben.page, '12%', 'customs data, table 3');
  await ada.context.close();
  await ben.context.close();
});
