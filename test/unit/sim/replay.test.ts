import { describe, expect, it } from 'vitest';
import { stateHash } from '../../../game/sim/hash';
import { initialState } from '../../../game/sim/initial-state';
import { leave } from '../../../game/sim/leave';
import { parseReplay, recordReplay, runReplay } from '../../../game/sim/replay';
import { step } from '../../../game/sim/step';
import type { SimSetup } from '../../../game/sim/types';

const setup: SimSetup = { seed: 77, players: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };
const inputs = Array.from({ length: 300 }, (_, f) => [f % 32, (f * 7) % 32, (f * 13) % 32]);

describe('replay files', () => {
  it('round-trips: a recorded replay re-runs with every checkpoint matching', () => {
    const replay = recordReplay(setup, inputs, [[150, 2]], 30);
    expect(replay.checkpoints.length).toBe(11);
    const result = runReplay(JSON.parse(JSON.stringify(replay)));
    expect(result).toMatchObject({ ok: true, checked: 11, mismatches: [], finalFrame: 300 });
    expect(result.finalHash).toBe(replay.checkpoints.at(-1)![1]);
  });

  it('applies a leave just before its frame is stepped, as the lockstep engine does', () => {
    let s = initialState(setup);
    for (let f = 0; f < 300; f++) {
      if (f === 150) s = leave(s, 2);
      s = step(s, inputs[f]!);
    }
    expect(runReplay(recordReplay(setup, inputs, [[150, 2]])).finalHash).toBe(stateHash(s));
  });

  it('reports every checkpoint that differs, with both hashes', () => {
    const replay = recordReplay(setup, inputs, [], 60);
    replay.checkpoints[2] = [120, (replay.checkpoints[2]![1] + 1) >>> 0];
    const result = runReplay(replay);
    expect(result.ok).toBe(false);
    expect(result.mismatches).toEqual([{ frame: 120, expected: replay.checkpoints[2]![1], actual: expect.any(Number) }]);
  });

  it('detects a changed input: later checkpoints no longer match', () => {
    const replay = recordReplay(setup, inputs, [], 60);
    replay.inputs[10] = [31, 31, 31];
    expect(runReplay(replay).ok).toBe(false);
  });

  it('reports a checkpoint past the end of the inputs as missing', () => {
    const replay = recordReplay(setup, inputs.slice(0, 60), [], 60);
    replay.checkpoints.push([600, 123]);
    expect(runReplay(replay).mismatches).toEqual([{ frame: 600, expected: 123, actual: null }]);
  });

  it('parses a good file and rejects bad ones with a reason, never throwing', () => {
    const good = recordReplay(setup, inputs.slice(0, 10));
    expect(parseReplay(JSON.parse(JSON.stringify(good))).ok).toBe(true);
    const bad: unknown[] = [
      null, 42, [], { ...good, version: 2 }, { ...good, setup: { ...good.setup, seed: 'x' } },
      { ...good, setup: { ...good.setup, players: [] } }, { ...good, inputs: [[1, 2]] },
      { ...good, inputs: [[1, 2, -1]] }, { ...good, leaves: [[1, 5]] }, { ...good, checkpoints: [[1, 2 ** 32]] },
      { ...good, setup: { ...good.setup, targetScore: 0 } },
    ];
    for (const b of bad) {
      const r = parseReplay(b);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.length).toBeGreaterThan(5);
    }
  });
});
