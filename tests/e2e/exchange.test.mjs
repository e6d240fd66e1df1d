// Export and import as a class uses them: a student hands in a file, a teacher reads it in,
// a researcher checks offsets with Python. Bad files change nothing and say why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import {
  ROOT, OUTPUT, appUnderTest, openApp, openDocument, docIdOf, downloadOf, tag, corpusText,
  pythonSlice, cpSlice, screenshot, CORPUS_FILES,
} from './helpers.mjs';

const app = appUnderTest();

const OPINION_PIECE = 'Bukele to visit Trump: an opinion piece with embedded posts';
const LIVE_PAGE = 'Live page: Bukele meets Trump at the White House';
const F002 = '002_0d060278c02bdc2e.txt';
const F003 = '003_db9c15911bdacefb.txt';
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema/discern.annotations.v1.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);


/** Exports through the header's menu and returns the downloaded file. */
async function exportVia(page, format, { texts = false, thisDocument = false } = {}) {
  const menu = page.locator('details.menu');
  if (!(await menu.evaluate((d) => d.open))) await menu.locator('summary').click();
  await menu.getByLabel(format).check();
  if (thisDocument) await menu.getByLabel('This document').check();
  else if (await menu.getByLabel('Every document').count()) await menu.getByLabel('Every document').check();
  if (format === 'Discern JSON') {
    const box = menu.getByLabel('Include the texts (a reading pack)');
    if (texts) await box.check(); else await box.uncheck();
  }
  const file = await downloadOf(page, () => menu.getByRole('button', { name: 'Download' }).click());
  await menu.locator('summary').click();
  return file;
}

/** A student's work: tags after the emoji of 002 and nested tags in 003, with a note. */
async function studentWork(page) {
  await page.getByLabel('Your name').fill('Ana María');
  await page.getByLabel('Your name').press('Tab');
  await openDocument(page, OPINION_PIECE);
  await tag(page, 'Thank you for your assistance and friendship', '2');
  await tag(page, '🇸🇻🤝🏼🇺🇸 pic.twitter.com', '3');
  await tag(page, 'JUST IN', '1');
  await page.locator('mark[data-labels~=claim]').first().click();
  await page.locator('.details').getByLabel('Why? (note)').fill('=HYPERLINK("x") — says "who", <b>not</b> checked');
  await page.getByRole('button', { name: '← Library' }).click();
  await openDocument(page, LIVE_PAGE);
  await tag(page, "That's up to El Salvador if they want to return him, that's not up to us", '2');
  await tag(page, 'El Salvador if they want to return him', '1', 1);
  await page.waitForTimeout(400);
}

test('native export: valid against the schema, offsets slice the corpus by code points, one document or all, with or without texts', async () => {
  const { context, page } = await app.fresh();
  await studentWork(page);
  const whole = await exportVia(page, 'Discern JSON');
  assert.match(whole.name, /^discern-Ana-Mar[ií]a-\d{4}-\d{2}-\d{2}\.json$/);
  fs.writeFileSync(path.join(OUTPUT, 'export-native.json'), whole.text);
  const file = JSON.parse(whole.text);
  assert.ok(validate(file), JSON.stringify(validate.errors));
  assert.equal(file.annotator, 'Ana María');
  assert.equal(file.documents.length, 4);
  assert.ok(file.documents.every((d) => d.text === undefined));
  assert.equal(file.annotations.length, 5);
  const byDoc = Object.fromEntries(CORPUS_FILES.map((f, i) => [file.documents[i].id, f]));
  for (const a of file.annotations) {
    const corpusFile = byDoc[a.document];
    assert.equal(pythonSlice(corpusFile, a.start, a.end), a.text, `${a.id} by Python`);
    assert.equal(cpSlice(corpusText(corpusFile), a.start, a.end), a.text);
    assert.equal(a.annotator, 'Ana María');
    assert.ok(corpusText(corpusFile).includes(a.prefix + a.text + a.suffix));
  }
  const doc = file.documents[2];
  assert.equal(doc.length, 4573);
  assert.match(doc.sha256, /^[0-9a-f]{64}$/);

  const one = JSON.parse((await exportVia(page, 'Discern JSON', { texts: true, thisDocument: true })).text);
  assert.ok(validate(one), JSON.stringify(validate.errors));
  assert.equal(one.documents.length, 1);
  assert.equal(one.documents[0].text, corpusText(F003), 'the text is exported exactly');
  assert.equal(one.annotations.length, 2);
  await context.close();
});

