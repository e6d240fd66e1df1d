// Finishes a Discern release build in dist/ (run by `make release` after the `trunk build`s of
// its pages, index.html, assignment.html, teach.html and set.html):
//
// 0. Gives each page its own stylesheet, made of the rules of the shared one
//    (static/discern.css) that the page uses, by the stylesheet's `/* pages: … */` markers.
// 1. Minifies the JavaScript loaders and the stylesheets with esbuild.
// 2. Gives the functions each wasm module imports from its loader short names, in both files:
//    wasm-bindgen names each one after its JavaScript API plus a 16-digit hash (about 230 of
//    them), and those names would otherwise be downloaded twice: 7.1 KB (gzip) of the reading
//    page's wasm and JavaScript. The renaming stops the
//    build, changing nothing, if the loader does not have each name exactly once.
//    Then writes the new Subresource Integrity hashes into the pages, so the browser still
//    checks every file.
// 3. Checks that each page has its language files (i18n/<code>/<page>.txt,
//    docs/FORMATS.md#language-files) as the release ships them (Trunk's hook,
//    scripts/i18n.mjs, writes them: the hash of the entries' names on the first line, then
//    one text a line), and minifies the start script inlined in each page (static/start.js).
// 4. Writes the service worker, sw.js, which precaches every file of the release, and
//    registers it from every page (scripts/service-worker.mjs, docs/ARCHITECTURE.md#offline).
// 5. Writes a .gz (zopfli, the gzip format at its smallest) and a .br copy beside every file
//    a static host may serve compressed.
// 6. Prints, page by page, each file's sizes and the release transfer: the wasm, JS and CSS
//    that a first visit to the page downloads, and the largest of its language files (it
//    fetches one, i18n/<code>/<page>.txt, before it draws), gzipped and brotli-compressed.
//    It also prints the gzip -9 figure, for hosts that compress on the fly. A page whose
//    transfer passes the bound, 240 KB gzip, fails the build.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { transformSync } from 'esbuild';
import { gzipAsync } from '@gfx/zopfli';
import { writeServiceWorker, WORKER } from './service-worker.mjs';

const dir = process.argv[2] ?? 'dist';
const COMPRESS = /\.(wasm|js|css|html|svg|json|txt|webmanifest)$/;
const TRANSFER = /\.(wasm|js|css)$/;

function walk(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

// Discern's pages (docs/ARCHITECTURE.md#pages): each HTML file with the wasm module, the
// loader and the stylesheet it links, which step 0 makes the page's own.
const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort().map((html) => {
  const text = fs.readFileSync(path.join(dir, html), 'utf8');
  const linked = [...new Set([...text.matchAll(/(?:href=|from |module_or_path: |fetch\()['"]\.\/([^'"]+)['"]/g)].map((m) => m[1]))];
  const wasm = linked.filter((f) => f.endsWith('_bg.wasm'));
  if (wasm.length !== 1) throw new Error(`${html} links ${wasm.length} wasm modules, not one`);
  return { html, text, wasm: wasm[0], files: linked.filter((f) => TRANSFER.test(f)) };
});

// 0. Each page's own stylesheet: the rules of the shared one (static/discern.css) that its
// `/* pages: … */` markers give the page (each holds until the next; `all` is every page).
for (const page of pages) {
  page.name = page.text.match(/<html[^>]*\sdata-page="([^"]+)"/)?.[1];
  if (!page.name) throw new Error(`${page.html} names no page (<html data-page>)`);
  page.files = page.files.map((file) => {
    if (!file.endsWith('.css')) return file;
    const own = file.replace(/\.css$/, `-${page.name}.css`);
    fs.writeFileSync(path.join(dir, own), cssFor(fs.readFileSync(path.join(dir, file), 'utf8'), page.name));
    page.text = page.text.replaceAll(`./${file}`, `./${own}`);
    return own;
  });
}
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.css'))) {
  if (!pages.some((p) => p.files.includes(file))) fs.rmSync(path.join(dir, file));
}

// The rules of stylesheet `css` for page `name`, by its `pages:` markers.
function cssFor(css, name) {
  let out = '';
  let on = true;
  let i = 0;
  while (i < css.length) {
    if (/\s/.test(css[i])) {
      out += css[i++];
      continue;
    }
    if (css.startsWith('/*', i)) {
      const end = css.indexOf('*/', i + 2) + 2;
      const marker = css.slice(i, end).match(/^\/\*\s*pages:\s*([\w\s]+?)\s*\*\/$/);
      if (marker) on = marker[1] === 'all' || marker[1].split(/\s+/).includes(name);
      i = end;
      continue;
    }
    // A rule, or an at-rule and its block, to its closing brace.
    let depth = 0;
    let j = i;
    for (; j < css.length; j++) {
      if (css.startsWith('/*', j)) {
        j = css.indexOf('*/', j + 2) + 1;
      } else if (css[j] === '{') {
        depth++;
      } else if (css[j] === '}' && --depth === 0) {
        j++;
        break;
      }
    }
    if (on) out += css.slice(i, j);
    i = j;
  }
  return out;
}

