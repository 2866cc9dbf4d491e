// Side-by-side: claimmark (native, and wasm under node) against compromise + compromise-dates,
// chrono-node and @microsoft/recognizers-text-suite, on the same text and the same sentences.
//
//   node --expose-gc compare.mjs   (after corpus.mjs, the wasm builds and the native run; see run.sh)
//
// Throughput: every engine gets the corpus paragraph by paragraph (chrono-node and compromise work
// best on paragraphs), in a node process of its own, ROUNDS times (the median counts). Each time it
// runs until it has done the whole corpus at least once and for MIN_TIME seconds, or for
// TIME_BUDGET seconds, whichever comes first; MB/s is bytes done / seconds. The timed loop holds
// the engine's calls and a counter only (see throughput()). Each engine does the job it is picked
// for: dates, money and percentages (chrono-node does dates only, so it does less work).
//
// Environment: WARMUP (2 s), MIN_TIME (3 s), TIME_BUDGET (10 s), ROUNDS (3).
//
// Recall: bench/labelled.jsonl has news sentences with every absolute date, money amount and
// percentage labelled. A label is found when the engine returns a span of the same kind that
// overlaps it. "Extra" counts returned spans of those kinds that overlap no label of their kind:
// the noise a fact-checker would have to dismiss.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import datesPlugin from 'compromise-dates';
import * as chrono from 'chrono-node';
import Recognizers from '@microsoft/recognizers-text-suite';

nlp.plugin(datesPlugin);
const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'out');
const TIME_BUDGET = Number(process.env.TIME_BUDGET || 10);
const WARMUP = Number(process.env.WARMUP || 2);
const MIN_TIME = Number(process.env.MIN_TIME || 3);
const ROUNDS = Number(process.env.ROUNDS || 3);

const corpus = fs.readFileSync(path.join(out, 'corpus.txt'), 'utf8');
const paragraphs = corpus.split('\n\n');
const labelled = fs.readFileSync(path.join(here, 'labelled.jsonl'), 'utf8')
  .split('\n').filter(Boolean).map((l) => JSON.parse(l));

const wasmShipped = require(path.join(here, 'claimmark-wasm', 'pkg', 'claimmark_wasm.js'));
const wasmFast = require(path.join(here, 'claimmark-wasm', 'pkg-speed', 'claimmark_wasm.js'));
const En = Recognizers.Culture.English;

// How the text goes into wasm memory. wasm-bindgen's string argument copies it with a JavaScript
// loop over the characters and a malloc and free in wasm on every call, which costs about a third
// of claimmark's time on a news paragraph. `viaInputBuffer` writes it with TextEncoder.encodeInto
// (native code) into a buffer the module keeps between calls. Either way claimmark gets the same JS
// string as the peers and pays for turning it into UTF-8.
function viaInputBuffer(mod) {
  const encoder = new TextEncoder();
  const memory = mod.wasm_memory();
  let view = new Uint8Array(0);
  return (text) => {
    // At most three UTF-8 bytes per UTF-16 unit; the view is made again after memory grows.
    if (text.length * 3 > view.length || view.buffer !== memory.buffer) {
      const capacity = Math.max(text.length * 3, 1 << 16);
      const at = mod.input_buffer(capacity); // may grow the memory: its buffer is read after
      view = new Uint8Array(memory.buffer, at, capacity);
    }
    return mod.detect_count_input(encoder.encodeInto(text, view).written);
  };
}
const shippedCount = viaInputBuffer(wasmShipped);
const fastCount = viaInputBuffer(wasmFast);

