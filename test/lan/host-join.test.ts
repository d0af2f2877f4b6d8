/**
 * The whole path a player takes, on the virtual LAN with real Chromium: laptop 1's own lobby page
 * lists laptop 0's match (found over mDNS by laptop 1's host), the player opens it from there
 * and joins, and the roster on laptop 0's page shows them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualLan, type VirtualLan } from './virtual-lan.js';
import { openBrowserInLaptop, type LaptopBrowser } from './browser-in-laptop.js';
import { startHostIn } from './host-rig.js';

/** Build the real page once, into a directory of our own (others may rebuild dist/ meanwhile). */
async function buildPage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'ricochet-join-dist-'));
  const { build } = await import('vite');
  await build({ root: process.cwd(), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return outDir;
}

const rosterNames = 'JSON.stringify((window.ricochet?.lobby()?.roster?.slots ?? []).map((s) => s.name))';

describe('joining a match found on the LAN, in Chromium', () => {
  let lan: VirtualLan;
  let dist: string;
  const browsers: LaptopBrowser[] = [];
  beforeAll(async () => {
    [lan, dist] = await Promise.all([createVirtualLan({ laptops: 2 }), buildPage()]);
  });
  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close().catch(() => undefined)));
    await lan?.destroy();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  it('lists laptop 0\'s match in laptop 1\'s lobby, joins it, and laptop 0\'s roster shows the player', async () => {
    const [ip0, ip1] = [lan.laptops[0]!.ip, lan.laptops[1]!.ip];
    const alpha = startHostIn(lan, 0, ['--name', 'Alpha'], dist);
    const bravo = startHostIn(lan, 1, ['--name', 'Bravo'], dist);
    const [alphaUrl, bravoUrl] = await Promise.all([alpha.url(60_000), bravo.url(60_000)]);

    const ada = await openBrowserInLaptop(lan, 0, { pageHost: ip0 });
    browsers.push(ada);
    await ada.goto(`${alphaUrl}?name=Ada&auto=1`);
    await ada.waitFor(`${rosterNames} === '["Ada"]'`, 30_000);
    // The host's page shows its QR code and URL, for phones, which cannot browse the LAN.
    const qrWidth = await ada.waitFor<number>(`document.querySelector('.invite-qr')?.naturalWidth`, 30_000);
    expect(qrWidth).toBeGreaterThan(0);
    expect(await ada.waitFor<string>(`document.querySelector('.invite-url')?.textContent`, 30_000)).toBe(alphaUrl);

    const bo = await openBrowserInLaptop(lan, 1, { pageHost: [ip1, ip0] });
    browsers.push(bo);
    await bo.goto(`${bravoUrl}?name=Bo`);
    expect(await bo.waitFor<string>(`window.ricochet?.lobby()?.roster?.matchName`, 30_000)).toBe('Bravo');
    // "Matches on your network": laptop 1's host found Alpha over mDNS and checked it is alive.
    const link = `document.querySelector('.match-list a[href="${alphaUrl}"]')?.href`;
    const href = await bo.waitFor<string>(link, 30_000);
    expect(href).toBe(alphaUrl);
    expect(await bo.evaluate<string>(`document.querySelector('.match-list').innerText`)).toMatch(/Alpha[\s\S]*1\/8/);

    // Joining opens that host's URL: the page then runs Alpha's build and joins Alpha's lobby.
    await bo.goto(`${href}?name=Bo&auto=1`);
    await bo.waitFor(`window.ricochet?.lobby()?.welcome?.matchName === 'Alpha'`, 30_000);
    expect(await ada.waitFor<string>(`${rosterNames} === '["Ada","Bo"]' && ${rosterNames}`, 30_000)).toBe('["Ada","Bo"]');
    expect(await ada.evaluate<string>('document.body.innerText')).toContain('Bo');
  });
});
