import { describe, expect, it } from 'vitest';
import { Inputs } from '../../../net/lockstep/inputs';
import { SlotInputs } from '../../../net/lockstep/input-buffer';

describe('inputs of a reloaded page (startAt)', () => {
  it('a slot started at a frame holds nothing before it, ignores runs below it, and keeps what it got from there on', () => {
    const slot = new SlotInputs();
    slot.addRun({ startFrame: 0, inputs: [1, 2, 3], votes: [1] });
    slot.addRun({ startFrame: 102, inputs: [9, 9], votes: [] });
    slot.startAt(100);
    expect(slot.next).toBe(100);
    expect(slot.has(2)).toBe(false);
    expect(slot.has(99)).toBe(false);
    expect(slot.put(50, 4)).toEqual({ added: 0, conflicts: 0 });
    expect(slot.has(50)).toBe(false);
    // A run straddling the start: the part below it is ignored, the rest fills the gap.
    expect(slot.addRun({ startFrame: 98, inputs: [5, 5, 6, 6], votes: [] })).toEqual({ added: 2, conflicts: 0 });
    expect(slot.next).toBe(104);
    expect([100, 101, 102, 103].map((f) => slot.get(f))).toEqual([6, 6, 9, 9]);
    // Nothing below the start is ever sent on.
    expect(slot.run(0, 0, 104)).toMatchObject({ startFrame: 100, inputs: [6, 6, 9, 9] });
  });

  it('a slot already past the start keeps its inputs', () => {
    const slot = new SlotInputs();
    slot.addRun({ startFrame: 0, inputs: [1, 2, 3, 4], votes: [1] });
    slot.startAt(2);
    expect(slot.next).toBe(4);
    expect(slot.get(3)).toBe(4);
    expect(slot.has(1)).toBe(false);
  });

  it('every slot, the local schedule and the log start there; the invariant check skips the frames before', () => {
    const inputs = new Inputs(['a', 'b'], [0]);
    inputs.addRun({ slot: 1, startFrame: 0, inputs: [7, 7, 7], votes: [1] });
    inputs.startAt(60);
    expect(inputs.nextLocalFrame).toBe(60);
    expect(inputs.frontier(0)).toBe(60);
    expect(inputs.frontier(1)).toBe(60);
    expect(inputs.inputLog().inputs).toHaveLength(60);
    expect(inputs.gather(60, [])).toEqual({ ok: false, waitingFor: ['a', 'b'] });
    inputs.fillZeros(0, 62);
    inputs.addRun({ slot: 1, startFrame: 60, inputs: [3, 3], votes: [] });
    for (const f of [60, 61]) {
      const gathered = inputs.gather(f, []);
      expect(gathered).toEqual({ ok: true, inputs: [0, 3] });
      inputs.recordStep(f, [0, 3]);
    }
    expect(() => inputs.assertUnchanged(0, 62, [])).not.toThrow();
  });
});