// Each engine: run(text) does the work; spans(text) returns [{kind, start, end}] (UTF-16 units).
const engines = {
  'claimmark (wasm, as shipped)': {
    run: shippedCount,
    spans: (t) => JSON.parse(wasmShipped.detect_json(t)),
  },
  'claimmark (wasm, as shipped, text passed as a wasm-bindgen string argument)': {
    run: (t) => wasmShipped.detect_count(t),
    spans: null,
  },
  'claimmark (wasm, everything at opt-level 3)': {
    run: fastCount,
    spans: null,
  },
  'compromise + compromise-dates': {
    run: (t) => {
      const doc = nlp(t);
      return doc.dates().json().length + doc.money().json().length + doc.percentages().json().length;
    },
    spans: (t) => {
      const doc = nlp(t);
      const take = (list, kind) => list.json({ offset: true })
        .map((m) => ({ kind, start: m.offset.start, end: m.offset.start + m.offset.length }));
      return [...take(doc.dates(), 'date'), ...take(doc.money(), 'money'), ...take(doc.percentages(), 'percent')];
    },
  },
  'chrono-node (dates only)': {
    run: (t) => chrono.parse(t).length,
    spans: (t) => chrono.parse(t).map((r) => ({ kind: 'date', start: r.index, end: r.index + r.text.length })),
  },
  '@microsoft/recognizers-text-suite': {
    run: (t) => Recognizers.recognizeDateTime(t, En).length + Recognizers.recognizeCurrency(t, En).length
      + Recognizers.recognizePercentage(t, En).length,
    spans: (t) => {
      // Its `end` is the index of the last character, inclusive.
      const take = (list, kind) => list.map((r) => ({ kind, start: r.start, end: r.end + 1 }));
      return [
        ...take(Recognizers.recognizeDateTime(t, En).filter((r) => /date|year|month/.test(r.typeName)
          || /^datetimeV2\.(date|daterange|datetime)/.test(r.typeName)), 'date'),
        ...take(Recognizers.recognizeCurrency(t, En), 'money'),
        ...take(Recognizers.recognizePercentage(t, En), 'percent'),
      ];
    },
  },
};

// UTF-8 bytes of each paragraph plus the blank line after it, counted before any timing.
const paragraphBytes = paragraphs.map((p) => Buffer.byteLength(p) + 2);

function throughput(run) {
  // An untimed warm-up of WARMUP seconds, going round the corpus again if an engine gets through
  // it sooner (at most 20 times), so that every engine is measured after V8 has optimised it:
  // JavaScript peers are JIT-compiled, and V8 first runs wasm with its baseline compiler (Liftoff)
  // and tiers hot functions up to TurboFan later, which takes claimmark more than one pass.
  const w0 = process.hrtime.bigint();
  warm: for (let pass = 0; pass < 20; pass++) {
    for (const p of paragraphs) {
      run(p);
      if (Number(process.hrtime.bigint() - w0) / 1e9 > WARMUP) break warm;
    }
  }
  // A full garbage collection first (run.sh starts node with --expose-gc), so that no engine pays
  // for the garbage of loading the peers' libraries or of the engine measured before it.
  globalThis.gc?.();
  // The timed run: round the corpus until MIN_TIME seconds have passed (one pass takes claimmark
  // about 30 ms, too short to measure alone), or until TIME_BUDGET seconds, whichever comes
  // first; slow engines stop part-way through their first pass. The clock is read every 16
  // paragraphs, and bytes are counted from the lengths above, because a clock read and a UTF-8
  // length per paragraph cost about as much as claimmark's detection of one. An engine overruns
  // TIME_BUDGET by at most 15 paragraphs.
  let n = 0;
  let bytes = 0;
  let seconds = 0;
  let passes = 0;
  const t0 = process.hrtime.bigint();
  timed: for (;;) {
    for (let k = 0; k < paragraphs.length; k++) {
      run(paragraphs[k]);
      bytes += paragraphBytes[k];
      if ((++n & 15) === 0) {
        seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        if (seconds > TIME_BUDGET) break timed;
      }
    }
    passes++;
    seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (seconds >= MIN_TIME) break;
  }
  return { mb: bytes / 1e6, seconds, mbps: bytes / 1e6 / seconds, whole: passes > 0, passes };
}

function recall(spans) {
  const kinds = ['date', 'money', 'percent'];
  const found = Object.fromEntries(kinds.map((k) => [k, 0]));
  const total = Object.fromEntries(kinds.map((k) => [k, 0]));
  let extra = 0;
  for (const { text, claims } of labelled) {
    const got = spans(text).filter((s) => kinds.includes(s.kind));
    const labels = claims.map(([kind, t]) => {
      const start = text.indexOf(t);
      return { kind, start, end: start + t.length };
    });
    for (const l of labels) {
      total[l.kind]++;
      if (got.some((g) => g.kind === l.kind && g.start < l.end && l.start < g.end)) found[l.kind]++;
    }
    for (const g of got) {
      if (!labels.some((l) => g.kind === l.kind && g.start < l.end && l.start < g.end)) extra++;
    }
  }
  const all = kinds.reduce((a, k) => a + found[k], 0);
  const n = kinds.reduce((a, k) => a + total[k], 0);
  return { all: all / n, found: all, total: n, byKind: Object.fromEntries(kinds.map((k) => [k, found[k] / total[k]])), extra };
}