test('W3C Web Annotation and CSV exports', async () => {
  const { context, page } = await app.fresh();
  await studentWork(page);
  const w3c = await exportVia(page, 'W3C Web Annotation (JSON-LD)');
  assert.match(w3c.name, /\.jsonld$/);
  fs.writeFileSync(path.join(OUTPUT, 'export-w3c.jsonld'), w3c.text);
  const coll = JSON.parse(w3c.text);
  assert.equal(coll['@context'], 'http://www.w3.org/ns/anno.jsonld');
  assert.equal(coll.type, 'AnnotationCollection');
  assert.equal(coll.total, 5);
  const texts = Object.fromEntries(CORPUS_FILES.map((f) => [f, corpusText(f)]));
  for (const item of coll.first.items) {
    assert.equal(item.type, 'Annotation');
    const tagging = item.body.find((b) => b.purpose === 'tagging');
    assert.ok(['claim', 'quote', 'opinion'].includes(tagging.value));
    const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector');
    const pos = item.target.selector.find((s) => s.type === 'TextPositionSelector');
    const file = CORPUS_FILES.find((f) => cpSlice(texts[f], pos.start, pos.end) === quote.exact);
    assert.ok(file, `position ${pos.start}-${pos.end} does not give “${quote.exact}”`);
    assert.match(item.target.source, /^urn:sha256:[0-9a-f]{64}$/);
    assert.equal(item.creator.name, 'Ana María');
  }
  const noted = coll.first.items.find((i) => i.body.some((b) => b.purpose === 'commenting'));
  assert.match(noted.body.find((b) => b.purpose === 'commenting').value, /^=HYPERLINK/);

  const csv = await exportVia(page, 'CSV for spreadsheets');
  assert.match(csv.name, /\.csv$/);
  fs.writeFileSync(path.join(OUTPUT, 'export.csv'), csv.text);
  assert.ok(csv.text.startsWith('\ufeffannotator,document,label,start,end,text,note\r\n'));
  const lines = csv.text.split('\r\n').filter(Boolean);
  assert.equal(lines.length, 6);
  const guarded = lines.find((l) => l.includes('HYPERLINK'));
  assert.ok(guarded.includes(`"'=HYPERLINK(""x"") — says ""who"", <b>not</b> checked"`), guarded);
  assert.ok(lines.some((l) => l.includes('🇸🇻🤝🏼🇺🇸 pic.twitter.com')));
  await context.close();
});

/** Puts files into the page's import control, as a file picker does. */
async function importFiles(page, files) {
  await page.getByLabel('Import annotation files').setInputFiles(
    files.map(([name, text]) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) })),
  );
  await page.locator('.import-report').waitFor();
  return page.locator('.import-report').innerText();
}

