/**
 * The match PIN in the real page, against a real host started with `--pin` on 127.0.0.1 (one page,
 * no WebRTC, no mDNS): the lobby asks for the PIN, a wrong one is refused, the right one joins, and
 * a page opened with `?pin=` (the printed URL and QR code) joins with no typing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, startHostRig, type HostRig } from './harness';

describe('joining a match with a PIN', () => {
  let rig: HostRig;
  beforeAll(async () => {
    rig = await startHostRig('4821');
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('asks for the PIN, refuses a wrong one, and joins with the right one', async () => {
    const { page, errors } = await openPage(rig.browser, `${rig.host.base}/?name=Ada`);
    await page.waitForFunction(() => (window as unknown as { ricochet?: { lobby(): { status: string } | null } }).ricochet?.lobby()?.status === 'open', undefined, { timeout: 60_000 });
    const pin = page.locator('.pin-input');
    await expect.poll(() => pin.isVisible()).toBe(true);
    await expect.poll(() => page.locator('.host-status').textContent()).toContain('needs the PIN');
    await pin.fill('1111');
    await page.locator('.join-match').click();
    await expect.poll(() => page.locator('.host-status').textContent()).toContain('Wrong PIN');
    expect(await page.locator('.problem').textContent(), 'the refusal is said once').toBe('');
    await pin.fill('4821');
    await page.locator('.join-match').click();
    await expect.poll(() => page.locator('.host-status').textContent()).toContain('Joined');
    expect(await pin.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('joins with no typing when the URL carries the PIN', async () => {
    const { page } = await openPage(rig.browser, `${rig.host.base}/?name=Bo&auto=1&pin=4821`);
    await page.waitForFunction(() => !!(window as unknown as { ricochet?: { lobby(): { welcome: unknown } | null } }).ricochet?.lobby()?.welcome, undefined, { timeout: 60_000 });
    expect(await page.locator('.pin-input').isVisible()).toBe(false);
    await page.context().close();
  });
});
