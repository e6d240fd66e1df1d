// A lesson from start to end: the teacher brings articles, the students tag and hand in
// files, the teacher compares them with a key. Every figure the compare view shows is computed
// again here, independently, from the downloaded files and the corpus texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {
  appUnderTest, openApp, openDocument, downloadOf, tag, corpusText, screenshot, CORPUS_FILES, OUTPUT,
} from './helpers.mjs';

const app = appUnderTest();

const OPINION_PIECE = 'Bukele to visit Trump: an opinion piece with embedded posts';
const LIVE_PAGE = 'Live page: Bukele meets Trump at the White House';


async function exportAll(page) {
  const menu = page.locator('details.menu');
  await menu.locator('summary').click();
  await menu.getByLabel('Discern JSON').check();
  const file = await downloadOf(page, () => menu.getByRole('button', { name: 'Download' }).click());
  await menu.locator('summary').click();
  return file;
}

const docIdOfText = (text) => 'd' + crypto.createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);

test('own documents: paste, open several files, drop one, remove after confirmation and undo; ids follow the text', async () => {
  const { context, page } = await app.fresh();
  await page.getByRole('button', { name: 'Not now' }).click();
  await page.getByText('Add your own article').click();
  const pasted = 'Mayor says the new bridge 🌉 opens in May.\r\nCritics call it “a waste”.';
  await page.getByLabel('Title').fill('Local bridge story');
  await page.getByLabel('Source (optional)').fill('The Town Crier, 2026-11-20');
  await page.getByLabel('Text', { exact: true }).fill(pasted);
  await page.getByRole('button', { name: 'Add to the library' }).click();
  await page.getByRole('link', { name: 'Local bridge story' }).waitFor();
  let docs = await page.evaluate(() => window.discern.documents());
  const bridge = docs.find((d) => d.title === 'Local bridge story');
  // A textarea turns CRLF into LF, as browsers do; the id is the text's own.
  assert.equal(bridge.id, docIdOfText(pasted.replace(/\r\n/g, '\n')));
  assert.equal(bridge.source, 'The Town Crier, 2026-11-20');

  await page.getByLabel('Open text files').setInputFiles([
    { name: 'wire.txt', mimeType: 'text/plain', buffer: Buffer.from('WIRE — Short report.\n') },
    { name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Class notes\n\nSome *text*.') },
  ]);
  await page.getByRole('link', { name: 'Class notes' }).waitFor();
  await page.getByRole('link', { name: 'wire' }).waitFor();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['Dropped text.'], 'dropped.txt', { type: 'text/plain' }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await page.getByRole('link', { name: 'dropped' }).waitFor();
  docs = await page.evaluate(() => window.discern.documents());
  assert.equal(docs.length, 8);
  assert.equal(docs.find((d) => d.title === 'wire').id, docIdOfText('WIRE — Short report.\n'));

  // Tag in the pasted article, then remove it: a confirmation, then it and its tag are gone.
  await openDocument(page, 'Local bridge story');
  await tag(page, 'opens in May', '1');
  await page.getByRole('button', { name: '← Library' }).click();
  let asked = '';
  page.once('dialog', (d) => { asked = d.message(); d.accept(); });
  await page.getByRole('button', { name: 'Remove “Local bridge story”' }).click();
  await page.getByRole('link', { name: 'Local bridge story' }).waitFor({ state: 'detached' });
  assert.match(asked, /Remove “Local bridge story” and its 1 annotation\?/);
  assert.equal((await page.evaluate(() => window.discern.annotations())).length, 0);
  await page.keyboard.press('Control+z');
  await page.getByRole('link', { name: 'Local bridge story' }).waitFor();
  assert.equal((await page.evaluate(() => window.discern.annotations())).length, 1);
  // Declining the confirmation changes nothing.
  page.once('dialog', (d) => d.dismiss());
  await page.getByRole('button', { name: 'Remove “wire”' }).click();
  await page.waitForTimeout(200);
  assert.equal(await page.getByRole('link', { name: 'wire' }).count(), 1);
  await screenshot(page, 'own-documents');
  // Removed for good: after a reload, the same text added again starts with no tags.
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Remove “Local bridge story”' }).click();
  await page.getByRole('link', { name: 'Local bridge story' }).waitFor({ state: 'detached' });
  await page.waitForTimeout(500);
  await page.reload();
  await page.getByRole('link', { name: 'Class notes' }).waitFor();
  await page.getByText('Add your own article').click();
  await page.getByLabel('Title').fill('Local bridge story');
  await page.getByLabel('Text', { exact: true }).fill(pasted);
  await page.getByRole('button', { name: 'Add to the library' }).click();
  await page.getByRole('link', { name: 'Local bridge story' }).waitFor();
  await page.waitForTimeout(300);
  await page.reload();
  await page.getByRole('link', { name: 'Local bridge story' }).waitFor();
  assert.equal((await page.evaluate(() => window.discern.annotations())).length, 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a name typed in the header is kept as typed, without Enter: the stored name and the tags agree', async () => {
  const { context, page } = await app.fresh();
  await page.getByRole('button', { name: 'Not now' }).click();
  // Typed key by key (a space inside the name too), never confirmed, and the tab closed
  // while the field still has the focus.
  await page.getByLabel('Your name').pressSequentially('Ana B', { delay: 20 });
  await page.waitForTimeout(500);
  await page.close({ runBeforeUnload: true });
  // A new tab finds the name, and its tags carry it.
  const again = await openApp(context, app.server.url);
  assert.equal(await again.getByLabel('Your name').inputValue(), 'Ana B');
  await openDocument(again, OPINION_PIECE);
  await tag(again, 'JUST IN', '1');
  const [a] = await again.evaluate(() => window.discern.annotations());
  assert.equal(a.annotator, 'Ana B');
  await context.close();
});

test('a title and a text are needed, in the form and through window.discern.addDocument alike', async () => {
  const { context, page } = await app.fresh();
  await page.getByRole('button', { name: 'Not now' }).click();
  const before = await page.evaluate(() => window.discern.documents());
  const message = 'A document needs a title and some text.';
  // The form: a title with a blank text.
  await page.getByText('Add your own article').click();
  await page.getByLabel('Title').fill('Only a title');
  await page.getByLabel('Text', { exact: true }).fill('   \n ');
  await page.getByRole('button', { name: 'Add to the library' }).click();
  await page.getByText(message).waitFor();
  // The API: the same checks, the same words, as an error; nothing is added.
  for (const [title, text] of [['', ''], ['', 'Some text.'], ['   ', 'Some text.'], ['A title', ' \n\t']]) {
    const refused = await page.evaluate(([t, x]) => {
      try {
        window.discern.addDocument(t, x);
        return null;
      } catch (e) {
        return String(e.message);
      }
    }, [title, text]);
    assert.equal(refused, message, `addDocument(${JSON.stringify(title)}, ${JSON.stringify(text)})`);
  }
  assert.deepEqual(await page.evaluate(() => window.discern.documents()), before);
  assert.equal(await page.locator('.doc-list li').count(), before.length);
  // A title with spaces around it is trimmed, as the form does.
  await page.evaluate(() => window.discern.addDocument('  Trimmed  ', 'Text.'));
  await page.getByRole('link', { name: 'Trimmed', exact: true }).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the name is asked once, can be changed, and is stamped on annotations and exports', async () => {
  const { context, page } = await app.fresh();
  const prompt = page.getByRole('form', { name: 'Welcome' });
  await prompt.waitFor();
  await prompt.getByRole('textbox').fill('Noor');
  await prompt.getByRole('button', { name: 'Save' }).click();
  await prompt.waitFor({ state: 'detached' });
  await page.reload();
  await page.waitForSelector('.library');
  assert.equal(await prompt.count(), 0, 'asked once');
  assert.equal(await page.getByLabel('Your name').inputValue(), 'Noor');
  await openDocument(page, OPINION_PIECE);
  await tag(page, 'JUST IN', '1');
  await page.getByLabel('Your name').fill('Noor A.');
  await page.getByLabel('Your name').press('Enter');
  await tag(page, 'Diet Coke', '3');
  const anns = await page.evaluate(() => window.discern.annotations());
  assert.deepEqual(anns.map((a) => a.annotator).sort(), ['Noor', 'Noor A.']);
  const file = await exportAll(page);
  assert.match(file.name, /^discern-Noor-A-\d{4}-\d{2}-\d{2}\.json$/);
  assert.equal(JSON.parse(file.text).annotator, 'Noor A.');
  await context.close();
});

// ---- An independent computation of the compare view's figures (docs/FORMATS.md, "Compare rules"). ----

function iou(a, b) {
  const overlap = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union ? overlap / union : 0;
}

function matched(key, other) {
  const pairs = [];
  key.forEach((k, i) => other.forEach((o, j) => {
    if (k.document === o.document && k.label === o.label && iou(k, o) >= 0.5) pairs.push([iou(k, o), i, j]);
  }));
  pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const usedK = new Set(), usedO = new Set();
  let n = 0;
  for (const [, i, j] of pairs) {
    if (!usedK.has(i) && !usedO.has(j)) { usedK.add(i); usedO.add(j); n++; }
  }
  return n;
}

const fig = (v) => (v === null ? '—' : Math.abs(v) < 0.005 ? '0.00' : v.toFixed(2));

function scores(key, other, label) {
  const k = key.filter((a) => a.label === label), o = other.filter((a) => a.label === label);
  const m = matched(k, o);
  const p = o.length ? m / o.length : null, r = k.length ? m / k.length : null;
  const f = p !== null && r !== null ? (p + r > 0 ? (2 * p * r) / (p + r) : 0) : null;
  return [String(o.length), String(k.length), String(m), fig(p), fig(r), fig(f)];
}

function kappa(a, b, label, lengths) {
  let n = 0, inA = 0, inB = 0, both = 0;
  for (const [doc, len] of Object.entries(lengths)) {
    const A = new Uint8Array(len), B = new Uint8Array(len);
    for (const s of a) if (s.document === doc && s.label === label) A.fill(1, s.start, s.end);
    for (const s of b) if (s.document === doc && s.label === label) B.fill(1, s.start, s.end);
    for (let i = 0; i < len; i++) { n++; inA += A[i]; inB += B[i]; both += A[i] & B[i]; }
  }
  const neither = n - (inA + inB - both);
  const po = (both + neither) / n, pa = inA / n, pb = inB / n;
  const pe = pa * pb + (1 - pa) * (1 - pb);
  return pe < 1 ? fig((po - pe) / (1 - pe)) : '—';
}

// ---- An independent computation of span outcomes (docs/FORMATS.md, "Span outcomes"). ----

const LABELS = ['claim', 'quote', 'opinion'];

/** Each span's outcome, for the annotator's spans and the key's, by the three rounds. */
function outcomesOf(key, mine) {
  const cands = [];
  key.forEach((k, i) => mine.forEach((m, j) => {
    if (k.document !== m.document) return;
    const ov = Math.min(k.end, m.end) - Math.max(k.start, m.start);
    if (ov <= 0) return;
    cands.push({ i, j, ov, un: Math.max(k.end, m.end) - Math.min(k.start, m.start) });
  }));
  const place = (s) => [s.start, s.end, LABELS.indexOf(s.label)];
  const cmp = (a, b) => { for (let x = 0; x < a.length; x++) if (a[x] !== b[x]) return a[x] - b[x]; return 0; };
  cands.sort((a, b) => (b.ov * a.un - a.ov * b.un) || cmp(place(key[a.i]), place(key[b.i]))
    || cmp(place(mine[a.j]), place(mine[b.j])) || a.i - b.i || a.j - b.j);
  const k = key.map(() => 'missed'), m = mine.map(() => 'extra');
  const kp = key.map(() => null), mp = mine.map(() => null);
  for (const round of ['hit', 'wrong-label', 'partial']) {
    for (const c of cands) {
      const same = key[c.i].label === mine[c.j].label, half = 2 * c.ov >= c.un;
      const takes = round === 'hit' ? same && half : round === 'wrong-label' ? !same && half : same && !half;
      if (takes && kp[c.i] === null && mp[c.j] === null) {
        k[c.i] = round; m[c.j] = round; kp[c.i] = c.j; mp[c.j] = c.i;
      }
    }
  }
  return { key: k, mine: m, keyPair: kp, minePair: mp };
}

// ---- An independent computation of key building (docs/FORMATS.md#building-a-key). ----

/** The groups of the files' spans ({ name: annotations }), in the order of the text. */
function keyGroups(files) {
  const str = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
  // Annotators are numbered in the order of their names.
  const spans = Object.entries(files).sort((x, y) => str(x[0], y[0])).flatMap(([who, anns], a) =>
    anns.filter((s) => s.start < s.end).map((s) => ({ ...s, a, who, note: s.note ?? '' })));
  const textOrder = (x, y) => str(x.document, y.document) || LABELS.indexOf(x.label) - LABELS.indexOf(y.label)
    || x.start - y.start || y.end - x.end || x.a - y.a;
  spans.sort(textOrder);
  const fit = (g, s) => {
    const ov = Math.max(0, Math.min(g.end, s.end) - Math.max(g.start, s.start));
    return { ov, un: Math.max(g.end, s.end) - Math.min(g.start, s.start) };
  };
  // The exact range most members chose; ties: the earliest start, then the longest.
  const mostChosen = (members) => {
    const counts = new Map();
    for (const m of members) counts.set(`${m.start},${m.end}`, (counts.get(`${m.start},${m.end}`) ?? 0) + 1);
    return [...counts.entries()].map(([k, n]) => [k.split(',').map(Number), n])
      .sort((x, y) => y[1] - x[1] || x[0][0] - y[0][0] || y[0][1] - x[0][1])[0][0];
  };
  const alone = (s) => ({ document: s.document, label: s.label, start: s.start, end: s.end, members: [s] });
  let groups = [];
  for (const s of spans) {
    let best = null;
    for (const g of groups) {
      if (g.document !== s.document || g.label !== s.label || g.members.some((m) => m.a === s.a)) continue;
      const { ov, un } = fit(g, s);
      if (2 * ov < un) continue;
      // The best overlap; on a tie the group begun first.
      if (!best || ov * best.un > best.ov * un) best = { g, ov, un };
    }
    if (!best) { groups.push(alone(s)); continue; }
    best.g.members.push(s);
    [best.g.start, best.g.end] = mostChosen(best.g.members);
  }
  // A member the range moved away from leaves, the worst first (ties: the later), and is a
  // group of its own.
  const left = [];
  for (const g of groups) {
    for (;;) {
      let worst = null;
      g.members.forEach((m, k) => {
        const { ov, un } = fit(g, m);
        if (2 * ov >= un) return;
        if (!worst || ov * worst.un < worst.ov * un || ov * worst.un === worst.ov * un) worst = { k, ov, un };
      });
      if (!worst) break;
      left.push(...g.members.splice(worst.k, 1));
      [g.start, g.end] = mostChosen(g.members);
    }
  }
  groups.push(...left.map(alone));
  // Groups at one place are one; each annotator counts once.
  const merged = new Map();
  for (const g of groups) {
    const at = `${g.document}|${g.label}|${g.start}|${g.end}`;
    if (merged.has(at)) merged.get(at).members.push(...g.members);
    else merged.set(at, g);
  }
  groups = [...merged.values()];
  for (const g of groups) {
    g.members.sort(textOrder);
    g.by = new Set(g.members.map((m) => m.a)).size;
    g.names = [...new Set(g.members.map((m) => m.who))];
  }
  return groups.sort((x, y) => str(x.document, y.document) || x.start - y.start || x.end - y.end
    || LABELS.indexOf(x.label) - LABELS.indexOf(y.label));
}

test('compare: three students and a key made in the app; every figure shown equals an independent computation', async () => {
  // Who tags what: partial overlaps, a label confusion, a miss and an extra.
  const work = {
    Teacher: [
      [OPINION_PIECE, 'JUST IN: President Trump will be hosting El Salvador President Nayib Bukele at the White House next month', '1'],
      [OPINION_PIECE, 'I’ll be bringing several cans of Diet Coke', '2'],
      [OPINION_PIECE, 'deserves this recognition', '3'],
      [LIVE_PAGE, "That's up to El Salvador if they want to return him, that's not up to us", '2'],
    ],
    Ana: [
      [OPINION_PIECE, 'President Trump will be hosting El Salvador President Nayib Bukele at the White House next month', '1'],
      [OPINION_PIECE, 'I’ll be bringing several cans of Diet Coke', '2', 'Trump’s own words, in his post'],
      [LIVE_PAGE, "That's up to El Salvador if they want to return him", '2'],
    ],
    Ben: [
      [OPINION_PIECE, 'JUST IN: President Trump will be hosting', '1'],
      [OPINION_PIECE, 'I’ll be bringing several cans of Diet Coke', '3'],
      [LIVE_PAGE, "That's up to El Salvador if they want to return him, that's not up to us", '2'],
      [LIVE_PAGE, 'Bondi says, noting', '1', 'Who said it can be checked'],
    ],
    Chloé: [
      [OPINION_PIECE, 'JUST IN: President Trump will be hosting El Salvador President Nayib Bukele at the White House next month', '1'],
      [OPINION_PIECE, 'several cans of Diet Coke', '2'],
    ],
  };
  const files = {};
  let teacher;
  for (const [name, spans] of Object.entries(work)) {
    const { context, page } = await app.fresh();
    const prompt = page.getByRole('form', { name: 'Welcome' });
    await prompt.getByRole('textbox').fill(name);
    await prompt.getByRole('button', { name: 'Save' }).click();
    let open = null;
    for (const [title, needle, key, why] of spans) {
      if (open !== title) {
        if (open) await page.getByRole('button', { name: '← Library' }).click();
        await openDocument(page, title);
        open = title;
      }
      await tag(page, needle, key);
      if (why) {
        await page.locator('mark.hl', { hasText: needle }).first().click();
        await page.locator('.details').getByLabel('Why? (note)').fill(why);
        await page.keyboard.press('Escape');
      }
    }
    await page.getByRole('button', { name: '← Library' }).click();
    await page.waitForTimeout(400);
    files[name] = await exportAll(page);
    if (name === 'Teacher') teacher = { context, page };
    else await context.close();
  }
  const page = teacher.page;
  // The library's documents, in its order (window.discern is the reading page's).
  const libraryDocs = await page.evaluate(() => window.discern.documents());
  await page.getByRole('link', { name: 'Compare', exact: true }).click();
  await page.waitForURL(/teach\.html$/);
  await page.getByLabel('Load annotation files to compare').setInputFiles([
    ...Object.entries(files).map(([, f]) => ({ name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text) })),
    { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('my notes, not JSON') },
  ]);
  // The report of a compare load marks the refused file as a failure, and only that one.
  const report = page.locator('.import-report');
  await report.waitFor();
  assert.equal(await report.getByRole('heading').innerText(), 'Loaded to compare');
  const reported = await report.locator('li').evaluateAll((lis) =>
    lis.map((li) => [li.textContent, li.hasAttribute('data-refused')]));
  assert.deepEqual(reported.filter(([, bad]) => bad).map(([t]) => t), [
    '“notes.json” was not loaded: it is not JSON (at line 1, column 1).',
  ]);
  assert.equal(reported.filter(([, bad]) => !bad).length, Object.keys(files).length);
  await screenshot(page, 'compare-report');
  // The report covers nothing the teacher clicks next: it sits in the column, above the
  // files and their key choice, which take the clicks while it is still open.
  const key = page.getByRole('radio', { name: 'Teacher is the key' });
  const [r, k] = [await report.boundingBox(), await key.boundingBox()];
  assert.ok(r.y + r.height <= k.y, `the report (to ${r.y + r.height}) ends above the key choice (at ${k.y})`);
  const hit = await key.evaluate((el) => {
    const b = el.getBoundingClientRect();
    return document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2) === el;
  });
  assert.ok(hit, 'the key choice is not covered');
  await key.check();
  await page.locator('table.scores').waitFor();
  await report.getByRole('button', { name: 'Close' }).click();
  await report.waitFor({ state: 'detached' });

  const parsed = Object.fromEntries(Object.entries(files).map(([n, f]) => [n, JSON.parse(f.text).annotations]));
  // The lengths of the documents anybody tagged, from the corpus files themselves.
  const ids = Object.fromEntries(CORPUS_FILES.map((f) => [docIdOfText(corpusText(f)), [...corpusText(f)].length]));
  const tagged = new Set(Object.values(parsed).flat().map((a) => a.document));
  const lengths = Object.fromEntries([...tagged].map((d) => [d, ids[d]]));

  const shown = await page.locator('table.scores tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
  const expected = [];
  for (const name of ['Ana', 'Ben', 'Chloé']) {
    for (const label of ['claim', 'quote', 'opinion']) {
      expected.push([name, label, ...scores(parsed.Teacher, parsed[name], label)]);
    }
  }
  // Kappa: each student with the key, in the same table; one student with each other only
  // when chosen; and the whole class's agreement (Fleiss' kappa) per label.
  const LABEL3 = ['claim', 'quote', 'opinion'];
  const expectedK = ['Ana', 'Ben', 'Chloé'].flatMap((name) =>
    LABEL3.map((label) => [name, 'Teacher', label, kappa(parsed[name], parsed.Teacher, label, lengths)]));
  assert.deepEqual(shown, expected.map((row, i) => [...row, expectedK[i][3]]));
  // The figures are not all trivial: some match, some do not.
  assert.ok(shown.some((r) => r[7] === '1.00') && shown.some((r) => r[7] === '0.00'));
  const kappaRows = () => page.locator('table.kappas tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
  assert.deepEqual(await kappaRows(), []);
  await page.getByLabel('Kappa of one annotator with each other:').selectOption({ label: 'Ben' });
  const withBen = ['Ana', 'Chloé'].flatMap((name) =>
    LABEL3.map((label) => ['Ben', name, label, kappa(parsed.Ben, parsed[name], label, lengths)]));
  await page.waitForFunction((n) => document.querySelectorAll('table.kappas tbody tr').length === n, withBen.length);
  assert.deepEqual(await kappaRows(), withBen);
  await page.getByLabel('Kappa of one annotator with each other:').selectOption({ label: 'none' });
  const fleiss = (label) => {
    const all = Object.values(parsed);
    const r = all.length;
    let n = 0, agree = 0, tags = 0;
    for (const [doc, len] of Object.entries(lengths)) {
      const count = new Uint8Array(len);
      for (const anns of all) {
        const on = new Uint8Array(len);
        for (const s of anns) if (s.document === doc && s.label === label) on.fill(1, s.start, s.end);
        for (let i = 0; i < len; i++) count[i] += on[i];
      }
      for (let i = 0; i < len; i++) {
        const c = count[i];
        n++; tags += c; agree += (c * (c - 1) + (r - c) * (r - c - 1)) / (r * (r - 1));
      }
    }
    const pBar = agree / n, p = tags / (n * r), pe = p * p + (1 - p) * (1 - p);
    return pe < 1 ? fig((pBar - pe) / (1 - pe)) : '—';
  };
  assert.equal(await page.locator('.class-agreement').getAttribute('data-kappas'), LABEL3.map(fleiss).join('/'));

  // The agreement map of the opinion piece: how many annotators tagged each passage.
  const piece = CORPUS_FILES[2];
  const pieceText = [...corpusText(piece)];
  const pieceId = docIdOfText(corpusText(piece));
  await page.getByLabel('Document:').selectOption(pieceId);
  await page.waitForFunction((t) => document.querySelector('.agree-text').textContent.startsWith(t), pieceText.slice(0, 20).join(''));
  const passages = await page.locator('.agree-text mark').evaluateAll((ms) =>
    ms.map((m) => [m.textContent, Number(m.dataset.count)]));
  assert.ok(passages.length > 0);
  // Walk the map's text and check each passage's count against the files.
  const full = await page.locator('.agree-text').evaluate((el) => el.textContent);
  assert.equal(full, corpusText(piece));
  let at = 0;
  for (const node of await page.locator('.agree-text').evaluate((el) =>
    [...el.childNodes].map((n) => [n.textContent, n.nodeType === 1 ? Number(n.dataset.count) : 0]))) {
    const [text, count] = node;
    const cp = at;
    const who = Object.values(parsed).filter((anns) =>
      anns.some((a) => a.document === pieceId && a.start <= cp && cp < a.end)).length;
    assert.equal(count, who, `at ${cp}: “${text.slice(0, 30)}”`);
    at += [...text].length;
  }
  assert.equal(at, pieceText.length);

  // The chart shows the key's shares of each text.
  const bars = await page.locator('.chart .bar-row').evaluateAll((gs) => gs.map((g) => g.dataset.shares));
  const docs = libraryDocs;
  const share = (anns, doc, len, label) => {
    const on = new Uint8Array(len);
    for (const a of anns) if (a.document === doc && a.label === label) on.fill(1, a.start, a.end);
    return on.reduce((s, x) => s + x, 0) / len;
  };
  assert.deepEqual(bars, docs.map((d) =>
    ['claim', 'quote', 'opinion'].map((l) => share(parsed.Teacher, d.id, d.length, l).toFixed(4)).join('/')));
  await screenshot(page, 'compare');
  await page.locator('.agreement').screenshot({ path: `${OUTPUT}/compare-agreement.png` });
  await page.locator('.chart-section').screenshot({ path: `${OUTPUT}/compare-chart.png` });

  // The same figures as CSV for grading.
  const csv = await downloadOf(page, () => page.getByRole('button', { name: 'Download the figures (CSV)' }).click());
  const lines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(lines[0], 'kind,annotator,compared with,label,spans,key spans,matched,precision,recall,f1,kappa');
  const csvRows = lines.slice(1).map((l) => l.split(','));
  assert.deepEqual(
    csvRows.filter((r) => r[0] === 'against key').map((r) => [r[1], r[3], ...r.slice(4, 10)]),
    expected,
  );
  assert.deepEqual(csvRows.filter((r) => r[0] === 'kappa').map((r) => [r[1], r[2], r[3], r[10]]), expectedK);
  assert.deepEqual(csvRows.filter((r) => r[0] === 'class kappa').map((r) => [r[3], r[10]]), LABEL3.map((l) => [l, fleiss(l)]));
  // The class overview: per student and document, F1 for each label and for all of them.
  const f1 = (key, other) => {
    const m = matched(key, other);
    if (!other.length || !key.length) return null;
    const p = m / other.length, r = m / key.length;
    return p + r > 0 ? (2 * p * r) / (p + r) : 0;
  };
  const compared = await page.locator('table.overview thead tr:first-child th[colspan]').count();
  assert.equal(compared, Object.keys(lengths).length);
  const overview = await page.locator('table.overview tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.dataset.annotator, ...[...r.querySelectorAll('td')].map((td) => td.textContent)]));
  const docOrder = await page.locator('.agreement select option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(overview, ['Ana', 'Ben', 'Chloé'].map((name) => [name, ...docOrder.flatMap((doc) => {
    const on = (anns) => anns.filter((a) => a.document === doc);
    const [k, o] = [on(parsed.Teacher), on(parsed[name])];
    return [...['claim', 'quote', 'opinion'].map((l) => fig(f1(k.filter((a) => a.label === l), o.filter((a) => a.label === l)))),
      fig(f1(k, o))];
  })]));
  // A name there opens that student's feedback.
  await page.locator('table.overview').getByRole('button', { name: 'Chloé' }).click();
  await page.locator('.sheet[data-annotator="Chloé"]').waitFor();

  // Feedback for each student: the counts and every span's outcome, on the sheet and in
  // the CSV, equal the independent computation from the downloaded files.
  const words = { hit: 'hit', 'wrong-label': 'wrong label', partial: 'partial', extra: 'extra', missed: 'missed' };
  const said = (outs) => Object.keys(words).map((o) => `${outs.filter((x) => x === o).length} ${words[o]}`).join(', ');
  const expectedCsv = [];
  for (const name of ['Ana', 'Ben', 'Chloé']) {
    await page.getByLabel('Feedback for', { exact: true }).selectOption({ label: name });
    const sheet = page.locator(`.sheet[data-annotator="${name}"]`);
    await sheet.waitFor();
    const o = outcomesOf(parsed.Teacher, parsed[name]);
    const all = [...o.mine, ...o.key.filter((x) => x === 'missed')];
    assert.equal(await sheet.locator('.sheet-counts').innerText(), said(all), name);
    for (const doc of new Set([...parsed.Teacher, ...parsed[name]].map((a) => a.document))) {
      const here = [...o.mine.filter((_, j) => parsed[name][j].document === doc),
        ...o.key.filter((x, i) => x === 'missed' && parsed.Teacher[i].document === doc)];
      const section = sheet.locator(`.feedback-doc[data-doc="${doc}"]`);
      assert.equal(await section.locator('.outcome-counts').innerText(), said(here), `${name} ${doc}`);
      const listed = await section.locator('.outcomes li').evaluateAll((lis) => lis.map((li) => li.dataset.outcome));
      assert.deepEqual([...listed].sort(), [...here].sort(), `${name} ${doc}`);
      // The text is the document's exactly, with each span's outcome on it.
      assert.equal(await section.locator('.feedback-text').evaluate((el) => el.textContent), corpusText(CORPUS_FILES.find((f) => docIdOfText(corpusText(f)) === doc)));
    }
    parsed[name].forEach((a, j) => {
      const k = o.minePair[j] === null ? null : parsed.Teacher[o.minePair[j]];
      expectedCsv.push([name, words[o.mine[j]], a.label, k ? k.label : '', String(a.start), String(a.end)].join('|'));
    });
    parsed.Teacher.forEach((k, i) => {
      if (o.key[i] === 'missed') expectedCsv.push([name, 'missed', '', k.label, String(k.start), String(k.end)].join('|'));
    });
  }
  assert.ok(expectedCsv.some((r) => r.includes('|wrong label|')) && expectedCsv.some((r) => r.includes('|missed|')));
  const fb = await downloadOf(page, () => page.getByRole('button', { name: 'Download feedback (CSV)' }).click());
  const fbLines = fb.text.replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(fbLines[0], 'annotator,document,outcome,label,key label,start,end,text,key note,annotator note');
  const parseCsv = (line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, 10).map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
  const fbRows = fbLines.slice(1).map(parseCsv);
  assert.deepEqual(fbRows.map((r) => [r[0], r[2], r[3], r[4], r[5], r[6]].join('|')).sort(), expectedCsv.sort());
  // Printed, the sheet shows and no control does.
  await page.getByLabel('Feedback for', { exact: true }).selectOption({ label: 'Ben' });
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.app-head', '.compare-tools', 'table.scores', '.agreement']) {
    assert.equal(await page.locator(hidden).first().evaluate((el) => getComputedStyle(el).display), 'none', hidden);
  }
  assert.ok(await page.locator('.sheet[data-annotator="Ben"]').isVisible());
  await page.locator('.sheet').screenshot({ path: `${OUTPUT}/feedback-print.png` });
  await page.emulateMedia({ media: 'screen' });
  // (The header stays at the top of the page for the picture, not over the sheet.)
  await page.addStyleTag({ content: '.app-head { position: static !important; }' });
  await page.locator('.feedback-doc').nth(1).screenshot({ path: `${OUTPUT}/feedback.png` });
  await page.locator('table.overview').screenshot({ path: `${OUTPUT}/overview.png` });

  // ---- Building a key from the three students' files (docs/FORMATS.md#building-a-key). ----
  const students = { Ana: parsed.Ana, Ben: parsed.Ben, Chloé: parsed.Chloé };
  const groups = keyGroups(students);
  const accepted = (g, pct = 50) => g.by * 100 > pct * 3;
  await page.getByRole('button', { name: 'Build a key from these files' }).click();
  const builder = page.locator('.key-builder');
  await builder.waitFor();
  // (Text content: Compare's long sections are laid out only when on screen.)
  const inAtFirst = groups.filter((g) => accepted(g)).length;
  assert.equal(await builder.locator('.key-summary').textContent(),
    `${groups.length} groups: ${inAtFirst} in the key, ${groups.length - inAtFirst} not; the key has ${inAtFirst} span${inAtFirst === 1 ? '' : 's'}; you decided 0.`);
  // At first only the groups the threshold leaves out are listed; then every one.
  const shownGroups = () => builder.locator('li.group').evaluateAll((lis) => lis.map((li) => [li.dataset.place, li.dataset.in]));
  const place = (g) => `${g.label}|${g.start}|${g.end}`;
  const groupDocs = await builder.locator('select option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(groupDocs, [...new Set(groups.map((g) => g.document))]);
  assert.deepEqual(await shownGroups(), groups.filter((g) => g.document === groupDocs[0] && !accepted(g)).map((g) => [place(g), 'no']));
  await builder.getByLabel('Show the groups the threshold put in the key too').check();
  for (const doc of groupDocs) {
    await builder.getByLabel('Groups of').selectOption(doc);
    const here = groups.filter((g) => g.document === doc);
    await page.waitForFunction((p) => document.querySelector('.key-builder li.group')?.dataset.place === p, place(here[0]));
    assert.deepEqual(await shownGroups(), here.map((g) => [place(g), accepted(g) ? g.label : 'no']), doc);
    // Who chose each group, and their notes.
    const who = await builder.locator('.group-who').allTextContents();
    assert.deepEqual(who, here.map((g) => `${g.by} of 3: ${g.names.join(', ')}`));
    const notes = await builder.locator('li.group').evaluateAll((lis) => lis.map((li) =>
      [...li.querySelectorAll('.group-notes li')].map((n) => n.textContent).join('\n')));
    assert.deepEqual(notes, here.map((g) => g.members.filter((m) => m.note).map((m) => `${m.who}: ${m.note}`).join('\n')));
  }
  assert.ok(groups.some((g) => g.members.some((m) => m.note)), 'a group shows a note');
  // Accept, reject and relabel one group each, with one click; Undo and Redo (keys and buttons).
  await builder.getByLabel('Groups of').selectOption(pieceId);
  const onPiece = groups.filter((g) => g.document === pieceId);
  const lone = onPiece.find((g) => !accepted(g) && g.label === 'claim');
  const agreed = onPiece.find((g) => accepted(g));
  const other = onPiece.find((g) => g !== lone && g !== agreed && g.label !== 'quote');
  assert.ok(lone && agreed && other, 'the piece has a lone claim, an agreed group and another');
  const rowOf = (g) => builder.locator(`li.group[data-place="${place(g)}"]`);
  const stateOf = async (g) => rowOf(g).getAttribute('data-in');
  await rowOf(lone).getByRole('button', { name: 'Accept' }).click();
  await rowOf(agreed).getByRole('button', { name: 'Reject' }).click();
  await rowOf(other).getByRole('button', { name: 'As quote' }).click();
  assert.deepEqual([await stateOf(lone), await stateOf(agreed), await stateOf(other)], ['claim', 'no', 'quote']);
  assert.equal(await rowOf(other).getByRole('button', { name: 'As quote' }).getAttribute('aria-pressed'), 'true');
  // The focus stays on the button clicked, in the row drawn again.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'As quote');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await page.waitForFunction((p) => document.querySelector(`.key-builder li.group[data-place="${p}"]`).dataset.in === 'no', place(other));
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction((p) => document.querySelector(`.key-builder li.group[data-place="${p}"]`).dataset.in === 'quote', place(other));
  // A threshold of 0 puts every group in but the rejected one; Undo takes it back.
  const threshold = builder.getByRole('spinbutton');
  await threshold.fill('0');
  await threshold.press('Tab');
  await page.waitForFunction(() => document.querySelector('.key-summary').textContent.includes('you decided 3'));
  const inAtZero = groups.filter((g) => g !== agreed);
  // (The opinion relabelled a quote comes to the place of Ana's quote, in the key at 0 %.)
  const spansAtZero = new Set(inAtZero.map((g) => [g.document, g === other ? 'quote' : g.label, g.start, g.end].join('|'))).size;
  assert.match(await builder.locator('.key-summary').textContent(),
    new RegExp(`: ${inAtZero.length} in the key, 1 not; the key has ${spansAtZero} span${spansAtZero === 1 ? '' : 's'};`));
  await page.getByRole('button', { name: '↶ Undo' }).click();
  await page.waitForFunction(() => document.querySelector('.key-builder .threshold').value === '50');
  // The key as decided: every accepted group but the rejected one, the lone claim, the
  // relabelled group as a quote; each group's range, with its members' notes.
  const decided = (g) => (g === lone ? 'claim' : g === agreed ? null : g === other ? 'quote' : accepted(g) ? g.label : null);
  // (A range and label in the key twice is there once, with the notes of both.)
  const keyed = new Map();
  for (const g of groups.filter(decided)) {
    const at = [g.document, decided(g), g.start, g.end];
    const k = at.join('|');
    if (!keyed.has(k)) keyed.set(k, [at, []]);
    keyed.get(k)[1].push(...g.members.map((m) => m.note.trim()).filter(Boolean));
  }
  const expectedKey = [...keyed.values()].map(([at, notes]) => [...at, [...new Set(notes)].join('\n')])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2] || a[3] - b[3] || LABELS.indexOf(a[1]) - LABELS.indexOf(b[1])));
  // (The picture without the passing notice over it.)
  await page.addStyleTag({ content: '.notice-region { visibility: hidden; }' });
  await builder.screenshot({ path: `${OUTPUT}/key-building.png` });
  const keyFile = await downloadOf(page, () => builder.getByRole('button', { name: 'Download the key' }).click());
  const built = JSON.parse(keyFile.text);
  assert.equal(built.format, 'discern.annotations');
  assert.equal(built.annotator, 'Key');
  assert.match(keyFile.name, /^discern-Key-\d{4}-\d{2}-\d{2}\.json$/);
  assert.deepEqual(built.annotations.map((a) => [a.document, a.label, a.start, a.end, a.note]), expectedKey);
  for (const a of built.annotations) {
    const text = corpusText(CORPUS_FILES.find((f) => docIdOfText(corpusText(f)) === a.document));
    assert.equal(a.text, [...text].slice(a.start, a.end).join(''));
    assert.equal(a.annotator, 'Key');
  }
  // Use as key: the built key joins the files and is the key; the students are scored on it.
  await builder.getByRole('button', { name: 'Use as key' }).click();
  await page.getByRole('radio', { name: 'Key is the key' }).waitFor();
  assert.ok(await page.getByRole('radio', { name: 'Key is the key' }).isChecked());
  const keyAnns = built.annotations;
  const scoresNow = await page.locator('table.scores tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
  assert.deepEqual(scoresNow.map((r) => r.slice(0, 8)), ['Teacher', 'Ana', 'Ben', 'Chloé'].flatMap((name) =>
    LABELS.map((label) => [name, label, ...scores(keyAnns, parsed[name], label)])));
  // A reload brings back the set, the key chosen, and the key being built as it was.
  await page.waitForTimeout(300);
  await page.reload();
  await page.locator('table.files').waitFor();
  assert.deepEqual(await page.locator('table.files tbody tr td:first-child').allInnerTexts(), ['Teacher', 'Ana', 'Ben', 'Chloé', 'Key']);
  assert.ok(await page.getByRole('radio', { name: 'Key is the key' }).isChecked());
  assert.deepEqual(await page.locator('table.scores tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))), scoresNow);
  await builder.waitFor();
  await builder.getByLabel('Groups of').selectOption(pieceId);
  assert.deepEqual([await stateOf(lone), await stateOf(other)], ['claim', 'quote']);
  assert.equal(await rowOf(agreed).getAttribute('data-in'), 'no');
  await builder.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Build a key from these files' }).waitFor();

  // Charting the last file, then removing files one by one, never breaks the view.
  await page.locator('.chart-section select').selectOption({ label: 'Chloé' });
  // (Each time the focus goes to the Remove button in the removed one's place, or the one
  // before it, so that a keyboard can go on.)
  const order = ['Key', 'Chloé', 'Ben', 'Ana', 'Teacher'];
  for (const [i, name] of order.entries()) {
    await page.getByRole('button', { name: `Remove ${name}` }).click();
    if (order[i + 1]) {
      await page.waitForFunction((n) => document.activeElement?.getAttribute('aria-label') === `Remove ${n}`, order[i + 1]);
    }
  }
  await page.getByText('Nothing loaded yet.').waitFor();
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  assert.deepEqual(page.errors, []);
  await teacher.context.close();
});
