// Writes a .br and a .gz copy beside every file of a Discern build that a static host may
// serve compressed, and prints each file's sizes and the release transfer: the wasm, JS and
// CSS that a first visit downloads, gzipped (the bound is 200 KB) and brotli-compressed.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const COMPRESS = /\.(wasm|js|css|html|svg|json|txt|webmanifest)$/;
const TRANSFER = /\.(wasm|js|css)$/;

function walk(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

let gzTotal = 0;
let brTotal = 0;
for (const file of walk(dir).sort()) {
  if (!COMPRESS.test(file)) continue;
  const raw = fs.readFileSync(file);
  const gz = zlib.gzipSync(raw, { level: 9 });
  const br = zlib.brotliCompressSync(raw, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  fs.writeFileSync(`${file}.gz`, gz);
  fs.writeFileSync(`${file}.br`, br);
  if (TRANSFER.test(file)) {
    gzTotal += gz.length;
    brTotal += br.length;
    const name = path.relative(dir, file).padEnd(48);
    console.log(`  ${name} ${String(raw.length).padStart(8)} B raw ${String(gz.length).padStart(8)} B gzip ${String(br.length).padStart(8)} B brotli`);
  }
}
const kb = (n) => (n / 1000).toFixed(1);
console.log(`release transfer (wasm + JS + CSS): ${gzTotal} B gzip (${kb(gzTotal)} KB), ${brTotal} B brotli (${kb(brTotal)} KB)`);
