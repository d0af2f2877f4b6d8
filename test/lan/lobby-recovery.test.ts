/**
 * A lobby that recovers, on the virtual LAN (issue #11, "lobby"): the real host process in laptop 0
 * and real Chromium pages in laptops 1-3, which join with the Join button (no `auto=1`: what a
 * tab remembers in sessionStorage brings it back). The host is killed (by its pid) while they wait
 * in the lobby and started again on the same port: every page reconnects and is joined again by
 * itself. Then the creator's page closes, the next page becomes the creator, and it starts a
 * match with the other page that really advances (WebRTC between laptops 2 and 3).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserInLaptop, type LaptopBrowser } from './browser-in-laptop.js';
import { startHostIn, type HostProcess } from './host-rig.js';
import { createVirtualLan, type VirtualLan } from './virtual-lan.js';

/** `window.ricochet.lobby()` as this test reads it. */
interface LobbySeen {
  readonly status: string;
  readonly isCreator: boolean;
  readonly welcome: { readonly playerId: string; readonly peerServer: { readonly token?: string } } | null;
  readonly roster: { readonly slots: readonly { readonly name: string; readonly ready: boolean }[] } | null;
}

const NAMES = ['Ann', 'Ben', 'Cat'];
const LOBBY = 'window.ricochet?.lobby?.()';
/** Clicks Ready unless this page is ready already (the button then says "Not ready"). */
const READY = `(() => { const b = document.querySelector('.ready-toggle'); if (b && b.textContent === 'Ready') b.click(); return !!b; })()`;
const lobbyOf = (page: LaptopBrowser): Promise<LobbySeen | null> => page.evaluate<LobbySeen | null>(`${LOBBY} ?? null`);
/** True once the page is joined, its socket open, and its roster holds `n` players who are all ready. */
const joinedWithReady = (n: number): string =>
  `${LOBBY}?.status === 'open' && !!${LOBBY}?.welcome && ${LOBBY}?.roster?.slots.length === ${n} && ${LOBBY}.roster.slots.every((s) => s.ready)`;

async function buildPage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'ricochet-lobby-dist-'));
  const { build } = await import('vite');
  await build({ root: process.cwd(), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return outDir;
}

describe('a lobby that recovers, on the virtual LAN', () => {
  let lan: VirtualLan;
  let dist: string;
  let host: HostProcess;
  const pages: LaptopBrowser[] = [];
  beforeAll(async () => {
    [lan, dist] = await Promise.all([createVirtualLan({ laptops: 4, profile: 'wifi' }), buildPage()]);
  });
  afterAll(async () => {
    await Promise.all(pages.map((p) => p.close().catch(() => undefined)));
    await lan?.destroy();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  it('gets its pages back after the host restarts, and hands the creator role on so the next player can start', async () => {
    const ip = lan.laptops[0]!.ip;
    const args = ['--port', '8080', '--interface', ip, '--name', 'Recovery', '--no-discovery'];
    host = startHostIn(lan, 0, args, dist);
    const url = await host.url(60_000);
    expect(url).toBe(`http://${ip}:8080/`);

    // Each page joins with the Join button and readies up, one after another: Ann creates the lobby.
    const launched = await Promise.all(NAMES.map((_, k) => openBrowserInLaptop(lan, k + 1, { pageHost: ip })));
    pages.push(...launched);
    for (const [k, page] of pages.entries()) {
      await page.goto(`${url}?name=${NAMES[k]}&bot=1`);
      await page.waitFor(`${LOBBY}?.status === 'open' && !!document.querySelector('.join-match')`, 60_000);
      await page.evaluate(`document.querySelector('.join-match').click()`);
      await page.waitFor(`!!${LOBBY}?.welcome && !!document.querySelector('.ready-toggle')`, 30_000);
      expect(await page.evaluate<boolean>(READY)).toBe(true);
    }
    await Promise.all(pages.map((p) => p.waitFor(joinedWithReady(3), 30_000)));
    expect((await lobbyOf(pages[0]!))?.isCreator).toBe(true);
    // Each member's secret token, from its welcome: a restarted host hands out new ones.
    const before = await Promise.all(pages.map(async (p) => (await lobbyOf(p))?.welcome?.peerServer.token));
    for (const token of before) expect(token).toBeTruthy();

    // The host dies (killed by its pid) while they wait, and comes back on the same port.
    process.kill(host.child.pid!, 'SIGKILL');
    await host.exited;
    await Promise.all(pages.map((p) => p.waitFor(`${LOBBY}?.status === 'reconnecting'`, 15_000)));
    expect(await pages[1]!.evaluate<string>(`document.querySelector('.host-status')?.textContent`)).toBe('Host gone — reconnecting…');
    host = startHostIn(lan, 0, args, dist);
    expect(await host.url(60_000)).toBe(url);
    const restartedAt = Date.now();
    // Each page reopens its socket (backoff at most 5 s) and joins again with no click. The new host
    // knows no token: they are new members, in the order they came back, and not ready.
    await Promise.all(pages.map((p) => p.waitFor(`${LOBBY}?.status === 'open' && !!${LOBBY}?.welcome && ${LOBBY}?.roster?.slots.length === 3`, 20_000)));
    const backWithinMs = Date.now() - restartedAt;
    const after = await Promise.all(pages.map(lobbyOf));
    expect(after.map((l) => l?.roster?.slots.map((s) => s.name).sort())).toEqual(pages.map(() => [...NAMES].sort()));
    after.forEach((l, k) => expect(l?.welcome?.peerServer.token).not.toBe(before[k]));
    expect(after.filter((l) => l?.isCreator)).toHaveLength(1);
    for (const page of pages) expect(await page.evaluate<string>(`document.querySelector('.host-status')?.textContent`)).toMatch(/^Joined/);
    console.log(`lobby recovery: all three pages joined again ${backWithinMs} ms after the host restarted`);

    // The creator leaves: the crown goes to the next player, whose page shows Start at once.
    const creator = after.findIndex((l) => l?.isCreator);
    const rest = pages.filter((_, k) => k !== creator);
    await pages[creator]!.close();
    await Promise.all(rest.map((p) => p.waitFor(`${LOBBY}?.roster?.slots.length === 2`, 20_000)));
    const seen = await Promise.all(rest.map(lobbyOf));
    expect(seen.filter((l) => l?.isCreator)).toHaveLength(1);
    const next = rest[seen.findIndex((l) => l?.isCreator)]!;
    const other = rest.find((p) => p !== next)!;
    await next.waitFor(`!!document.querySelector('.start-match')`, 10_000);
    expect(await other.evaluate<boolean>(`!!document.querySelector('.start-match')`)).toBe(false);

    // Both ready up (the restarted host knew nothing of their ready flags), and the new creator starts.
    for (const page of rest) expect(await page.evaluate<boolean>(READY)).toBe(true);
    await next.waitFor(`document.querySelector('.start-match')?.disabled === false`, 20_000);
    await next.evaluate(`document.querySelector('.start-match').click()`);
    await Promise.all(rest.map((p) => p.waitFor('(window.ricochet?.frame() ?? 0) >= 120', 90_000)));
    const frames = await Promise.all(rest.map((p) => p.evaluate<number>('window.ricochet.frame()')));
    for (const frame of frames) expect(frame).toBeGreaterThanOrEqual(120);
    for (const page of rest) {
      expect(await page.evaluate('window.ricochet.problem()')).toBeNull();
      expect(await page.evaluate<number>('window.ricochet.peers().length')).toBe(2);
    }
  });
});
