// Nothing lost under pressure: another tab that clears the storage, a document too big to
// keep, stored data that fails a check, two tabs typing in the same note, and a file of
// 100,000 annotations and a 5 MB article that must not freeze the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  appUnderTest, openApp, openDocument, docIdOf, tag, screenshot,
} from './helpers.mjs';

const app = appUnderTest();

const WIRE = "Trump invites El Salvador's leader to the White House (Washington report)";
const F001 = '001_b0502ea1321b6f98.txt';
const OWN_TEXT = 'Ministers met on Monday. The plan will cost less than expected, the minister said. '
  + 'Critics called it reckless. Nobody asked the teachers.';

/** The stored value under `key`, parsed (or null). */
const stored = (page, key) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), key);

test('storage cleared by another tab: this tab keeps its work, writes it all back and says so', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const a = await openApp(context, app.server.url);
  await a.getByRole('button', { name: 'Not now' }).click();
  const own = await a.evaluate((t) => window.discern.addDocument('Council notes', t), OWN_TEXT);
  await a.getByLabel('Your name').pressSequentially('Ana', { delay: 20 });
  await openDocument(a, 'Council notes');
  await tag(a, 'Ministers met on Monday', '1');
  await tag(a, 'the minister said', '2');
  await tag(a, 'Critics called it reckless', '3');
  await a.waitForTimeout(700);
  assert.equal((await stored(a, `discern/v1/ann/${own}`)).annotations.length, 3);

  const b = await openApp(context, app.server.url);
  await b.evaluate(() => localStorage.clear());

  const notice = a.locator('.notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /storage was cleared.*saved again/s);
  assert.equal(await a.evaluate((d) => window.discern.annotations(d).length, own), 3);
  await a.waitForFunction((d) => localStorage.getItem(`discern/v1/ann/${d}`), own);
  await screenshot(a, 'storage-cleared');

  await a.reload();
  await a.waitForFunction(() => window.discern && document.querySelector('.app-head'));
  assert.equal(await a.getByLabel('Your name').inputValue(), 'Ana');
  const titles = await a.evaluate(() => window.discern.documents().map((d) => d.title));
  assert.ok(titles.includes('Council notes'));
  const tags = await a.evaluate((d) => window.discern.annotations(d), own);
  assert.equal(tags.length, 3);
  assert.ok(tags.every((t) => t.annotator === 'Ana'));
  assert.deepEqual([...a.errors, ...b.errors], []);
  await context.close();
});

test('storage cleared by a tab that holds no name: the name typed in the other tab is saved again', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const a = await openApp(context, app.server.url);
  await a.getByRole('button', { name: 'Not now' }).click();
  const own = await a.evaluate((t) => window.discern.addDocument('Council notes', t), OWN_TEXT);
  await openDocument(a, 'Council notes');
  await tag(a, 'Ministers met on Monday', '1');
  // The second tab opens before the reader gives their name in the first: it holds none.
  const b = await openApp(context, app.server.url);
  await a.bringToFront();
  await a.getByLabel('Your name').pressSequentially('Keeper', { delay: 20 });
  await a.waitForFunction(() => JSON.parse(localStorage.getItem('discern/v1/meta'))?.annotator === 'Keeper');
  await b.waitForTimeout(300);
  // The second tab clears the storage and is busy while the first writes its work back, so
  // it hears of those writes once they are all made (one of the orders the browser takes).
  await b.evaluate(() => {
    localStorage.clear();
    const t = Date.now();
    while (Date.now() - t < 1500);
  });
  await a.locator('.notice').waitFor();
  await a.waitForFunction((d) => localStorage.getItem(`discern/v1/ann/${d}`), own);
  await b.waitForFunction((d) => localStorage.getItem(`discern/v1/ann/${d}`), own);
  await b.waitForTimeout(700);
  assert.equal((await stored(b, 'discern/v1/meta')).annotator, 'Keeper');
  const c = await openApp(context, app.server.url);
  assert.equal(await c.getByLabel('Your name').inputValue(), 'Keeper');
  assert.equal(await c.evaluate((d) => window.discern.annotations(d).length, own), 1);
  assert.deepEqual([...a.errors, ...b.errors, ...c.errors], []);
  await context.close();
});

