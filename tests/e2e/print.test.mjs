// Printing a document gives a handout: title and source, the reader's name and the date, the
// text with a numbered marker at each span and line styles that stay apart in black and
// white, a legend, and the numbered list of the annotations. Controls, prompts and the side
// panel never print. The test prints as the browser does (print media, then a PDF, kept in
// tests/output/ for people to look at).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  appUnderTest, openDocument, dragOver, docIdOf, screenshot, corpusText, OUTPUT,
} from './helpers.mjs';

const app = appUnderTest();
const LIVE_PAGE = 'Live page: Bukele meets Trump at the White House';
const F003 = '003_db9c15911bdacefb.txt';

/** Whether the element matching `selector` (the first) takes up room on the page. */
const shown = (page, selector) => page.evaluate((s) => {
  const el = document.querySelector(s);
  return Boolean(el) && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}, selector);

test('a printed document is a handout: who and when, numbered markers, a legend, the numbered list', async () => {
  const { context, page } = await app.fresh();
  await openDocument(page, LIVE_PAGE);
  const doc = await docIdOf(page, F003);
  await dragOver(page, 'Bondi says, noting');
  await page.keyboard.press('2');
  await dragOver(page, 'legal protection from deportation');
  await page.keyboard.press('3');
  // Two annotations open at one place: the longer one is numbered first.
  await dragOver(page, 'legal protection from');
  await page.keyboard.press('1');
  await page.waitForSelector('mark[data-labels~=claim]');
  await page.keyboard.press('Escape');
  await page.locator('mark[data-labels~=quote]').first().click();
  const details = page.locator('.details');
  await details.getByLabel('Why? (note)').fill('She reports what Bondi said & <means> it.');
  await details.getByLabel('Speaker').fill('Pam Bondi');
  await page.waitForFunction((d) => window.discern.annotations(d).some((a) => a.speaker === 'Pam Bondi'), doc);
  await page.keyboard.press('Escape');

  // On screen: no handout, no markers; the name prompt is showing.
  assert.ok(await shown(page, '.name-prompt'));
  assert.equal(await shown(page, '.handout-list'), false);
  assert.equal(await shown(page, '.doc-text .n'), false);

  await page.emulateMedia({ media: 'print' });
  await page.waitForFunction(() => document.querySelector('.handout-list li'));
  // Controls, prompts and the side panel do not print.
  for (const s of ['.app-head', '.name-prompt', '.side', '.reader-tools', '.reader-head .btn']) {
    assert.equal(await shown(page, s), false, `${s} does not print`);
  }
  // Title and source, and a line for the name (none was given) with today's date.
  assert.equal(await page.locator('.reader h1').innerText(), LIVE_PAGE);
  assert.ok(await shown(page, '.doc-facts'));
  const today = new Date().toLocaleDateString('en', { dateStyle: 'long' });
  assert.equal(await page.locator('.handout-by').innerText(), `Name: ____________________ · ${today}`);

  // The list, in the order of the markers on the text (the quotation marks are the <q>'s).
  const list = await page.locator('.handout-list ol > li').evaluateAll((lis) => lis.map((li) => li.innerText));
  const anns = await page.evaluate((d) => window.discern.annotations(d), doc);
  assert.equal(list.length, 3);
  assert.match(list[0], /^Q\s*Quote Bondi says, noting\n+She reports what Bondi said & <means> it\.\n+Speaker: Pam Bondi$/);
  assert.match(list[1], /^O\s*Opinion legal protection from deportation$/);
  assert.match(list[2], /^C\s*Claim legal protection from$/);
  assert.deepEqual(
    anns.map((a) => a.text).sort(),
    ['Bondi says, noting', 'legal protection from', 'legal protection from deportation'],
  );
  // One marker per annotation, in text order, with the label of the item it numbers. The
  // numbers are CSS counters over these, so the n-th marker reads n.
  const markers = await page.locator('#doc-text .n').evaluateAll((ns) => ns.map((n) => ({
    letter: n.dataset.l,
    shown: n.getClientRects().length > 0,
    content: getComputedStyle(n, '::before').content,
  })));
  assert.deepEqual(markers.map((m) => m.letter), ['Q', 'O', 'C']);
  assert.ok(markers.every((m) => m.shown && m.content.includes('counter(n)')), JSON.stringify(markers));
  // The markers add no text: the text is still the document.
  const text = await page.locator('#doc-text').evaluate((el) => el.textContent);
  assert.equal(text, corpusText(F003));

  // In black and white the three labels keep apart: each has its own line, all black, and
  // no tint.
  const lines = {};
  for (const l of ['claim', 'quote', 'opinion']) {
    lines[l] = await page.locator(`.handout-legend .hl[data-labels=${l}]`).evaluate((m) => {
      const s = getComputedStyle(m);
      return { image: s.backgroundImage, adjust: s.printColorAdjust };
    });
    const colours = [...lines[l].image.matchAll(/rgba?\([^)]*\)/g)].map((m) => m[0]);
    assert.ok(colours.length > 0 && colours.every((c) => c === 'rgb(0, 0, 0)' || c === 'rgba(0, 0, 0, 0)'), `${l}: ${colours}`);
    assert.equal(lines[l].adjust, 'exact');
  }
  assert.equal(new Set(Object.values(lines).map((v) => v.image)).size, 3, 'three different lines');
  assert.match(await page.locator('.handout-legend').innerText(), /Claim\s*C solid line[\s\S]*Quote\s*Q dashed line[\s\S]*Opinion\s*O dotted line/);

  // With a name, the handout carries it.
  await page.emulateMedia({ media: 'screen' });
  await page.locator('#first-name').fill('Ana Pérez');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForSelector('.name-prompt', { state: 'detached' });
  await page.emulateMedia({ media: 'print' });
  // The page hears of print media at its next frame, and fills the handout in then.
  await page.waitForFunction(() => document.querySelector('.handout-by').innerText.startsWith('Annotated'));
  assert.equal(await page.locator('.handout-by').innerText(), `Annotated by Ana Pérez · ${today}`);
  await screenshot(page, 'print-handout');
  fs.mkdirSync(OUTPUT, { recursive: true });
  const pdf = path.join(OUTPUT, 'handout.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: false });
  assert.ok(fs.statSync(pdf).size > 10_000);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the Print handout button prints the page with the handout filled in', async () => {
  const { context, page } = await app.fresh();
  await openDocument(page, LIVE_PAGE);
  await dragOver(page, 'Bondi says, noting');
  await page.keyboard.press('2');
  await page.waitForSelector('mark[data-labels~=quote]');
  const printed = page.evaluate(() => new Promise((resolve) => {
    // Headless Chromium prints nothing, but tells the page first, as every browser does.
    window.addEventListener('beforeprint', () => resolve(document.querySelector('.handout-list ol').innerText), { once: true });
  }));
  await page.getByRole('button', { name: 'Print handout' }).click();
  assert.match(await printed, /Quote Bondi says, noting/);
  await context.close();
});
