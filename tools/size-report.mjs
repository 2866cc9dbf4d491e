// Prints the download size of a release build: the wasm and the JS glue, raw and gzipped,
// against the 250 KB (gzipped) budget. Usage: node tools/size-report.mjs WASM JS
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const [wasmPath, jsPath] = process.argv.slice(2);
const kb = (n) => (n / 1024).toFixed(1);
let total = 0;
for (const [label, path] of [['wasm', wasmPath], ['js glue', jsPath]]) {
  const bytes = readFileSync(path);
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  console.log(`size: ${label.padEnd(8)} ${kb(bytes.length).padStart(7)} KB raw, ${kb(gz).padStart(6)} KB gzipped  (${path})`);
}
console.log(`size: total    ${kb(total).padStart(6)} KB gzipped, budget ${BUDGET_KB} KB`);
if (total > BUDGET_KB * 1024) {
  // The budget is tracked here and in BENCHMARKS.md; set CLAIMMARK_ENFORCE_BUDGET=1 to fail on it.
  console.error(`size: WARNING: ${kb(total - BUDGET_KB * 1024)} KB over the ${BUDGET_KB} KB budget`);
  if (process.env.CLAIMMARK_ENFORCE_BUDGET === '1') process.exit(1);
}
