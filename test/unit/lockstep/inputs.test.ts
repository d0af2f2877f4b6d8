import { describe, expect, it } from 'vitest';
import { Inputs } from '../../../net/lockstep/inputs';
import { InvariantError } from '../../../net/lockstep/invariant';
import { DELAY_VOTE_INTERVAL } from '../../../net/protocol';

describe('inputs', () => {
  it('schedules exactly one input per local slot and frame, with this peer\'s vote on vote frames', () => {
    const inputs = new Inputs(['a', 'b', 'a'], [2, 0]);
    expect(inputs.localSlots).toEqual([0, 2]);
    inputs.setLocal(0, 5);
    inputs.scheduleUpTo(DELAY_VOTE_INTERVAL, () => 4);
    inputs.scheduleUpTo(DELAY_VOTE_INTERVAL - 3, () => 9);
    expect(inputs.nextLocalFrame).toBe(DELAY_VOTE_INTERVAL + 1);
    expect(inputs.frontier(0)).toBe(DELAY_VOTE_INTERVAL + 1);
    expect(inputs.frontier(1)).toBe(0);
    expect(inputs.medianVote(DELAY_VOTE_INTERVAL, [undefined, 0, undefined])).toBe(4);
  });

  it('refuses input for a remote slot and input that is not a 16-bit mask', () => {
    const inputs = new Inputs(['a', 'b'], [0]);
    expect(() => inputs.setLocal(1, 0)).toThrow(/not local/);
    expect(() => inputs.setLocal(0, 0x10000)).toThrow(RangeError);
  });

  it('gathers a frame only when every playing slot holds it, naming the owners waited on', () => {
    const inputs = new Inputs(['a', 'b', 'c'], [0]);
    inputs.scheduleUpTo(3, () => 1);
    expect(inputs.gather(0, [])).toEqual({ ok: false, waitingFor: ['b', 'c'] });
    inputs.addRun({ slot: 1, startFrame: 0, inputs: [7, 7], votes: [1] });
    // c left at frame 0: its input is 0 from there on.
    expect(inputs.gather(1, [undefined, undefined, 0])).toEqual({ ok: true, inputs: [0, 7, 0] });
    expect(inputs.heldUntil([1, 2])).toBe(0);
  });

  it('a held input changed after its frame was stepped throws in development', () => {
    const inputs = new Inputs(['a'], [0]);
    inputs.setLocal(0, 3);
    inputs.scheduleUpTo(1, () => 1);
    const row = (inputs.gather(0, []) as { inputs: number[] }).inputs;
    inputs.recordStep(0, row);
    inputs.assertUnchanged(0, 1, []);
    row[0] = 4;
    expect(() => inputs.assertUnchanged(0, 1, [])).toThrow(InvariantError);
  });

  it('stepping a frame twice, or a slot leaving twice, throws in development', () => {
    const inputs = new Inputs(['a', 'b'], [0]);
    inputs.recordStep(0, [0, 0]);
    expect(() => inputs.recordStep(0, [0, 0])).toThrow(InvariantError);
    inputs.recordLeave(1, 1);
    expect(() => inputs.recordLeave(2, 1)).toThrow(InvariantError);
  });
});
