/**
 * The title screen and the lobby as a title screen, in a real browser (the same rig as
 * client.test.ts: a fresh build on 127.0.0.1, headless Chromium, no host, so practice is the main
 * action). The HTML title screen must show, with a moving progress bar, while Phaser's chunk is
 * still on its way; then the lobby must explain the rules, show the controls of the device in
 * use, and keep its main button on screen on a phone held sideways.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from './harness';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

const PHONE: BrowserContextOptions = { viewport: { width: 844, height: 390 }, hasTouch: true, isMobile: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 720 } };

/** A page of a fresh context, on the lobby, once the HTML title screen has handed over. */
async function lobbyPage(options: BrowserContextOptions): Promise<Page> {
  const context = await rig.browser.newContext(options);
  const page = await context.newPage();
  await page.goto(rig.url);
  await page.waitForFunction(() => window.ricochet?.scene() === 'lobby', null, { timeout: 30_000 });
  await page.waitForFunction(() => !document.getElementById('title'), null, { timeout: 10_000 });
  return page;
}

const barValue = (page: Page): Promise<number> => page.evaluate(() => Number(document.querySelector('#title .title-bar')?.getAttribute('aria-valuenow') ?? -1));

describe('the HTML title screen', () => {
  it('shows with a moving progress bar while the Phaser chunk is held back, then hands over to the lobby', async () => {
    const context = await rig.browser.newContext(DESKTOP);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/phaser-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    // Every value the bar takes, from the first script on, to check it only ever moves forward.
    await page.addInitScript(() => {
      const seen: number[] = [];
      (window as unknown as { barValues: number[] }).barValues = seen;
      new MutationObserver(() => seen.push(Number(document.querySelector('#title .title-bar')?.getAttribute('aria-valuenow')))).observe(document, {
        subtree: true,
        attributes: true,
        attributeFilter: ['aria-valuenow'],
      });
    });
    await page.goto(rig.url);
    expect(await page.locator('#title h1').textContent()).toBe('RICOCHET');
    expect(await page.locator('#title .title-bar').isVisible()).toBe(true);
    // The game's other chunk arrives: the bar moves, short of full while Phaser is held back.
    await expect.poll(() => barValue(page), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await barValue(page)).toBeLessThan(90);
    expect(await page.locator('#title').isVisible()).toBe(true);
    expect(await page.evaluate(() => ({ canvas: !!document.querySelector('#game canvas'), surface: 'ricochet' in window }))).toEqual({ canvas: false, surface: false });
    release();
    await page.waitForFunction(() => window.ricochet?.scene() === 'lobby', null, { timeout: 30_000 });
    await page.waitForFunction(() => !document.getElementById('title'), null, { timeout: 10_000 });
    expect(await page.locator('button.practice').isVisible()).toBe(true);
    const values = await page.evaluate(() => (window as unknown as { barValues: number[] }).barValues);
    expect(values.length).toBeGreaterThan(2);
    expect(values.every((v, i) => v >= 0 && v <= 100 && (i === 0 || v >= (values[i - 1] ?? 0)))).toBe(true);
    expect(values.at(-1)).toBe(100);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the lobby as a title screen', () => {
  it('has a how-to-play card that names the rules', async () => {
    const page = await lobbyPage(DESKTOP);
    const rules = await page.locator('.how-to-play .rules').textContent();
    expect(rules).toContain('5 shells each');
    expect(rules).toContain('10 seconds');
    expect(rules).toContain('Your own shells can kill you');
    expect(rules).toContain('Last tank standing wins the round');
    expect(rules).toContain('First to 5 round wins');
    expect(await page.locator('.title-art-maze svg rect').count()).toBeGreaterThan(10);
    await page.context().close();
  });

  it('shows keyboard controls on a desktop, with Practice vs bots on one line', async () => {
    const page = await lobbyPage(DESKTOP);
    expect(await page.locator('.controls-keys').isVisible()).toBe(true);
    expect(await page.locator('.controls-touch').count()).toBe(0);
    expect(await page.locator('.controls-keys').textContent()).toMatch(/W\s*A\s*S\s*D/);
    expect(await page.locator('button.mute-toggle').textContent()).toContain('(M)');
    const lines = await page.locator('button.practice').evaluate((b) => {
      const range = document.createRange();
      range.selectNodeContents(b);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines).toBe(1);
    await page.context().close();
  });

  it('shows touch controls and no key hints on a phone held sideways, with Practice on screen without scrolling', async () => {
    const page = await lobbyPage(PHONE);
    expect(await page.locator('.controls-touch').count()).toBe(1);
    expect(await page.locator('.controls-keys').count()).toBe(0);
    const text = (await page.locator('#overlay').textContent()) ?? '';
    expect(text).not.toMatch(/F3|WASD|\(M\)/);
    const box = await page.locator('button.practice').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(390);
    expect(box!.x + box!.width).toBeLessThanOrEqual(844);
    expect(await page.evaluate(() => [document.scrollingElement?.scrollTop, document.querySelector('.lobby')?.scrollTop])).toEqual([0, 0]);
    await page.context().close();
  });

  it('keeps Practice on screen at 390x844 (a phone held upright)', async () => {
    const page = await lobbyPage({ ...PHONE, viewport: { width: 390, height: 844 } });
    const box = await page.locator('button.practice').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await page.context().close();
  });
});
