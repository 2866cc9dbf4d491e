// Puts the JS snippets that wasm-bindgen writes for `#[wasm_bindgen(inline_js = ...)]` (files under
// snippets/, imported by the glue) into the glue itself, so that the publisher bundle stays three
// files and a page makes no extra request before the wasm. tools/build-embed.sh runs it:
//
//   node tools/inline-snippets.mjs dist/claimmark-embed.js
//
// Each `import * as importN from "./snippets/.../inlineN.js"` (wasm-bindgen 0.2.130's form) becomes
// an object made by a function scope that holds the snippet and returns its `export function`s.
// It fails, and the build with it, on anything else.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const file = process.argv[2];
if (!file) {
  console.error('usage: node tools/inline-snippets.mjs GLUE.js');
  process.exit(2);
}
let glue = readFileSync(file, 'utf8');
let inlined = 0;
glue = glue.replace(/^import \* as ([A-Za-z_$][\w$]*) from (["'])(\.\/snippets\/[^"']+)\2;?$/gm, (_line, name, _q, path) => {
  const snippet = readFileSync(resolve(dirname(file), path), 'utf8');
  const exported = [...snippet.matchAll(/^export function ([A-Za-z_$][\w$]*)\(/gm)].map((m) => m[1]);
  const rest = snippet.replace(/^export function /gm, 'function ');
  if (exported.length === 0 || /^\s*(import|export)\b/m.test(rest)) {
    throw new Error(`${path}: only snippets of plain \`export function\`s and no imports are inlined`);
  }
  inlined += 1;
  return `const ${name} = (() => {\n${rest}\nreturn { ${exported.join(', ')} };\n})();`;
});
if (/^import\b.*["']\.\/snippets\//m.test(glue)) {
  throw new Error(`${file}: a snippet import was left in place`);
}
writeFileSync(file, glue);
console.log(`inline-snippets: ${inlined} snippet(s) put into ${file}`);
