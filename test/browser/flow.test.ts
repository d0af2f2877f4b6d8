/**
 * The rest of a player's path through the game in a real browser: a whole (short) practice match
 * to the results, "play again" and "back to lobby", the net overlay, and the touch controls that
 * only touch devices get.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, startRig, type Rig, waitForScene } from './harness';
import './surface';
import { INPUT } from '../../game/sim';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});


describe('a whole practice match', () => {
  it('ends on the results with the winner first, and plays again with the net overlay on F3', async () => {
    const { page, errors } = await openPage(rig.browser, `${rig.url}?practice=5&seed=99&bot=1&target=1`);
    await waitForScene(page, 'match');
    await waitForScene(page, 'results', 110_000);
    const winner = await page.evaluate(() => window.ricochet.state()?.winner ?? -1);
    expect(winner).toBeGreaterThanOrEqual(0);
    const rows = await page.locator('.scoreboard tbody tr').allTextContents();
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatch(/1$/); // the winner, with its one round win
    await page.locator('button.play-again').click();
    await page.waitForFunction(() => window.ricochet.scene() === 'match' && window.ricochet.frame() > 30);
    await page.keyboard.press('F3');
    await expect.poll(() => page.locator('.net-overlay').textContent()).toMatch(/frame \d+[\s\S]*checkpoint \d+ agreed/);
    expect(await page.locator('.touch-controls').count()).toBe(0); // a desktop gets no touch controls
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('goes back to the lobby from the results', async () => {
    const { page } = await openPage(rig.browser, `${rig.url}?practice=7&seed=5&bot=1&target=1`);
    await waitForScene(page, 'results', 110_000);
    await page.locator('button.back-to-lobby').click();
    await waitForScene(page, 'lobby');
    expect(await page.locator('button.practice').isVisible()).toBe(true);
    await page.context().close();
  });
});

/** Whether the local slot's input had FIRE in some frame from `from` on, once 10 more are played. */
async function firedSince(page: Page, from: number): Promise<boolean> {
  await page.waitForFunction((f) => window.ricochet.frame() >= f + 10, from);
  return page.evaluate(
    ([f, bit]) => window.ricochet.replay()?.inputs.slice(f).some((row) => ((row[window.ricochet.slots().view] ?? 0) & bit) !== 0) ?? false,
    [from, INPUT.FIRE] as const,
  );
}

describe('touch controls', () => {
  it('shows a stick and a fire button on a touch device, and the fire button fires', async () => {
    const context = await rig.browser.newContext({ viewport: { width: 844, height: 390 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${rig.url}?practice=1&seed=7`);
    await waitForScene(page, 'match');
    await expect.poll(() => page.locator('.touch-fire').isVisible()).toBe(true);
    expect(await page.locator('.touch-stick').isVisible()).toBe(true);
    const pressedAt = await page.evaluate(() => window.ricochet.frame());
    await page.locator('.touch-fire').dispatchEvent('pointerdown', { pointerId: 7, pointerType: 'touch' });
    await page.waitForFunction((f) => window.ricochet.frame() >= f + 18, pressedAt); // held for 18 frames
    await page.locator('.touch-fire').dispatchEvent('pointerup', { pointerId: 7, pointerType: 'touch' });
    // The input, not a shell on the field: a bot may have killed the tank first on a loaded machine.
    expect(await firedSince(page, pressedAt)).toBe(true);
    await context.close();
  });

  it('fires on a tap shorter than a frame, on the fire button and on the keyboard', async () => {
    const context = await rig.browser.newContext({ viewport: { width: 844, height: 390 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${rig.url}?practice=1&seed=7`);
    await page.waitForFunction(() => window.ricochet?.scene() === 'match' && window.ricochet.frame() > 10);
    // Down and up in one task: no frame can be sampled in between.
    let from = await page.evaluate(() => window.ricochet.frame());
    await page.evaluate(() => {
      const fire = document.querySelector('.touch-fire') as HTMLElement;
      fire.dispatchEvent(new PointerEvent('pointerdown', { pointerId: 3, pointerType: 'touch', bubbles: true }));
      fire.dispatchEvent(new PointerEvent('pointerup', { pointerId: 3, pointerType: 'touch', bubbles: true }));
    });
    expect(await firedSince(page, from)).toBe(true);
    from = await page.evaluate(() => window.ricochet.frame());
    expect(await firedSince(page, from), 'nothing pressed: no fire').toBe(false);
    from = await page.evaluate(() => window.ricochet.frame());
    await page.evaluate(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { code: 'Space', cancelable: true }));
      window.dispatchEvent(new KeyboardEvent('keyup', { code: 'Space' }));
    });
    expect(await firedSince(page, from)).toBe(true);
    await context.close();
  });
});
