import { describe, expect, it } from 'vitest';
import { stateHash } from '../../../game/sim/hash';
import { initialState } from '../../../game/sim/initial-state';
import { leave } from '../../../game/sim/leave';
import { MAX_REPLAY_CHARS, MAX_REPLAY_FRAMES, parseReplay, parseReplayText, recordReplay, runReplay, type ReplayV2 } from '../../../game/sim/replay';
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

  it('reads version 2 (build id and colours) as well as version 1, and re-runs both alike', () => {
    const v1 = recordReplay(setup, inputs.slice(0, 120), [], 30);
    const v2: ReplayV2 = { ...v1, version: 2, build: 'index-abc123', colours: ['#e69f00', '#56b4e9', '#009e73'] };
    const parsed = parseReplayText(JSON.stringify(v2));
    expect(parsed).toEqual({ ok: true, replay: v2 });
    expect(parseReplayText(JSON.stringify(v1))).toEqual({ ok: true, replay: v1 });
    expect(runReplay(v2)).toEqual(runReplay(v1));
  });

  it('turns garbage, wrong versions, wrong shapes and huge files into an error, never an exception', () => {
    const v1 = recordReplay(setup, inputs.slice(0, 10));
    const v2 = { ...v1, version: 2, build: 'b', colours: ['#fff', '#fff', '#fff'] };
    const texts: [string, RegExp][] = [
      ['', /not JSON/], ['{', /not JSON/], ['\u0000garbage', /not JSON/], ['"a string"', /JSON object/], ['[1,2]', /JSON object/],
      [JSON.stringify({ ...v1, version: 3 }), /version 3/], [JSON.stringify({ ...v1, version: '1' }), /version 1/],
      [JSON.stringify({ ...v2, build: 5 }), /build/], [JSON.stringify({ ...v2, build: 'x'.repeat(101) }), /build/],
      [JSON.stringify({ ...v2, colours: ['#fff'] }), /colours/], [JSON.stringify({ ...v2, colours: [1, 2, 3] }), /colours/],
      [JSON.stringify({ ...v1, inputs: 'nope' }), /inputs/], [JSON.stringify({ ...v1, leaves: {} }), /leaves/],
      [JSON.stringify({ ...v1, checkpoints: [[0, 1, 2]] }), /checkpoints/],
      [JSON.stringify({ ...v1, setup: { ...v1.setup, players: Array.from({ length: 9 }, () => ({ name: 'x' })) } }), /1 to 8/],
      [' '.repeat(MAX_REPLAY_CHARS + 1), /too large/],
      ['['.repeat(100_000), /not JSON|JSON object/],
    ];
    for (const [text, error] of texts) {
      const r = parseReplayText(text);
      expect(r.ok, text.slice(0, 60)).toBe(false);
      if (!r.ok) expect(r.error).toMatch(error);
    }
  });

  it('bounds the frames and checkpoints a file may claim', () => {
    const v1 = recordReplay(setup, inputs.slice(0, 3));
    const long = { ...v1, inputs: { length: MAX_REPLAY_FRAMES + 1 } };
    expect(parseReplay(long)).toMatchObject({ ok: false, error: expect.stringMatching(/inputs/) });
    const tooManyCheckpoints = { ...v1, checkpoints: Array.from({ length: 10 }, (_, i) => [i, 1]) };
    expect(parseReplay(tooManyCheckpoints)).toMatchObject({ ok: false, error: expect.stringMatching(/checkpoints/) });
  });
});
