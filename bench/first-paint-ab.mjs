// The seed article's first paint, for two (or more) builds side by side: each `dist/` copy is served
// on its own port and loaded in turn by one Chromium, RUNS times each, so that the machine's load
// moves every build alike. Prints, per build, wasm start → `claimmark:highlighted-painted`
// (median, mean, min, max), wasm start → `anchored`, and navigation → painted.
//
//   cp -r dist /tmp/before     (build, change, build again)
//   RUNS=30 node bench/first-paint-ab.mjs /tmp/before dist
//
// NETWORK=40:10000 loads every page through a simulated connection (40 ms round trips, 10 Mbit/s),
// for navigation → painted as a reader on a network sees it (the wasm start → painted time is the
// same either way; on 127.0.0.1 the downloads take no time at all).
//
// Copy whole `dist/` folders and change nothing inside them: index.html carries the integrity
// hashes of the files, and a changed stylesheet is silently not applied.
import { resolve } from 'node:path';
import { serve, launch } from '../tests/e2e/harness.mjs';
import { networkFromEnv, pageMarks } from './marks.mjs';

const RUNS = Number(process.env.RUNS ?? 15);
const network = networkFromEnv();
const dirs = process.argv.slice(2).map((d) => resolve(d));
if (dirs.length === 0) {
  console.error('usage: node bench/first-paint-ab.mjs DIST [DIST...]');
  process.exit(2);
}
const servers = await Promise.all(dirs.map((d) => serve(d)));
const browser = await launch();

const results = dirs.map(() => []);
for (let i = 0; i < RUNS; i++) {
  for (let d = 0; d < dirs.length; d++) results[d].push(await pageMarks(browser, servers[d].url + '/', { until: ['claimmark:highlighted-painted'], network }));
}
await browser.close();
for (const s of servers) await s.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x) => x.toFixed(1);
for (let d = 0; d < dirs.length; d++) {
  const since = (k) => results[d].map((m) => m[k] - m.start);
  const painted = since('highlighted-painted');
  const mean = painted.reduce((a, b) => a + b, 0) / painted.length;
  console.log(`${dirs[d]}: painted median ${f(median(painted))} ms, mean ${f(mean)}, min ${f(Math.min(...painted))}, `
    + `max ${f(Math.max(...painted))}; anchored ${f(median(since('anchored')))}; `
    + `navigation → painted ${f(median(results[d].map((m) => m['highlighted-painted'])))} (${RUNS} loads each`
    + `${network ? `, at ${network.latency} ms and ${network.kbps} kbit/s` : ''})`);
}
