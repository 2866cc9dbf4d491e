// Prints the download size of a release build in dist/: each bundle's wasm and JS glue, raw and
// gzipped (level 9, node's zlib; a KB is 1,024 bytes). The budget applies to what a publisher page
// loads (embed.js, the claimmark-embed glue and wasm, and the JS snippets the glue imports), and
// the build fails above it. The target is 280 KB; the budget is 338 KB until the editing UI leaves
// the first download (BENCHMARKS.md, "Download size", says where the bytes are and why). The app page (index.html, with the classroom views) is
// reported beside it, and so are the modules loaded only when they are asked for (claimmark-io: the
// W3C, ClaimReview and CSV exports, and imports other than backups; claimmark-sync: team sync,
// loaded when a team is set up).
// Usage: node tools/size-report.mjs [DIST]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 338;
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

// The JS snippets a glue file imports (wasm-bindgen writes them under snippets/), by the relative
// paths in its import statements. A path that is not there fails the report: it would be a 404.
function snippets(glue) {
  const text = readFileSync(join(dist, glue), 'utf8');
  const paths = [...new Set([...text.matchAll(/["'`]\.\/(snippets\/[^"'`]+\.js)["'`]/g)].map((m) => m[1]))];
  for (const p of paths) {
    if (!existsSync(join(dist, p))) {
      console.error(`size: ${glue} imports ./${p}, which is not in ${dist}`);
      process.exit(1);
    }
  }
  return paths;
}

report('app page (index.html) total', ['claimmark-widget_bg.wasm', 'claimmark-widget.js', ...snippets('claimmark-widget.js')]);
const embed = report('publisher page total', ['claimmark-embed_bg.wasm', 'claimmark-embed.js', 'embed.js', ...snippets('claimmark-embed.js')]);
report('export/import, on demand', ['claimmark-io_bg.wasm', 'claimmark-io.js', ...snippets('claimmark-io.js')]);
report('team sync, on demand', ['claimmark-sync_bg.wasm', 'claimmark-sync.js', ...snippets('claimmark-sync.js')]);
console.log(`size: publisher page budget ${BUDGET_KB} KB gzipped: ${embed <= BUDGET_KB * 1024 ? 'within' : 'OVER'}`);
if (embed > BUDGET_KB * 1024) {
  console.error(`size: the publisher page is ${kb(embed - BUDGET_KB * 1024)} KB over the ${BUDGET_KB} KB budget (BENCHMARKS.md says where the bytes are)`);
  process.exit(1);
}
