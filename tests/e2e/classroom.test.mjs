// Classroom exercises, end to end, on the scenario shared with core
// (crates/core/tests/fixtures/classroom/scenario.json):
//   1. a teacher builds the five-item key on the seed article and downloads the exercise;
//   2. two students (fresh profiles) open it, one does it well and one poorly, and submit;
//   3. the teacher imports both submissions and sees the right table, scores checked exactly.
// Plus: the student flow with the keyboard alone, an axe audit, a 375 px screen, and bad files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newPage, screenshot, useBrowser, axeAudit, ROOT, keyboardSelectFromStart, articleRange } from './harness.mjs';

const FIXTURES = join(ROOT, 'crates/core/tests/fixtures/classroom');
const scenario = JSON.parse(await readFile(join(FIXTURES, 'scenario.json'), 'utf8'));
const CHECKSUM = '34fd465f9a583053';

// The exercise the teacher downloads is served back to students from here.
const tmp = await mkdtemp(join(tmpdir(), 'claimmark-classroom-'));
const exercisePath = join(tmp, 'exercise.json');
const submissions = {};
const env = useBrowser({ '/fixtures/exercise.json': exercisePath });

/** Selects `text` in the article (the first occurrence), as a drag would. */
async function selectText(page, text) {
  const range = await articleRange(page, text);
  await range.evaluate((range) => {
    const selection = document.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    range.startContainer.parentElement.scrollIntoView({ block: 'center' });
  });
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The list item of the card whose words are exactly `text`. */
function cardItem(page, text) {
  const words = text.split(/\s+/).join(' ');
  return page
    .getByRole('complementary', { name: 'Claims' })
    .locator('li.cm-card-item')
    .filter({ has: page.locator('.cm-card-text', { hasText: new RegExp(`^${escape(words)}$`) }) })
    .first();
}

/** Highlights `text` as a claim of `kind` and returns its card's list item. */
async function highlight(page, text, kind) {
  await selectText(page, text);
  const button = page.getByRole('button', { name: 'Highlight claim' });
  await button.waitFor();
  await page.getByLabel('Claim kind').selectOption(kind);
  await button.click();
  const item = cardItem(page, text);
  await item.waitFor();
  return item;
}

/** Runs `action` and returns the downloads it starts (`count` of them), saved under tmp. */
async function downloads(page, count, action) {
  const seen = [];
  let handler;
  const done = new Promise((ok) => {
    handler = async (d) => {
      const path = join(tmp, `${seen.length}-${Date.now()}-${d.suggestedFilename()}`);
      await d.saveAs(path);
      seen.push({ name: d.suggestedFilename(), path, text: await readFile(path, 'utf8') });
      if (seen.length === count) ok();
    };
    page.on('download', handler);
  });
  await action();
  await done;
  page.off('download', handler);
  return seen;
}

/** A student opens the exercise, gives a name, does the fixture's work, checks it and submits. */
async function doStudentWork(student, viewport, shot) {
  const errors = [];
  const context = await env.browser.newContext({ viewport, acceptDownloads: true });
  const page = await newPage(context, errors);
  await page.goto(env.server.url + '/?mode=student');
  await page.locator('#cm-open-exercise').setInputFiles(exercisePath);
  await page.getByRole('heading', { name: scenario.exercise.title }).waitFor();
  await page.getByLabel('Your name').fill(student.name);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
  // Detection is hidden: no claims until the student highlights some.
  assert.equal(await page.locator('li.cm-card-item').count(), 0, 'no detected claims in student mode');

  for (const a of student.annotations) {
    const item = await highlight(page, a.quote, a.kind);
    const card = item.locator('article.cm-card');
    if (!(await card.evaluate((c) => c.classList.contains('cm-open')))) await card.locator('.cm-card-toggle').click();
    for (const url of a.sources) {
      await card.getByRole('button', { name: 'Add source' }).click();
      await card.getByLabel('Source URL').fill(url);
      await card.getByLabel('Title').fill(`Source for ${a.kind}`);
      await card.getByRole('button', { name: 'Save source' }).click();
      await card.getByRole('link', { name: `Source for ${a.kind}` }).waitFor();
    }
    if (a.verdict) await card.getByLabel('Verdict').selectOption(a.verdict);
  }

  await page.getByRole('button', { name: 'Check my work' }).click();
  const e = student.expected;
  const percent = e.percent;
  await page.locator('#cm-score').filter({ hasText: `${e.points} of ${e.max_points} points (${percent}%)` }).waitFor();
  const feedback = page.locator('.cm-feedback');
  assert.match(await feedback.innerText(), new RegExp(`Missed: ${e.missed.length}`));
  assert.match(await feedback.innerText(), new RegExp(`Extra: ${e.extra.length}`));
  // Hints only: a missed claim's words are never shown.
  for (const id of e.missed) {
    const key = scenario.key.find((k) => k.id === id);
    assert.ok((await feedback.innerText()).includes(`Hint: ${key.hint}`), `hint for ${id}`);
    assert.ok(!(await page.locator('.cm-missed').innerText()).includes(key.quote), `no answer for ${id}`);
  }
  await screenshot(page, shot);

  const files = await downloads(page, 2, () => page.getByRole('button', { name: 'Submit' }).click());
  const json = files.find((f) => f.name.endsWith('.submission.json'));
  const csv = files.find((f) => f.name.endsWith('.submission.csv'));
  assert.ok(json && csv, `JSON and CSV downloaded: ${files.map((f) => f.name)}`);
  const parsed = JSON.parse(json.text);
  assert.equal(parsed.format, 'claimmark-submission');
  assert.equal(parsed.student.name, student.name);
  assert.equal(parsed.exercise.checksum, CHECKSUM);
  assert.equal(parsed.annotations.length, student.annotations.length);
  assert.match(csv.text, /exercise_id,exercise_title,student/);

  // The work is kept for this student: reload, same name, same highlights.
  await page.reload();
  await page.locator('#cm-open-exercise').setInputFiles(exercisePath);
  assert.equal(await page.getByLabel('Your name').inputValue(), student.name);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();
  await page.locator('li.cm-card-item').nth(student.annotations.length - 1).waitFor();
  assert.equal(await page.locator('li.cm-card-item').count(), student.annotations.length);

  assert.deepEqual(errors, []);
  await context.close();
  return { json, page };
}

test('a teacher builds the five-item key, two students do it, the teacher sees the class table', async () => {
  // 1. The teacher.
  const errors = [];
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await newPage(context, errors);
  await page.goto(env.server.url + '/?mode=teacher');
  await page.getByRole('heading', { name: 'Answer key' }).waitFor();
  // Detection is shown to the teacher, with "Add to key" under every card.
  assert.ok((await page.locator('li.cm-card-action').count()) > 5);
  await page.getByLabel('Exercise title').fill(scenario.exercise.title);
  await page.getByLabel('Instructions').fill(scenario.exercise.instructions);

  for (const k of scenario.key) {
    const item = await highlight(page, k.quote, k.kind);
    const add = item.locator('xpath=following-sibling::li[1]').getByRole('button', { name: 'Add to key' });
    await add.click();
    const editor = page.locator(`li.cm-key-item[data-key-id="${k.id}"]`);
    await editor.waitFor();
    if (k.require_source) await editor.getByLabel('Requires a source').check();
    if (k.require_verdict) await editor.getByLabel('Requires a verdict').check();
    if (k.expected_verdict) await editor.getByLabel('Expected verdict').selectOption(k.expected_verdict);
    await editor.getByLabel('Hint').fill(k.hint);
    await editor.getByLabel('Explanation').fill(k.explanation);
  }
  assert.equal(await page.locator('#cm-key-total').innerText(), '5 claims in the key, 12 points');
  const [exercise] = await downloads(page, 1, () => page.getByRole('button', { name: 'Download exercise' }).click());
  assert.equal(exercise.name, 'checking-a-bilateral-relations-op-ed.exercise.json');
  await page.getByRole('status').filter({ hasText: `checksum ${CHECKSUM}` }).waitFor();
  const file = JSON.parse(exercise.text);
  assert.equal(file.format, 'claimmark-exercise');
  assert.deepEqual(file.key.map((k) => k.id), ['k1', 'k2', 'k3', 'k4', 'k5']);
  await (await import('node:fs/promises')).writeFile(exercisePath, exercise.text);
  await screenshot(page, 'classroom-teacher-key');

  // 2. Two students, each in a fresh profile; the poor one on a 375 px screen.
  const [amira, ben] = scenario.students;
  submissions.amira = (await doStudentWork(amira, { width: 1280, height: 900 }, 'classroom-student-amira')).json;
  submissions.ben = (await doStudentWork(ben, { width: 375, height: 800 }, 'classroom-student-ben-375px')).json;

  // 3. The teacher imports both.
  await page.locator('#cm-import-submissions').setInputFiles([submissions.amira.path, submissions.ben.path]);
  const students = page.locator('#cm-students-table tbody tr');
  await students.nth(1).waitFor();
  const rows = await students.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(rows, [
    ['Amira Qureshi', '5 (4 complete)', '0', '1', '5', '11/12 (92%)'],
    ['Ben Carter', '2 (0 complete)', '3', '3', '1', '2/12 (17%)'],
  ]);
  const items = await page
    .locator('#cm-items-table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [tr.children[0].textContent, tr.children[2].textContent, tr.children[4].textContent]));
  assert.deepEqual(items, [
    ['k1', '1 of 2', '50%'],
    ['k2', '2 of 2', '100%'],
    ['k3', '1 of 2', '50%'],
    ['k4', '1 of 2', '50%'],
    ['k5', '2 of 2', '100%'],
  ]);
  // The chart carries its numbers as text, not only as bar lengths.
  const bars = await page.locator('.cm-bar-value').allInnerTexts();
  assert.deepEqual(bars, ['50%', '100%', '50%', '50%', '100%']);
  await page.locator('.cm-results').scrollIntoViewIfNeeded();
  await screenshot(page, 'classroom-teacher-results');
  const teacherViolations = await axeAudit(page);
  assert.deepEqual(teacherViolations, [], JSON.stringify(teacherViolations, null, 2));

  // The CSV is exactly core's, as in the shared fixture.
  const [csv] = await downloads(page, 1, () => page.getByRole('button', { name: 'Download results (CSV)' }).click());
  assert.equal(csv.text, await readFile(join(FIXTURES, 'summary.csv'), 'utf8'));

  // A file that is not a submission, imported alone: refused, and the class table stays (a
  // defect was that it disappeared).
  await page.locator('#cm-import-submissions').setInputFiles([join(FIXTURES, 'bad/exercise-truncated.json')]);
  await page.locator('.cm-results .cm-error[role="alert"]').filter({ hasText: 'exercise-truncated.json' }).waitFor();
  assert.equal(await students.count(), 2, 'the students already imported are still listed');

  // Bad submissions: refused or flagged, and the table keeps the good ones (later imports add).
  const stale = JSON.parse(submissions.ben.text);
  stale.exercise.checksum = '0000000000000000';
  const stalePath = join(tmp, 'ben-stale.submission.json');
  await (await import('node:fs/promises')).writeFile(stalePath, JSON.stringify(stale));
  await page
    .locator('#cm-import-submissions')
    .setInputFiles([
      submissions.amira.path,
      join(FIXTURES, 'bad/submission-bad-url.json'),
      join(FIXTURES, 'bad/submission-other-version.json'),
      join(FIXTURES, 'bad/exercise-truncated.json'),
      stalePath,
    ]);
  const alert = page.locator('.cm-results .cm-error[role="alert"]').filter({ hasText: 'submission-bad-url.json' });
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /submission-bad-url\.json: annotations\[0\]\.sources\[0\]\.url: source url 'javascript:alert\(1\)' is not http or https/);
  assert.match(text, /exercise-truncated\.json: expected a claimmark submission, but this file is a claimmark exercise|exercise-truncated\.json: the file is damaged/);
  await page.locator('.cm-results .cm-banner').filter({ hasText: /submission-other-version\.json: Amira Qureshi was not scored: this submission is for another exercise/ }).waitFor();
  await page
    .locator('.cm-results .cm-banner')
    .filter({ hasText: /ben-stale\.submission\.json: Ben Carter was not scored: this submission was made for another version of 'Checking a bilateral-relations op-ed'/ })
    .waitFor();
  assert.equal(await students.count(), 2, 'Amira imported again replaces her earlier copy; Ben stays');

  // The key survives a reload.
  await page.reload();
  await page.locator('li.cm-key-item').nth(4).waitFor();
  assert.equal(await page.locator('#cm-key-total').innerText(), '5 claims in the key, 12 points');
  // A teacher opening a submission as an exercise is told so, and the key stays.
  await page.locator('#cm-teacher-open').setInputFiles(submissions.ben.path);
  await page
    .getByRole('alert')
    .filter({ hasText: /the key you were writing is unchanged.*expected a claimmark exercise, but this file is a claimmark submission/ })
    .waitFor();
  assert.equal(await page.locator('#cm-key-total').innerText(), '5 claims in the key, 12 points');
  await page.locator('#cm-teacher-open').setInputFiles(exercisePath);
  await page.getByRole('status').filter({ hasText: 'Opened exercise.json' }).waitFor();
  assert.equal(await page.locator('#cm-key-total').innerText(), '5 claims in the key, 12 points');
  assert.deepEqual(errors, []);
  await context.close();
});

test('student, keyboard alone: open by link, name, highlight, verdict, check, submit; axe; bad files keep the work', async () => {
  assert.ok(submissions.amira, 'runs after the class test, which writes the exercise');
  const errors = [];
  const context = await env.browser.newContext({ viewport: { width: 375, height: 800 }, acceptDownloads: true });
  const page = await newPage(context, errors);
  await page.goto(env.server.url + '/?exercise=fixtures/exercise.json');
  await page.getByLabel('Your name').waitFor();
  const startViolations = await axeAudit(page);
  assert.deepEqual(startViolations, [], JSON.stringify(startViolations, null, 2));
  // Tab to the name field, type, Enter.
  for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.id === 'cm-student-name')); i++) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'cm-student-name');
  await page.keyboard.type('Chen Wei');
  await page.keyboard.press('Enter');
  await page.getByRole('complementary', { name: 'Claims' }).waitFor();

  // Tab to the article, select its first words with Shift+arrows, highlight them.
  const words = 'ON the invitation';
  await keyboardSelectFromStart(page, words, 30);
  await page.keyboard.press('Enter');
  await page.locator('article.cm-card.cm-open').waitFor();
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement?.id.endsWith('-verdict')));
  await page.keyboard.type('False');

  // Back up to "Check my work" with Shift+Tab, then press it.
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Shift+Tab');
    if (await page.evaluate(() => document.activeElement?.textContent === 'Check my work')) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Check my work');
  await page.keyboard.press('Enter');
  await page.locator('#cm-score').filter({ hasText: '0 of 12 points (0%)' }).waitFor();
  assert.match(await page.locator('.cm-feedback').innerText(), /Missed: 5/);
  assert.match(await page.locator('.cm-feedback').innerText(), /Extra: 1/);
  // Submit is next in the tab order.
  await page.keyboard.press('Tab');
  const [json] = await downloads(page, 2, () => page.keyboard.press('Enter'));
  assert.ok(json);

  // Nothing wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scrolling at 375 px (overflow ${overflow}px)`);
  await screenshot(page, 'classroom-student-keyboard-375px');

  const violations = await axeAudit(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));

  // Bad exercise files: a clear error, and the stored work is untouched.
  const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  await page.getByRole('button', { name: 'Open another exercise' }).click();
  const expected = [
    ['bad/exercise-truncated.json', /the file is damaged or not JSON: line \d+, column \d+: EOF while parsing/],
    ['bad/exercise-newer-version.json', /this exercise was made by a newer claimmark \(version 2\); this one reads up to version 1/],
    ['ben.submission.json', /expected a claimmark exercise, but this file is a claimmark submission \(a student's work\)/],
    ['bad/backup-as-exercise.json', /expected a claimmark exercise, but this file is a claimmark backup of annotations/],
  ];
  for (const [file, message] of expected) {
    await page.locator('#cm-open-exercise').setInputFiles(join(FIXTURES, file));
    const alert = page.getByRole('alert').filter({ hasText: message });
    await alert.waitFor();
    assert.match(await alert.innerText(), /Your saved work is unchanged/);
  }
  await screenshot(page, 'classroom-student-bad-file');
  assert.equal(await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort())), stored);
  // The work is still there when the right exercise is opened again, with the keyboard: Tab to
  // "Open exercise", Space opens the file chooser, Enter on the name starts.
  // One CI run on a loaded machine saw no file chooser after the Space, once in many runs; so the
  // focus is checked again and Space pressed again, at most three times, and the test says so.
  let chooser = null;
  for (let attempt = 0; attempt < 3 && !chooser; attempt++) {
    await page.evaluate(() => document.activeElement?.blur());
    for (let i = 0; i < 15 && !(await page.evaluate(() => document.activeElement?.id === 'cm-open-exercise')); i++) {
      await page.keyboard.press('Tab');
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'cm-open-exercise');
    [chooser] = await Promise.all([
      page.waitForEvent('filechooser', { timeout: 10_000 }).catch(() => null),
      page.keyboard.press('Space'),
    ]);
    if (!chooser) console.log(`# Space on "Open exercise" opened no file chooser (try ${attempt + 1} of 3)`);
  }
  assert.ok(chooser, 'Space on the focused "Open exercise" opened no file chooser in three tries');
  await chooser.setFiles(exercisePath);
  assert.equal(await page.getByLabel('Your name').inputValue(), 'Chen Wei');
  await page.getByLabel('Your name').focus();
  await page.keyboard.press('Enter');
  await page.locator('li.cm-card-item').first().waitFor();
  assert.equal(await page.locator('li.cm-card-item').count(), 1);

  // Once the teacher allows answers (not part of the checksum), missed claims show their words.
  const open = JSON.parse(await readFile(exercisePath, 'utf8'));
  open.show_answers = true;
  const openPath = join(tmp, 'answers.exercise.json');
  await (await import('node:fs/promises')).writeFile(openPath, JSON.stringify(open));
  await page.getByRole('button', { name: 'Open another exercise' }).click();
  await page.locator('#cm-open-exercise').setInputFiles(openPath);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Check my work' }).click();
  const missed = await page.locator('.cm-missed').innerText();
  assert.ok(missed.includes('“February 2003”'), missed);
  assert.ok(missed.includes('Musharraf'), missed);
  assert.deepEqual(errors, []);
  await context.close();
});
