/**
 * The slow-device benchmark: a phone-sized page (844×390 CSS pixels, device pixel ratio 2, touch)
 * playing practice against 7 bots, in headless Chromium with the CPU slowed by CDP
 * (`Emulation.setCPUThrottlingRate`) 1×, 4× and 6×. For each rate it lets the page settle (render
 * scaling needs a few seconds to find its level), then reads over 5 s of page time: sim frames per
 * second, display frames per second, the render quality level, and the cadence at which local
 * inputs are scheduled (where a networked engine sends an inputs packet: packets per second, p99
 * and largest gap), from `window.ricochet.pace()`. A fresh production build served on 127.0.0.1.
 *
 * Display fps is counted by the bench's own animation-frame counter in the page, so a build
 * without `pace()` is measured the same way: RICOCHET_BENCH_BASELINE=<git ref> also builds that
 * ref (from `git archive`, in a temp folder) and measures it at each rate right after this tree,
 * so both see the same machine load. Its send cadence shows as n/a (it has no `pace()`).
 *
 *   npm run bench:browser            (RICOCHET_BENCH_SETTLE_MS=8000 by default)
 */
import { execSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveStatic, startRig } from '../browser/harness';
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
  build: string;
  rate: number;
  simFps: number;
  displayFps: number;
  pace: Pace | null;
}

declare const window: { ricochet: { frame(): number; scene(): string; pace?: () => Pace | null }; benchFrames: number };

async function measure(browser: Browser, url: string, rate: number, build: string): Promise<Row> {
  const context = await browser.newContext({ viewport: { width: 844, height: 390 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`${url}?practice=7&seed=20261202&target=99&name=Phone`);
    await page.waitForFunction(() => window.ricochet?.scene() === 'match', null, { timeout: 60_000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.waitForTimeout(SETTLE_MS);
    // A string, not a function: tsx would wrap a named arrow in a helper the page does not have.
    await page.evaluate('window.benchFrames = 0; (function count() { window.benchFrames++; requestAnimationFrame(count); })();');
    const clock = () => page.evaluate(() => [performance.now(), window.ricochet.frame(), window.benchFrames] as const);
    const [t0, f0, r0] = await clock();
    await page.waitForTimeout(MEASURE_MS);
    const [t1, f1, r1] = await clock();
    const pace = await page.evaluate(() => window.ricochet.pace?.() ?? null);
    const perSecond = (n: number): number => (n * 1000) / (t1 - t0);
    return { build, rate, simFps: perSecond(f1 - f0), displayFps: perSecond(r1 - r0), pace };
  } finally {
    await context.close();
  }
}

function table(rows: readonly Row[]): string {
  const r = (v: number, d = 1): string => v.toFixed(d);
  const lines = [
    '| build | CPU slowdown | sim frames/s | display fps | render level | inputs sent/s | p99 gap between sends | largest gap |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((x) => {
      const p = x.pace;
      const cadence = p ? `${p.renderLevel} | ${r(p.sendsPerSecond)} | ${r(p.sendGapP99Ms)} ms | ${r(p.sendGapMaxMs)} ms` : 'n/a | n/a | n/a | n/a';
      return `| ${x.build} | ${x.rate}× | ${r(x.simFps)} | ${r(x.displayFps)} | ${cadence} |`;
    }),
  ];
  return lines.join('\n');
}

/** Builds git ref `ref` of this repository in a temp folder; serves it. */
async function serveBaseline(ref: string): Promise<{ url: string; close(): Promise<void> }> {
  const src = mkdtempSync(join(tmpdir(), `ricochet-baseline-${process.pid}-`));
  execSync(`git archive ${ref} | tar -x -C ${src}`, { stdio: 'inherit' });
  symlinkSync(resolve('node_modules'), join(src, 'node_modules'));
  const run = spawnSync('npx', ['vite', 'build', '--outDir', join(src, 'out'), '--logLevel', 'warn'], { cwd: src, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`baseline build failed:\n${run.stdout}\n${run.stderr}`);
  const { url, server } = await serveStatic(join(src, 'out'));
  return { url, close: () => new Promise<void>((done) => server.close(() => (rmSync(src, { recursive: true, force: true }), done()))) };
}

async function main(): Promise<void> {
  const rig = await startRig();
  const baselineRef = process.env.RICOCHET_BENCH_BASELINE;
  const baseline = baselineRef ? await serveBaseline(baselineRef) : null;
  try {
    const rows: Row[] = [];
    for (const rate of RATES) {
      rows.push(await measure(rig.browser, rig.url, rate, 'this tree'));
      if (baseline) rows.push(await measure(rig.browser, baseline.url, rate, String(baselineRef)));
      console.log(`CPU ${rate}×: done`);
    }
    console.log(table(rows));
    // The figures depend on what else the machine runs: say so with them.
    console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1, 5, 15 min)`);
  } finally {
    await baseline?.close();
    await rig.close();
  }
}

await main();
