// The publisher demo page's Largest Contentful Paint with and without claimmark, in one run: the
// same page (dist/embed-demo.html) is loaded RUNS times each way, in turn, by one Chromium; the
// "without" loads have embed.js refused, so the page is the host's markup alone. Prints, per way,
// the median LCP, the load event, and (with claimmark) when the wasm request started and when
// `claimmark:ready` fired, all in milliseconds from navigation.
//
//   ./x build && RUNS=15 node bench/lcp.mjs [DIST]
//
// NETWORK=ROUND_TRIP_MS:KBITS_PER_SECOND (default 40:10000) loads every page through Chromium's
// network emulation; NETWORK=none loads straight from 127.0.0.1.
import { resolve } from 'node:path';
import { serve, launch } from '../tests/e2e/harness.mjs';
import { emulateNetwork, networkFromEnv } from './marks.mjs';

const RUNS = Number(process.env.RUNS ?? 15);
const network = networkFromEnv('40:10000');
const dist = resolve(process.argv[2] ?? 'dist');
const server = await serve(dist);
const browser = await launch();

async function load(withClaimmark) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => {
    window.__lcp = [];
    new PerformanceObserver((list) => window.__lcp.push(...list.getEntries().map((e) => ({ at: e.startTime, size: e.size, what: e.element?.tagName ?? e.url }))))
      .observe({ type: 'largest-contentful-paint', buffered: true });
    window.__ready = new Promise((ok) => document.addEventListener('claimmark:ready', () => ok(performance.now()), { once: true }));
  });
  const page = await context.newPage();
  if (!withClaimmark) await page.route('**/embed.js', (route) => route.abort());
  if (network) await emulateNetwork(context, page, network);
  await page.goto(server.url + '/embed-demo.html', { waitUntil: 'load' });
  const ready = withClaimmark ? await page.evaluate(() => window.__ready) : undefined;
  // Two frames and a little more, so that an LCP candidate claimmark paints is reported.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 300)))));
  const result = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/claimmark-embed_bg.wasm'));
    const last = window.__lcp.at(-1);
    return { lcp: last?.at, lcpElement: last?.what, load: nav.loadEventStart, wasmStart: wasm?.startTime };
  });
  result.ready = ready;
  await context.close();
  return result;
}

const runs = { without: [], with: [] };
for (let i = 0; i < RUNS; i++) {
  runs.without.push(await load(false));
  runs.with.push(await load(true));
}
await browser.close();
await server.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x) => (x === undefined ? '-' : x.toFixed(1));
const where = network ? `at ${network.latency} ms and ${network.kbps} kbit/s` : 'on 127.0.0.1';
for (const [way, rs] of Object.entries(runs)) {
  const elements = [...new Set(rs.map((r) => r.lcpElement))].join(', ');
  const pick = (k) => (rs[0][k] === undefined ? undefined : median(rs.map((r) => r[k])));
  console.log(`${way.padEnd(7)} claimmark: LCP median ${f(pick('lcp'))} ms (min ${f(Math.min(...rs.map((r) => r.lcp)))}, `
    + `max ${f(Math.max(...rs.map((r) => r.lcp)))}; element ${elements}), load ${f(pick('load'))}`
    + (way === 'with' ? `, wasm request ${f(pick('wasmStart'))}, claimmark:ready ${f(pick('ready'))}` : '')
    + ` (${RUNS} loads, ${where})`);
}
