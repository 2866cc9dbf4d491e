// Loads a claimmark page in a fresh browser context and returns its performance marks, for
// bench/browser.mjs and bench/first-paint-ab.mjs; and the network emulation bench/lcp.mjs shares.
//
// Nothing of Playwright runs in the page while it loads: its scripts, injected on the first
// `evaluate` or `waitForFunction`, take 10–20 ms of the main thread, which used to land between the
// wasm start and the highlighted article. A script installed before the page's own watches the
// marks and reports through a binding once every mark in `until` is there and the next frame painted.

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{ until: string[], stored?: [string, string], network?: { latency: number, kbps: number } }}
 *   options `until`: mark names to wait for; `stored`: a localStorage key and value put in place
 *   before the first load; `network`: a simulated connection (round-trip milliseconds added to
 *   each request, and kilobits per second both ways), through Chromium's network emulation.
 * @returns {Promise<Record<string, number>>} each `claimmark:*` mark by its name without the
 *   prefix (milliseconds from navigation), plus `painted` (when the frame after the last mark was
 *   done) and `marks` (how many highlights the page shows).
 */
export async function pageMarks(browser, url, { until, stored, network }) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  if (stored) {
    await context.addInitScript(([key, value]) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key, value);
        sessionStorage.setItem('seeded', '1');
      }
    }, stored);
  }
  let reported;
  const done = new Promise((ok) => (reported = ok));
  await context.exposeBinding('claimmarkBenchDone', (_source, painted) => reported(painted));
  await context.addInitScript((names) => {
    const seen = new Set();
    new PerformanceObserver((list, observer) => {
      for (const entry of list.getEntries()) seen.add(entry.name);
      if (names.every((name) => seen.has(name))) {
        observer.disconnect();
        // The frame after the last mark, painted.
        requestAnimationFrame(() => setTimeout(() => window.claimmarkBenchDone(performance.now()), 0));
      }
    }).observe({ type: 'mark', buffered: true });
  }, until);
  const page = await context.newPage();
  if (network) await emulateNetwork(context, page, network);
  await page.goto(url);
  const painted = await Promise.race([done, new Promise((_, no) => setTimeout(() => no(new Error(`${url}: no ${until.join(' and ')} after 60 s`)), 60000))]);
  const result = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark')
    .filter((m) => m.name.startsWith('claimmark:')).map((m) => [m.name.slice(10), m.startTime])));
  result.painted = painted;
  result.marks = await page.locator('mark[data-key]').count();
  await context.close();
  return result;
}

/**
 * The simulated connection the NETWORK environment variable asks for (ROUND_TRIP_MS:KBITS_PER_SECOND,
 * such as 40:10000), or `fallback` when it is not set; `none` (or no fallback) is no emulation.
 * Anything else stops the benchmark with a message.
 * @param {string | undefined} fallback
 * @returns {{ latency: number, kbps: number } | undefined}
 */
export function networkFromEnv(fallback) {
  const spec = process.env.NETWORK ?? fallback;
  if (!spec || spec === 'none') return undefined;
  const [latency, kbps] = spec.split(':').map(Number);
  if (!(latency >= 0 && kbps > 0)) {
    console.error(`NETWORK=${spec}: expected ROUND_TRIP_MS:KBITS_PER_SECOND, such as 40:10000, or none`);
    process.exit(2);
  }
  return { latency, kbps };
}

/**
 * Loads `page` through a simulated connection, with Chromium's network emulation.
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Page} page
 * @param {{ latency: number, kbps: number }} network round-trip milliseconds added to each request,
 *   and kilobits per second both ways
 */
export async function emulateNetwork(context, page, network) {
  const cdp = await context.newCDPSession(page);
  const bytesPerSecond = (network.kbps * 1000) / 8;
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: network.latency, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond,
  });
}
