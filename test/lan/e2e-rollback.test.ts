/**
 * Rollback end to end on a virtual LAN: the host and three Chromium pages with bots, as in
 * e2e-match.test.ts, but the match runs in rollback mode. The creator's page asks for it with
 * `netcode=rollback` (its page sends the lobby's `set-options` before it says ready). One
 * whole match is played to its end: every checkpoint agrees, the pages really predicted and rolled
 * back, and no re-simulated frame replayed a sound: every explosion that the confirmed inputs
 * give was played exactly once on every page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEEP_FRAMES } from '../../game/app/event-once';
import { ricochetGame } from '../../game/sim/index';
import type { SimSetup } from '../../game/sim';
import { checkAgreement, openGameLab, type GameLab } from './lab/game-rig';

interface PageReplay {
  readonly setup: SimSetup;
  readonly inputs: number[][];
  readonly leaves: [number, number][];
}

/** The explosions the confirmed inputs give, as event-once.ts names them. */
function confirmedExplosions(replay: PageReplay): string[] {
  let state = ricochetGame.initialState(replay.setup);
  const out: string[] = [];
  replay.inputs.forEach((inputs, frame) => {
    for (const [at, slot] of replay.leaves) if (at === frame) state = ricochetGame.leave(state, slot);
    state = ricochetGame.step(state, inputs);
    for (const e of state.events) if (e.type === 'explode') out.push(`explode:${e.slot}:${e.shell}`);
  });
  return out;
}

describe('a whole 3-player match in rollback mode on the virtual LAN (wifi)', () => {
  let lab: GameLab;
  beforeAll(async () => {
    lab = await openGameLab({ players: 3, profile: 'wifi', creatorParams: 'netcode=rollback' });
  }, 300_000);
  afterAll(async () => {
    await lab?.close();
  });

  it('plays to the end with identical checkpoints, rollbacks on every page, and each explosion played once', { timeout: 600_000 }, async () => {
    await lab.waitFrames(1, 90_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\nhost log:\n${lab.hostLog().slice(-3000)}`);
    });
    await Promise.all(lab.pages.map((p) => p.waitFor("window.ricochet.state()?.phase === 'match-over'", 420_000)));
    const { common, mismatch } = await checkAgreement(lab.pages);
    expect(mismatch).toBeNull();
    expect(common).toBeGreaterThan(100);
    for (const p of lab.pages) expect(await p.evaluate('window.ricochet.problem()')).toBeNull();
    const stats = await Promise.all(lab.pages.map((p) => p.evaluate<{ rollbacks: number; rollbackFrames: number; predictedFrames: number; stalls: number; delay: number }>('window.ricochet.stats()')));
    for (const s of stats) {
      expect(s.predictedFrames).toBeGreaterThan(0);
      expect(s.rollbacks).toBeGreaterThan(0);
    }
    const frames = await Promise.all(lab.pages.map((p) => p.evaluate<number>('window.ricochet.frame()')));
    for (const [k, p] of lab.pages.entries()) {
      const replay = await p.evaluate<PageReplay>('window.ricochet.replay()');
      const confirmed = confirmedExplosions(replay);
      const played = (await p.evaluate<string[]>('window.ricochet.played()')).filter((key) => key.startsWith('explode:'));
      expect(confirmed.length).toBeGreaterThan(4);
      // None missed, and none replayed by a re-simulation: one identity twice only far apart in
      // time (a guessed explosion that a correction took back played once, and then the same
      // shell really hit that tank later: two events, two sounds).
      const at = new Map<string, number[]>();
      for (const entry of played) {
        const [key, frame] = entry.split('@') as [string, string];
        at.set(key, [...(at.get(key) ?? []), Number(frame)]);
      }
      for (const frames of at.values()) for (let i = 1; i < frames.length; i++) expect(Math.abs(frames[i]! - frames[i - 1]!)).toBeGreaterThan(KEEP_FRAMES);
      for (const key of confirmed) expect(at.has(key)).toBe(true);
      console.log(`page ${k}: frame ${frames[k]}, ${JSON.stringify(stats[k])}, ${played.length} explosions`);
    }
  });
});
