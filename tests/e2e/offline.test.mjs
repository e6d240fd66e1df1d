// Offline after the first visit, installable, and a new release announced
// (docs/ARCHITECTURE.md#offline). The release is served from a copy of dist/, so that the
// test can make a new release of it with the build's own step (scripts/service-worker.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  DIST, startServer, launch, openApp, openDocument, tag, downloadOf, screenshot, axeViolations,
} from './helpers.mjs';
import { writeServiceWorker, WORKER } from '../../scripts/service-worker.mjs';

const OPINION_PIECE = 'Bukele to visit Trump: an opinion piece with embedded posts';
const NOTICE = /^A new version is ready: reload$/;

let release;
let server;
let browser;
before(async () => {
  release = fs.mkdtempSync(path.join(os.tmpdir(), 'discern-release-'));
  fs.cpSync(DIST, release, { recursive: true });
  server = await startServer({ dir: release });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (release) fs.rmSync(release, { recursive: true, force: true });
});

/** Waits until the release's worker controls the page, and returns its caches' names. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 30_000 });
  return page.evaluate(() => caches.keys());
}

/** A text as it is read out. */
const said = (text) => text.replace(/\s+/g, ' ').trim();

/** The tags of the open document, through `window.discern`. */
const labels = (page) => page.evaluate(() => window.discern.annotations().map((a) => `${a.label}: ${a.text}`).sort());

/** What the release's worker precaches: the files its list names. */
function precached(dir) {
  const source = fs.readFileSync(path.join(dir, WORKER), 'utf8');
  return [...source.matchAll(/\["([^"]+)","sha256-[A-Za-z0-9+/=]+"\]/g)].map((m) => m[1]);
}

test('the worker precaches every served file of the release but the compressed copies and itself', () => {
  const served = [];
  const walk = (d, rel = '') => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), `${rel}${e.name}/`);
      else served.push(`${rel}${e.name}`);
    }
  };
  walk(DIST);
  const expected = served.filter((f) => !/\.(gz|br)$/.test(f) && f !== WORKER).sort();
  assert.deepEqual(precached(DIST), expected);
  for (const page of ['index.html', 'assignment.html', 'teach.html', 'set.html']) {
    assert.ok(expected.includes(page));
    const html = fs.readFileSync(path.join(DIST, page), 'utf8');
    assert.equal(html.match(/<script data-offline>/g)?.length, 1, `${page} registers the worker once`);
    assert.match(html, /<link rel="manifest" href="manifest\.webmanifest"/);
  }
  for (const file of ['manifest.webmanifest', 'favicon.svg', 'icons/icon-192.png', 'icons/icon-512.png', 'icons/icon-maskable-512.png']) {
    assert.ok(expected.includes(file), file);
  }
  assert.equal(expected.filter((f) => f.startsWith('corpus/')).length, 4);
  assert.equal(expected.filter((f) => f.endsWith('_bg.wasm')).length, 4);
});

