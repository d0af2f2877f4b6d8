/**
 * Issue #11 part 4: the match statistics after a resync. A page that went out of sync counted the
 * events of its diverged frames; once it loaded the majority's state, its statistics must be those
 * of its replay (the confirmed inputs re-run), as every other page's are.
 */
import { describe, expect, it } from 'vitest';
import { botInput } from '../../../game/bots/bot';
import { createFrameClock } from '../../../game/app/frame-clock';
import { createMatchLoop } from '../../../game/app/match-loop';
import { createRecountingTally } from '../../../game/app/stats-recount';
import { createStatsTally, recordReplay, replayStats, ricochetGame } from '../../../game/sim/index';
import type { SimEvent, SimSetup, SimState } from '../../../game/sim/types';
import { FRAME_MS, type InputLog } from '../../../net/lockstep/engine-types';
import { createLockstep, ROLLBACK_OPTIONS } from '../../../net/lockstep/lockstep';
import { PROFILES } from '../../simnet/profiles';
import { createSimNetwork } from '../../simnet/sim-network';
import { createTamperedGame } from '../../simnet/test-games';

const setup: SimSetup = { seed: 61, players: [{ name: 'A' }, { name: 'B' }, { name: 'C' }, { name: 'D' }] };
const CORRUPT_AT = 400;
/** What the diverged page saw and the others did not: a shot and a kill, and its PRNG astray (so its checkpoint is outvoted). */
const GHOSTS: SimEvent[] = [
  { type: 'fire', slot: 0, x: 0, y: 0 },
  { type: 'explode', slot: 2, by: 1, shell: 9999, bounces: 7, x: 0, y: 0 },
];
const astray = createTamperedGame(ricochetGame, (s) => (s.frame === CORRUPT_AT ? { ...s, rng: (s.rng ^ 1) >>> 0, events: [...s.events, ...GHOSTS] } : s));

/** The statistics a replay of `log`'s first `upTo` frames gives. */
function replayed(log: InputLog, upTo: number) {
  const replay = recordReplay(setup, log.inputs.slice(0, upTo).map((r) => [...r]), log.leaves.filter(([f]) => f < upTo).map(([f, s]) => [f, s]));
  return replayStats(replay).stats;
}

describe('statistics after a resync', () => {
  it.each([
    ['lockstep', undefined],
    ['rollback', ROLLBACK_OPTIONS],
  ] as const)('%s: the page that loaded the majority state recounts from the checkpoint before, and its statistics are its replay\'s, as everyone\'s', (_netcode, options) => {
    const net = createSimNetwork(4, PROFILES.wifi!, 9);
    const engines = net.peers.map((_, i) => createLockstep({ game: i === 3 ? astray : ricochetGame, transport: net.transport(i), setup, slotOwners: net.peers, localSlots: [i], ...(options ? { options } : {}) }));
    const tallies = engines.map(() => createRecountingTally(setup, ricochetGame));
    const plain = createStatsTally(setup.players.length); // page 3's as it was before: never recounted
    const recounts: string[] = [];
    const loops = engines.map((engine, i) =>
      createMatchLoop({
        engine, clock: createFrameClock(FRAME_MS, 120, 0), localSlots: [i], botSlots: [i], humanInput: () => 0, botInput,
        onConfirmed: (s) => {
          tallies[i]!.confirm(s);
          if (i === 3) plain.add(s.events);
        },
        onReconfirmed: (from, states) => void recounts.push(`${i}:${from}:${tallies[i]!.recount(from, engine.checkpoints().find(([f]) => f === from)?.[1], states, engine.inputLog())}`),
      }),
    );
    for (let tick = 1; tick <= 900; tick++) {
      net.advanceTo(tick * FRAME_MS);
      for (const loop of loops) loop.tick(tick * FRAME_MS + 0.5);
    }
    expect(engines[3]!.drainEvents().find((e) => e.type === 'resynced')).toMatchObject({ frame: 420 });
    // Only the page that loaded a state recounted, once, from the anchor before the outvoted checkpoint.
    expect(recounts).toEqual(['3:420:anchor']);
    engines.forEach((engine, i) => {
      expect(engine.frame()).toBeGreaterThan(800);
      expect(tallies[i]!.stats()).toEqual(replayed(engine.inputLog(), engine.confirmedFrame()));
    });
    // Without the recount, page 3 keeps the shot and the kill of its diverged frames.
    const truth = replayed(engines[3]!.inputLog(), engines[3]!.confirmedFrame());
    expect(plain.stats()[0]!.shots).toBe(truth[0]!.shots + 1);
    expect(plain.stats()[1]!.kills).toBe(truth[1]!.kills + 1);
  });
});

describe('recounting tally', () => {
  /** A bot match of `frames` frames: its input log and every state. */
  function botMatch(frames: number): { log: InputLog; states: SimState[] } {
    const inputs: number[][] = [];
    const states: SimState[] = [];
    let state = ricochetGame.initialState(setup);
    for (let f = 0; f < frames; f++) {
      const row = setup.players.map((_, slot) => botInput(state, slot));
      inputs.push(row);
      state = ricochetGame.step(state, row);
      states.push(state);
    }
    return { log: { inputs, leaves: [] }, states };
  }
  const { log, states } = botMatch(600);
  const truth = (upTo: number) => replayed(log, upTo);

  it('goes back to the anchor before the checkpoint, and counts the frames after it from the states given', () => {
    const tally = createRecountingTally(setup, ricochetGame);
    // Frames 401..430 counted on a state gone astray: ghost events each frame.
    for (const s of states.slice(0, 430)) tally.confirm(s.frame > CORRUPT_AT ? { ...s, events: [...s.events, ...GHOSTS] } : s);
    expect(tally.stats()).not.toEqual(truth(430));
    expect(tally.recount(420, ricochetGame.hash(states[419]!), states.slice(420, 430), log)).toBe('anchor');
    expect(tally.stats()).toEqual(truth(430));
    // It goes on counting as before.
    for (const s of states.slice(430, 600)) tally.confirm(s);
    expect(tally.stats()).toEqual(truth(600));
  });

  it('recounts from frame 0 when the frames from the anchor miss the majority hash, or no anchor is old enough', () => {
    const wrongHash = createRecountingTally(setup, ricochetGame);
    for (const s of states.slice(0, 430)) wrongHash.confirm(s.frame > 300 ? { ...s, events: [...s.events, ...GHOSTS] } : s);
    expect(wrongHash.recount(420, 12345, states.slice(420, 430), log)).toBe('start');
    expect(wrongHash.stats()).toEqual(truth(430));

    const late = createRecountingTally(setup, ricochetGame);
    for (const s of states.slice(0, 590)) late.confirm({ ...s, events: [...s.events, ...GHOSTS] });
    // The anchor before frame 240 was forgotten long ago (ANCHORS_KEPT are kept, one every ANCHOR_EVERY frames).
    expect(late.recount(240, ricochetGame.hash(states[239]!), states.slice(240, 590), log)).toBe('start');
    expect(late.stats()).toEqual(truth(590));
  });
});