test('a document too big to keep: named with its size, the rest of the work saved', async () => {
  const { context, page } = await app.fresh();
  await page.getByRole('button', { name: 'Not now' }).click();
  const small = await page.evaluate((t) => window.discern.addDocument('Council notes', t), OWN_TEXT);
  const huge = await page.evaluate(() => window.discern.addDocument('Huge', 'word '.repeat(1100000)));
  const warning = page.locator('.storage-warning');
  await warning.waitFor();
  const said = await warning.innerText();
  assert.match(said, /“Huge” \(5\.5 million characters\) cannot be kept in this browser: with your other articles it needs more room than the storage has/);
  assert.match(said, /Its tags are saved/);
  assert.match(said, /reading pack/);
  // A tag on it is saved, under its own key.
  await page.evaluate((d) => window.discern.addAnnotations(d, [{ start: 5, end: 9, label: 'claim' }]), huge);
  await page.waitForFunction((d) => localStorage.getItem(`discern/v1/ann/${d}`), huge);
  await screenshot(page, 'document-too-big');

  await openDocument(page, WIRE);
  await tag(page, 'President Donald Trump has invited', '1');
  const wire = await docIdOf(page, F001);
  await page.waitForFunction((d) => localStorage.getItem(`discern/v1/ann/${d}`), wire);
  await page.reload();
  await page.waitForFunction(() => window.discern && document.querySelector('.app-head'));
  assert.equal(await page.evaluate((d) => window.discern.annotations(d).length, wire), 1);
  const titles = await page.evaluate(() => window.discern.documents().map((d) => d.title));
  assert.ok(titles.includes('Council notes'), 'the document that fits is kept');
  assert.ok(!titles.includes('Huge'));
  assert.ok(small);
  // The same text added again brings its saved tag back at once, without a reload.
  await page.evaluate(() => window.discern.addDocument('Huge', 'word '.repeat(1100000)));
  await page.waitForFunction((d) => window.discern.annotations(d).length === 1, huge);
  assert.equal((await page.evaluate((d) => window.discern.annotations(d), huge))[0].text, 'word');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('stored data that fails a check is copied aside before anything is written', async () => {
  const { context, page } = await app.fresh();
  await page.getByRole('button', { name: 'Not now' }).click();
  const docs = await page.evaluate(() => window.discern.documents().map((d) => d.id));
  const [one, two] = docs;
  const ann = (id, doc, start, end) => ({
    id, document: doc, start, end, label: 'claim', note: '', annotator: '', created: '2026-01-01T00:00:00Z', modified: '2026-01-01T00:00:00Z',
  });
  const first = JSON.stringify({ schema: 1, annotations: [ann('good', one, 0, 5), ann('backwards', one, 20, 10)] });
  const second = JSON.stringify({ schema: 1, annotations: [ann('good', two, 30, 40), ann('fine', two, 50, 60)] });
  await page.evaluate(([a, b, x, y]) => {
    localStorage.setItem(`discern/v1/ann/${a}`, x);
    localStorage.setItem(`discern/v1/ann/${b}`, y);
  }, [one, two, first, second]);
  await page.reload();
  await page.waitForFunction(() => window.discern && document.querySelector('.app-head'));
  const warning = page.locator('.storage-warning');
  await warning.waitFor();
  const said = await warning.innerText();
  assert.match(said, /backwards/);
  assert.match(said, /\(good\).*another annotation has the same id/s);
  assert.doesNotMatch(said, /already tagged/);
  assert.match(said, /kept aside/);
  assert.deepEqual(await page.evaluate(([a, b]) => [
    localStorage.getItem(`discern/aside/discern/v1/ann/${a}`),
    localStorage.getItem(`discern/aside/discern/v1/ann/${b}`),
  ], [one, two]), [first, second]);
  await screenshot(page, 'failed-check-kept-aside');

  // Saving afterwards keeps one annotation per id, and never touches the copies.
  await openDocument(page, WIRE);
  await tag(page, 'President Donald Trump has invited', '1');
  await page.waitForTimeout(600);
  const all = await page.evaluate(() => window.discern.annotations());
  assert.equal(all.filter((x) => x.id === 'good').length, 1);
  assert.equal(all.length, 3);
  assert.equal(await page.evaluate((b) => localStorage.getItem(`discern/aside/discern/v1/ann/${b}`), two), second);
  await page.reload();
  await page.waitForFunction(() => window.discern && document.querySelector('.app-head'));
  assert.equal((await page.evaluate(() => window.discern.annotations())).filter((x) => x.id === 'good').length, 1);
  assert.deepEqual(page.errors, []);
  await context.close();
});

/** Two tabs on the wire report, one tag made in the first, its details open in both. */
async function twoTabsOnOneTag() {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const one = await openApp(context, app.server.url);
  await one.getByRole('button', { name: 'Not now' }).click();
  const two = await openApp(context, app.server.url);
  await openDocument(one, WIRE);
  await openDocument(two, WIRE);
  await tag(one, 'President Donald Trump has invited', '1');
  await two.waitForSelector('mark[data-labels~=claim]');
  await two.locator('mark[data-labels~=claim]').first().click();
  await one.locator('mark[data-labels~=claim]').first().click();
  return { context, one, two };
}

test('two tabs typing in turn in the same note lose no keystroke', async () => {
  const { context, one, two } = await twoTabsOnOneTag();
  const note = (p) => p.locator('.details textarea.note');

  const type = async (page, text) => {
    await page.bringToFront();
    await note(page).click();
    await page.keyboard.press('End');
    await page.keyboard.type(text, { delay: 30 });
  };
  await type(one, 'alpha ');
  await two.waitForFunction(() => document.querySelector('.details textarea.note').value === 'alpha ');
  await type(two, 'beta ');
  await one.waitForFunction(() => document.querySelector('.details textarea.note').value === 'alpha beta ');
  await type(one, 'gamma');
  for (const page of [one, two]) {
    await page.waitForFunction(() => window.discern.annotations()[0]?.note === 'alpha beta gamma');
    assert.equal(await note(page).inputValue(), 'alpha beta gamma');
  }
  await one.reload();
  await one.waitForFunction(() => window.discern && document.querySelector('.app-head'));
  assert.equal((await one.evaluate(() => window.discern.annotations()))[0].note, 'alpha beta gamma');
  assert.deepEqual([...one.errors, ...two.errors], []);
  await context.close();
});

test('two tabs typing in the same note at once keep every character, and agree', async () => {
  const { context, one, two } = await twoTabsOnOneTag();
  const type = async (page, text) => {
    await page.bringToFront();
    await page.locator('.details textarea.note').click();
    await page.keyboard.press('End');
    await page.keyboard.type(text, { delay: 40 });
  };
  // No waiting between the tabs: each one's keystrokes cross the other's saves.
  await type(one, 'alpha ');
  await type(two, 'beta ');
  await type(one, 'gamma');
  const sorted = (t) => [...t].sort().join('');
  const want = sorted('alpha beta gamma');
  for (const page of [one, two]) {
    await page.waitForFunction((w) => {
      const note = window.discern.annotations()[0]?.note ?? '';
      return [...note].sort().join('') === w;
    }, want, { timeout: 5000 });
  }
  const notes = await Promise.all([one, two].map((p) => p.evaluate(() => window.discern.annotations()[0].note)));
  assert.equal(notes[0], notes[1]);
  assert.equal(sorted(notes[0]), want);
  // Each tab's caret stayed with its own typing: no word is split by the other tab's.
  const words = notes[0].split(' ');
  for (const word of ['alpha', 'beta', 'gamma']) {
    assert.ok(words.includes(word), `"${word}" whole in ${JSON.stringify(notes[0])}`);
  }
  assert.deepEqual([...one.errors, ...two.errors], []);
  await context.close();
});

test("a keystroke made while another tab's note is being taken in is kept", async () => {
  const { context, page } = await app.fresh();
  await page.getByRole('button', { name: 'Not now' }).click();
  await openDocument(page, WIRE);
  await tag(page, 'President Donald Trump has invited', '1');
  await page.locator('mark[data-labels~=claim]').first().click();
  await page.waitForTimeout(500);
  const doc = await docIdOf(page, F001);
  // Another tab's save ("alpha ") and this tab's keystroke ("b") in one task: the page hears
  // of the other tab's write before it has drawn its own keystroke. (The storage event is
  // sent here, as the browser would, because only then does the timing hold every time.)
  await page.evaluate((d) => {
    const key = `discern/v1/ann/${d}`;
    const stored = JSON.parse(localStorage.getItem(key));
    stored.annotations[0].note = 'alpha ';
    localStorage.setItem(key, JSON.stringify(stored));
    const note = document.querySelector('.details textarea.note');
    note.value = 'b';
    note.dispatchEvent(new InputEvent('input', { bubbles: true }));
    window.dispatchEvent(new StorageEvent('storage', { key, storageArea: localStorage }));
  }, doc);
  await page.waitForFunction(() => window.discern.annotations()[0].note === 'alpha b');
  await page.waitForFunction((d) => JSON.parse(localStorage.getItem(`discern/v1/ann/${d}`)).annotations[0].note === 'alpha b', doc);
  assert.equal(await page.locator('.details textarea.note').inputValue(), 'alpha b');
  assert.deepEqual(page.errors, []);
  await context.close();
});

/** A tag on the wire report with its details open; the key of its document's annotations. */
async function oneNoteOpen() {
  const { context, page } = await app.fresh();
  await page.getByRole('button', { name: 'Not now' }).click();
  await openDocument(page, WIRE);
  await tag(page, 'President Donald Trump has invited', '1');
  await page.locator('mark[data-labels~=claim]').first().click();
  const key = `discern/v1/ann/${await docIdOf(page, F001)}`;
  return { context, page, key };
}

/** Waits until the note stored under `key` is `note`. */
const noteSaved = (page, key, note) => page.waitForFunction(
  ([k, n]) => JSON.parse(localStorage.getItem(k)).annotations[0].note === n,
  [key, note],
);

/** (In the page.) Another tab saves `note` into the annotation; this tab hears of it. */
const otherTabSaves = ([key, note]) => {
  const stored = JSON.parse(localStorage.getItem(key));
  stored.annotations[0].note = note;
  localStorage.setItem(key, JSON.stringify(stored));
  window.dispatchEvent(new StorageEvent('storage', { key, storageArea: localStorage }));
};

test("a word another tab was finishing when this tab typed after it stays whole, and this tab's caret stays with its typing", async () => {
  const { context, page, key } = await oneNoteOpen();
  const note = page.locator('.details textarea.note');
  await note.click();
  await page.keyboard.type('al', { delay: 30 });
  await noteSaved(page, key, 'al');
  // In one task: the other tab, which had "al" too, saves "alpha "; this tab's reader types
  // "b" after the "al" they see, before this tab hears of it.
  await page.evaluate((k) => {
    const stored = JSON.parse(localStorage.getItem(k));
    stored.annotations[0].note = 'alpha ';
    localStorage.setItem(k, JSON.stringify(stored));
    const t = document.querySelector('.details textarea.note');
    t.setRangeText('b', 2, 2, 'end');
    t.dispatchEvent(new InputEvent('input', { bubbles: true }));
    window.dispatchEvent(new StorageEvent('storage', { key: k, storageArea: localStorage }));
  }, key);
  await page.waitForFunction(() => window.discern.annotations()[0].note.length === 7);
  // The reader goes on typing their word where their caret is.
  await page.keyboard.type('eta ', { delay: 30 });
  await page.waitForFunction(() => window.discern.annotations()[0].note.length === 11);
  assert.equal(await note.inputValue(), 'alpha beta ');
  await noteSaved(page, key, 'alpha beta ');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("text another tab puts into the note moves this tab's caret only by what it put before it", async () => {
  const { context, page, key } = await oneNoteOpen();
  const note = page.locator('.details textarea.note');
  await note.click();
  await page.keyboard.type('alpha gamma', { delay: 20 });
  await noteSaved(page, key, 'alpha gamma');
  // The reader puts the caret after "alpha ", to add a word there.
  await note.evaluate((t) => t.setSelectionRange(6, 6));
  const caret = () => note.evaluate((t) => [t.value, t.selectionStart, t.selectionEnd]);
  await page.evaluate(otherTabSaves, [key, 'zero alpha gamma']);
  await page.waitForFunction(() => window.discern.annotations()[0].note === 'zero alpha gamma');
  assert.deepEqual(await caret(), ['zero alpha gamma', 11, 11], 'moved along by "zero "');
  await page.evaluate(otherTabSaves, [key, 'zero alpha gamma delta']);
  await page.waitForFunction(() => window.discern.annotations()[0].note === 'zero alpha gamma delta');
  assert.deepEqual(await caret(), ['zero alpha gamma delta', 11, 11], 'left where it was');
  await page.keyboard.type('beta ', { delay: 20 });
  await page.waitForFunction(() => window.discern.annotations()[0].note.length === 27);
  assert.equal(await note.inputValue(), 'zero alpha beta gamma delta');
  await noteSaved(page, key, 'zero alpha beta gamma delta');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a file of 100,000 annotations is imported in slices, with the page free between them, as one undoable step', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await openApp(context, app.server.url);
  await page.getByRole('button', { name: 'Not now' }).click();
  const live = (await page.evaluate(() => window.discern.documents())).find((d) => d.title.startsWith('Live page'));
  const annotations = Array.from({ length: 100_000 }, (_, i) => {
    const start = (i * 7919) % (live.length - 80);
    return { id: `m${i}`, document: live.id, label: ['claim', 'quote', 'opinion'][i % 3], start, end: start + 1 + (i % 60) };
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'discern-'));
  const file = path.join(dir, 'many.json');
  fs.writeFileSync(file, JSON.stringify({ format: 'discern.annotations', version: 1, annotator: 'Class', annotations }));
  // A timer that ticks in the page whenever the page is free, and what the progress bar shows.
  await page.evaluate(() => {
    window.__ticks = 0;
    window.__shown = [];
    window.__timer = setInterval(() => { window.__ticks += 1; }, 5);
    new MutationObserver(() => {
      const p = document.querySelector('.import-progress progress');
      if (p) window.__shown.push([Number(p.value), window.__ticks]);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByLabel('Import annotation files').setInputFiles(file);
  await page.locator('.import-report').waitFor();
  await screenshot(page, 'import-many');
  assert.match(await page.locator('.import-report').innerText(), /100000 annotations added/);
  // They are more than local storage holds: the warning names them, and the rest is saved.
  const warning = page.locator('.storage-warning');
  await warning.waitFor();
  assert.match(await warning.innerText(), /Discern cannot save the 100000 annotations of “Live page: Bukele meets Trump at the White House” in this browser \(QuotaExceededError: the storage has no room for them\): they are kept in this tab only, and the rest of your work is saved/);
  assert.ok(await page.evaluate(() => localStorage.getItem('discern/v1/meta')), 'the rest is saved');
  const shown = await page.evaluate(() => { clearInterval(window.__timer); return window.__shown; });
  // The bar showed and only ever grew, and the page ran its timer between the slices.
  assert.ok(shown.length > 2, `the progress showed ${shown.length} times`);
  const values = shown.map(([v]) => v);
  assert.deepEqual(values, [...values].sort((a, b) => a - b));
  assert.ok(shown.at(-1)[1] > shown[0][1], 'the page was never free during the import');
  assert.equal(await page.locator('.import-progress').count(), 0);
  const counted = await page.evaluate((d) => window.discern.annotations(d).length, live.id);
  assert.equal(counted, 100_000);
  // One step to undo.
  await page.getByRole('button', { name: /Undo/ }).click();
  assert.equal(await page.evaluate((d) => window.discern.annotations(d).length, live.id), 0);
  assert.deepEqual(page.errors, []);
  fs.rmSync(dir, { recursive: true, force: true });
  await context.close();
});

test('a 5 MB article opens a batch of blocks at a time: the page is drawn at once, the whole text follows, a highlight asked for far down is shown when it is drawn', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await openApp(context, app.server.url);
  await page.getByRole('button', { name: 'Not now' }).click();
  const para = 'The minister said the plan would cost less. Critics called it reckless 👍🏽.\n\n';
  const text = para.repeat(Math.ceil(5_000_000 / [...para].length));
  const length = [...text].length;
  const doc = await page.evaluate((t) => window.discern.addDocument('Long', t), text);
  // One tag at the very end: "reckless" of the last paragraph.
  const start = length - [...'reckless 👍🏽.\n\n'].length;
  await page.evaluate(([d, s]) => window.discern.addAnnotations(d, [{ start: s, end: s + 8, label: 'opinion' }]), [doc, start]);
  // Just after the first frame after the click, the top of the text is there and most of it
  // is not drawn yet.
  const first = await page.evaluate((d) => new Promise((resolve) => {
    document.querySelector(`.doc-card[data-doc="${d}"] h2 a`).click();
    requestAnimationFrame(() => setTimeout(() => resolve({
      lines: document.querySelectorAll('#doc-text .line').length,
      pending: document.querySelectorAll('#doc-text [data-pending]').length,
      blocks: document.querySelectorAll('#doc-text .block').length,
    })));
  }), doc);
  assert.ok(first.lines > 0, 'the top of the text is drawn at once');
  assert.ok(first.pending > first.blocks / 2, `${first.pending} of ${first.blocks} blocks are still to draw`);
  // Chosen from the list before its block is drawn, the highlight at the end is scrolled
  // into view once it is drawn.
  await page.locator('.side .item-btn').first().click();
  const mark = page.locator('#doc-text mark[data-labels="opinion"]');
  await mark.waitFor();
  const box = await mark.boundingBox();
  assert.ok(box && box.y >= 0 && box.y < 900, `the highlight is in view (${box && box.y})`);
  assert.equal(await mark.innerText(), 'reckless');
  // Then the whole text is drawn, exactly.
  await page.waitForFunction(() => !document.querySelector('#doc-text [data-pending]'), null, { timeout: 20_000 });
  assert.equal(await page.evaluate(() => document.getElementById('doc-text').textContent), text);
  await screenshot(page, 'long-article-end');
  assert.deepEqual(page.errors, []);
  await context.close();
});
