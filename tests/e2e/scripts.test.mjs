// Any script: an article of English, Arabic, Hebrew, a mixed line and Japanese is added; each
// line takes its own direction, and words of each script tagged with the mouse give exact
// code points, checked by slicing the text as Python and the W3C model count.
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

test('Arabic, Hebrew and mixed lines read right to left; drags over them tag exact code points', async () => {
  const { context, page } = await app.fresh();
  await page.getByRole('button', { name: 'Not now' }).click();
  await page.getByText('Add your own article').click();
  const text = LINES.map(([l]) => l).join('\n');
  await page.getByLabel('Title').fill('Scripts');
  await page.getByLabel('Text', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Add to the library' }).click();
  await page.getByRole('link', { name: 'Scripts' }).click();
  await page.locator('#doc-text .line').first().waitFor();
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
