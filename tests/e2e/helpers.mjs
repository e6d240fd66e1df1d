// Shared helpers for Discern's browser tests: a static server for the release build (served
// from a sub-path, as a school's static host might), headless Chromium through
// playwright-core, and actions a person takes: dragging the mouse over words, pressing keys.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const CORPUS = path.join(ROOT, 'static/corpus');
export const OUTPUT = path.join(ROOT, 'tests/output');
export const SUB_PATH = '/classes/media-literacy/discern/';
export const CORPUS_FILES = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort();

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};

/**
 * Serves dist/ (or the release in `dir`, such as a copy of dist/ that a test builds anew)
 * under SUB_PATH on a free loopback port. With `precompressed`, it serves as a school's
 * static host configured for Discern does: the release's `.br` (or `.gz`) copy of a file when
 * the browser accepts it, and every file with a validator (`ETag`), so that the browser
 * asks again before it uses what its HTTP cache holds and gets `304 Not Modified` when
 * nothing changed.
 */
export async function startServer({ dir = DIST, precompressed = false } = {}) {
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root} has no release: run \`make release\` first`);
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(SUB_PATH)) {
      res.writeHead(404).end('not found');
      return;
    }
    // A path under `drop-connection/` ends the connection without an answer: a network
    // error, as the browser meets it on flaky wifi.
    if (url.pathname.includes('/drop-connection/')) {
      req.socket.destroy();
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(SUB_PATH.length)) || 'index.html';
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      // Under `start-page/`, a missing file is answered with the site's start page (200,
      // HTML), as many static hosts do.
      if (url.pathname.includes('/start-page/')) {
        res.writeHead(200, { 'content-type': 'text/html' }).end(fs.readFileSync(path.join(root, 'index.html')));
        return;
      }
      res.writeHead(404).end('not found');
      return;
    }
    const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' };
    let body = file;
    if (precompressed) {
      const accepts = String(req.headers['accept-encoding'] || '');
      const encoding = ['br', 'gzip'].find((e) => accepts.includes(e) && fs.existsSync(`${file}.${e === 'br' ? 'br' : 'gz'}`));
      if (encoding) {
        body = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
        headers['content-encoding'] = encoding;
      }
      headers.vary = 'accept-encoding';
      const stat = fs.statSync(body);
      headers.etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
      headers['cache-control'] = 'no-cache';
      if (req.headers['if-none-match'] === headers.etag) {
        res.writeHead(304, headers).end();
        return;
      }
    }
    res.writeHead(200, headers);
    fs.createReadStream(body).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}${SUB_PATH}`;
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Launches Debian's headless Chromium, with `extraArgs` if given. */
export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // English, whatever this machine's locale: a test that wants another language says so
      // (`browser.newContext({ locale })`).
      '--lang=en-US',
      ...extraArgs,
    ],
  });
}

/** Opens Discern in a fresh page and waits until the app is running. */
export async function openApp(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.errors = errors;
  await page.goto(url);
  // The reading page (the one with the export menu) also has window.discern running.
  await page.waitForFunction(() => document.querySelector('.app-head')
    && (window.discern || !document.querySelector('.app-head details.menu')));
  return page;
}

export function corpusText(file) {
  return fs.readFileSync(path.join(CORPUS, file), 'utf8');
}

/** The id a built-in article has: `d` and the first 16 hex digits of the SHA-256 of its
 * text (docs/FORMATS.md, "Offsets and ids"), computed here from the file; on the reading
 * page, checked against the library's own. */
export async function docIdOf(page, file) {
  const id = 'd' + crypto.createHash('sha256').update(corpusText(file), 'utf8').digest('hex').slice(0, 16);
  const library = await page.evaluate(() => window.discern?.documents());
  if (library) assert.equal(library[CORPUS_FILES.indexOf(file)].id, id);
  return id;
}

/** Opens a document from the library by clicking its title. */
export async function openDocument(page, title) {
  await page.getByRole('link', { name: title }).click();
  await page.waitForSelector('#doc-text');
}

/**
 * Finds the `occurrence`-th appearance of `needle` in the rendered text and returns the
 * viewport points at the left edge of its first character and the right edge of its last.
 */
export async function pointsOf(page, needle, occurrence = 0) {
  return page.evaluate(
    ([needle, occurrence]) => {
      const root = document.getElementById('doc-text');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let text = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push([n, text.length]);
        text += n.data;
      }
      let at = -1;
      for (let k = 0; k <= occurrence; k++) at = text.indexOf(needle, at + 1);
      if (at < 0) throw new Error(`not in the text: ${needle}`);
      const locate = (i) => {
        for (let k = nodes.length - 1; k >= 0; k--) {
          if (nodes[k][1] <= i) return [nodes[k][0], i - nodes[k][1]];
        }
      };
      const rectOf = (i, j) => {
        const r = document.createRange();
        const [a, ao] = locate(i);
        const [b, bo] = locate(j - 1);
        r.setStart(a, ao);
        r.setEnd(b, bo + 1);
        return r.getClientRects();
      };
      const first = rectOf(at, at + 1)[0];
      const lastRects = rectOf(at + needle.length - 1, at + needle.length);
      const last = lastRects[lastRects.length - 1];
      first.scrollIntoViewIfNeeded?.();
      // A right-to-left line starts at the right: the drag goes from the first letter's right
      // edge to the last one's left edge.
      const [a] = locate(at);
      const rtl = getComputedStyle(a.parentElement).direction === 'rtl';
      return rtl ? {
        from: { x: first.right - 1, y: first.top + first.height / 2 },
        to: { x: last.left + 1, y: last.top + last.height / 2 },
      } : {
        from: { x: first.left + 1, y: first.top + first.height / 2 },
        to: { x: last.right - 1, y: last.top + last.height / 2 },
      };
    },
    [needle, occurrence],
  );
}

/** Drags the mouse over `needle` in the text, as a reader selects words. */
export async function dragOver(page, needle, occurrence = 0) {
  await page.evaluate(() => window.scrollTo(0, 0));
  let p = await pointsOf(page, needle, occurrence);
  const vh = page.viewportSize().height;
  if (p.from.y < 80 || p.to.y > vh - 40) {
    await page.mouse.wheel(0, p.from.y - vh / 3);
    await page.waitForTimeout(50);
    p = await pointsOf(page, needle, occurrence);
  }
  await page.mouse.move(p.from.x, p.from.y);
  await page.mouse.down();
  await page.mouse.move((p.from.x + p.to.x) / 2, (p.from.y + p.to.y) / 2, { steps: 5 });
  await page.mouse.move(p.to.x, p.to.y, { steps: 5 });
  await page.mouse.up();
}

/** Python's own slicing of a corpus file by code points, as a researcher would check it. */
export function pythonSlice(file, start, end) {
  const script =
    'import sys\n' +
    'text = open(sys.argv[1], encoding="utf-8", newline="").read()\n' +
    'sys.stdout.write(text[int(sys.argv[2]):int(sys.argv[3])])';
  return execFileSync('python3', ['-c', script, path.join(CORPUS, file), String(start), String(end)], {
    encoding: 'utf8',
  });
}

/** Saves a screenshot under tests/output/ and returns its path. */
export async function screenshot(page, name) {
  fs.mkdirSync(OUTPUT, { recursive: true });
  const file = path.join(OUTPUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Runs `action` and returns the text of the file it downloads, with its suggested name. */
export async function downloadOf(page, action) {
  const [download] = await Promise.all([page.waitForEvent('download'), action()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

/** Tags `needle` (its `occurrence`-th appearance) with the key for `label`. */
export async function tag(page, needle, key, occurrence = 0) {
  await page.bringToFront();
  const before = await page.locator('#doc-text mark').count();
  await dragOver(page, needle, occurrence);
  await page.keyboard.press(key);
  await page.waitForFunction((n) => document.querySelectorAll('#doc-text mark').length !== n, before, { polling: 50 });
}

/** Code-point slicing, as Python and the W3C model count. */
export const cpSlice = (text, start, end) => Array.from(text).slice(start, end).join('');

/**
 * The app under test for one test file: serves dist/ and launches Chromium before the file's
 * tests, closes both after. `fresh(options)` opens Discern in a new browser context (its own
 * storage, as a new student's browser) and returns the context and the page.
 */
export function appUnderTest() {
  const app = {};
  before(async () => {
    app.server = await startServer();
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  // (In English unless a test asks for another language: the browser's own locale would
  // choose the interface's language, docs/ARCHITECTURE.md#languages.)
  app.fresh = async (options = {}) => {
    const context = await app.browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
      locale: 'en-US',
      ...options,
    });
    const page = await openApp(context, app.server.url);
    return { context, page };
  };
  return app;
}

/** The WCAG 2.2 A and AA rules axe-core checks. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * What axe-core finds against the WCAG 2.2 A and AA rules on the page as it is now: each
 * violation as `rule: target, target…`, so that a failure names what to fix.
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) {
    await page.addScriptTag({ path: path.join(ROOT, 'node_modules/axe-core/axe.min.js') });
  }
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, AXE_TAGS);
  return violations;
}
