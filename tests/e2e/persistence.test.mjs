// Nothing lost: two tabs, storage that is full, throws or holds unreadable data, and a panic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appUnderTest, openApp, openDocument, docIdOf, downloadOf, tag, screenshot,
} from './helpers.mjs';

const app = appUnderTest();

const WIRE = "Trump invites El Salvador's leader to the White House (Washington report)";
const F001 = '001_b0502ea1321b6f98.txt';
const count = (page, doc) => page.evaluate((d) => window.discern.annotations(d).length, doc);

test('two tabs: a change in one shows in the other; tagging in both in turn loses nothing', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const one = await openApp(context, app.server.url);
  const two = await openApp(context, app.server.url);
  await openDocument(one, WIRE);
  await openDocument(two, WIRE);
  const doc = await docIdOf(one, F001);

  await tag(one, 'President Donald Trump has invited', '1');
  await two.waitForFunction((d) => window.discern.annotations(d).length === 1, doc);
  await two.waitForSelector('mark[data-labels~=claim]');
  await tag(two, 'a key partner in his deportation efforts', '3');
  await one.waitForFunction((d) => window.discern.annotations(d).length === 2, doc);
  await tag(one, 'With the assistance of friends like you', '2');
  await tag(two, 'notoriously large and violent', '3');
  for (const page of [one, two]) {
    await page.waitForFunction((d) => window.discern.annotations(d).length === 4, doc);
  }
  // Deleting in one tab deletes in the other.
  await one.bringToFront();
  await one.locator('mark[data-labels~=quote]').first().click();
  await one.locator('.details').getByRole('button', { name: 'Delete tag' }).click();
  await two.waitForFunction((d) => window.discern.annotations(d).length === 3, doc);
  await one.reload();
  await one.waitForSelector('mark.hl');
  assert.equal(await count(one, doc), 3);
  await screenshot(two, 'two-tabs');
  assert.deepEqual([...one.errors, ...two.errors], []);
  await context.close();
});

test('storage full: a lasting warning, the work kept in memory, a one-click export; saved again once there is room', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await openApp(context, app.server.url);
  await openDocument(page, WIRE);
  const doc = await docIdOf(page, F001);
  // Once opening the document is saved (it is, when the browser is next idle), only the
  // tag is left to write.
  await page.waitForFunction((d) => JSON.parse(localStorage.getItem('discern/v1/meta') ?? '{}').open === d, doc);
  // Fill local storage with other data until the browser refuses.
  const filled = await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 16; size >>= 1) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`filler/${n++}`, chunk);
        } catch (e) {
          if (e.name !== 'QuotaExceededError') throw e;
          break;
        }
      }
    }
    return n;
  });
  assert.ok(filled > 4);
  await tag(page, 'President Donald Trump has invited', '1');
  const warning = page.locator('.storage-warning');
  await warning.waitFor();
  // Only this document's annotations were to be written, and they are named.
  assert.match(await warning.innerText(), /cannot save the annotation of “Trump invites El Salvador's leader to the White House \(Washington report\)” in this browser \(QuotaExceededError.*kept in this tab only/s);
  assert.equal(await count(page, doc), 1, 'the work is kept in memory');
  await screenshot(page, 'storage-full');
  const { name, text } = await downloadOf(page, () => warning.getByRole('button', { name: 'Export my work now' }).click());
  assert.match(name, /^discern-anonymous-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(text);
  assert.equal(exported.annotations.length, 1);
  assert.equal(exported.annotations[0].text, 'President Donald Trump has invited');
  // Room again: the next change saves everything and the warning goes.
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('filler/')) localStorage.removeItem(k);
  });
  await tag(page, 'a key partner in his deportation efforts', '3');
  await warning.waitFor({ state: 'detached' });
  const stored = await page.evaluate((d) => JSON.parse(localStorage.getItem(`discern/v1/ann/${d}`)), doc);
  assert.equal(stored.annotations.length, 2);
  await context.close();
});

