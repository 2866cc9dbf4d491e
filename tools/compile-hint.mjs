// Marks a JS glue file for eager compilation with V8's explicit compile hint: the magic comment
// `//# allFunctionsCalledOnLoad` as its first line (Chrome 136 and later; other engines ignore it).
// V8 then compiles every function of the file on a background thread while the file loads, instead
// of on the main thread at each function's first call. For the app page's glue those first calls
// came between the wasm start and the highlighted article: 68 functions, 6-10 ms in traces
// (BENCHMARKS.md, "The seed article's first paint"). tools/build-embed.sh runs it on each glue file:
//
//   node tools/compile-hint.mjs dist/claimmark-widget.js [dist/index.html]
//
// With an index.html, the file's integrity hash there (Trunk's `<link rel="modulepreload">`) is
// updated too; the build fails if that hash is not there exactly once. A file that already has
// the hint is left as it is.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';

const HINT = '//# allFunctionsCalledOnLoad\n';
const [file, html] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/compile-hint.mjs GLUE.js [INDEX.html]');
  process.exit(2);
}
const glue = readFileSync(file);
if (glue.toString('utf8').startsWith(HINT)) process.exit(0);
const hinted = Buffer.concat([Buffer.from(HINT), glue]);
const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
if (html) {
  const page = readFileSync(html, 'utf8');
  const old = `href="/${basename(file)}" crossorigin="anonymous" integrity="${integrity(glue)}"`;
  const found = page.split(old).length - 1;
  if (found !== 1) {
    console.error(`compile-hint: ${html} names ${basename(file)} with its integrity hash ${found} times, not once (expected: ${old})`);
    process.exit(1);
  }
  writeFileSync(html, page.replace(old, old.replace(integrity(glue), integrity(hinted))));
}
writeFileSync(file, hinted);