/** Drops files on the page, as dragging them from the desktop does. */
async function dropFiles(page, files) {
  await page.evaluate((files) => {
    const data = new DataTransfer();
    for (const [name, text] of files) data.items.add(new File([text], name, { type: 'application/json' }));
    document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files);
  await page.locator('.import-report').waitFor();
  return page.locator('.import-report').innerText();
}

test('import by picker and by drop, several files at once: merges, undoable, re-anchors, keeps orphans', async () => {
  const { context, page } = await app.fresh();
  await studentWork(page);
  const native = (await exportVia(page, 'Discern JSON')).text;
  const w3c = (await exportVia(page, 'W3C Web Annotation (JSON-LD)')).text;
  await context.close();

  // A teacher's browser, with a tag of its own.
  const teacher = await app.fresh();
  const t = teacher.page;
  await openDocument(t, LIVE_PAGE);
  await tag(t, 'Bondi says, noting', '1');
  const total = () => t.evaluate(() => window.discern.annotations().length);
  assert.equal(await total(), 1);
  let report = await importFiles(t, [['ana.json', native], ['ana.jsonld', w3c]]);
  assert.match(report, /“ana\.json”: 5 annotations added/);
  assert.match(report, /“ana\.jsonld”: 0 annotations added, 5 already here/);
  assert.equal(await total(), 6, 'merged, nothing overwritten');
  await t.locator('.import-report').getByRole('button', { name: 'Close' }).click();
  // One undo takes the whole import back; redo brings it again.
  await t.keyboard.press('Control+z');
  await t.waitForFunction(() => window.discern.annotations().length === 1);
  await t.keyboard.press('Control+Shift+z');
  await t.waitForFunction(() => window.discern.annotations().length === 6);
  const fromFile = JSON.parse(native).annotations;
  const mine = await t.evaluate(() => window.discern.annotations());
  for (const a of fromFile) {
    const b = mine.find((m) => m.id === a.id);
    assert.deepEqual([b.start, b.end, b.text, b.note, b.annotator], [a.start, a.end, a.text, a.note, a.annotator]);
  }

  // Offsets counted in UTF-16 (as a JavaScript tool would) are re-anchored by quote; a quote
  // that is nowhere is kept as an orphan; both dropped on the page at once.
  const shifted = JSON.parse(native);
  shifted.annotations = shifted.annotations.filter((a) => a.text.startsWith('Thank you'));
  shifted.annotations[0].id = 'utf16';
  shifted.annotations[0].label = 'opinion';
  shifted.annotations[0].start += 8;
  shifted.annotations[0].end += 8;
  const lost = JSON.parse(native);
  lost.annotations = [{ ...lost.annotations[0], id: 'lost', text: 'words that no article has', start: 3, end: 28 }];
  report = await dropFiles(t, [['shifted.json', JSON.stringify(shifted)], ['lost.json', JSON.stringify(lost)]]);
  assert.match(report, /annotation “utf16” was re-anchored by its quote/);
  assert.match(report, /annotation “lost” could not be placed \(its quote is not in the text\); it is kept as an orphan/);
  const moved = (await t.evaluate(() => window.discern.annotations())).find((a) => a.id === 'utf16');
  assert.equal(moved.text, 'Thank you for your assistance and friendship');
  assert.equal(pythonSlice(F002, moved.start, moved.end), moved.text);
  await t.locator('.import-report').getByRole('button', { name: 'Close' }).click();
  await t.getByRole('button', { name: '← Library' }).click();
  const orphans = t.getByRole('region', { name: 'Orphaned annotations' });
  assert.match(await orphans.innerText(), /words that no article has[\s\S]*lost\.json/);
  await t.reload();
  await orphans.waitFor();
  assert.match(await orphans.innerText(), /Orphaned annotations \(1\)/, 'orphans are kept across reloads');
  await screenshot(t, 'orphans');
  await teacher.context.close();
});

test('a reading pack adds its documents; HTML in titles and notes shows as text and never runs', async () => {
  const { context, page } = await app.fresh();
  const doc = await page.evaluate(() => window.discern.addDocument(
    '<img src=x onerror="window.__ran = 1">A <b>pasted</b> article', 'First line 👍🏽 of an own article.\nSecond line.'));
  await page.evaluate((d) => window.discern.addAnnotations(d, [{ start: 17, end: 21, label: 'claim', note: '<script>window.__ran = 2</script>' }]), doc);
  const pack = (await exportVia(page, 'Discern JSON', { texts: true })).text;
  await context.close();

  const other = await app.fresh();
  const p = other.page;
  const report = await importFiles(p, [['pack.json', pack]]);
  assert.match(report, /1 annotation added, 1 document added/);
  await p.locator('.import-report').getByRole('button', { name: 'Close' }).click();
  const title = '<img src=x onerror="window.__ran = 1">A <b>pasted</b> article';
  assert.equal(await p.locator('.doc-card h2').last().innerText(), title);
  await p.getByRole('link', { name: title }).click();
  await p.locator('mark[data-labels~=claim]').click();
  assert.equal(await p.locator('.details textarea').inputValue(), '<script>window.__ran = 2</script>');
  assert.equal(await p.locator('.ann-list .item-note').innerText(), '<script>window.__ran = 2</script>');
  assert.equal(await p.evaluate(() => window.__ran), undefined);
  assert.equal(await p.locator('#doc-text img, #doc-text b, .doc-card img').count(), 0);
  await screenshot(p, 'reading-pack');
  await other.context.close();
});

test('bad files change nothing and say which file and what is wrong', async () => {
  const { context, page } = await app.fresh();
  await openDocument(page, LIVE_PAGE);
  await tag(page, 'Bondi says, noting', '1');
  const good = JSON.parse((await exportVia(page, 'Discern JSON')).text);
  const docId = await docIdOf(page, F003);
  const ann = (over) => JSON.stringify({ ...good, annotations: [{ ...good.annotations[0], id: 'new', ...over }] });
  const nested = '['.repeat(200) + ']'.repeat(200);
  const bad = [
    ['notes.json', 'these are my notes, not JSON', /“notes\.json” was not imported: it is not JSON/],
    ['other.json', JSON.stringify({ type: 'Feature', properties: {} }), /“other\.json” was not imported: it is neither a Discern annotation file nor W3C/],
    ['future.json', JSON.stringify({ ...good, version: 7 }), /“future\.json” was not imported: it was written by a newer Discern \(version 7\)/],
    ['huge.json', ' '.repeat(21 * 1024 * 1024), /“huge\.json” was not imported: it is 21 MB, over the limit of 20 MB/],
    ['deep.json', nested, /“deep\.json” was not imported: its data nests 33 levels deep/],
    ['surrogate.json', ann({ note: 'PLACEHOLDER' }).replace('PLACEHOLDER', '\\ud83d'), /“surrogate\.json” was not imported: it holds a lone surrogate/],
    ['range.json', ann({ end: 999999 }), /“range\.json” was not imported: annotation “new” ends at 999999, past the end of its text \(22028 characters\)/],
    ['reversed.json', ann({ start: 50, end: 40 }), /“reversed\.json” was not imported: annotation “new” ends \(40\) before it starts \(50\)/],
    ['label.json', ann({ label: 'rumour' }), /“label\.json” was not imported: annotation “new” has the unknown label “rumour”/],
    ['text-offset.json', ann({ start: '5' }), /“text-offset\.json” was not imported: .*annotation 1: a text where a whole number belongs/],
    ['dupes.json', JSON.stringify({ ...good, annotations: [good.annotations[0], good.annotations[0]] }), /“dupes\.json” was not imported: the id “.*” is used twice/],
    ['nowhere.json', ann({ text: 'a quote that matches nothing at all', start: 10, end: 45, document: docId }), /“nowhere\.json”: annotation “new” could not be placed \(its quote is not in the text\)/],
  ];
  const before = await page.evaluate(() => window.discern.annotations());
  const report = await importFiles(page, bad.map(([n, t]) => [n, t]));
  for (const [, , expected] of bad) assert.match(report, expected);
  // Each refused file's line is marked as a failure; the orphan's file is not refused.
  const marked = await page.locator('.import-report li').evaluateAll((lis) =>
    lis.map((li) => [li.textContent, li.hasAttribute('data-refused')]));
  for (const [text, bad] of marked) assert.equal(bad, / was not imported: /.test(text), text);
  assert.equal(marked.filter(([, bad]) => bad).length, bad.length - 1);
  await screenshot(page, 'bad-files');
  const afterImport = await page.evaluate(() => window.discern.annotations());
  assert.deepEqual(afterImport, before, 'no annotation changed');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('window.discern takes and gives plain objects in the native format\'s shapes, and says in Discern\'s words what it cannot take', async () => {
  const { context, page } = await app.fresh();
  const text = 'Ministers met 👍🏽 on Monday. The plan will cost less, the minister said.';
  const sha256 = (await import('node:crypto')).createHash('sha256').update(text, 'utf8').digest('hex');
  // A document given as a native file gives one, with its text.
  const id = await page.evaluate((t) => window.discern.addDocument({ title: 'Council', text: t, source: 'The Gazette' }), text);
  assert.equal(id, `d${sha256.slice(0, 16)}`);
  const docs = await page.evaluate(() => window.discern.documents());
  assert.equal(docs.length, 5);
  assert.deepEqual(docs[4], { id, title: 'Council', source: 'The Gazette', sha256, length: [...text].length });
  for (const d of docs) assert.deepEqual(Object.keys(d), ['id', 'title', 'source', 'sha256', 'length']);

  // Annotations in the native annotation shape; what was given stays as it was given.
  const given = [
    { start: 0, end: 13, label: 'claim', note: 'Can be checked.' },
    { id: 'mine', start: 53, end: 71, label: 'quote', speaker: 'the minister' },
  ];
  const added = await page.evaluate(([d, g]) => {
    const copy = structuredClone(g);
    const n = window.discern.addAnnotations(d, g);
    return { n, untouched: JSON.stringify(copy) === JSON.stringify(g) };
  }, [id, given]);
  assert.deepEqual(added, { n: 2, untouched: true });
  const anns = await page.evaluate((d) => window.discern.annotations(d), id);
  assert.equal(anns.length, 2);
  const cp = (s, e) => [...text].slice(s, e).join('');
  const [a, b] = anns;
  assert.equal(b.id, 'mine');
  assert.deepEqual([a.document, a.label, a.text, a.note, a.speaker], [id, 'claim', cp(0, 13), 'Can be checked.', null]);
  assert.deepEqual([b.label, b.text, b.speaker, b.prefix.slice(-6), b.suffix], ['quote', cp(53, 71), 'the minister', cp(47, 53), cp(71, 72)]);
  assert.ok(a.created && a.created === a.modified);
  const file = await page.evaluate(() => window.discern.exportNative(true));
  assert.ok(validate(file), JSON.stringify(validate.errors));
  assert.equal(file.documents.find((d) => d.id === id).text, text);
  assert.deepEqual(file.annotations.filter((x) => x.document === id), anns);

  // What cannot be read throws, saying what is wrong, and adds nothing.
  const refused = (call) => page.evaluate((c) => {
    try {
      // eslint-disable-next-line no-new-func
      new Function('d', c)(window.__doc);
      return 'no error';
    } catch (e) {
      return e.message;
    }
  }, call);
  await page.evaluate((d) => { window.__doc = d; }, id);
  assert.equal(await refused('window.discern.addAnnotations(d, [{ start: 1, end: 4, label: "rumour" }])'),
    'the unknown label “rumour” (known: claim, quote, opinion)');
  assert.equal(await refused('window.discern.addAnnotations(d, [{ start: -1, end: 4, label: "claim" }])'),
    'a negative number where a number from 0 up belongs');
  assert.equal(await refused('window.discern.addAnnotations(d, [{ start: 1, label: "claim" }])'),
    'the field “end” is missing');
  assert.equal(await refused('window.discern.addAnnotations(d, "claim")'), 'a text where a list belongs');
  assert.equal(await refused('window.discern.addDocument({ title: "No text" })'), 'the field “text” is missing');
  assert.equal(await refused('window.discern.addDocument({ title: " ", text: "x" })'),
    'A document needs a title and some text.');
  assert.equal(await page.evaluate((d) => window.discern.annotations(d).length, id), 2);
  assert.equal(await page.evaluate(() => window.discern.documents().length), 5);
  assert.deepEqual(page.errors, []);
  await context.close();
});
