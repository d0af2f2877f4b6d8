/**
 * The match options in the real page: set through the lobby's controls (keyboard and selects, on
 * a phone-sized screen), they reach the sim of a practice match; and against a real host on
 * 127.0.0.1 (lobby only: no match starts, so no WebRTC between pages), a creator's choices (preset
 * by `maze=`/`target=` and changed with the controls) reach another page's roster, where the
 * controls are read-only.
 */
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchOptions } from '../../net/lobby/messages';
import { startChildHost, type ChildHost } from '../harness/host-child';
import { buildGame, launchChromium, openPage, serveStatic, waitForScene } from './harness';
import './surface';

let dir = '';
let server: Server;
let url = '';
let browser: Browser;
beforeAll(async () => {
  dir = buildGame();
  ({ url, server } = await serveStatic(dir));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});


describe('match options in practice', () => {
  it('target 2, maze small and level hard, chosen with the controls on a phone, reach the sim', async () => {
    const { page, errors } = await openPage(browser, url, { width: 844, height: 390 });
    await waitForScene(page, 'lobby', 60_000);
    const card = page.locator('#match-options');
    await expect.poll(() => card.locator('.opt-note').textContent()).toMatch(/practice/);
    // The stepper by keyboard: focus "−" and press Enter three times, 5 -> 2.
    await card.locator('.opt-target-down').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
    expect(await card.locator('.opt-target').inputValue()).toBe('2');
    await card.locator('.opt-maze').selectOption('small');
    await card.locator('.opt-level').selectOption('hard');
    await card.locator('.opt-netcode').selectOption('rollback');
    expect(await card.locator('.opt-netcode-help').textContent()).toMatch(/corrects itself/);
    // Every control fits the phone's width.
    for (const sel of ['.opt-target-up', '.opt-maze', '.opt-level', '.opt-netcode']) {
      const box = await card.locator(sel).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 844, sel).toBe(true);
    }
    await page.locator('.bot-count').selectOption('1');
    await page.locator('button.practice').click();
    await waitForScene(page, 'match', 60_000);
    const seen = await page.evaluate(() => {
      const s = window.ricochet.state() as unknown as { targetScore: number; maze: { cols: number; rows: number } };
      return { targetScore: s.targetScore, cols: s.maze.cols, rows: s.maze.rows, level: (window.ricochet.slots() as unknown as { botLevel: string }).botLevel };
    });
    expect(seen).toEqual({ targetScore: 2, cols: 7, rows: 5, level: 'hard' });
    // The replay carries the size, so `npm run sim -- --replay` rebuilds the same mazes.
    expect(await page.evaluate(() => window.ricochet.replay()?.setup)).toMatchObject({ targetScore: 2, maze: { cols: 7, rows: 5 } });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('match options on a real host (lobby only)', () => {
  let host: ChildHost;
  beforeAll(async () => {
    host = await startChildHost(undefined, dir);
  });
  afterAll(async () => {
    await host?.stop();
  });

  const rosterOptions = (page: Page): Promise<MatchOptions | null> =>
    page.evaluate(() => (window.ricochet as unknown as { lobby(): { roster: { options: MatchOptions } | null } | null } | undefined)?.lobby()?.roster?.options ?? null);
  const joined = (page: Page): Promise<unknown> =>
    // window.ricochet arrives with the game chunk, after the title screen's loader.
    page.waitForFunction(() => !!(window.ricochet as unknown as { lobby(): { welcome: unknown } | null } | undefined)?.lobby()?.welcome, undefined, { timeout: 60_000 });

  it("shows the creator's choices to another page, read-only there", async () => {
    const creator = await openPage(browser, `${host.base}/?name=Ada&auto=1&maze=large&target=3`);
    await joined(creator.page);
    await expect.poll(() => rosterOptions(creator.page)).toMatchObject({ maze: 'large', targetScore: 3 });
    const other = await openPage(browser, `${host.base}/?name=Bo&auto=1&maze=small&target=9`);
    await joined(other.page);
    // Bo is not the creator: his page's presets are not sent, and he sees Ada's choices.
    await expect.poll(() => rosterOptions(other.page)).toEqual({ targetScore: 3, maze: 'large', botLevel: 'normal', netcode: 'lockstep' });
    const card = other.page.locator('#match-options');
    await expect.poll(() => card.locator('.opt-maze').inputValue()).toBe('large');
    expect(await card.locator('.opt-maze').isDisabled()).toBe(true);
    expect(await card.locator('.opt-target-up').isDisabled()).toBe(true);
    expect(await card.locator('.opt-note').textContent()).toMatch(/creator/);
    // The creator changes the level with the control: it reaches the other page.
    await creator.page.locator('#match-options .opt-level').selectOption('easy');
    await expect.poll(() => rosterOptions(other.page)).toMatchObject({ botLevel: 'easy' });
    await expect.poll(() => card.locator('.opt-level').inputValue()).toBe('easy');
    expect(creator.errors).toEqual([]);
    expect(other.errors).toEqual([]);
    await creator.page.context().close();
    await other.page.context().close();
  });
});
