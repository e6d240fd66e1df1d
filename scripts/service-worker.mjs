// The offline half of a Discern release (docs/ARCHITECTURE.md#offline): writes the service
// worker, dist/sw.js, and the few lines in each page that register it. finish-release.mjs
// calls `writeServiceWorker` once the files' names and contents are final (after the
// minifying, the renaming of imports and the integrity hashes), before it compresses;
// `node scripts/service-worker.mjs DIR` runs the same step on its own (the offline browser
// test uses it to make a new release of a copy of dist/).
//
// - The worker precaches every file the release serves (each page's html, wasm, JS and CSS,
//   the built-in articles in corpus/, the icons, the manifest, and whatever else is put in
//   dist/ later, such as language files), except the .gz and .br copies and itself. Each is
//   fetched with its SHA-256 as its integrity, so a cache holds one release's bytes or
//   nothing.
// - Its cache is named after its scope and a version, a hash of the worker's code and every
//   precached file's name and bytes: any change to any of them is a new version.
// - The page half only registers the worker and signals: when a new version is waiting, it
//   sets `window.discernUpdate` (call it to switch to the new version and reload) and
//   dispatches the window event `discern-update`. The app (src/browser/update.rs) shows the
//   notice, in its own words.
// Under `trunk serve` there is neither: the worker and its registration exist in a release
// build only.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

/** The worker's file name, beside the pages; its scope is the folder it is in. */
export const WORKER = 'sw.js';

/** Compressed copies of served files, which the browser never asks for by name. */
const COPY = /\.(gz|br)$/;

/**
 * The service worker. Its source is written into sw.js and called there with the release's
 * `version` and `files` (`[path relative to the worker, its integrity]`, sorted); it runs in
 * the browser, never here.
 */
function worker(version, files) {
  // Discern's caches at this scope, so that two copies of Discern on one site (at two
  // sub-paths) never delete each other's.
  const scope = self.registration.scope;
  const prefix = `discern ${scope} `;
  const name = prefix + version;
  const url = (file) => new URL(file, self.location).href;
  const precached = new Set(files.map(([file]) => url(file)));

  // Everything is checked with the host (a file the HTTP cache holds is sent again only if
  // it changed) and against its hash before anything is stored: the new version installs
  // whole, or not at all (and is tried again at the next visit).
  self.addEventListener('install', (event) => {
    event.waitUntil((async () => {
      const fetched = await Promise.all(files.map(async ([file, integrity]) => {
        const response = await fetch(file, { cache: 'no-cache', integrity });
        if (!response.ok) throw new Error(`${file}: ${response.status}`);
        // A host that redirected (index.html to ./) gives a response that a navigation may
        // not be answered with; its body and headers are kept without the redirect.
        return [file, response.redirected ? new Response(await response.blob(), response) : response];
      }));
      const cache = await caches.open(name);
      await Promise.all(fetched.map(([file, response]) => cache.put(url(file), response)));
    })());
  });

  // The worker takes over the pages at once: on a first visit the cache is complete by now,
  // and after an update the reader asked for it. Older versions' caches go.
  self.addEventListener('activate', (event) => {
    event.waitUntil((async () => {
      const old = (await caches.keys()).filter((key) => key.startsWith(prefix) && key !== name);
      await Promise.all(old.map((key) => caches.delete(key)));
      await self.clients.claim();
    })());
  });

  // A new version waits until the reader presses the notice's button, which asks for this.
  self.addEventListener('message', (event) => {
    if (event.data === 'skip-waiting') self.skipWaiting();
  });

  // A page opened (with any query, such as ?assignment=…) is answered from the cache, the
  // scope's root by index.html; any other GET of a precached file from the cache; the rest,
  // and anything missing from the cache, goes to the network as if there were no worker.
  self.addEventListener('fetch', (event) => {
    const request = event.request;
    if (request.method !== 'GET') return;
    const target = new URL(request.url);
    target.hash = '';
    if (request.mode === 'navigate') {
      target.search = '';
      if (target.href === scope) target.href = url('index.html');
    }
    if (!precached.has(target.href)) return;
    event.respondWith(caches.open(name)
      .then((cache) => cache.match(target.href))
      .then((cached) => cached || fetch(request)));
  });
}

