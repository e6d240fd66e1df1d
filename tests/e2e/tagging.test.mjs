// Tagging as a reader does it: mouse drags, keys, the toolbar, highlights, undo and redo,
// reloads. Offsets are checked against the corpus files with Python's own slicing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appUnderTest, openApp, openDocument, dragOver, docIdOf, pythonSlice, screenshot, corpusText,
} from './helpers.mjs';

const app = appUnderTest();

const OPINION_PIECE = 'Bukele to visit Trump: an opinion piece with embedded posts';
const LIVE_PAGE = 'Live page: Bukele meets Trump at the White House';
const F002 = '002_0d060278c02bdc2e.txt';
const F003 = '003_db9c15911bdacefb.txt';


const annotations = (page, doc) => page.evaluate((d) => window.discern.annotations(d), doc);

test('a mouse drag after the emoji of 002, a key press, a reload: offsets index the corpus by code points', async () => {
  const { context, page } = await app.fresh();
  await openDocument(page, OPINION_PIECE);
  const doc = await docIdOf(page, F002);
  // After all eight astral code points of the article (the last is 😂); start mid-word.
  await dragOver(page, 'ank you for your assistance and friendsh');
  await page.waitForSelector('.tag-toolbar');
  // Watch which chunks of the text change when the key is pressed.
  await page.evaluate(() => {
    window.__touched = new Set();
    window.__observer = new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        window.__touched.add(el.closest('[id^="c"]')?.id ?? 'outside a chunk');
      }
    });
    window.__observer.observe(document.getElementById('doc-text'), {
      subtree: true, childList: true, characterData: true, attributes: true,
    });
  });
  await page.keyboard.press('1');
  await page.waitForSelector('mark.hl[data-labels~=claim]');
  const touched = await page.evaluate(() => [...window.__touched]);
  assert.equal(touched.length, 1, `only the tagged chunk re-renders, not ${touched}`);
  const chunkText = await page.locator(`#${touched[0]}`).evaluate((el) => el.textContent);
  assert.ok(chunkText.includes('Thank you for your assistance and friendship'));
  const [a] = await annotations(page, doc);
  assert.equal(a.label, 'claim');
  assert.equal(a.text, 'Thank you for your assistance and friendship', 'snapped to whole words');
  assert.equal(pythonSlice(F002, a.start, a.end), a.text);
  // JavaScript's UTF-16 index is 8 further on: every astral character before it counts twice.
  assert.equal(corpusText(F002).indexOf(a.text), a.start + 8);
  // The highlight shows exactly those words.
  const shown = await page.locator('mark[data-labels~=claim]').evaluateAll((ms) => ms.map((m) => m.textContent).join(''));
  assert.equal(shown, a.text);
  await screenshot(page, 'tagged-002');

  await page.reload();
  await page.waitForSelector('mark.hl[data-labels~=claim]');
  const [b] = await annotations(page, doc);
  assert.deepEqual(b, a, 'a reload restores the annotation exactly');
  assert.equal(await page.locator('.reader h1').innerText(), OPINION_PIECE, 'the open document is restored');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a span over the flags and the skin-tone emoji keeps whole graphemes', async () => {
  const { context, page } = await app.fresh();
  await openDocument(page, OPINION_PIECE);
  const doc = await docIdOf(page, F002);
  // Start on the second flag's letters and end inside a link: whole flags, whole words.
  await dragOver(page, '🇸🇻🤝🏼🇺🇸 pic');
  await page.keyboard.press('q');
  await page.waitForSelector('mark.hl[data-labels~=quote]');
  const [a] = await annotations(page, doc);
  assert.equal(a.text, '🇸🇻🤝🏼🇺🇸 pic.twitter.com', 'a link is one word');
  assert.equal(pythonSlice(F002, a.start, a.end), a.text);
  assert.equal(a.start, 2109);
  await context.close();
});

