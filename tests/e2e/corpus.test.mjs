// The four built-in articles: listed in the library with honest titles, rendered exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appUnderTest, openApp, corpusText, CORPUS_FILES, openDocument, screenshot,
} from './helpers.mjs';

const app = appUnderTest();

const TITLES = [
  "Bukele announces Trump's invitation to the White House",
  "Trump invites El Salvador's leader to the White House (Washington report)",
  'Bukele to visit Trump: an opinion piece with embedded posts',
  'Live page: Bukele meets Trump at the White House',
];

test('the library lists the four built-in articles with what their texts show', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await openApp(context, app.server.url);
  const cards = page.locator('.doc-card');
  assert.equal(await cards.count(), 4);
  for (const [i, title] of TITLES.entries()) {
    assert.equal(await cards.nth(i).locator('h2').innerText(), title);
  }
  const facts = await page.locator('.doc-facts').allInnerTexts();
  assert.match(facts[0], /2025-04-03 · by Christian K\. Caruzo · 3710 characters/);
  assert.equal(facts[1], '2467 characters');
  assert.equal(facts[2], '4573 characters');
  assert.match(facts[3], /2025-04-14 · BBC · 22028 characters/);
  assert.match(await cards.first().innerText(), /0% tagged/);
  await screenshot(page, 'library');
  assert.deepEqual(page.errors, []);
  await context.close();
});

for (const [i, file] of CORPUS_FILES.entries()) {
  test(`article ${file} renders its text exactly, white space and emoji included`, async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openApp(context, app.server.url);
    await openDocument(page, TITLES[i]);
    const rendered = await page.locator('#doc-text').evaluate((el) => el.textContent);
    const expected = corpusText(file);
    assert.equal(rendered.length, expected.length, 'UTF-16 length');
    assert.ok(rendered === expected, 'rendered text differs from the corpus file');
    // White space is kept as written: line breaks and indentation show.
    const ws = await page.locator('#doc-text').evaluate((el) => getComputedStyle(el).whiteSpace);
    assert.equal(ws, 'pre-wrap');
    assert.equal(await page.locator('h1').innerText(), TITLES[i]);
    await screenshot(page, `reader-${file.slice(0, 3)}`);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

test('on a 360 px phone the text wraps inside the screen', async () => {
  const context = await app.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await openApp(context, app.server.url);
  await openDocument(page, TITLES[2]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  assert.equal(await page.locator('#doc-text').evaluate((el) => el.textContent), corpusText(CORPUS_FILES[2]));
  await screenshot(page, 'reader-002-phone');
  await context.close();
});