/**
 * The page half: registers the worker two seconds after the app has drawn the work (its
 * event `discern-drawn`), so that precaching the whole release never competes with the
 * page's own start nor with the reader's first click; or ten seconds after the page loaded,
 * if the app never says so.
 * It signals a new version waiting to take over. A page without the worker (it failed to
 * load, or the browser has none) goes on as it is.
 */
function register() {
  const sw = navigator.serviceWorker;
  let asked = false;
  const start = () => {
    if (asked || !sw) return;
    asked = true;
    sw.register('sw.js').then(registered, () => {});
  };
  addEventListener('discern-drawn', () => setTimeout(start, 2000), { once: true });
  addEventListener('load', () => setTimeout(start, 10_000));
  const registered = (reg) => {
    // A new version is waiting while an older one controls this page. (On a first visit,
    // nothing controls the page: the first version installs without a word.)
    const offer = () => {
      if (!reg.waiting || !sw.controller) return;
      window.discernUpdate = () => {
        // Only the tab whose reader asked reloads; the page's work is saved as it is hidden.
        sw.addEventListener('controllerchange', () => location.reload());
        if (reg.waiting) reg.waiting.postMessage('skip-waiting');
        else location.reload();
      };
      dispatchEvent(new Event('discern-update'));
    };
    const watch = (w) => w?.addEventListener('statechange', offer);
    watch(reg.installing);
    reg.addEventListener('updatefound', () => watch(reg.installing));
    offer();
  };
}

/** The registration, as it stands in a page (marked, so that writing it again replaces it). */
const REGISTRATION = `<script data-offline>${transformSync(`(${register})()`, { minify: true, target: 'es2020' }).code.trim()}</script>`;
const REGISTERED = /<script data-offline>[\s\S]*?<\/script>/;

function walk(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

/**
 * Registers the worker from every page of the release in `dir` and writes the worker,
 * precaching every file there but the compressed copies and itself. Returns the version and
 * the files precached with their total size in bytes.
 */
export function writeServiceWorker(dir) {
  for (const page of fs.readdirSync(dir).filter((f) => f.endsWith('.html'))) {
    const file = path.join(dir, page);
    const text = fs.readFileSync(file, 'utf8');
    const html = REGISTERED.test(text) ? text.replace(REGISTERED, () => REGISTRATION) : text.replace('</head>', () => `${REGISTRATION}</head>`);
    if (html === text && !text.includes(REGISTRATION)) throw new Error(`${page} has no </head> to register the worker in`);
    fs.writeFileSync(file, html);
  }
  // The worker's own code is part of the version too.
  const version = crypto.createHash('sha256').update(String(worker));
  let bytes = 0;
  const files = walk(dir)
    .map((f) => path.relative(dir, f).split(path.sep).join('/'))
    .filter((f) => f !== WORKER && !COPY.test(f))
    .sort()
    .map((f) => {
      const content = fs.readFileSync(path.join(dir, f));
      bytes += content.length;
      version.update(`${f}\0${content.length}\0`).update(content);
      return [encodeURI(f), 'sha256-' + crypto.createHash('sha256').update(content).digest('base64')];
    });
  const id = version.digest('hex').slice(0, 16);
  const source = `// Discern's service worker, release ${id}: written by scripts/service-worker.mjs
// (docs/ARCHITECTURE.md#offline); ${files.length} files, ${bytes} bytes precached.
'use strict';
(${worker})(${JSON.stringify(id)}, [
${files.map((f) => `  ${JSON.stringify(f)},`).join('\n')}
]);
`;
  fs.writeFileSync(path.join(dir, WORKER), source);
  return { version: id, files: files.map(([f]) => f), bytes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'dist';
  const { version, files, bytes } = writeServiceWorker(dir);
  console.log(`${WORKER}: release ${version}, ${files.length} files precached (${bytes} B)`);
}