test('storage that throws, and storage that is not there at all: the app works and says so', async () => {
  for (const script of [
    () => { Storage.prototype.setItem = function () { throw new DOMException('denied', 'SecurityError'); }; },
    () => { Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } }); },
  ]) {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(script);
    const page = await openApp(context, app.server.url);
    await openDocument(page, WIRE);
    // Opening a document saves (which document is open), so the warning comes first; waiting
    // for it keeps the page from moving under the drag that follows.
    const warning = page.locator('.storage-warning');
    await warning.waitFor();
    await tag(page, 'President Donald Trump has invited', '1');
    assert.match(await warning.innerText(), /SecurityError/);
    assert.equal(await page.locator('mark[data-labels~=claim]').count() > 0, true);
    assert.deepEqual(page.errors, []);
    await context.close();
  }
});

test('unreadable or newer stored data is kept aside, never wiped, and can be downloaded', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await openApp(context, app.server.url);
  const doc = await docIdOf(page, F001);
  const broken = '{"schema":1,"annotations":[{"id":"x", broken';
  const newer = JSON.stringify({ schema: 2, annotator: 'Future', prefs: {}, open: null, extra: [1, 2] });
  await page.evaluate(([d, b, n]) => {
    localStorage.setItem(`discern/v1/ann/${d}`, b);
    localStorage.setItem('discern/v1/meta', n);
  }, [doc, broken, newer]);
  await page.reload();
  const warning = page.locator('.storage-warning');
  await warning.waitFor();
  const said = await warning.innerText();
  assert.match(said, /could not be read/);
  assert.match(said, /newer Discern \(schema 2\)/);
  assert.match(said, /kept aside/);
  const kept = await page.evaluate((d) => [
    localStorage.getItem(`discern/aside/discern/v1/ann/${d}`),
    localStorage.getItem('discern/aside/discern/v1/meta'),
  ], doc);
  assert.deepEqual(kept, [broken, newer]);
  await screenshot(page, 'kept-aside');
  const { text } = await downloadOf(page, () => warning.getByRole('button', { name: 'Download the data kept aside' }).click());
  const dump = JSON.parse(text);
  assert.equal(dump[`discern/aside/discern/v1/ann/${doc}`], broken);
  // Working on afterwards never touches the copies kept aside.
  await openDocument(page, WIRE);
  await tag(page, 'President Donald Trump has invited', '1');
  await page.waitForFunction((d) => (localStorage.getItem(`discern/v1/ann/${d}`) || '').includes('invited') || true, doc);
  await page.waitForTimeout(500);
  const after = await page.evaluate((d) => localStorage.getItem(`discern/aside/discern/v1/ann/${d}`), doc);
  assert.equal(after, broken);
  await context.close();
});

test('a panic shows an error with a button that downloads the saved work', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await openApp(context, app.server.url);
  await openDocument(page, WIRE);
  await tag(page, 'President Donald Trump has invited', '1');
  await page.waitForTimeout(500);
  await page.evaluate(() => { try { window.discern.testPanic(); } catch (e) { /* the module stops */ } });
  const crash = page.getByRole('alertdialog');
  await crash.waitFor();
  assert.match(await crash.innerText(), /Discern has stopped/);
  await screenshot(page, 'panic');
  const { name, text } = await downloadOf(page, () => crash.getByRole('button', { name: 'Download my saved work' }).click());
  assert.equal(name, 'discern-saved-work.json');
  const saved = JSON.parse(text);
  const key = Object.keys(saved).find((k) => k.startsWith('discern/v1/ann/'));
  assert.ok(JSON.parse(saved[key]).annotations.some((a) => a.label === 'claim'));
  await context.close();
});

