/**
 * Saves a screenshot of a practice match (six bots, one of them in your slot) for the README:
 * `npx tsx test/browser/take-screenshot.ts docs/screenshot.png [seconds] [WIDTHxHEIGHT] [touch]`. It uses the
 * same rig as the browser tests: a fresh build on 127.0.0.1 and headless Chromium. The seconds
 * are of play (60 frames each), not of wall time, so a slow machine shows the same moment.
 * Seconds 0 shoots the lobby (the title screen) instead; `touch` emulates a phone (touch, mobile).
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startRig } from './harness';

async function open(browser: Browser, url: string, width: number, height: number, touch: boolean): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, hasTouch: touch, isMobile: touch });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? 'docs/screenshot.png';
  const seconds = Number(process.argv[3] ?? '6');
  const [width, height] = (process.argv[4] ?? '1280x720').split('x').map(Number);
  const touch = process.argv[5] === 'touch';
  const rig = await startRig();
  try {
    const query = seconds > 0 ? '?practice=5&seed=2026&bot=1&name=Kim' : '?name=Kim';
    const page = await open(rig.browser, `${rig.url}${query}`, width ?? 1280, height ?? 720, touch);
    const scene = seconds > 0 ? 'match' : 'lobby';
    await page.waitForFunction((s) => window.ricochet && window.ricochet.scene() === s, scene);
    if (seconds > 0) await page.waitForFunction(`window.ricochet.frame() >= ${Math.round(seconds * 60)}`, null, { timeout: 120_000 });
    else await page.waitForFunction(() => !document.getElementById('title'));
    writeFileSync(out, await page.screenshot());
    console.log(`wrote ${out}`);
  } finally {
    await rig.close();
  }
}

void main();