test('Chromium finds the manifest and would install Discern', async () => {
  // A profile of its own: an incognito context (as the other tests use) is never installable.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'discern-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.equal(manifest.url, `${server.url}manifest.webmanifest`);
    assert.deepEqual(manifest.errors, []);
    const m = manifest.manifest;
    assert.equal(m.name, 'Discern');
    assert.equal(m.startUrl, server.url, 'it starts at the release, on any sub-path');
    assert.equal(m.scope, server.url);
    assert.equal(m.display, 'kStandalone');
    assert.deepEqual(m.icons.map((i) => i.url.slice(server.url.length)),
      ['favicon.svg', 'icons/icon-192.png', 'icons/icon-512.png', 'icons/icon-maskable-512.png']);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test('after the first visit Discern works offline; a new release is announced, and taken with the work kept', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  try {
    const page = await openApp(context, server.url);
    await page.getByRole('button', { name: 'Not now' }).click();
    const [first] = await controlled(page);
    assert.match(first, new RegExp(`^discern ${server.url} [0-9a-f]{16}$`), 'one cache, named by its scope and version');
    const count = await page.evaluate((name) => caches.open(name).then((c) => c.keys()).then((k) => k.length), first);
    assert.equal(count, precached(release).length, 'the cache holds the whole release');
    await openDocument(page, OPINION_PIECE);
    await tag(page, 'JUST IN', '1');
    await page.waitForTimeout(400);

    // Offline: the page, its wasm and the articles come from the cache, and the saved work
    // is there.
    await context.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => window.discern && document.querySelector('#doc-text'));
    assert.deepEqual(await labels(page), ['claim: JUST IN']);
    assert.equal(await page.locator('.storage-warning').count(), 0, 'every built-in article is here');
    await tag(page, 'Thank you for your assistance and friendship', '2');
    assert.deepEqual(await labels(page), ['claim: JUST IN', 'quote: Thank you for your assistance and friendship']);
    await screenshot(page, 'offline-reader');
    const menu = page.locator('details.menu');
    await menu.locator('summary').click();
    await menu.getByLabel('Discern JSON').check();
    const exported = await downloadOf(page, () => menu.getByRole('button', { name: 'Download' }).click());
    await menu.locator('summary').click();
    const file = JSON.parse(exported.text);
    assert.equal(file.format, 'discern.annotations');
    assert.deepEqual(file.annotations.map((a) => a.label).sort(), ['claim', 'quote']);
    // The other pages open offline too, over the same work, with any query.
    for (const [address, shows] of [
      ['teach.html', '.compare'],
      ['assignment.html?assignment=week1.json', '.app-head'],
      ['set.html', '.app-head'],
      ['', '#doc-text'],
    ]) {
      await page.goto(server.url + address);
      await page.waitForSelector(shows);
      assert.equal(await page.title() !== '', true);
    }
    assert.deepEqual(await labels(page), ['claim: JUST IN', 'quote: Thank you for your assistance and friendship']);
    assert.deepEqual(page.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
    await context.setOffline(false);

    // A new release: its stylesheet changed (and its integrity in the pages, as
    // finish-release writes it), then the worker written by the build's own step.
    const css = fs.readdirSync(release).find((f) => /^discern-[0-9a-f]+-reading\.css$/.test(f));
    const cssFile = path.join(release, css);
    fs.appendFileSync(cssFile, '.app-head{border-bottom:4px solid #0f766e}');
    const sri = 'sha384-' + crypto.createHash('sha384').update(fs.readFileSync(cssFile)).digest('base64');
    for (const html of fs.readdirSync(release).filter((f) => f.endsWith('.html'))) {
      const p = path.join(release, html);
      fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replace(
        new RegExp(`(href="\\./${css}" integrity=")sha384-[A-Za-z0-9+/=]+`), `$1${sri}`));
    }
    const { version } = writeServiceWorker(release);
    assert.ok(!first.endsWith(version), 'a new version');

    // The next visit finds it: it waits, and the page says so; the old version still serves.
    await page.reload();
    const notice = page.locator('.new-version');
    await notice.waitFor({ timeout: 30_000 });
    assert.match(said(await notice.textContent()), NOTICE);
    assert.equal(await page.locator('.notice-region[role=status] .new-version').count(), 1, 'in the live region');
    assert.deepEqual((await page.evaluate(() => caches.keys())).sort(), [first, `discern ${server.url} ${version}`].sort());
    assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => Boolean(r.waiting))), true);
    assert.notEqual(await page.locator('.app-head').evaluate((e) => getComputedStyle(e).borderBottomWidth), '4px');
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'new-version');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(page), [], 'in the dark colour scheme too');
    await screenshot(page, 'new-version-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // Every page says so.
    const other = await openApp(context, `${server.url}teach.html`);
    await other.locator('.new-version').waitFor();
    assert.match(said(await other.locator('.new-version').textContent()), NOTICE);
    await other.close();

    // A tag, then at once the button (by the keyboard): the page reloads under the new
    // version, with the tag.
    await tag(page, 'pic.twitter.com', '3');
    const button = notice.getByRole('button', { name: 'reload' });
    await button.focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.waitForFunction(() => window.discern && document.querySelector('#doc-text'));
    assert.deepEqual(await labels(page), [
      'claim: JUST IN', 'opinion: pic.twitter.com', 'quote: Thank you for your assistance and friendship',
    ]);
    assert.equal(await page.locator('.app-head').evaluate((e) => getComputedStyle(e).borderBottomWidth), '4px', 'the new stylesheet');
    assert.deepEqual(await page.evaluate(() => caches.keys()), [`discern ${server.url} ${version}`], 'the old cache is gone');
    assert.equal(await page.locator('.new-version').count(), 0);
    await screenshot(page, 'new-version-taken');
    assert.deepEqual(page.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
  } finally {
    await context.close();
  }
});