test('a built-in article that cannot be fetched: the app opens, says which and why, and its saved tags survive', async () => {
  // Without the release's service worker: once it controls the page, a later visit takes
  // the articles from its cache, and a host that stopped serving one is never asked (nor
  // would the test's routing see the worker's requests). This is a browser without the
  // worker, or whose cache was cleared.
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await openApp(context, app.server.url);
  await openDocument(page, WIRE);
  const wire = await docIdOf(page, F001);
  await tag(page, 'President Donald Trump has invited', '1');
  await page.waitForTimeout(500);

  // The host answers 404 for the wire report.
  await context.route('**/corpus/001_*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.reload();
  await page.waitForFunction(() => window.discern && document.querySelector('.app-head'));
  const warning = page.locator('.storage-warning');
  await warning.waitFor();
  assert.match(await warning.innerText(),
    /“001_b0502ea1321b6f98\.txt” could not be loaded \(the server answered 404\)\. Your tags on it are kept/);
  const titles = await page.evaluate(() => window.discern.documents().map((d) => d.title));
  assert.equal(titles.length, 3);
  assert.ok(!titles.includes(WIRE));
  // Work goes on in another article and is saved.
  await openDocument(page, "Bukele announces Trump's invitation to the White House");
  await tag(page, 'shared a copy of the invitation', '1');
  await page.waitForTimeout(500);
  await screenshot(page, 'article-missing');

  // Once the article can be had again, its tag is there, beside the new work.
  await context.unroute('**/corpus/001_*');
  await page.reload();
  await page.waitForFunction(() => window.discern && window.discern.documents().length === 4);
  assert.equal(await count(page, wire), 1);
  assert.equal(await page.evaluate(() => window.discern.annotations().length), 2);
  assert.equal(await page.locator('.storage-warning').count(), 0);
  await context.close();
});

test('the compare set survives a reload; an unreadable one is kept aside; one with no room is said and not brought back', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await openApp(context, `${app.server.url}teach.html`);
  const broken = '{"schema":1,"files":"not a list"}';
  await page.evaluate((b) => localStorage.setItem('discern/v1/compare', b), broken);
  await page.reload();
  const warning = page.locator('.storage-warning');
  await warning.waitFor();
  assert.match(await warning.innerText(), /Saved data “discern\/v1\/compare” was not loaded: it could not be read .*kept aside as “discern\/aside\/discern\/v1\/compare”/s);
  await page.getByText('Nothing loaded yet.').waitFor();
  // Two students' files, on two built-in articles.
  const doc = await docIdOf(page, F001);
  const file = (who, spans) => ({
    name: `${who}.json`, mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'discern.annotations', version: 1, annotator: who, documents: [],
      annotations: spans.map(([start, end, label], i) => ({ id: `${who}-${i}`, document: doc, label, start, end, note: `${who} ${i}` })) })),
  });
  await page.getByLabel('Load annotation files to compare').setInputFiles([
    file('Ana', [[0, 20, 'claim'], [30, 50, 'quote']]),
    file('Ben', [[0, 21, 'claim'], [60, 80, 'opinion']]),
  ]);
  await page.locator('.import-report').getByRole('button', { name: 'Close' }).click();
  await page.getByRole('radio', { name: 'Ana is the key' }).check();
  await page.locator('table.scores').waitFor();
  await page.waitForTimeout(300);
  await page.reload();
  await page.locator('table.files').waitFor();
  assert.deepEqual(await page.locator('table.files tbody tr td:first-child').allInnerTexts(), ['Ana', 'Ben']);
  assert.ok(await page.getByRole('radio', { name: 'Ana is the key' }).isChecked());
  assert.deepEqual((await page.locator('table.scores tbody tr[data-label=claim] td').allInnerTexts()).slice(0, 8),
    ['Ben', 'claim', '1', '1', '1', '1.00', '1.00', '1.00']);
  assert.equal(await page.evaluate(() => localStorage.getItem('discern/aside/discern/v1/compare')), broken);
  // No room left: the next change is not kept, the page says so, and the set kept before
  // is removed, so that a reload does not bring back one that is not this one.
  await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 16; size >>= 1) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try { localStorage.setItem(`filler/${n++}`, chunk); } catch { break; }
      }
    }
  });
  await page.getByRole('button', { name: 'Add my own annotations' }).click();
  const notKept = page.locator('.compare [role=alert]');
  await notKept.waitFor();
  assert.match(await notKept.innerText(), /^This comparison of 3 files is not kept in this browser: the browser's storage has no room left for it\. It stays open in this tab, but a reload will not bring it back; your files are unchanged\.$/);
  assert.equal(await page.evaluate(() => localStorage.getItem('discern/v1/compare')), null);
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('filler/')) localStorage.removeItem(k);
  });
  // Room again: the next change is kept, and the message goes.
  await page.getByRole('button', { name: 'Remove Ben' }).click();
  await notKept.waitFor({ state: 'detached' });
  await page.waitForTimeout(300);
  await page.reload();
  await page.locator('table.files').waitFor();
  assert.deepEqual(await page.locator('table.files tbody tr td:first-child').allInnerTexts(), ['Ana', 'Me']);
  assert.deepEqual(page.errors, []);
  await context.close();
});
