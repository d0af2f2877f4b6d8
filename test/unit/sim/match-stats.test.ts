import { describe, expect, it } from 'vitest';
import { botInput } from '../../../game/bots';
import { createStatsTally, replayStats } from '../../../game/sim/match-stats';
import { initialState } from '../../../game/sim/initial-state';
import { recordReplay } from '../../../game/sim/replay';
import { step } from '../../../game/sim/step';
import type { SimEvent, SimSetup } from '../../../game/sim/types';

const fire = (slot: number): SimEvent => ({ type: 'fire', slot, x: 0, y: 0 });
const bounce = (shell: number, owner: number): SimEvent => ({ type: 'bounce', shell, owner, x: 0, y: 0 });
const explode = (slot: number, by: number, shell: number, bounces: number): SimEvent => ({ type: 'explode', slot, by, shell, bounces, x: 0, y: 0 });

describe('match statistics from hand-built events', () => {
  it('counts shots, kills, self-hits and the longest ricochets per slot', () => {
    const tally = createStatsTally(3);
    tally.add([fire(0), fire(1)]);
    tally.add([bounce(1, 0), bounce(2, 1)]);
    tally.add([bounce(1, 0), fire(0)]);
    tally.add([bounce(1, 0), explode(2, 0, 1, 3)]); // slot 0's shell 1 kills slot 2 after 3 bounces
    tally.add([explode(1, 1, 2, 1)]); // slot 1 shoots itself
    expect(tally.stats()).toEqual([
      { shots: 2, hits: 1, kills: 1, selfHits: 0, longestRicochet: 3, longestBounce: 3 },
      { shots: 1, hits: 0, kills: 0, selfHits: 1, longestRicochet: 0, longestBounce: 1 },
      { shots: 0, hits: 0, kills: 0, selfHits: 0, longestRicochet: 0, longestBounce: 0 },
    ]);
  });

  it('keeps the longest ricochet kill apart from the longest bounce of a shell that missed', () => {
    const tally = createStatsTally(2);
    tally.add([fire(0), fire(0)]);
    for (let i = 0; i < 5; i++) tally.add([bounce(7, 0)]);
    tally.add([explode(1, 0, 8, 0)]);
    expect(tally.stats()[0]).toMatchObject({ shots: 2, kills: 1, longestRicochet: 0, longestBounce: 5 });
  });

  it('ignores everything after the match ends, and events naming slots the match does not have', () => {
    const tally = createStatsTally(2);
    tally.add([fire(0), explode(1, 0, 0, 2), { type: 'match-over', winner: 0 }]);
    expect(tally.over()).toBe(true);
    tally.add([fire(0), fire(1), explode(0, 1, 1, 4)]);
    const late = createStatsTally(2);
    late.add([fire(5), explode(9, 0, 1, 1), bounce(3, 7)]);
    expect(tally.stats()[0]).toMatchObject({ shots: 1, kills: 1 });
    expect(tally.stats()[1]).toMatchObject({ shots: 0, kills: 0 });
    expect(late.stats()).toEqual(createStatsTally(2).stats());
  });

  it('hands out copies: changing them does not change the tally', () => {
    const tally = createStatsTally(1);
    tally.add([fire(0)]);
    tally.stats()[0]!.shots = 99;
    expect(tally.stats()[0]!.shots).toBe(1);
  });
});

describe('statistics that add up with the replay', () => {
  it('a live bot match tallied frame by frame equals its replay re-run, past the end of the match', () => {
    const setup: SimSetup = { seed: 7, players: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }], targetScore: 1 };
    const live = createStatsTally(setup.players.length);
    const inputs: number[][] = [];
    let state = initialState(setup);
    let after = 120; // keep stepping a while after the end, as the page does on the results screen
    for (let f = 0; f < 30_000 && after > 0; f++) {
      const now = state;
      const row = now.tanks.map((t) => botInput(now, t.slot));
      inputs.push(row);
      state = step(state, row);
      live.add(state.events);
      if (state.phase === 'match-over') after--;
    }
    expect(live.over()).toBe(true);
    const stats = live.stats();
    expect(stats.reduce((n, p) => n + p.shots, 0)).toBeGreaterThan(0);
    expect(stats.reduce((n, p) => n + p.kills + p.selfHits, 0)).toBeGreaterThanOrEqual(3); // 3 of 4 tanks died
    const again = replayStats(JSON.parse(JSON.stringify(recordReplay(setup, inputs))));
    expect(again).toEqual({ stats, ok: true });
  });
});
