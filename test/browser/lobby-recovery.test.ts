/**
 * A lobby that recovers, in real pages against a real host on 127.0.0.1 (lobby only: no match
 * starts, so no WebRTC between pages): the creator role follows the roster when the creator's
 * page closes; a host restarted on the same port gets its pages back, joined again with no click;
 * a reloaded page joins again by itself, in its own place; a name typed before joining stays on
 * the page (no error from the host), and a rename after joining reaches the other pages.
 */
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Roster, Welcome } from '../../net/lobby/messages';
import { startChildHost, type ChildHost } from '../harness/host-child';
import { buildGame, launchChromium, openPage, type WatchedPage } from './harness';

/** `window.ricochet.lobby()` as these tests read it. */
interface LobbySeen {
  status: string;
  roster: Roster | null;
  welcome: Welcome | null;
  isCreator: boolean;
}

let dir = '';
let browser: Browser;
let host: ChildHost;
beforeAll(async () => {
  dir = buildGame();
  browser = await launchChromium();
  host = await startChildHost(undefined, dir);
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const lobbyOf = (page: Page): Promise<LobbySeen | null> =>
  page.evaluate(() => (window.ricochet as unknown as { lobby(): LobbySeen | null } | undefined)?.lobby() ?? null);
/** The names in the roster this page sees. */
const names = async (page: Page): Promise<string[]> => (await lobbyOf(page))?.roster?.slots.map((s) => s.name) ?? [];
const playerId = async (page: Page): Promise<string | null> => (await lobbyOf(page))?.welcome?.playerId ?? null;
// window.ricochet arrives with the game chunk, after the title screen's loader.
const untilLobbyOpen = (page: Page): Promise<unknown> =>
  page.waitForFunction(() => (window.ricochet as unknown as { lobby(): LobbySeen | null } | undefined)?.lobby()?.status === 'open', undefined);

/** These machines are shared and slow: a condition gets 20 s to come true. */
const poll = <T>(fn: () => T | Promise<T>): ReturnType<typeof expect.poll<T>> => expect.poll(fn, { timeout: 20_000 });

/** Opens the host's page as `name` and joins with the Join button. */
async function joinedPage(name: string): Promise<WatchedPage> {
  const watched = await openPage(browser, `${host.base}/?name=${name}`);
  await untilLobbyOpen(watched.page);
  await watched.page.locator('.join-match').click();
  await poll(() => playerId(watched.page)).not.toBeNull();
  return watched;
}

const close = (...pages: WatchedPage[]): Promise<void[]> => Promise.all(pages.map((p) => p.page.context().close()));

describe('a lobby that recovers', () => {
  it("hands the creator's controls to the next player when the creator's page closes", async () => {
    const ada = await joinedPage('Ada');
    const bo = await joinedPage('Bo');
    expect(await lobbyOf(bo.page)).toMatchObject({ isCreator: false, welcome: { isCreator: false } });
    expect(await bo.page.locator('.start-match').count()).toBe(0);
    expect(await bo.page.locator('#match-options .opt-maze').isDisabled()).toBe(true);
    await close(ada);
    // Bo's welcome still says "not the creator": the page goes by the roster.
    await poll(() => bo.page.locator('.start-match').count()).toBe(1);
    expect(await lobbyOf(bo.page)).toMatchObject({ isCreator: true, welcome: { isCreator: false } });
    expect(await bo.page.locator('#match-options .opt-maze').isDisabled()).toBe(false);
    await bo.page.locator('.add-bot').click();
    await poll(() => names(bo.page)).toEqual(['Bo', 'Bot 1']);
    await bo.page.locator('.ready-toggle').click();
    await poll(() => bo.page.locator('.start-match').isEnabled()).toBe(true);
    // The new creator's option reaches the host's roster.
    await bo.page.locator('#match-options .opt-maze').selectOption('small');
    await poll(async () => (await lobbyOf(bo.page))?.roster?.options.maze).toBe('small');
    expect(bo.errors).toEqual([]);
    await close(bo);
  });

  it('keeps a name typed before joining on the page, and sends a rename after joining to everyone', async () => {
    const cy = await openPage(browser, `${host.base}/?name=Cy`);
    await untilLobbyOpen(cy.page);
    const watcher = await openPage(browser, host.base);
    await untilLobbyOpen(watcher.page);
    await cy.page.locator('.name-input').fill('Cyd');
    await cy.page.locator('.swatch').nth(3).click();
    await cy.page.locator('.join-match').click();
    await poll(() => playerId(cy.page)).not.toBeNull();
    // An edit sent before the join would have been answered before the welcome, on this one socket.
    expect(await cy.page.locator('.this-match').textContent()).not.toMatch(/Join the match first/);
    await poll(() => names(watcher.page)).toEqual(['Cyd']);
    await cy.page.locator('.name-input').fill('Cyd the Second');
    await poll(() => names(watcher.page)).toEqual(['Cyd the Second']);
    await cy.page.locator('.swatch').nth(5).click();
    await poll(async () => (await lobbyOf(watcher.page))?.roster?.slots[0]?.colour).toBe('#D55E00');
    expect(await cy.page.locator('.this-match').textContent()).not.toMatch(/Join the match first|taken/);
    expect([...cy.errors, ...watcher.errors]).toEqual([]);
    await close(cy, watcher);
  });

  it('joins a reloaded page again by itself, in its own place', async () => {
    const di = await joinedPage('Di');
    const ed = await joinedPage('Ed');
    const before = await playerId(di.page);
    await di.page.reload();
    await poll(() => playerId(di.page)).toBe(before);
    await poll(() => names(ed.page)).toEqual(['Di', 'Ed']);
    expect(await di.page.locator('.join-match').count()).toBe(0);
    await close(di, ed);
  });

  it('gets its pages back, joined again with no click, when the host restarts on the same port', async () => {
    const fay = await joinedPage('Fay');
    const port = host.port;
    await host.stop();
    await poll(() => fay.page.locator('.host-status').textContent()).toBe('Host gone — reconnecting…');
    host = await startChildHost(undefined, dir, port);
    expect(host.port).toBe(port);
    // The restarted host never saw Fay's token: she is back as a new member, by herself, within
    // one backoff step (at most 5 s) and a join.
    await expect.poll(() => names(fay.page), { timeout: 10_000 }).toEqual(['Fay']);
    await poll(() => playerId(fay.page)).not.toBeNull();
    await poll(() => fay.page.locator('.host-status').textContent()).toMatch(/^Joined/);
    // Only the lost host's traces may show: failed socket attempts, the match list's stream cut short.
    expect(fay.errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|ERR_INCOMPLETE_CHUNKED_ENCODING|peerjs|Lost connection/i.test(e))).toEqual([]);
    await close(fay);
  });
});
