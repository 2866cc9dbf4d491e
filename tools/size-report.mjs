// Prints the download size of a release build in dist/: each bundle's wasm and JS glue, raw and
// gzipped (level 9, node's zlib; a KB is 1,024 bytes). The 250 KB budget applies to what a
// publisher page loads (embed.js and the claimmark-embed bundle); the app page (index.html, with
// the classroom views) is reported beside it, and so is the module both load only when it is asked
// for (claimmark-io: the W3C, ClaimReview and CSV exports, and imports other than backups).
// Usage: node tools/size-report.mjs [DIST]   (CLAIMMARK_ENFORCE_BUDGET=1 fails over budget)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = process.argv[2] ?? 'dist';
const kb = (n) => (n / 1024).toFixed(1);

function report(label, files) {
  let raw = 0;
  let gz = 0;
  for (const file of files) {
    const bytes = readFileSync(join(dist, file));
    const zipped = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gz += zipped;
    console.log(`size: ${file.padEnd(28)} ${kb(bytes.length).padStart(7)} KB raw, ${kb(zipped).padStart(6)} KB gzipped`);
  }
  console.log(`size: ${label.padEnd(28)} ${kb(raw).padStart(7)} KB raw, ${kb(gz).padStart(6)} KB gzipped`);
  return gz;
}

report('app page (index.html) total', ['claimmark-widget_bg.wasm', 'claimmark-widget.js']);
const embed = report('publisher page total', ['claimmark-embed_bg.wasm', 'claimmark-embed.js', 'embed.js']);
report('export/import, on demand', ['claimmark-io_bg.wasm', 'claimmark-io.js']);
console.log(`size: publisher page budget ${BUDGET_KB} KB gzipped: ${embed <= BUDGET_KB * 1024 ? 'within' : 'OVER'}`);
if (embed > BUDGET_KB * 1024) {
  // Tracked here and in BENCHMARKS.md; set CLAIMMARK_ENFORCE_BUDGET=1 to fail on it.
  console.error(`size: WARNING: the publisher page is ${kb(embed - BUDGET_KB * 1024)} KB over the ${BUDGET_KB} KB budget`);
  if (process.env.CLAIMMARK_ENFORCE_BUDGET === '1') process.exit(1);
}
