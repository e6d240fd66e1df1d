// Draws the PNG icons of Discern's web app manifest (static/manifest.webmanifest) from its
// favicon, static/favicon.svg, in headless Chromium: 192 and 512 pixels as drawn, and a
// maskable 512 whose background fills the square (the lines already sit inside the safe
// zone, the middle 80 %). The PNGs are committed; run this again after changing the favicon:
//   node scripts/icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = fs.readFileSync(path.join(root, 'static/favicon.svg'), 'utf8');
const maskable = svg.replace(/ rx="[^"]*"/, '');
if (maskable === svg) throw new Error('static/favicon.svg has no rounded background to fill');
const out = path.join(root, 'static/icons');
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const [file, size, source] of [
    ['icon-192.png', 192, svg],
    ['icon-512.png', 512, svg],
    ['icon-maskable-512.png', 512, maskable],
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const src = 'data:image/svg+xml;base64,' + Buffer.from(source).toString('base64');
    await page.setContent(`<body style="margin:0"><img src="${src}" width="${size}" height="${size}" style="display:block">`);
    await page.screenshot({ path: path.join(out, file), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
