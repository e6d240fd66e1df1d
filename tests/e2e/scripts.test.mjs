// Any script: an article of English, Arabic, Hebrew, a mixed line and Japanese is added; each
// line takes its own direction, and words of each script tagged with the mouse or selected
// with Shift and the arrow keys give exact code points, checked by slicing the text as Python
// and the W3C model count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, tag, cpSlice, screenshot } from './helpers.mjs';

const app = appUnderTest();

const LINES = [
  ['The minister spoke on Tuesday 🇸🇻 about the new bridge.', 'ltr'],
  ['قال الوزير إن الجسر الجديد سيفتح في مايو.', 'rtl'],
  ['השר אמר שהגשר החדש ייפתח במאי.', 'rtl'],
  ['الرئيس Bukele said "Tuesday" في المؤتمر.', 'rtl'],
  ['大臣は新しい橋が五月に開通すると述べた。', 'ltr'],
];

const text = LINES.map(([l]) => l).join('\n');

/** Adds the article of LINES to the library, as a reader pastes it, and opens it. */
async function addScripts(page) {
  await page.getByRole('button', { name: 'Not now' }).click();
  await page.getByText('Add your own article').click();
  await page.getByLabel('Title').fill('Scripts');
  await page.getByLabel('Text', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Add to the library' }).click();
  await page.getByRole('link', { name: 'Scripts' }).click();
  await page.locator('#doc-text .line').first().waitFor();
}

test('Arabic, Hebrew and mixed lines read right to left; drags over them tag exact code points', async () => {
  const { context, page } = await app.fresh();
  await addScripts(page);
  // Each line's direction, as the browser resolved it.
  const dirs = await page.locator('#doc-text .line').evaluateAll((ls) =>
    ls.map((l) => [l.textContent.replace(/\n$/, ''), getComputedStyle(l).direction]));
  assert.deepEqual(dirs, LINES.map(([l, d]) => [l, d]));
  // The whole text is the document, exactly.
  assert.equal(await page.locator('#doc-text').evaluate((el) => el.textContent.replace(/\n$/, '')), text);
  // Drags over an Arabic word, a Hebrew word, Japanese characters and the English word in the
  // mixed line; each tag is exactly those code points.
  const picks = [['الجسر', '1'], ['החדש', '2'], ['開通', '3'], ['Bukele', '2']];
  for (const [word, key] of picks) await tag(page, word, key);
  await page.waitForTimeout(400);
  const anns = await page.evaluate(() => window.discern.annotations());
  const got = anns.map((a) => cpSlice(text, a.start, a.end)).sort();
  assert.deepEqual(got, picks.map(([w]) => w).sort());
  // The exported offsets count code points (the flag before them is two).
  for (const a of anns) {
    assert.equal(a.text, cpSlice(text, a.start, a.end));
  }
  await screenshot(page, 'scripts');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('keyboard selections in right-to-left lines tag exact code points; Japanese snaps to whole characters', async () => {
  const { context, page } = await app.fresh();
  await addScripts(page);
  /** Puts the caret before `needle`, holds Shift and presses `arrow` `times` times, then `key`. */
  const select = async (needle, arrow, times, key) => {
    await page.locator('#doc-text').focus();
    await page.evaluate((needle) => {
      const walker = document.createTreeWalker(document.getElementById('doc-text'), NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.data.indexOf(needle);
        if (i >= 0) return getSelection().collapse(n, i);
      }
      throw new Error(`not in the text: ${needle}`);
    }, needle);
    for (let i = 0; i < times; i++) await page.keyboard.press(`Shift+${arrow}`);
    const before = await page.locator('#doc-text mark').count();
    await page.keyboard.press(key);
    await page.waitForFunction((n) => document.querySelectorAll('#doc-text mark').length !== n, before);
  };
  // In a right-to-left line the left arrow goes on through the text.
  await select('الوزير', 'ArrowLeft', 'الوزير'.length, '1');
  // Snapping off: exactly the three letters selected, in the middle of a Hebrew word.
  await page.getByLabel('Snap to whole words').uncheck();
  await select('הגשר', 'ArrowLeft', 3, '2');
  // Snapping on again: two Japanese characters stay two (each is a word of its own).
  await page.getByLabel('Snap to whole words').check();
  await select('新し', 'ArrowRight', 2, '3');
  // Back from the end of an Arabic word with the right arrow: the same word.
  await select(' سيفتح', 'ArrowRight', 'الجديد'.length, '2');
  await page.waitForTimeout(400);
  const anns = await page.evaluate(() => window.discern.annotations());
  const got = anns.map((a) => [a.label, cpSlice(text, a.start, a.end)]);
  assert.deepEqual(got.sort(), [['claim', 'الوزير'], ['opinion', '新し'], ['quote', 'الجديد'], ['quote', 'הגש']].sort());
  for (const a of anns) assert.equal(a.text, cpSlice(text, a.start, a.end));
  assert.equal(await page.locator('#doc-text').evaluate((el) => el.textContent.replace(/\n$/, '')), text);
  await screenshot(page, 'scripts-keyboard');
  assert.deepEqual(page.errors, []);
  await context.close();
});
