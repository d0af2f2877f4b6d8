/**
 * The game in a real browser: a fresh production build served on 127.0.0.1, Debian's Chromium
 * headless, practice on the null transport (no WebRTC, no mDNS). Set RICOCHET_SCREENSHOT=path to
 * also save the match screenshot (the README's docs/screenshot.png comes from here).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, startRig, type Rig, type WatchedPage, waitForScene } from './harness';
import { decodePng, distinctColours } from './png-decode';
import type { TankView } from './surface';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

/** Waits until the match has stepped `frames` frames past where it is now (60 a second of play). */
const waitFrames = async (page: Page, frames: number, timeout = 30_000): Promise<void> => {
  const from = await page.evaluate(() => window.ricochet.frame());
  await page.waitForFunction((target) => window.ricochet.frame() >= target, from + frames, { timeout });
};
const pageClock = (page: Page): Promise<[number, number]> => page.evaluate(() => [performance.now(), window.ricochet.frame()] as [number, number]);
const myTank = (page: Page): Promise<TankView> =>
  page.evaluate(() => {
    const tank = window.ricochet.state()?.tanks[window.ricochet.slots().view];
    if (!tank) throw new Error('no tank');
    return tank;
  });

describe('page load', () => {
  it('loads with no console errors and the progress bar reaches the lobby, which says there is no host', async () => {
    const { page, errors } = await openPage(rig.browser, rig.url);
    await waitForScene(page, 'lobby');
    expect(await page.evaluate(() => window.ricochet.loadProgress())).toBe(1);
    await page.waitForFunction(() => document.querySelector('.host-status')?.textContent?.startsWith('No host'), null, { timeout: 10_000 });
    expect(await page.locator('button.practice').isVisible()).toBe(true);
    // One test surface: the mesh figures are in window.ricochet, empty before any network start.
    expect(await page.evaluate(() => window.ricochet.mesh())).toEqual({ status: null, connection: null, error: null, history: [] });
    expect(await page.evaluate(() => 'ricochetMesh' in window)).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('remembers the mute toggle across visits', async () => {
    const { page } = await openPage(rig.browser, rig.url);
    await waitForScene(page, 'lobby');
    await expect.poll(() => page.locator('button.mute-toggle').textContent()).toContain('on');
    await page.locator('button.mute-toggle').click();
    await page.reload();
    await waitForScene(page, 'lobby');
    await expect.poll(() => page.locator('button.mute-toggle').textContent()).toContain('off');
    await page.context().close();
  });
});

describe('practice against 3 bots for 10 s', () => {
  let watched: WatchedPage;
  beforeAll(async () => {
    watched = await openPage(rig.browser, `${rig.url}?practice=3&seed=20261125&name=Tester`);
    await waitForScene(watched.page, 'match');
  });
  afterAll(async () => watched?.page.context().close());

  it('advances 60 frames per second of page time, within 50 to 70', async () => {
    const [t0, f0] = await pageClock(watched.page);
    await waitFrames(watched.page, 600, 20_000); // 10 s of play at 60 frames a second
    const [t1, f1] = await pageClock(watched.page);
    const rate = (f1 - f0) / ((t1 - t0) / 1000);
    expect(rate).toBeGreaterThan(50);
    expect(rate).toBeLessThan(70);
    expect(watched.errors).toEqual([]);
  });

  it('records checkpoints that `npm run sim -- --replay` reproduces headless, and a forged one fails it', async () => {
    const replay = await watched.page.evaluate(() => window.ricochet.replay());
    expect(replay).not.toBeNull();
    if (!replay) return;
    expect(replay.setup.players).toHaveLength(4);
    expect(replay.checkpoints.length).toBeGreaterThan(10);
    expect(replay.inputs.flat().some((input) => input !== 0)).toBe(true); // the bots did play
    const dir = mkdtempSync(join(tmpdir(), 'ricochet-replay-'));
    try {
      const simReplay = (name: string, body: unknown) => {
        writeFileSync(join(dir, name), JSON.stringify(body));
        return spawnSync('npm', ['run', '--silent', 'sim', '--', '--replay', join(dir, name)], { encoding: 'utf8' });
      };
      const good = simReplay('match.json', replay);
      expect(good.status, good.stdout + good.stderr).toBe(0);
      const [frame, hash] = replay.checkpoints.at(-1) ?? [0, 0];
      const forged = { ...replay, checkpoints: [...replay.checkpoints.slice(0, -1), [frame, (hash + 1) >>> 0]] };
      expect(simReplay('forged.json', forged).status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('draws a match that is not blank', async () => {
    const png = await watched.page.screenshot();
    if (process.env.RICOCHET_SCREENSHOT) writeFileSync(process.env.RICOCHET_SCREENSHOT, png);
    const img = decodePng(png);
    expect(img.width).toBe(1280);
    expect(distinctColours(img)).toBeGreaterThan(60);
    // The arena itself, not just the HUD: the middle of the canvas has walls, floor and tanks.
    expect(distinctColours(img, { x: 320, y: 180, w: 640, h: 360 })).toBeGreaterThan(20);
  });
});

describe('controls', () => {
  it('turns and drives the player tank with the keyboard, and nothing sticks after release', async () => {
    const { page, errors } = await openPage(rig.browser, `${rig.url}?practice=1&seed=7`);
    await waitForScene(page, 'match');
    await page.waitForFunction(() => window.ricochet.frame() > 30);
    expect(await page.evaluate(() => window.ricochet.slots().bots)).toEqual([1]);
    const start = await myTank(page);
    expect(start.alive).toBe(true);
    await page.keyboard.down('ArrowLeft');
    await waitFrames(page, 24);
    await page.keyboard.up('ArrowLeft');
    await waitFrames(page, 12); // the input delay's few frames drain
    const turned = await myTank(page);
    expect(turned.angle).not.toBe(start.angle);
    await waitFrames(page, 18);
    expect((await myTank(page)).angle).toBe(turned.angle); // released: no stuck key
    await page.keyboard.down('KeyW');
    await waitFrames(page, 36);
    await page.keyboard.up('KeyW');
    await waitFrames(page, 12);
    const moved = await myTank(page);
    expect(Math.hypot(moved.x - turned.x, moved.y - turned.y)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('layout', () => {
  it('fits the canvas to every new window size with no scrollbars, and keeps rendering', async () => {
    const { page, errors } = await openPage(rig.browser, `${rig.url}?practice=2&seed=3`);
    await waitForScene(page, 'match');
    for (const size of [{ width: 800, height: 600 }, { width: 568, height: 320 }, { width: 1600, height: 900 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      await page.waitForFunction(
        ({ width, height }) => {
          const canvas = document.querySelector('#game canvas')!.getBoundingClientRect();
          return Math.round(canvas.width) === width && Math.round(canvas.height) === height;
        },
        size,
        { timeout: 5_000 },
      );
      const layout = await page.evaluate(() => ({
        scrollW: document.documentElement.scrollWidth,
        scrollH: document.documentElement.scrollHeight,
        innerW: window.innerWidth,
        innerH: window.innerHeight,
      }));
      expect(layout.scrollW).toBeLessThanOrEqual(layout.innerW);
      expect(layout.scrollH).toBeLessThanOrEqual(layout.innerH);
      const before = await page.evaluate(() => window.ricochet.frame());
      await waitFrames(page, 1, 5_000);
      expect(await page.evaluate(() => window.ricochet.frame())).toBeGreaterThan(before);
      const img = decodePng(await page.screenshot());
      expect(img.width).toBe(size.width);
      expect(distinctColours(img, { x: Math.round(size.width / 4), y: Math.round(size.height / 4), w: Math.round(size.width / 2), h: Math.round(size.height / 2) })).toBeGreaterThan(10);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