// 1. Minify.
const rewritten = new Map();
for (const file of new Set(pages.flatMap((p) => p.files))) {
  const loader = file.endsWith('.js') ? 'js' : file.endsWith('.css') ? 'css' : null;
  if (!loader) continue;
  const { code } = transformSync(fs.readFileSync(path.join(dir, file), 'utf8'), {
    loader,
    minify: true,
    format: loader === 'js' ? 'esm' : undefined,
    target: 'es2020',
  });
  rewritten.set(file, Buffer.from(code));
}

// 2. Short import names, page by page.
for (const { wasm: wasmFile } of pages) {
  const jsFile = wasmFile.replace(/_bg\.wasm$/, '.js');
  const module = './' + wasmFile.replace(/\.wasm$/, '.js').replace(/-[0-9a-f]+_bg\.js$/, '_bg.js');
  let js = rewritten.get(jsFile).toString('utf8');
  const wasm = renameNames(
    fs.readFileSync(path.join(dir, wasmFile)),
    module,
    (name, i) => {
      const short = 'w' + i.toString(36);
      const uses = js.split(name).length - 1;
      if (uses !== 1) throw new Error(`the loader names the import ${name} ${uses} times, not once`);
      js = js.replace(name, short);
      return short;
    },
    // Long export names (the closures' carry crate hashes) that the loader reads only as
    // properties of the module's exports.
    (name, i) => {
      if (name.length < 16) return name;
      const all = [...js.matchAll(new RegExp(`(?<![\\w$])${name}(?![\\w$])`, 'g'))];
      if (all.length === 0 || all.some((m) => js[m.index - 1] !== '.')) return name;
      const short = 'x' + i.toString(36);
      js = js.replaceAll(new RegExp(`(?<=\\.)${name}(?![\\w$])`, 'g'), short);
      return short;
    },
  );
  rewritten.set(jsFile, Buffer.from(js));
  rewritten.set(wasmFile, wasm);
}

