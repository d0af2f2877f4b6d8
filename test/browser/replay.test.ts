/**
 * Results statistics and replays in a real browser: a short seeded practice match played by bots
 * (yours too) ends on the results at phone size; its downloaded replay re-runs to the very figures
 * the results screen shows; the lobby's "Watch a replay" opens it in the viewer, which seeks to
 * half way re-simulating at most one keyframe interval, says "verified", and finds a replay with
 * one input changed does not match.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdFromScriptSrc } from '../../net/lobby/page-origin';
import { replayStats } from '../../game/sim/match-stats';
import { parseReplayText, runReplay, type ReplayV2 } from '../../game/sim/replay';
import { stateHash } from '../../game/sim/hash';
import { initialState } from '../../game/sim/initial-state';
import { INPUT } from '../../game/sim/input';
import { openPage, startRig, type Rig, waitForScene } from './harness';
import './surface';

const viewer = (page: Page) => page.evaluate(() => window.ricochet.viewer());

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

const PHONE = { width: 844, height: 390 };

/** The hash of the state after `frame` frames of `replay`. */
function hashAt(replay: ReplayV2, frame: number): number {
  let hash = stateHash(initialState(replay.setup));
  runReplay({ ...replay, inputs: replay.inputs.slice(0, frame), checkpoints: [] }, (s) => void (hash = stateHash(s)));
  return hash;
}

/** Opens the lobby, picks `body` as a replay file, and waits for the viewer. */
async function watch(page: Page, body: string): Promise<void> {
  await waitForScene(page, 'lobby');
  expect(await page.locator('button.watch-replay').isVisible()).toBe(true);
  await page.locator('input.replay-file').setInputFiles({ name: 'match.json', mimeType: 'application/json', buffer: Buffer.from(body) });
  await waitForScene(page, 'replay');
}

describe('results statistics and replays', () => {
  let replay: ReplayV2;
  let text: string;

  it('shows statistics on the results that add up with the downloaded replay', async () => {
    const { page, errors } = await openPage(rig.browser, `${rig.url}?practice=3&seed=7&target=1&bot=1&name=Tester`, PHONE);
    await waitForScene(page, 'results', 110_000);
    const shown = await page.locator('.scoreboard tbody tr').evaluateAll((rows) =>
      rows.map((r) => ({
        slot: Number(r.getAttribute('data-slot')),
        cells: ['shots', 'kills', 'selfHits', 'longestRicochet'].map((k) => Number(r.querySelector(`.stat-${k}`)?.textContent)),
      })),
    );
    expect(shown).toHaveLength(4);
    const panel = page.locator('.panel.results');
    expect(await panel.evaluate((p) => p.scrollWidth <= p.clientWidth)).toBe(true); // no sideways scroll on a phone
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button.download-replay').click()]);
    expect(download.suggestedFilename()).toMatch(/^ricochet-\d{4}-\d{2}-\d{2}-7\.json$/);
    text = readFileSync(await download.path(), 'utf8');
    const parsed = parseReplayText(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.replay.version !== 2) throw new Error('expected a version 2 replay');
    replay = parsed.replay;
    const src = await page.evaluate(() => document.querySelector('script[type="module"][src]')?.getAttribute('src'));
    expect(replay.build).toBe(buildIdFromScriptSrc(src));
    expect(replay.setup.players[0]?.name).toBe('Tester');
    const again = replayStats(replay);
    expect(again.ok).toBe(true);
    const recomputed = again.stats.map((p, slot) => ({ slot, cells: [p.shots, p.kills, p.selfHits, p.longestRicochet] }));
    expect([...shown].sort((a, b) => a.slot - b.slot)).toEqual(recomputed);
    expect(recomputed.reduce((n, r) => n + r.cells[1]! + r.cells[2]!, 0)).toBeGreaterThanOrEqual(3); // a round took three tanks
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('plays the replay in the viewer: seeks to half way within one keyframe interval and says verified', async () => {
    const { page, errors } = await openPage(rig.browser, rig.url, PHONE);
    await watch(page, text);
    await page.waitForFunction(() => window.ricochet.viewer()?.prepared === window.ricochet.viewer()?.total, null, { timeout: 60_000 });
    await page.keyboard.press('Space'); // pause
    const half = Math.floor(replay.inputs.length / 2);
    await page.locator('.replay-seek').evaluate((el, v) => {
      (el as HTMLInputElement).value = String(v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, half);
    const after = await viewer(page);
    expect(after).toMatchObject({ frame: half, total: replay.inputs.length, playing: false });
    expect(after!.resimulated).toBeLessThanOrEqual(after!.keyframeEvery);
    expect(after!.hash).toBe(hashAt(replay, half));
    await expect.poll(() => page.locator('.replay-verdict').textContent()).toMatch(/^Verified: all \d+ checkpoints match\.$/);
    const box = await page.locator('.replay-controls').boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height); // the controls fit on a phone
    await page.keyboard.press('Escape');
    await waitForScene(page, 'lobby');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('says a replay with one input changed does not match this build', async () => {
    const tampered = structuredClone(replay);
    const frame = 90; // the first round is on: every tank is alive and turning does turn it
    tampered.inputs[frame]![0] = (tampered.inputs[frame]![0]! ^ INPUT.LEFT) >>> 0;
    const { page, errors } = await openPage(rig.browser, rig.url, PHONE);
    await watch(page, JSON.stringify(tampered));
    await expect.poll(() => page.locator('.replay-verdict').textContent(), { timeout: 60_000 }).toMatch(/^Does not match this build: the checkpoint at frame \d+ differs\.$/);
    expect((await viewer(page))?.verdict).toBe('mismatch');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('refuses a file that is not a replay, with the reason', async () => {
    const { page } = await openPage(rig.browser, rig.url, PHONE);
    await waitForScene(page, 'lobby');
    await page.locator('input.replay-file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 9}') });
    await expect.poll(() => page.locator('.toast').textContent()).toMatch(/Not a Ricochet replay: unsupported replay version 9/);
    expect(await page.evaluate(() => window.ricochet.scene())).toBe('lobby');
    await page.context().close();
  });
});
