// Accessibility, checked by axe-core against the WCAG 2.2 A and AA rules on each screen, in
// the light and the dark colour scheme: the library (with the first-visit prompt and
// without), the export menu, the own-article form, the reader (empty, tagged, a tag's
// details open), and on the compare page the load report, the files, the figures with a key
// and a student's feedback, the chart and the agreement map, and the key being built; the
// page for setting an assignment and the list of assignments. Then forced colours (Windows
// high contrast), where the highlights keep their lines and badges, and what a screen reader
// is given: each highlight with its labels, and the text unchanged.
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

/** How many pixels of a PNG screenshot are ink: far from its commonest colour, the ground. */
async function inkOf(page, png) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = new OffscreenCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const p = ctx.getImageData(0, 0, img.width, img.height).data;
    // The ground is the commonest colour.
    const counts = new Map();
    for (let i = 0; i < p.length; i += 4) {
      const c = (p[i] << 16) | (p[i + 1] << 8) | p[i + 2];
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const ground = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    const [r, g, b] = [ground >> 16, (ground >> 8) & 255, ground & 255];
    let n = 0;
    for (let i = 0; i < p.length; i += 4) {
      if (Math.abs(p[i] - r) + Math.abs(p[i + 1] - g) + Math.abs(p[i + 2] - b) > 96) n++;
    }
    return n;
  }, png.toString('base64'));
}