// Every rewritten file, with its integrity in the pages that link it.
for (const [file, bytes] of rewritten) {
  fs.writeFileSync(path.join(dir, file), bytes);
  const sri = 'sha384-' + crypto.createHash('sha384').update(bytes).digest('base64');
  let found = false;
  for (const page of pages) {
    page.text = page.text.replace(/<link\b[^>]*>/g, (tag) => {
      if (!tag.includes(file)) return tag;
      found = true;
      return tag.replace(/integrity=("?)sha384-[A-Za-z0-9+/=]+\1/, `integrity=$1${sri}$1`);
    });
  }
  if (!found) throw new Error(`no page links ${file}`);
}

// 3. The language files are as the pages read them (Trunk's hook, scripts/i18n.mjs, wrote
// them: i18n/<code>/<page>.txt); the start script is minified in each page.
const I18N = path.join(dir, 'i18n');
const codes = fs.readdirSync(I18N).filter((c) => fs.statSync(path.join(I18N, c)).isDirectory()).sort();
if (codes.length === 0) throw new Error('dist/ has no language files in i18n/');
for (const page of pages) {
  page.languages = codes.map((c) => `i18n/${c}/${page.name}.txt`);
  for (const file of page.languages) {
    if (!fs.existsSync(path.join(dir, file)) || !fs.readFileSync(path.join(dir, file), 'utf8').startsWith('#!')) {
      throw new Error(`${page.html} has no ${file} as the pages read it (scripts/i18n.mjs)`);
    }
  }
}
for (const page of pages) {
  page.text = page.text.replace(/<script>([\s\S]*?)<\/script>/g, (_, code) => {
    const { code: min } = transformSync(code, { loader: 'js', minify: true, target: 'es2020' });
    return `<script>${min.trim()}</script>`;
  });
  fs.writeFileSync(path.join(dir, page.html), page.text);
}

// 4. The service worker, once every file is as it will be served.
const precache = writeServiceWorker(dir);

/**
 * The wasm module `bytes` with each function it imports from `module` renamed by
 * `renameImport`, and each export renamed by `renameExport`.
 */
function renameNames(bytes, module, renameImport, renameExport) {
  const leb = (at) => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++];
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) return [value, at];
    }
  };
  const encode = (n) => {
    const out = [];
    do {
      let b = n & 0x7f;
      n = Math.floor(n / 128);
      if (n > 0) b |= 0x80;
      out.push(b);
    } while (n > 0);
    return Buffer.from(out);
  };
  const name = (at) => {
    const [len, start] = leb(at);
    return [bytes.subarray(start, start + len).toString('utf8'), start + len];
  };
  const str = (s) => Buffer.concat([encode(Buffer.byteLength(s)), Buffer.from(s)]);
  const sections = [bytes.subarray(0, 8)];
  let imported = 0;
  let exported = 0;
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = leb(at + 1);
    const end = start + size;
    let body = null;
    if (id === 2) {
      let [count, p] = leb(start);
      const entries = [encode(count)];
      for (let i = 0; i < count; i++) {
        const [mod, p1] = name(p);
        const [field, p2] = name(p1);
        // The rest of the entry (its kind and type) is copied as it is.
        const kind = bytes[p2];
        let q = p2 + 1;
        if (kind === 0) q = leb(q)[1];
        else if (kind === 1) q = bytes[q + 1] & 1 ? leb(leb(leb(q + 1)[1])[1])[1] : leb(leb(q + 1)[1])[1];
        else if (kind === 2) q = bytes[q] & 1 ? leb(leb(q + 1)[1])[1] : leb(q + 1)[1];
        else if (kind === 3) q += 2;
        else throw new Error(`unknown import kind ${kind}`);
        const newField = mod === module && kind === 0 ? renameImport(field, imported++) : field;
        entries.push(str(mod), str(newField), bytes.subarray(p2, q));
        p = q;
      }
      if (p !== end) throw new Error('the import section did not parse to its end');
      body = Buffer.concat(entries);
    } else if (id === 7) {
      let [count, p] = leb(start);
      const entries = [encode(count)];
      for (let i = 0; i < count; i++) {
        const [field, p1] = name(p);
        const q = leb(p1 + 1)[1];
        entries.push(str(renameExport(field, exported++)), bytes.subarray(p1, q));
        p = q;
      }
      if (p !== end) throw new Error('the export section did not parse to its end');
      body = Buffer.concat(entries);
    }
    sections.push(body ? Buffer.concat([Buffer.from([id]), encode(body.length), body]) : bytes.subarray(at, end));
    at = end;
  }
  if (imported === 0) throw new Error(`the wasm module imports nothing from ${module}`);
  return Buffer.concat(sections);
}

// 5 and 6. Compress, and print each page's transfer.
const sizes = new Map();
for (const file of walk(dir).sort()) {
  if (!COMPRESS.test(file)) continue;
  const raw = fs.readFileSync(file);
  const gz = Buffer.from(await gzipAsync(raw, { numiterations: 15 }));
  const br = zlib.brotliCompressSync(raw, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  fs.writeFileSync(`${file}.gz`, gz);
  fs.writeFileSync(`${file}.br`, br);
  const gz9 = zlib.gzipSync(raw, { level: 9 }).length;
  sizes.set(path.relative(dir, file), { raw: raw.length, gz: gz.length, br: br.length, gz9 });
}
const kb = (n) => (n / 1000).toFixed(1);
const BOUND = 240_000;
const over = [];
for (const page of pages) {
  // The page's largest language file, by its gzip size: what it fetches at most before it
  // draws.
  const language = [...page.languages].sort((a, b) => sizes.get(b).gz - sizes.get(a).gz)[0];
  let gzTotal = 0;
  let gz9Total = 0;
  let brTotal = 0;
  console.log(`${page.html}:`);
  for (const file of [...page.files, language]) {
    const s = sizes.get(file);
    gzTotal += s.gz;
    gz9Total += s.gz9;
    brTotal += s.br;
    console.log(`  ${file.padEnd(46)} ${String(s.raw).padStart(8)} B raw ${String(s.gz).padStart(8)} B gzip ${String(s.br).padStart(8)} B brotli`);
  }
  if (gzTotal > BOUND) over.push(page.html);
  console.log(`release transfer of ${page.html} (wasm + JS + CSS + ${language}): ${gzTotal} B gzip (${kb(gzTotal)} KB), ${brTotal} B brotli (${kb(brTotal)} KB); gzip -9 on the fly: ${kb(gz9Total)} KB`);
}
console.log(`${WORKER}: release ${precache.version}, ${precache.files.length} files precached (${kb(precache.bytes)} KB)`);
if (over.length) {
  console.error(`the release transfer of ${over.join(' and ')} passes ${kb(BOUND)} KB gzip`);
  process.exit(1);
}
