// Assignments, end to end, through the served sub-path: a teacher tags a practice key and
// builds an assignment on the teacher's page and downloads it; the file is put beside the
// app; a student opens the link, reads the guidelines, practises, checks, fixes a tag and
// checks again, tags the other document, reloads and hands in; the hand-in loads into
// Compare. Then every bad link is refused by name and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  appUnderTest, openApp, openDocument, dragOver, tag, screenshot, downloadOf, docIdOf, axeViolations,
  CORPUS_FILES, DIST,
} from './helpers.mjs';

const app = appUnderTest();

const PRACTICE = "Bukele announces Trump's invitation to the White House";
const SECOND = "Trump invites El Salvador's leader to the White House (Washington report)";
// Beside the app, as a teacher puts it on the school's static host.
const SERVED = path.join(DIST, 'assignments-e2e');

/** Opens a page of Discern that has no `window.discern` (the assignment page). */
async function openPage(context, url) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('.app-head');
  return page;
}

/** The text of the notice shown now. */
async function notice(page) {
  const n = page.locator('.notice').last();
  await n.waitFor();
  return n.innerText();
}

/** Writes a note on the highlight of `needle` (which opens its details). */
async function note(page, needle, text) {
  await page.locator('mark.hl', { hasText: needle }).first().click();
  const details = page.locator('.details');
  await details.waitFor();
  await details.getByLabel('Why? (note)').fill(text);
  await page.keyboard.press('Escape');
}

let assignmentText;

