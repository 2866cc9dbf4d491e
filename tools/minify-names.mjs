// Shortens the names by which a wasm-bindgen module and its JS glue call each other. wasm-bindgen
// names every import after its function and a hash (`__wbg_querySelector_1555c239948f2bf0`) and
// closure exports after their whole Rust type; in the publisher bundle those names were 14 KB of
// the wasm and 8 KB of the glue. binaryen's `--minify-imports-and-exports-and-modules` renames
// them in the wasm (imports to one module "a") and prints the mapping, and this script renames
// them to match in the glue:
//
//   node tools/minify-names.mjs OUT/claimmark-embed_bg.wasm OUT/claimmark-embed.js
//
// Run it after tools/inline-snippets.mjs and before terser. Every name must be found where the
// glue of wasm-bindgen 0.2.130 has it (an import as a key of the `import0` object, an export as
// `wasm.<name>`); anything else fails the build rather than give a glue that does not fit.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath || !gluePath) {
  console.error('usage: node tools/minify-names.mjs MODULE_bg.wasm GLUE.js');
  process.exit(2);
}
const fail = (message) => {
  throw new Error(`minify-names: ${gluePath}: ${message}`);
};
const escape = (s) => s.replace(/[$.*+?^(){}|[\]\\]/g, '\\$&');
const FEATURES = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

let glue = readFileSync(gluePath, 'utf8');

// Which glue object holds each import module: `return { __proto__: null, "<module>": importN, ... }`.
const objects = /return \{\s*__proto__: null,((?:\s*"[^"]+": import\d+,)+)\s*\};/.exec(glue);
if (!objects) fail('no import object of the expected shape');
const variableOf = new Map([...objects[1].matchAll(/"([^"]+)": (import\d+)/g)].map((m) => [m[1], m[2]]));
const bgModule = [...variableOf.keys()].find((m) => m.endsWith('_bg.js'));
if (!bgModule) fail('no *_bg.js import module');

const printed = execFileSync('wasm-opt', [...FEATURES, '--minify-imports-and-exports-and-modules',
  wasmPath, '-o', wasmPath], { encoding: 'utf8' });
const mapping = JSON.parse(printed.slice(printed.indexOf('{')));
const minified = new WebAssembly.Module(readFileSync(wasmPath));
const newModules = new Map(WebAssembly.Module.imports(minified).map((i) => [i.name, i.module]));

// Imports. The *_bg.js ones are keys of import0, each exactly once, renamed in place; those of
// other modules (inlined snippets) are taken from their objects under the new names.
const entries = new Map(); // new module -> entries of its import object
for (const [module, name, short] of mapping.imports) {
  const variable = variableOf.get(module) ?? fail(`the wasm imports from '${module}', which the glue does not give`);
  const target = newModules.get(short) ?? fail(`'${short}' is not an import of the minified wasm`);
  if (!entries.has(target)) entries.set(target, []);
  if (module === bgModule) {
    const key = new RegExp(`^(\\s+)${escape(name)}: `, 'gm');
    const found = glue.match(key)?.length ?? 0;
    if (found !== 1 || new RegExp(`\\b${escape(name)}\\b`, 'g').exec(glue) === null) fail(`import '${name}' found ${found} times as a key`);
    if (glue.match(new RegExp(`\\b${escape(name)}\\b`, 'g')).length !== 1) fail(`import '${name}' is used outside its key`);
    glue = glue.replace(key, `$1${short}: `);
    entries.get(target).push(`...${variable}`);
  } else {
    entries.get(target).push(`${JSON.stringify(short)}: ${variable}[${JSON.stringify(name)}]`);
  }
}
const objectsText = [...entries].map(([module, list]) =>
  `${JSON.stringify(module)}: { __proto__: null, ${[...new Set(list)].join(', ')} }`).join(', ');
glue = glue.replace(objects[0], `return { __proto__: null, ${objectsText} };`);

// Exports: `wasm.<name>`.
for (const [name, short] of mapping.exports) {
  glue = glue.replace(new RegExp(`\\bwasm\\.${escape(name)}\\b`, 'g'), `wasm.${short}`);
  if (new RegExp(`["'\`]${escape(name)}["'\`]|\\.${escape(name)}\\b`).test(glue)) {
    fail(`export '${name}' is used other than as wasm.${name}`);
  }
}
writeFileSync(gluePath, glue);
console.log(`minify-names: ${mapping.imports.length} imports and ${mapping.exports.length} exports renamed in ${wasmPath} and ${gluePath}`);
