// Accessibility, checked by axe-core against the WCAG 2.2 A and AA rules on each screen, in
// the light and the dark colour scheme: the library (with the first-visit prompt and
// without), the export menu, the own-article form, the reader (empty, tagged, a tag's
// details open), and on the compare page the load report, the files, the figures with a key
// and a student's feedback, the chart and the agreement map, and the key being built; the
// page for setting an assignment and the list of assignments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { appUnderTest, axeViolations, openDocument, tag, screenshot, CORPUS_FILES, corpusText } from './helpers.mjs';

const app = appUnderTest();
const WIRE = "Trump invites El Salvador's leader to the White House (Washington report)";

/** A native file of `who`'s spans ([start, end, label, note]) on built-in article `file`. */
function studentFile(who, file, spans) {
  const doc = 'd' + crypto.createHash('sha256').update(corpusText(file), 'utf8').digest('hex').slice(0, 16);
  const annotations = spans.map(([start, end, label, note], i) => ({ id: `${who}-${i}`, document: doc, label, start, end, note: note ?? '' }));
  return {
    name: `${who}.json`, mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'discern.annotations', version: 1, annotator: who, documents: [], annotations })),
  };
}

for (const colorScheme of ['light', 'dark']) {
  test(`no axe violation on any screen, ${colorScheme}`, async () => {
    const { context, page } = await app.fresh({ colorScheme });
    const clean = async (screen) => assert.deepEqual(await axeViolations(page), [], `${screen} (${colorScheme})`);
    await clean('library with the name prompt');
    await page.getByRole('button', { name: 'Not now' }).click();
    await clean('library');
    await page.locator('details.menu summary').click();
    await clean('export menu');
    await page.locator('details.menu summary').click();
    await page.getByText('Add your own article').click();
    await clean('own article form');
    await openDocument(page, WIRE);
    await clean('reader');
    await tag(page, 'President Donald Trump has invited', '1');
    await clean('reader, tagged');
    await page.locator('mark.hl').first().click();
    await page.locator('.details').waitFor();
    await clean("reader, a tag's details");

    await page.goto(`${app.server.url}teach.html`);
    await page.locator('main.compare').waitFor();
    await clean('compare, empty');
    await page.getByLabel('Load annotation files to compare').setInputFiles([
      studentFile('Key', CORPUS_FILES[1], [[10, 60, 'claim', 'a fact'], [100, 140, 'quote']]),
      studentFile('Ben', CORPUS_FILES[1], [[12, 60, 'claim'], [100, 140, 'opinion', 'his view']]),
      studentFile('Chloé', CORPUS_FILES[1], [[10, 60, 'claim'], [200, 240, 'quote']]),
    ]);
    await page.locator('.import-report').waitFor();
    await clean('compare, the load report');
    await page.locator('.import-report').getByRole('button', { name: 'Close' }).click();
    await clean('compare, the files, the agreement map and the chart');
    await page.getByRole('radio', { name: 'Key is the key' }).check();
    await page.getByLabel('Feedback for', { exact: true }).selectOption({ label: 'Ben' });
    await page.locator('.sheet').waitFor();
    await clean("compare, the figures and a student's feedback");
    await page.getByRole('button', { name: 'Build a key from these files' }).click();
    await page.locator('.key-builder').waitFor();
    await clean('compare, a key being built');
    await screenshot(page, `compare-${colorScheme}`);

    await page.goto(`${app.server.url}set.html`);
    await page.locator('main.new-assignment').waitFor();
    await clean('new assignment');
    await page.goto(`${app.server.url}assignment.html`);
    await page.locator('main.assignment').waitFor();
    await clean('assignments');
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}
