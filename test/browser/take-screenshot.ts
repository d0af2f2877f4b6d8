/**
 * Saves a screenshot of a practice match (six bots, one of them in your slot) for the README:
 * `npx tsx test/browser/take-screenshot.ts docs/screenshot.png [seconds] [WIDTHxHEIGHT] [phone|touch]`.
 * `phone` makes it a touch device at device pixel ratio 2 (the stick and FIRE show), `touch` one at
 * ratio 1. It uses the same rig as the browser tests: a fresh build on 127.0.0.1 and headless
 * Chromium. The seconds are of play (60 frames each), not of wall time, so a slow machine shows the
 * same moment. Seconds 0 shoots the lobby (the title screen) instead, `results` the results of a
 * short match (first to 1).
 */
import { writeFileSync } from 'node:fs';
import { startRig } from './harness';

async function main(): Promise<void> {
  const out = process.argv[2] ?? 'docs/screenshot.png';
  // `results`: a short match (first to 1) played to its results screen.
  const results = process.argv[3] === 'results';
  const seconds = results ? 1 : Number(process.argv[3] ?? '6');
  const [width, height] = (process.argv[4] ?? '1280x720').split('x').map(Number);
  const device = process.argv[5];
  const touch = device === 'phone' || device === 'touch';
  const rig = await startRig();
  try {
    const context = await rig.browser.newContext({
      viewport: { width: width ?? 1280, height: height ?? 720 },
      ...(touch ? { hasTouch: true, isMobile: true, deviceScaleFactor: device === 'phone' ? 2 : 1 } : {}),
    });
    const page = await context.newPage();
    await page.goto(`${rig.url}${seconds > 0 ? `?practice=5&seed=2026&bot=1&name=Kim${results ? '&target=1' : ''}` : '?name=Kim'}`);
    const scene = results ? 'results' : seconds > 0 ? 'match' : 'lobby';
    await page.waitForFunction((s) => window.ricochet && window.ricochet.scene() === s, scene, { timeout: 180_000 });
    if (seconds > 0 && !results) await page.waitForFunction(`window.ricochet.frame() >= ${Math.round(seconds * 60)}`, null, { timeout: 120_000 });
    else await page.waitForFunction(() => !document.getElementById('title'));
    writeFileSync(out, await page.screenshot());
    console.log(`wrote ${out}`);
  } finally {
    await rig.close();
  }
}

void main();