test('words of other scripts snap whole: the browser says which characters are letters and digits', async () => {
  const { context, page } = await app.fresh();
  const text = 'Οι Ἀθῆναι και οι Δελφοί.\nहिन्दी समाचार पढ़ें।\nالسعر ١٢٥ دينار\n';
  const doc = await page.evaluate((t) => window.discern.addDocument('Other scripts', t), text);
  await openDocument(page, 'Other scripts');
  const cases = [
    // Greek with breathings and accents (letters beyond ASCII).
    ['θῆν', 'c', 'Ἀθῆναι'],
    // Devanagari: vowel signs and a virama inside words, two words.
    ['न्दी सम', 'q', 'हिन्दी समाचार'],
    // Arabic-Indic digits are digits.
    ['٢', 'o', '١٢٥'],
  ];
  for (const [needle, key, whole] of cases) {
    const known = new Set((await annotations(page, doc)).map((x) => x.id));
    await dragOver(page, needle);
    await page.keyboard.press(key);
    await page.waitForFunction(([d, n]) => window.discern.annotations(d).length > n, [doc, known.size]);
    const a = (await annotations(page, doc)).find((x) => !known.has(x.id));
    assert.equal(a.text, whole, `${needle} snaps to ${whole}`);
    assert.equal(Array.from(text).slice(a.start, a.end).join(''), whole, 'code point offsets');
  }
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('overlapping and nested quote and claim in 003 both show; the same tag twice is refused', async () => {
  const { context, page } = await app.fresh();
  await openDocument(page, LIVE_PAGE);
  const doc = await docIdOf(page, F003);
  await dragOver(page, "That's up to El Salvador if they want to return him, that's not up to us");
  await page.keyboard.press('2');
  await page.waitForSelector('mark[data-labels~=quote]');
  await dragOver(page, 'El Salvador if they want to return him', 1);
  await page.keyboard.press('c');
  await page.waitForSelector('mark[data-labels~=claim][data-labels~=quote]');
  // An opinion that overlaps the quote's end without nesting.
  await dragOver(page, 'not up to us," Bondi says');
  await page.keyboard.press('3');
  await page.waitForSelector('mark[data-labels~=opinion]');
  const list = await annotations(page, doc);
  assert.deepEqual(list.map((a) => a.label).sort(), ['claim', 'opinion', 'quote']);
  for (const a of list) assert.equal(pythonSlice(F003, a.start, a.end), a.text);
  const quote = list.find((a) => a.label === 'quote');
  const claim = list.find((a) => a.label === 'claim');
  assert.ok(quote.start < claim.start && claim.end < quote.end, 'claim nested in quote');
  // Both labels show on the nested part, each with its badge.
  const both = page.locator('mark[data-labels~=claim][data-labels~=quote]');
  assert.equal(await both.evaluateAll((ms) => ms.map((m) => m.textContent).join('')), claim.text);
  const badges = await page.locator('mark[data-badge]').evaluateAll((ms) => ms.map((m) => m.dataset.badge));
  assert.deepEqual(badges.sort(), ['C', 'O', 'Q']);
  await screenshot(page, 'overlap-003');

  // The same range with the same label again: refused, with a message.
  await dragOver(page, 'El Salvador if they want to return him', 1);
  await page.keyboard.press('1');
  await page.waitForSelector('.notice[data-refused]');
  assert.equal(await page.locator('.notice').innerText(), 'Not tagged: this passage is already tagged as claim');
  assert.equal((await annotations(page, doc)).length, 3);
  // A refusal names what was refused: adding through the JavaScript API is not tagging.
  await page.evaluate(([d, s, e]) => window.discern.addAnnotations(d, [{ start: s, end: e, label: 'claim' }]),
    [doc, claim.start, claim.end]);
  await page.waitForFunction(() => document.querySelector('.notice')?.textContent.startsWith('Not added'));
  assert.equal(await page.locator('.notice').innerText(), 'Not added: this passage is already tagged as claim');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('undo and redo by keys and buttons', async () => {
  const { context, page } = await app.fresh();
  await openDocument(page, LIVE_PAGE);
  const doc = await docIdOf(page, F003);
  await dragOver(page, 'Bondi says, noting');
  await page.keyboard.press('1');
  await dragOver(page, 'a citizen of El Salvador');
  await page.keyboard.press('3');
  await page.waitForSelector('mark[data-labels~=opinion]');
  assert.equal((await annotations(page, doc)).length, 2);
  await page.keyboard.press('Control+z');
  await page.waitForSelector('mark[data-labels~=opinion]', { state: 'detached' });
  assert.deepEqual((await annotations(page, doc)).map((a) => a.label), ['claim']);
  await page.keyboard.press('Control+z');
  await page.waitForSelector('mark.hl', { state: 'detached' });
  assert.equal((await annotations(page, doc)).length, 0);
  await page.keyboard.press('Control+Shift+z');
  await page.waitForSelector('mark[data-labels~=claim]');
  await page.keyboard.press('Control+Shift+Z');
  await page.waitForSelector('mark[data-labels~=opinion]');
  assert.equal((await annotations(page, doc)).length, 2);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.waitForSelector('mark[data-labels~=opinion]', { state: 'detached' });
  await page.getByRole('button', { name: 'Redo' }).click();
  await page.waitForSelector('mark[data-labels~=opinion]');
  // After a reload the work is there, undo history or not.
  await page.reload();
  await page.waitForSelector('mark[data-labels~=opinion]');
  assert.equal((await annotations(page, doc)).length, 2);
  await context.close();
});

test('the toolbar by the selection, the word-snap toggle, and keyboard selection', async () => {
  const { context, page } = await app.fresh();
  await openDocument(page, OPINION_PIECE);
  const doc = await docIdOf(page, F002);
  // Snap off: a part of a word stays a part.
  await page.getByLabel('Snap to whole words').uncheck();
  await dragOver(page, 'ollowing statem');
  const toolbar = page.getByRole('toolbar', { name: 'Tag the selection' });
  await toolbar.waitFor();
  await screenshot(page, 'toolbar');
  await toolbar.getByRole('button', { name: /Opinion/ }).click();
  await page.waitForSelector('mark[data-labels~=opinion]');
  let list = await annotations(page, doc);
  assert.equal(list[0].text, 'ollowing statem');
  assert.equal(pythonSlice(F002, list[0].start, list[0].end), 'ollowing statem');
  await page.getByLabel('Snap to whole words').check();

  // Keyboard only: put the caret in the text, extend with Shift+arrows, press 2.
  await page.locator('#doc-text').focus();
  await page.evaluate(() => {
    const root = document.getElementById('doc-text');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.data.indexOf('Several media');
      if (i >= 0) {
        getSelection().collapse(n, i);
        return;
      }
    }
  });
  for (let i = 0; i < 'Several media'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('2');
  await page.waitForSelector('mark[data-labels~=quote]');
  list = await annotations(page, doc);
  const q = list.find((a) => a.label === 'quote');
  assert.equal(q.text, 'Several media');
  assert.equal(q.start, 0);
  // The text itself never changes under the keys.
  assert.equal(await page.locator('#doc-text').evaluate((el) => el.textContent), corpusText(F002));
  await context.close();
});

test('a highlight opens its details: relabel, note, speaker, delete; the side list filters and marks', async () => {
  const { context, page } = await app.fresh();
  await openDocument(page, LIVE_PAGE);
  const doc = await docIdOf(page, F003);
  await dragOver(page, 'Bondi says, noting');
  await page.keyboard.press('1');
  await dragOver(page, 'legal protection from deportation');
  await page.keyboard.press('3');
  await page.waitForSelector('mark[data-labels~=opinion]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.details', { state: 'detached' });

  await page.locator('mark[data-labels~=claim]').first().click();
  const details = page.locator('.details');
  await details.waitFor();
  assert.match(await details.locator('.details-quote').innerText(), /Bondi says, noting/);
  await details.getByRole('radio', { name: /Quote/ }).click();
  await page.waitForSelector('mark[data-labels~=quote]');
  await details.getByLabel('Why? (note)').fill('She reports what Bondi said.');
  await details.getByLabel('Speaker').fill('Pam Bondi');
  await page.waitForFunction(
    (d) => window.discern.annotations(d).some((a) => a.speaker === 'Pam Bondi'),
    doc,
  );
  let list = await annotations(page, doc);
  const q = list.find((a) => a.label === 'quote');
  assert.equal(q.note, 'She reports what Bondi said.');
  assert.equal(q.speaker, 'Pam Bondi');

  // The side list: in text order, filterable, and choosing one marks its highlight.
  const items = page.locator('.ann-list .item');
  assert.equal(await items.count(), 2);
  assert.match(await items.nth(0).innerText(), /Bondi says/);
  await page.locator('.chips').getByRole('button', { name: 'Opinion' }).click();
  assert.equal(await items.count(), 1);
  await items.first().getByRole('button').click();
  await page.waitForSelector('mark[data-labels~=opinion][data-active]');
  await page.locator('.chips').getByRole('button', { name: 'All' }).click();
  assert.equal(await items.count(), 2);
  assert.match(await page.locator('.reader-tools .counts').innerText(), /0\s*Claim[\s\S]*1\s*Quote[\s\S]*1\s*Opinion/);
  await screenshot(page, 'details');

  await page.locator('.details').getByRole('button', { name: 'Delete tag' }).click();
  await page.waitForSelector('mark[data-labels~=opinion]', { state: 'detached' });
  list = await annotations(page, doc);
  assert.deepEqual(list.map((a) => a.label), ['quote']);
  // Undo brings the deleted tag back, then the note and relabel unwind in order.
  await page.keyboard.press('Control+z');
  await page.waitForSelector('mark[data-labels~=opinion]');
  // Counts in the library.
  await page.getByRole('button', { name: '← Library' }).click();
  const card = page.locator('.doc-card').nth(3);
  assert.match(await card.innerText(), /C\s*0\s*Claim\s*Q\s*1\s*Quote\s*O\s*1\s*Opinion\s*0\.2% tagged/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('select all, then a key: the whole text is tagged, trimmed', async () => {
  const { context, page } = await app.fresh();
  await openDocument(page, OPINION_PIECE);
  const doc = await docIdOf(page, F002);
  // Select-all in an editable area gives points on the container itself, not in the text.
  await page.locator('#doc-text').focus();
  await page.evaluate(() => getSelection().selectAllChildren(document.getElementById('doc-text')));
  await page.keyboard.press('3');
  await page.waitForSelector('mark[data-labels~=opinion]');
  const [a] = await annotations(page, doc);
  const text = corpusText(F002);
  assert.equal(a.start, 0);
  assert.equal(a.text, text.trimEnd());
  assert.equal(pythonSlice(F002, a.start, a.end), text.trimEnd());
  await context.close();
});

test('Enter on a highlight at the caret opens it, by keyboard alone', async () => {
  const { context, page } = await app.fresh();
  await openDocument(page, LIVE_PAGE);
  await dragOver(page, 'Bondi says, noting');
  await page.keyboard.press('1');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.details', { state: 'detached' });
  await page.locator('#doc-text').focus();
  await page.evaluate(() => {
    const m = document.querySelector('mark[data-labels~=claim]');
    getSelection().collapse(m.firstChild, 3);
  });
  await page.keyboard.press('Enter');
  await page.locator('.details').waitFor();
  await context.close();
});

test('on a phone: a touch selection, then a tap on the toolbar', async () => {
  const context = await app.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await openApp(context, app.server.url);
  await page.getByRole('link', { name: OPINION_PIECE }).tap();
  await page.waitForSelector('#doc-text');
  const doc = await docIdOf(page, F002);
  // A long press selects a word and its handles widen it; the page sees a selection change.
  await page.evaluate(() => {
    const root = document.getElementById('doc-text');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.data.indexOf('Too late');
      if (i >= 0) {
        n.parentElement.scrollIntoView({ block: 'center' });
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 8);
        getSelection().removeAllRanges();
        getSelection().addRange(r);
        return;
      }
    }
  });
  const toolbar = page.getByRole('toolbar', { name: 'Tag the selection' });
  await toolbar.waitFor();
  await toolbar.getByRole('button', { name: /Opinion/ }).tap();
  await page.waitForSelector('mark[data-labels~=opinion]');
  const [a] = await annotations(page, doc);
  assert.equal(a.text, 'Too late');
  assert.equal(pythonSlice(F002, a.start, a.end), 'Too late');
  await screenshot(page, 'phone-tagged');
  await context.close();
});
