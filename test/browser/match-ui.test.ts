/**
 * The match's own UI in a real browser (practice, no network): the Esc menu (it pauses practice,
 * sets the volume, leaves back to the lobby), the phone layout (labels of at least 11 CSS px at
 * 844×390 and device pixel ratio 2, the HUD clear of the arena), the rotate hint on an upright
 * phone, the kill feed, the touch controls hidden under the menu and the results, and render
 * scaling's half resolution on a slowed CPU.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig, waitForScene } from './harness';
import './surface';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

const waitFrames = async (page: Page, frames: number): Promise<void> => {
  const from = await page.evaluate(() => window.ricochet.frame());
  await page.waitForFunction((target) => window.ricochet.frame() >= target, from + frames, { timeout: 30_000 });
};

/** A phone on its side: touch, 844×390 CSS px at device pixel ratio 2. */
async function openPhone(browser: Browser, url: string, size = { width: 844, height: 390 }): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: size, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}

/** True if the HUD's score box and the arena on screen do not overlap. */
const hudClearOfArena = (page: Page): Promise<boolean> =>
  page.evaluate(() => {
    const hud = document.querySelector('.hud-top')!.getBoundingClientRect();
    const arena = window.ricochet.view()?.arena;
    if (!arena) throw new Error('no arena on screen');
    return hud.bottom <= arena.top + 0.5 || hud.right <= arena.left + 0.5;
  });

describe('the menu', () => {
  it('opens on Esc and pauses practice, keeps the volume, and leaves the match for the lobby', async () => {
    const context = await rig.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${rig.url}?practice=2&seed=3`);
    await waitForScene(page, 'match');
    await waitFrames(page, 30);
    expect(await hudClearOfArena(page)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.pause-menu').isVisible()).toBe(true);
    expect(await page.locator('.menu-note').textContent()).toMatch(/^Paused/);
    expect(await page.locator('.menu-controls').textContent()).toContain('Keyboard');
    const pausedAt = await page.evaluate(() => window.ricochet.frame());
    await page.locator('input.volume').fill('35');
    await page.waitForTimeout(500); // 30 frames' worth of page time, during which none may step
    expect(await page.evaluate(() => window.ricochet.frame())).toBe(pausedAt);
    expect(await page.evaluate(() => localStorage.getItem('ricochet.volume'))).toBe('0.35');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.pause-menu').isVisible()).toBe(false);
    await waitFrames(page, 10); // resumed
    await page.locator('button.menu-toggle').click();
    expect(await page.locator('input.volume').inputValue()).toBe('35'); // the menu shows the kept volume
    await page.locator('button.leave-match').click();
    await waitForScene(page, 'lobby');
    expect(await page.locator('button.practice').isVisible()).toBe(true);
    expect(await page.locator('.pause-menu, .hud, .kill-feed').count()).toBe(0);
    expect(await page.evaluate(() => window.ricochet.frame())).toBe(0); // the match is forgotten
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('on a phone', () => {
  it('shows the rotate hint only while the phone is upright', async () => {
    const { page, errors } = await openPhone(rig.browser, `${rig.url}?practice=1&seed=7`, { width: 390, height: 844 });
    await waitForScene(page, 'match');
    await expect.poll(() => page.locator('.rotate-hint').isVisible()).toBe(true);
    expect(await page.locator('.rotate-hint').textContent()).toContain('sideways');
    expect(await hudClearOfArena(page)).toBe(true);
    await page.setViewportSize({ width: 844, height: 390 });
    await expect.poll(() => page.locator('.rotate-hint').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('has readable labels, a HUD clear of the arena, a kill feed, and hides the touch controls under the menu and the results', async () => {
    const { page, errors } = await openPhone(rig.browser, `${rig.url}?practice=5&seed=99&bot=1&target=1`);
    await waitForScene(page, 'match');
    await waitFrames(page, 10);
    expect(await page.locator('.rotate-hint').isVisible()).toBe(false);
    const view = await page.evaluate(() => window.ricochet.view());
    expect(view?.labelPx).toBeGreaterThanOrEqual(11);
    expect(view?.tankPx).toBeGreaterThanOrEqual(15);
    expect(await hudClearOfArena(page)).toBe(true);
    // The menu covers the stick and FIRE; a network match would play on, practice pauses.
    await expect.poll(() => page.locator('.touch-fire').isVisible()).toBe(true);
    await page.locator('button.menu-toggle').tap();
    await expect.poll(() => page.locator('.pause-menu').isVisible()).toBe(true);
    expect(await page.locator('.touch-fire').isVisible()).toBe(false);
    expect(await page.locator('.touch-stick').isVisible()).toBe(false);
    expect(await page.locator('.menu-controls').textContent()).toContain('Touch');
    await page.locator('button.resume').tap();
    await expect.poll(() => page.locator('.touch-fire').isVisible()).toBe(true);
    // Six bots fight: the first hit makes a line naming two players (or one, and "themself").
    await page.locator('.kill-line').first().waitFor({ timeout: 100_000 });
    const names = await page.evaluate(() => window.ricochet.replay()?.setup.players.map((p) => p.name) ?? []);
    const line = (await page.locator('.kill-line').first().textContent()) ?? '';
    const match = /^(.+) hit (.+?)( \((\d+) bounces?\))?$/.exec(line);
    expect(match, line).not.toBeNull();
    expect(names).toContain(match?.[1]);
    expect([...names, 'themself']).toContain(match?.[2]);
    await waitForScene(page, 'results', 110_000);
    expect(await page.locator('.touch-fire').count()).toBe(1); // still there, under the results
    expect(await page.locator('.touch-fire').isVisible()).toBe(false);
    expect(await page.locator('.touch-stick').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('render scaling', () => {
  it('on a CPU slowed 8×, drops to half resolution: a canvas of half the size in each direction, stretched over the screen', async () => {
    const context = await rig.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${rig.url}?practice=3&seed=11&target=99`);
    await waitForScene(page, 'match');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
    await page.waitForFunction(() => window.ricochet.pace()?.renderLevel === 2, null, { timeout: 60_000, polling: 500 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    // Phaser resizes its canvas only when told: the drawing buffer itself must be halved.
    const canvas = await page.evaluate(() => {
      const c = document.querySelector('#game canvas') as HTMLCanvasElement;
      const shown = c.getBoundingClientRect();
      return { width: c.width, height: c.height, shownWidth: shown.width, shownHeight: shown.height };
    });
    expect(canvas).toEqual({ width: 640, height: 360, shownWidth: 1280, shownHeight: 720 });
    await context.close();
  });
});