for (const colorScheme of ['light', 'dark']) {
  test(`forced colours keep every highlight and its label visible, ${colorScheme}`, async () => {
    const { context, page } = await app.fresh({ colorScheme, forcedColors: 'active' });
    assert.ok(await page.evaluate(() => matchMedia('(forced-colors: active)').matches));
    await page.getByRole('button', { name: 'Not now' }).click();
    await openDocument(page, WIRE);
    const spans = [['President Donald Trump has invited', '1'], ['the White House', '2'], ['a key partner', '3']];
    for (const [needle, key] of spans) {
      // The words' place on the page, before and after they are tagged: tagging must show.
      const box = await page.evaluate((needle) => {
        const root = document.getElementById('doc-text');
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = n.data.indexOf(needle);
          if (at < 0) continue;
          const r = document.createRange();
          r.setStart(n, at);
          r.setEnd(n, at + needle.length);
          const b = r.getClientRects()[0];
          return { x: b.x - 24, y: b.y - 12, width: b.width + 30, height: b.height + 20 };
        }
      }, needle);
      const before = await page.screenshot({ clip: box });
      await tag(page, needle, key);
      await page.keyboard.press('Escape');
      await page.mouse.move(0, 0);
      const after = await page.screenshot({ clip: box });
      // The words stay, and the line and the badge add to them.
      const [was, is] = [await inkOf(page, before), await inkOf(page, after)];
      assert.ok(is > was + 60, `tagging "${needle}" shows in forced colours (ink ${was} → ${is})`);
    }
    // Each label keeps its own line, drawn in the text colour, and its badge.
    const looks = await page.locator('#doc-text mark.hl').evaluateAll((ms) => ms.map((m) => {
      const s = getComputedStyle(m);
      const badge = getComputedStyle(m, '::before');
      return {
        labels: m.dataset.labels, color: s.color, image: s.backgroundImage,
        badge: badge.content, badgeInk: badge.color, badgeGround: badge.backgroundColor,
      };
    }));
    const byLabel = Object.fromEntries(looks.map((l) => [l.labels, l]));
    assert.deepEqual(Object.keys(byLabel).sort(), ['claim', 'opinion', 'quote']);
    for (const l of Object.values(byLabel)) {
      assert.ok(l.image.includes(l.color), `${l.labels}: its line is in the text colour ${l.color}: ${l.image}`);
      assert.match(l.badge, /^attr\(data-badge\)|^"[CQO]"/, `${l.labels}: a badge`);
      assert.notEqual(l.badgeInk, l.badgeGround, `${l.labels}: the badge's letter shows`);
    }
    assert.equal(new Set(Object.values(byLabel).map((l) => l.image)).size, 3, 'three different lines');
    await screenshot(page, `forced-colours-${colorScheme}`);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

test('a screen reader hears each highlight with its labels, and the text is the document', async () => {
  const { context, page } = await app.fresh();
  await page.getByRole('button', { name: 'Not now' }).click();
  await openDocument(page, WIRE);
  await tag(page, 'President Donald Trump has invited', '1');
  // Tagging is announced.
  assert.equal(await page.locator('[role=status]').first().innerText(), 'Tagged as claim');
  await tag(page, 'Donald Trump', '3');
  await tag(page, 'the White House', '2');
  await page.keyboard.press('Escape');

  const cdp = await context.newCDPSession(page);
  await cdp.send('Accessibility.enable');
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const textOf = (n) => (n.role?.value === 'StaticText' ? n.name?.value ?? ''
    : (n.childIds ?? []).map((c) => textOf(byId.get(c))).join(''));
  const heard = nodes
    .filter((n) => n.role?.value === 'mark' && !n.ignored)
    .map((n) => `${n.description?.value} | ${textOf(n)}`)
    .sort();
  const shown = await page.locator('#doc-text mark').evaluateAll((ms) => ms.map((m) => `${m.title} | ${m.textContent}`).sort());
  assert.deepEqual(heard, shown, 'each highlight is a mark described by its labels, with its text and no badge letter');
  assert.deepEqual(heard, [
    'claim |  has invited',
    'claim | President ',
    'claim, opinion | Donald Trump',
    'quote | the White House',
  ]);
  // The text box holds the document, character for character.
  const file = CORPUS_FILES.find((f) => corpusText(f).includes('President Donald Trump has invited'));
  assert.equal(await page.locator('#doc-text').evaluate((el) => el.textContent), corpusText(file));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('on every page ? shows the keys, Escape and the header button close them', async () => {
  const { context, page } = await app.fresh();
  await page.getByRole('button', { name: 'Not now' }).click();
  const overlay = page.locator('.help[role=dialog]');
  const pages = [
    ['library', './', 'main.library'],
    ['compare', 'teach.html', 'main.compare'],
    ['new assignment', 'set.html', 'main'],
    ['assignments', 'assignment.html', 'main'],
  ];
  for (const [name, file, ready] of pages) {
    await page.goto(new URL(file, app.server.url).href);
    await page.locator(ready).first().waitFor();
    await page.locator('h1').first().click();
    await page.keyboard.press('?');
    await overlay.waitFor();
    const keys = await overlay.innerText();
    for (const k of ['Tab', 'Ctrl', '?', 'Escape', 'undo, redo', 'show or hide this']) {
      assert.ok(keys.includes(k), `${name}: the keys name ${k}`);
    }
    assert.equal(await page.getByRole('button', { name: '? Keys' }).getAttribute('aria-expanded'), 'true');
    assert.deepEqual(await axeViolations(page), [], `${name}, the keys`);
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '? Keys' }).click();
    await overlay.waitFor();
    await overlay.getByRole('button', { name: 'Close' }).click();
    await overlay.waitFor({ state: 'detached' });
  }
  // In the reader, the reader's keys and what each label means come first.
  await page.goto(app.server.url);
  await openDocument(page, WIRE);
  await page.locator('#doc-text').focus();
  await page.keyboard.press('?');
  await overlay.waitFor();
  assert.match(await overlay.innerText(), /^Keys and labels[\s\S]*tag the selection claim, quote, opinion[\s\S]*Claim[\s\S]*Opinion[\s\S]*Tab/);
  // Typing a ? in a field types it.
  await page.keyboard.press('Escape');
  await overlay.waitFor({ state: 'detached' });
  await page.getByLabel('Your name').fill('');
  await page.getByLabel('Your name').press('?');
  assert.equal(await page.getByLabel('Your name').inputValue(), '?');
  assert.equal(await overlay.count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});
