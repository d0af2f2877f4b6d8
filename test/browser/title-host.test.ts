/**
 * The title screen against a real host (a child process on 127.0.0.1, no mDNS, no WebRTC: joining
 * the lobby is HTTP and a WebSocket), which serves the page under its strict CSP (`script-src
 * 'self'`, no inline script): the loader still hands over to the lobby, and on a phone held
 * sideways the main action, Join and then Ready, is on screen without scrolling.
 */
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostRig, type HostRig } from './harness';

/** The element's box lies wholly inside the viewport. */
async function onScreen(locator: Locator, width: number, height: number): Promise<boolean> {
  const box = await locator.boundingBox();
  return !!box && box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
}

describe('the lobby on a phone, against a real host', () => {
  let rig: HostRig;
  beforeAll(async () => {
    rig = await startHostRig();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('loads under the host CSP and keeps Join, then Ready, on screen at 844x390 with no scrolling', async () => {
    const context = await rig.browser.newContext({ viewport: { width: 844, height: 390 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${rig.host.base}/?name=Ada`);
    await page.waitForFunction(() => (window as unknown as { ricochet?: { lobby(): { status: string } | null } }).ricochet?.lobby()?.status === 'open', null, { timeout: 60_000 });
    await page.waitForFunction(() => !document.getElementById('title'), null, { timeout: 10_000 });
    const join = page.locator('button.join-match');
    await expect.poll(() => onScreen(join, 844, 390)).toBe(true);
    await join.click();
    const ready = page.locator('button.ready-toggle');
    await expect.poll(() => onScreen(ready, 844, 390), { timeout: 20_000 }).toBe(true);
    expect(await page.evaluate(() => [document.scrollingElement?.scrollTop, document.querySelector('.lobby')?.scrollTop])).toEqual([0, 0]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