// Each engine is measured in a process of its own (this script, run with --engine NAME), so that
// none inherits another's JIT state or garbage: measured in one process, whichever engine came first
// or second lost a third of its speed, by turns, as V8 re-optimised the shared timing loop.
const only = process.argv.indexOf('--engine');
if (only >= 0) {
  const name = process.argv[only + 1];
  const e = engines[name];
  if (!e) throw new Error(`no engine named ${name}`);
  const t = throughput(e.run);
  process.stdout.write(JSON.stringify({ name, ...t, recall: e.spans ? recall(e.spans) : null }));
  process.exit(0);
}

const results = [];
const native = fs.existsSync(path.join(out, 'native.jsonl'))
  ? fs.readFileSync(path.join(out, 'native.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
  : [];
const nativeCorpus = native.find((r) => r.file.endsWith('corpus.txt'));
// ROUNDS rounds, each measuring every engine once in turn; an engine's figure is its median round,
// so that a burst of load on a shared machine moves no engine's figure alone.
const rounds = Object.fromEntries(Object.keys(engines).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const name of Object.keys(engines)) {
    const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--engine', name], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24,
    });
    if (child.status !== 0) throw new Error(`measuring ${name} failed (exit ${child.status})`);
    const r = JSON.parse(child.stdout);
    rounds[name].push(r);
    console.error(`round ${round + 1}, ${name}: ${r.mbps.toFixed(2)} MB/s${r.recall ? `, recall ${(r.recall.all * 100).toFixed(1)}%` : ''}`);
  }
}
for (const runs of Object.values(rounds)) {
  const sorted = [...runs].sort((a, b) => a.mbps - b.mbps);
  results.push({ ...sorted[Math.floor(sorted.length / 2)], rounds: runs.map((r) => r.mbps) });
}
if (nativeCorpus) {
  results.unshift({
    name: 'claimmark (native, Rust, opt-level 3)', mbps: nativeCorpus.paragraph_mb_per_s,
    mb: nativeCorpus.bytes / 1e6, seconds: nativeCorpus.bytes / 1e6 / nativeCorpus.paragraph_mb_per_s, whole: true,
    recall: results[0].recall,
  });
}
const peers = results.filter((r) => !r.name.startsWith('claimmark'));
const fastest = peers.reduce((a, b) => (a.mbps > b.mbps ? a : b));
const bestPeerRecall = Math.max(...peers.map((p) => p.recall.all));

const pct = (x) => (x * 100).toFixed(1) + '%';
const lines = [];
lines.push(`| Engine | MB/s | × fastest peer (${fastest.name}) | Recall, all | date | money | percent | Extra spans |`);
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const rc = r.recall;
  lines.push(`| ${r.name} | ${r.mbps.toFixed(r.mbps < 10 ? 2 : 1)}${r.whole ? '' : ` (first ${r.mb.toFixed(2)} MB)`} | ${(r.mbps / fastest.mbps).toFixed(1)}× | `
    + (rc ? `${pct(rc.all)} (${rc.found}/${rc.total}) | ${pct(rc.byKind.date)} | ${pct(rc.byKind.money)} | ${pct(rc.byKind.percent)} | ${rc.extra} |` : 'same engine as above | | | | |'));
}
const adv = native.filter((r) => r.file.includes('adversarial'));
if (adv.length) {
  lines.push('');
  lines.push('| Adversarial input (native, one call on the whole text) | MB/s | seconds |');
  lines.push('|---|---:|---:|');
  for (const a of adv) lines.push(`| ${path.basename(a.file)} (${(a.bytes / 1e6).toFixed(1)} MB) | ${a.mb_per_s} | ${a.seconds} |`);
}
const cm = results.find((r) => r.name === 'claimmark (wasm, as shipped)');
lines.push('');
lines.push(`claimmark wasm (as shipped) / fastest peer: ${(cm.mbps / fastest.mbps).toFixed(1)}×; `
  + `claimmark native / fastest peer: ${nativeCorpus ? (nativeCorpus.paragraph_mb_per_s / fastest.mbps).toFixed(1) + '×' : 'n/a'}; `
  + `recall ${pct(cm.recall.all)} against the best peer's ${pct(bestPeerRecall)}.`);
const table = lines.join('\n');
console.log(table);
fs.writeFileSync(path.join(out, 'results.md'), table + '\n');
fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(results, null, 2));
