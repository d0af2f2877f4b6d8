/**
 * The slow-device benchmark: a phone-sized page (844×390 CSS pixels, device pixel ratio 2, touch)
 * playing practice against 7 bots, in headless Chromium with the CPU slowed by CDP
 * (`Emulation.setCPUThrottlingRate`) 1×, 4× and 6×. For each rate it lets the page settle (render
 * scaling needs a few seconds to find its level), then reads over 5 s of page time: sim frames per
 * second, display frames per second, the render quality level, and the cadence at which local
 * inputs are scheduled (where a networked engine sends an inputs packet: packets per second, p99
 * and largest gap), from `window.ricochet.pace()`. A fresh production build served on 127.0.0.1.
 *
 *   npm run bench:browser            (RICOCHET_BENCH_SETTLE_MS=8000 by default)
 */
import { cpus, loadavg } from 'node:os';
import { startRig } from '../browser/harness';
import type { Browser } from 'playwright-core';

const RATES = [1, 4, 6];
const SETTLE_MS = Number(process.env.RICOCHET_BENCH_SETTLE_MS ?? 8000);
const MEASURE_MS = 5000;

interface Pace {
  displayFps: number;
  simFps: number;
  sendsPerSecond: number;
  sendGapP99Ms: number;
  sendGapMaxMs: number;
  renderLevel: number;
}

interface Row {
  rate: number;
  simFps: number;
  pace: Pace;
}

declare const window: { ricochet: { frame(): number; scene(): string; pace(): Pace | null } };

async function measure(browser: Browser, url: string, rate: number): Promise<Row> {
  const context = await browser.newContext({ viewport: { width: 844, height: 390 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`${url}?practice=7&seed=20261202&target=99&name=Phone`);
    await page.waitForFunction(() => window.ricochet?.scene() === 'match', null, { timeout: 60_000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.waitForTimeout(SETTLE_MS);
    const clock = () => page.evaluate(() => [performance.now(), window.ricochet.frame()] as const);
    const [t0, f0] = await clock();
    await page.waitForTimeout(MEASURE_MS);
    const [t1, f1] = await clock();
    const pace = await page.evaluate(() => window.ricochet.pace());
    if (!pace) throw new Error('no pace figures: the match is not running');
    return { rate, simFps: ((f1 - f0) * 1000) / (t1 - t0), pace };
  } finally {
    await context.close();
  }
}

function table(rows: readonly Row[]): string {
  const r = (v: number, d = 1): string => v.toFixed(d);
  const lines = [
    '| CPU slowdown | sim frames/s | display fps | render level | inputs sent/s | p99 gap between sends | largest gap |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((x) => `| ${x.rate}× | ${r(x.simFps)} | ${r(x.pace.displayFps)} | ${x.pace.renderLevel} | ${r(x.pace.sendsPerSecond)} | ${r(x.pace.sendGapP99Ms)} ms | ${r(x.pace.sendGapMaxMs)} ms |`),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const rig = await startRig();
  try {
    const rows: Row[] = [];
    for (const rate of RATES) {
      rows.push(await measure(rig.browser, rig.url, rate));
      console.log(`CPU ${rate}×: done`);
    }
    console.log(table(rows));
    // The figures depend on what else the machine runs: say so with them.
    console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1, 5, 15 min)`);
  } finally {
    await rig.close();
  }
}

await main();
