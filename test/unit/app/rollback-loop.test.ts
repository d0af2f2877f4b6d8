import { describe, expect, it } from 'vitest';
import { createLockstep, ROLLBACK_OPTIONS } from '../../../net/lockstep/lockstep';
import { FRAME_MS, type AdvanceResult, type LockstepEngine } from '../../../net/lockstep/engine-types';
import { createNullTransport } from '../../../net/lockstep/null-transport';
import { botInput } from '../../../game/bots/bot';
import { createStatsTally, recordReplay, replayStats, ricochetGame } from '../../../game/sim/index';
import type { SimEvent, SimSetup, SimState } from '../../../game/sim/types';
import { createEventOnce, eventIdentity } from '../../../game/app/event-once';
import { createFrameClock } from '../../../game/app/frame-clock';
import { createMatchLoop } from '../../../game/app/match-loop';
import { PROFILES } from '../../simnet/profiles';
import { createSimNetwork } from '../../simnet/sim-network';

const setup: SimSetup = { seed: 77, players: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] };
const initial = ricochetGame.initialState(setup);
const at = (frame: number, events: SimEvent[], x = 0): SimState => ({ ...initial, frame, events, tanks: initial.tanks.map((t) => ({ ...t, x: t.x + x })) });
const fire = (slot: number, x = 0): SimEvent => ({ type: 'fire', slot, x, y: 0 });

describe('sim events play once, whatever rollbacks happen', () => {
  it('the once-filter knows an event by frame and identity, not by position', () => {
    const once = createEventOnce();
    expect(once.fresh(at(5, [fire(0), fire(1)]))).toEqual([fire(0), fire(1)]);
    // The same frame re-simulated: the same shots, one moved by the correction, plus a new one.
    expect(once.fresh(at(5, [fire(0, 9), fire(1), fire(2)]))).toEqual([fire(2)]);
    expect(once.fresh(at(6, [fire(0)]))).toEqual([fire(0)]);
    expect(eventIdentity({ type: 'bounce', shell: 4, owner: 1, x: 0, y: 0 })).toBe('bounce:4');
    // An explosion that a correction moves by a frame is the same explosion.
    const boom: SimEvent = { type: 'explode', slot: 1, by: 0, shell: 7, bounces: 2, x: 0, y: 0 };
    expect(once.fresh(at(9, [boom]))).toEqual([boom]);
    expect(once.fresh(at(10, [boom]))).toEqual([]);
  });

  it('the loop plays a re-simulated frame\'s events once, and reports the shown and corrected state', () => {
    const shown = at(1, [fire(0)]);
    const fixed = at(1, [fire(0, 3), fire(1)], 5);
    const results: AdvanceResult<SimState>[] = [
      { kind: 'advanced', frame: 0, state: shown, inputs: [0, 0, 0], predicted: true },
      { kind: 'advanced', frame: 1, state: at(2, [fire(0)]), inputs: [0, 0, 0], predicted: true, corrected: { from: 0, states: [fixed] } },
    ];
    const engine = { ...createLockstep({ game: ricochetGame, transport: createNullTransport('me'), setup, slotOwners: ['me', 'me', 'me'], localSlots: [0, 1, 2] }), advance: () => results.shift()! } as LockstepEngine<SimState>;
    const loop = createMatchLoop({ engine, clock: createFrameClock(FRAME_MS, 120, 0), localSlots: [0], botSlots: [], humanInput: () => 0, botInput });
    loop.tick(FRAME_MS * 2 + 1);
    expect(loop.drainEvents()).toEqual([fire(0), fire(1), fire(0)]);
    expect(loop.drainCorrections()).toEqual([[shown, fixed]]);
    expect(loop.previous()).toBe(fixed);
  });

  it('three bots over bad wifi with rollback: every explosion plays exactly once, none that really happened is missed, and the statistics count confirmed frames only', () => {
    const net = createSimNetwork(3, PROFILES['bad-wifi']!, 5);
    const engines = net.peers.map((_, i) => createLockstep({ game: ricochetGame, transport: net.transport(i), setup, slotOwners: net.peers, localSlots: [i], options: ROLLBACK_OPTIONS }));
    const tallies = engines.map(() => createStatsTally(setup.players.length));
    const loops = engines.map((engine, i) =>
      createMatchLoop({ engine, clock: createFrameClock(FRAME_MS, 120, 0), localSlots: [i], botSlots: [i], humanInput: () => 0, botInput, onConfirmed: (s) => tallies[i]!.add(s.events) }),
    );
    const played = loops.map(() => [] as string[]);
    for (let tick = 1; tick <= 3600; tick++) {
      net.advanceTo(tick * FRAME_MS);
      loops.forEach((loop, i) => {
        loop.tick(tick * FRAME_MS + 0.5);
        for (const e of loop.drainEvents()) if (e.type === 'explode') played[i]!.push(`${e.slot}/${e.shell}`);
      });
    }
    const confirmed: string[] = [];
    let state = ricochetGame.initialState(setup);
    for (const inputs of engines[0]!.inputLog().inputs) {
      state = ricochetGame.step(state, inputs);
      for (const e of state.events) if (e.type === 'explode') confirmed.push(`${e.slot}/${e.shell}`);
    }
    expect(confirmed.length).toBeGreaterThan(3);
    for (const list of played) {
      expect(new Set(list).size).toBe(list.length);
      for (const key of confirmed) expect(list).toContain(key);
    }
    expect(engines.reduce((n, e) => n + e.stats().rollbacks, 0)).toBeGreaterThan(100);
    // The statistics count confirmed frames only: a guessed shot or hit that a correction took
    // back is not in them. Each page's tally is the replay's, up to the frame it confirmed.
    engines.forEach((engine, i) => {
      const log = engine.inputLog();
      const upTo = engine.confirmedFrame();
      const replay = recordReplay(setup, log.inputs.slice(0, upTo).map((r) => [...r]), log.leaves.filter(([f]) => f < upTo).map(([f, s]) => [f, s]));
      expect(tallies[i]!.stats()).toEqual(replayStats(replay).stats);
    });
  });
});