test('a teacher tags a practice key, sets an assignment and downloads it', async () => {
  const { context, page } = await app.fresh();
  await page.locator('#first-name').fill('Ms Rivera');
  await page.getByRole('button', { name: 'Save' }).click();
  // The key: the teacher's own tags on the practice text, each with a note saying why.
  await openDocument(page, PRACTICE);
  await tag(page, 'announced on Wednesday that he received an invitation', '1');
  await note(page, 'announced on Wednesday', 'A fact that can be checked: was there an invitation?');
  await tag(page, 'You have shown real leadership', '2');
  await note(page, 'You have shown real leadership', "Trump's own words, from his letter.");
  await tag(page, 'deported hundreds of illegal migrants', '1');
  await note(page, 'deported hundreds', 'A number that records can confirm or refute.');
  await page.waitForTimeout(400);
  const key = await page.evaluate(() => window.discern.annotations());
  assert.equal(key.length, 3);

  await page.getByRole('link', { name: 'Compare', exact: true }).click();
  await page.waitForURL(/teach\.html$/);
  await page.getByRole('link', { name: 'New assignment' }).click();
  await page.waitForURL(/set\.html$/);
  const form = page.locator('.assignment-form');
  await form.getByLabel('Title').fill('Week 1: who says what');
  await form.getByLabel('Instructions').fill('Tag the claims, quotes and opinions.\n\nHand in by Friday.');
  await form.getByLabel(PRACTICE).check();
  await form.getByLabel(SECOND).check();
  await form.getByLabel('Practice document').selectOption({ label: PRACTICE });
  assert.match(await form.locator('[role=status]').innerText(), /your 3 tags on this document, each with its note/);
  await screenshot(page, 'assignment-new');
  assert.deepEqual(await axeViolations(page), [], 'the new assignment, filled in');
  const file = await downloadOf(page, () => form.getByRole('button', { name: 'Download assignment' }).click());
  assert.equal(file.name, 'Week-1-who-says-what-assignment.json');
  const a = JSON.parse(file.text);
  assert.equal(a.format, 'discern.assignment');
  assert.equal(a.version, 1);
  assert.equal(a.title, 'Week 1: who says what');
  assert.equal(a.created_by, 'Ms Rivera');
  const practiceId = await docIdOf(page, CORPUS_FILES[0]);
  assert.deepEqual(a.documents.map((d) => d.id), [practiceId, await docIdOf(page, CORPUS_FILES[1])]);
  // Built-in articles travel without their texts.
  assert.ok(a.documents.every((d) => d.text === undefined));
  assert.equal(a.practice.document, practiceId);
  assert.deepEqual(a.practice.annotations.map((k) => [k.label, k.text]), [
    ['claim', 'announced on Wednesday that he received an invitation'],
    ['quote', 'You have shown real leadership'],
    ['claim', 'deported hundreds of illegal migrants'],
  ]);
  assert.ok(a.practice.annotations.every((k) => k.note.length > 0));
  assert.match(await page.locator('.new-assignment code').innerText(), /\?assignment=Week-1-who-says-what-assignment\.json$/);
  assignmentText = file.text;
  // The preview: the assignment as a student sees it, in a new tab.
  const [preview] = await Promise.all([
    context.waitForEvent('page'),
    form.getByRole('button', { name: 'Preview as a student' }).click(),
  ]);
  await preview.locator('main.assignment h1', { hasText: 'Week 1: who says what' }).waitFor();
  assert.match(await preview.locator('.assignment-docs').innerText(), /Practice: check yourself/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a student opens the link, practises, checks, fixes a tag, checks again, reloads and hands in', async () => {
  assert.ok(assignmentText, 'the teacher test ran first');
  fs.mkdirSync(SERVED, { recursive: true });
  fs.writeFileSync(path.join(SERVED, 'week1.json'), assignmentText);
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  try {
    // The link as the teacher shares it: the app's address with ?assignment=.
    const page = await openPage(context, `${app.server.url}?assignment=assignments-e2e/week1.json`);
    await page.waitForURL(/assignment\.html/);
    await page.getByRole('button', { name: 'Not now' }).click();
    const view = page.locator('main.assignment');
    await view.locator('h1', { hasText: 'Week 1: who says what' }).waitFor();
    assert.deepEqual(await view.locator('.instructions p').allInnerTexts(), [
      'Tag the claims, quotes and opinions.', 'Hand in by Friday.',
    ]);
    assert.match(await view.locator('.guidelines').innerText(), /Claim\s+A statement of fact/);
    assert.match(await view.locator('.assignment-docs').innerText(), /Practice: check yourself, not handed in/);
    assert.doesNotMatch(page.url(), /\?assignment=/, 'the link is taken off the address');
    await screenshot(page, 'assignment-student');
    assert.deepEqual(await axeViolations(page), [], 'the assignment, as the student sees it');

    // Practice: a hit, a wrong label, an extra; the key's third span is missed.
    await view.getByRole('link', { name: PRACTICE }).click();
    await page.locator('.check').waitFor();
    // Checked before any tag: every key span is missed, shown on the text with its note.
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.locator('mark.hl[data-outcomes~=missed]').first().waitFor();
    assert.equal(await page.locator('.stale').count(), 0);
    assert.equal(await page.locator('.outcomes li[data-outcome=missed]').count(), 3);
    // The guidelines are where the student tags: the toolbar's tooltips and the ? overlay.
    await dragOver(page, 'announced on Wednesday that he received an invitation');
    assert.match(await page.locator('.tag-btn[data-label=claim]').getAttribute('title'), /A statement of fact/);
    await page.keyboard.press('1');
    await tag(page, 'You have shown real leadership', '3');
    await tag(page, 'simply accompanying it with the flag emojis', '3');
    await page.keyboard.press('?');
    assert.match(await page.locator('.help').innerText(), /Opinion\s+What the writer thinks/);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Check again' }).click();
    const rows = page.locator('.outcomes li');
    await rows.first().waitFor();
    const outcomes = async () => rows.evaluateAll((lis) => lis.map((li) => li.dataset.outcome));
    assert.deepEqual(await outcomes(), ['hit', 'extra', 'wrong-label', 'missed']);
    assert.match(await page.locator('.outcome-counts').innerText(), /1 hit.*1 wrong label.*0 partial.*1 extra.*1 missed/s);
    // On the text too, told apart by a sign beside the badge as well as by a frame; the
    // missed key span is drawn, and the list gives the teacher's note beside it.
    const badge = async (o) => page.locator(`mark.hl[data-outcomes~=${o}][data-badge]`).first().getAttribute('data-badge');
    assert.equal(await badge('hit'), 'C✓');
    assert.equal(await badge('wrong-label'), 'O≠');
    assert.equal(await badge('extra'), 'O+');
    assert.equal(await badge('missed'), 'C?');
    assert.equal(await page.locator('.outcomes li[data-outcome=missed] .key-note').innerText(), 'Why: A number that records can confirm or refute.');
    assert.equal(await page.locator('.outcomes li[data-outcome=wrong-label] .key-note').innerText(), "Why: Trump's own words, from his letter.");
    await screenshot(page, 'assignment-check');
    assert.deepEqual(await axeViolations(page), [], 'the practice Check');

    // The fix: the opinion becomes a quote; the check is out of date until checked again.
    await page.locator('mark.hl[data-outcomes~=wrong-label]').first().click();
    await page.locator('.details').getByRole('radio', { name: /Quote/ }).click();
    await page.locator('.stale').waitFor();
    assert.equal(await page.locator('mark.hl[data-outcomes]').count(), 0, 'an old check is not drawn on changed tags');
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.locator('.stale').waitFor({ state: 'detached' });
    assert.deepEqual(await outcomes(), ['hit', 'extra', 'hit', 'missed']);

    // The other document, then a reload: the tags and the assignment are still there.
    await page.getByRole('button', { name: /← Week 1/ }).click();
    await view.getByRole('link', { name: SECOND }).click();
    await tag(page, 'a key partner in his deportation efforts', '1');
    await page.waitForTimeout(400);
    await page.reload();
    await page.waitForSelector('.app-head');
    await page.goto(`${app.server.url}assignment.html`);
    await page.getByRole('link', { name: 'Week 1: who says what' }).click();
    await view.locator('h1').waitFor();
    assert.match(await view.locator(`li:has-text("${SECOND}") .doc-facts`).innerText(), /1 tag/);

    // Hand in: no name yet, so it asks for one first.
    await view.getByRole('button', { name: 'Hand in' }).click();
    await view.getByLabel('Your name goes on the work you hand in:').fill('Ana B.');
    const handIn = await downloadOf(page, () => view.getByRole('button', { name: 'Hand in' }).click());
    assert.equal(handIn.name, 'Week-1-who-says-what-Ana-B.json');
    const h = JSON.parse(handIn.text);
    assert.equal(h.format, 'discern.annotations');
    assert.equal(h.assignment, JSON.parse(assignmentText).id);
    assert.equal(h.annotator, 'Ana B.');
    const second = JSON.parse(assignmentText).documents[1].id;
    assert.deepEqual(h.documents.map((d) => d.id), [second]);
    assert.deepEqual(h.annotations.map((x) => [x.document, x.text]), [[second, 'a key partner in his deportation efforts']]);
    assert.deepEqual(page.errors, []);

    // A second assignment opened by Import on the reading page, with an annotation file in
    // the same pick: the annotations are imported there, then the assignment is handed to
    // the assignment page; both assignments are kept, and a second tab hears of the new one.
    const week2 = JSON.stringify({ ...JSON.parse(assignmentText), id: 'week-2', title: 'Week 2', practice: undefined });
    const other = await openPage(context, `${app.server.url}assignment.html`);
    await other.locator('.assignment-card h3', { hasText: 'Week 1' }).waitFor();
    await page.goto(app.server.url);
    await page.waitForSelector('.doc-card');
    const third = await docIdOf(page, CORPUS_FILES[2]);
    const notes = JSON.stringify({ format: 'discern.annotations', version: 1, annotator: 'Ana B.',
      documents: [{ id: third, title: 'x' }],
      annotations: [{ id: 'n1', document: third, label: 'opinion', start: 0, end: 5, text: [...fs.readFileSync(path.join(path.dirname(DIST), 'static/corpus', CORPUS_FILES[2]), 'utf8')].slice(0, 5).join('') }] });
    await page.getByLabel('Import annotation files').setInputFiles([
      { name: 'week2.json', mimeType: 'application/json', buffer: Buffer.from(week2) },
      { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from(notes) },
    ]);
    await page.waitForURL(/assignment\.html/);
    await view.locator('h1', { hasText: 'Week 2' }).waitFor();
    const imported = await page.evaluate((d) => localStorage.getItem(`discern/v1/ann/${d}`), third);
    assert.match(imported ?? '', /"id":"n1"/, 'the annotation file picked with it was imported first');
    await other.locator('.assignment-card h3', { hasText: 'Week 2' }).waitFor();
    await other.close();
    await page.getByRole('button', { name: '← Assignments' }).click();
    assert.deepEqual(await page.locator('.assignment-card h3').allInnerTexts(), ['Week 1: who says what', 'Week 2']);
    await page.getByRole('link', { name: 'Week 2' }).click();
    await view.getByRole('button', { name: 'Close assignment' }).click();
    assert.match(await notice(page), /Closed the assignment “Week 2”: Undo brings it back/);
    assert.deepEqual(await page.locator('.assignment-card h3').allInnerTexts(), ['Week 1: who says what']);
    await page.keyboard.press('Control+z');
    await page.locator('.assignment-card h3', { hasText: 'Week 2' }).waitFor();
    await page.waitForTimeout(400);
    await page.reload();
    await page.locator('.assignment-card h3', { hasText: 'Week 2' }).waitFor();
    assert.deepEqual(page.errors, []);

    // The teacher loads the hand-in into Compare as it is.
    const teacher = await context.newPage();
    await teacher.goto(`${app.server.url}teach.html`);
    await teacher.getByLabel('Load annotation files to compare').setInputFiles([
      { name: handIn.name, mimeType: 'application/json', buffer: Buffer.from(handIn.text) },
    ]);
    const report = teacher.locator('.import-report');
    await report.waitFor();
    assert.equal(await report.locator('li[data-refused]').count(), 0);
    assert.match(await report.innerText(), /Ana B\./);
  } finally {
    await context.close();
    fs.rmSync(SERVED, { recursive: true, force: true });
  }
});

test('every bad link is refused by name and changes nothing', async () => {
  fs.mkdirSync(SERVED, { recursive: true });
  const good = JSON.parse(assignmentText);
  const files = {
    'notes.json': 'my notes, not JSON',
    'annotations.json': JSON.stringify({ format: 'discern.annotations', version: 1, documents: [], annotations: [] }),
    'newer.json': JSON.stringify({ ...good, version: 2 }),
    'big.json': JSON.stringify({ ...good, instructions: 'x'.repeat(21 * 1024 * 1024) }),
    'wrong-id.json': JSON.stringify({ ...good, documents: [{ id: 'd0000000000000000', title: 'Mine', text: 'My own text.' }], practice: undefined }),
    'practice-elsewhere.json': JSON.stringify({ ...good, practice: { ...good.practice, document: 'dffffffffffffffff' } }),
    'out-of-range.json': JSON.stringify({ ...good, practice: { ...good.practice, annotations: [{ ...good.practice.annotations[0], start: 5, end: 99999 }] } }),
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(SERVED, name), text);
  const expected = [
    ['missing.json', /there is no such file at that link \(404\)/],
    ['notes.json', /it is not JSON/],
    ['annotations.json', /its format is “discern\.annotations”, not discern\.assignment/],
    ['newer.json', /written by a newer Discern \(version 2\)/],
    ['big.json', /it is 22 MB, over the limit of 20 MB/],
    ['wrong-id.json', /the document “Mine” has the id d0000000000000000, but its text gives d/],
    ['practice-elsewhere.json', /its practice document dffffffffffffffff is not one of its documents/],
    ['out-of-range.json', /practice span 1 runs from 5 to 99999, outside the text's \d+ characters/],
    ['start-page/week9.json', /the address gave a web page \(http:\/\/127\.0\.0\.1:\d+\/[^)]*start-page\/week9\.json\), not an assignment file/],
    ['http://example.org/week1.json', /the link points to another site \(http:\/\/example\.org\)/],
    ['drop-connection/week1.json', /it could not be fetched \(the network failed\)/],
  ];
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await openPage(context, `${app.server.url}assignment.html`);
    await page.getByRole('button', { name: 'Not now' }).click();
    for (const [link, words] of expected) {
      const href = link.startsWith('http') ? link : `assignments-e2e/${link}`;
      await page.goto(`${app.server.url}assignment.html?assignment=${encodeURIComponent(href)}`);
      const said = await notice(page);
      assert.match(said, new RegExp(`The assignment “${href.replace(/[.?]/g, '\\$&')}” was not opened: `));
      assert.match(said, words);
      if (link === 'missing.json') {
        assert.match(page.url(), /\?assignment=/, 'a link that gave no file stays, to be tried again');
      }
      assert.equal(await page.locator('.assignment-card').count(), 0, `${link} opened nothing`);
    }
    await screenshot(page, 'assignment-refused');
    // An import that is not an assignment, on the assignment page, says so and adds nothing.
    await page.goto(`${app.server.url}assignment.html`);
    await page.getByLabel('Open an assignment file').setInputFiles([
      { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from(files['notes.json']) },
    ]);
    assert.match(await notice(page), /The assignment “notes\.json” was not opened: it is not JSON/);
    const stored = await page.evaluate(() => localStorage.getItem('discern/v1/assignments'));
    assert.ok(stored === null || JSON.parse(stored).assignments.length === 0);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
    fs.rmSync(SERVED, { recursive: true, force: true });
  }
});
