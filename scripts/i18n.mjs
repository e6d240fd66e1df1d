// Writes Discern's language files as the pages read them (docs/FORMATS.md#language-files).
// Trunk runs this after each build (Trunk.toml, a post_build hook), into its staging folder:
//
// - for each language file static/i18n/<code>.txt and each page, i18n/<code>/<page>.txt:
//   the hash of the entries' names in order on the first line (`#!<hash>`, FNV-1a over
//   each name and a line feed, as src/i18n.rs computes it when compiling), then one text a
//   line. The names and comments, there for translators, are left out; so are the texts
//   that the page never shows (an empty line keeps the place); and a placeholder is written
//   by its place among the entry's placeholders in English, `{0}`, `{1:one|other}`, in the
//   order the `fill!` calls name them (a native test checks that order);
// - the hash into each page's start script (static/start.js), which fetches a file again
//   past the browser's cache when it starts otherwise.
//
// Which texts a page shows: those named (`T::Name`, `fill!(Name, …)`, `fill_markup!(Name, …)`,
// `fill_html!(Name, …)`) in the Rust code of the page. Every source file is on every page but
// those of `ON_PAGES`, each on its own pages: a page's start (src/main.rs, src/bin/), each
// page's folder (src/pages/<page>/, with the words only that page says), and the components
// of some pages only (the reader). A native test checks that no file uses one of these unless
// it is on the same pages.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The pages, as `<html data-page>` names them. */
export const PAGES = ['reading', 'assigned', 'teaching', 'setting'];

/**
 * The source files that are on some pages only: a file under src/, or a folder (ending in
 * `/`) and everything in it, and its pages. Each page's folder is on that page alone
 * (src/pages/, docs/ARCHITECTURE.md#pages).
 */
export const ON_PAGES = {
  'main.rs': ['reading'],
  'bin/assignment.rs': ['assigned'],
  'bin/teach.rs': ['teaching'],
  'bin/set.rs': ['setting'],
  'pages/reading/': ['reading'],
  'pages/assigned/': ['assigned'],
  'pages/teaching/': ['teaching'],
  'pages/setting/': ['setting'],
  'components/reader/': ['reading', 'assigned'],
  'components/outcomes.rs': ['reading', 'assigned', 'teaching'],
};

/** The pages source file `rel` (under src/) is on. */
export function pagesOf(rel) {
  const entry = Object.entries(ON_PAGES).find(([k]) => (k.endsWith('/') ? rel.startsWith(k) : rel === k));
  return entry ? entry[1] : PAGES;
}

/** A language file's entries as written: `[name, text]`, in order. */
export function entries(text) {
  const out = [];
  for (const line of text.split('\n')) {
    const entry = line.trim();
    if (!entry || entry.startsWith('#')) continue;
    const at = entry.indexOf('=');
    if (at < 0) throw new Error(`a language file's line has no "=": ${entry}`);
    out.push([entry.slice(0, at).trim(), entry.slice(at + 1).trim()]);
  }
  return out;
}

/** The names of `text`'s placeholders, each once, in the order they first appear. */
export function placeholders(text) {
  const names = [];
  for (const [, name] of text.matchAll(/\{(\w+)(?::[^}]*)?\}/g)) {
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** FNV-1a over each name and a line feed. */
export function hash(names) {
  let h = 0x811c9dc5;
  for (const name of names) {
    for (const byte of Buffer.from(name + '\n')) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  }
  return h;
}

/** The entry names each page shows, from the Rust sources under src/. */
export function shownOn() {
  const shown = Object.fromEntries(PAGES.map((p) => [p, new Set()]));
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    return e.isDirectory() ? walk(p) : p.endsWith('.rs') ? [p] : [];
  });
  const src = path.join(ROOT, 'src');
  for (const file of walk(src)) {
    const rel = path.relative(src, file).split(path.sep).join('/');
    const code = fs.readFileSync(file, 'utf8').split(/#\[cfg\(test\)\]\n(?:pub\(crate\) )?mod tests/)[0]
      .split('\n').filter((l) => !l.trim().startsWith('//')).join('\n');
    const names = [...code.matchAll(/\bT::(\w+)|fill(?:_markup|_html)?!\(\s*(\w+)/g)].map((m) => m[1] ?? m[2]);
    for (const page of pagesOf(rel)) names.forEach((n) => shown[page].add(n));
  }
  return shown;
}

/** Language file `text` (as written) as page `page` reads it: `shown` are its names. */
export function ship(text, english, shown) {
  const list = entries(text);
  const order = new Map(entries(english).map(([name, t]) => [name, placeholders(t)]));
  const texts = list.map(([name, t]) => {
    if (!shown.has(name)) return '';
    const places = order.get(name) ?? [];
    return t.replace(/\{(\w+)/g, (whole, p) => (places.includes(p) ? `{${places.indexOf(p)}` : whole));
  });
  return `#!${hash(list.map(([name]) => name))}\n${texts.join('\n')}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
  const dir = path.join(ROOT, 'static/i18n');
  const english = fs.readFileSync(path.join(dir, 'en.txt'), 'utf8');
  const shown = shownOn();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const code = file.slice(0, -'.txt'.length);
    fs.mkdirSync(path.join(out, 'i18n', code), { recursive: true });
    for (const page of PAGES) {
      fs.writeFileSync(path.join(out, 'i18n', code, `${page}.txt`), ship(text, english, shown[page]));
    }
  }
  // The hash, in each page's start script.
  const names = `#!${hash(entries(english).map(([name]) => name))}`;
  for (const html of fs.readdirSync(out).filter((f) => f.endsWith('.html'))) {
    const at = path.join(out, html);
    fs.writeFileSync(at, fs.readFileSync(at, 'utf8').replaceAll('#!DISCERN_WORDS', names));
  }
}
