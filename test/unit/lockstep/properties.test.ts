import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DropAgreement } from '../../../net/lockstep/drop-agreement';
import { SlotInputs } from '../../../net/lockstep/input-buffer';
import { voteCount } from '../../../net/protocol/input-runs';

/** Runs cut from one true input sequence: every arrival tells the truth about some frames. */
const arrivals = fc
  .record({
    truth: fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 1, maxLength: 150 }),
    cuts: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 12 })), { minLength: 1, maxLength: 60 }),
  })
  .map(({ truth, cuts }) => ({
    truth,
    runs: cuts.map(([at, length]) => {
      const startFrame = at % truth.length;
      const inputs = truth.slice(startFrame, startFrame + length);
      return { startFrame, inputs, votes: Array<number>(voteCount(startFrame, inputs.length)).fill(startFrame % 7 + 1) };
    }),
  }));

function contiguous(buffer: SlotInputs): number[] {
  return Array.from({ length: buffer.next }, (_, f) => buffer.get(f));
}

describe('input buffer properties', () => {
  it('any order and duplication of arrivals gives the same contiguous inputs and frontier', () => {
    fc.assert(
      fc.property(arrivals, fc.func(fc.integer()), ({ truth, runs }, key) => {
        const inOrder = new SlotInputs();
        const shuffled = new SlotInputs();
        for (const run of runs) inOrder.addRun(run);
        const mixed = [...runs, ...runs.slice(0, runs.length / 2)].map((r, i) => ({ r, k: key(i) })).sort((a, b) => a.k - b.k);
        for (const { r } of mixed) shuffled.addRun(r);
        expect(contiguous(shuffled)).toEqual(contiguous(inOrder));
        expect(shuffled.next).toBe(inOrder.next);
        expect(contiguous(inOrder)).toEqual(truth.slice(0, inOrder.next));
        for (let f = 0; f < inOrder.next; f += 60) expect(shuffled.vote(f)).toBe(inOrder.vote(f));
      }),
      { numRuns: 2000 },
    );
  });

  it('never replaces a held input: a conflicting copy is reported and ignored', () => {
    const buffer = new SlotInputs();
    expect(buffer.put(0, 5)).toEqual({ added: 1, conflicts: 0 });
    expect(buffer.put(0, 6)).toEqual({ added: 0, conflicts: 1 });
    expect(buffer.get(0)).toBe(5);
  });
});

describe('drop agreement properties', () => {
  it('any arrival order of the proposals (with repeats) gives the same agreed frame: the maximum', () => {
    const survivors = ['a', 'b', 'c', 'd', 'e'];
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 10_000 }), { minLength: 5, maxLength: 5 }),
        fc.array(fc.nat({ max: 20 }), { maxLength: 30 }),
        fc.func(fc.integer()),
        (frames, extra, key) => {
          const proposals = survivors.map((peer, i) => [peer, frames[i] as number] as const);
          const arrivals = [...proposals, ...extra.map((i) => proposals[i % 5]!)].map((p, i) => ({ p, k: key(i) })).sort((a, b) => a.k - b.k);
          const agreement = new DropAgreement();
          const seen = new Set<string>();
          for (const { p } of arrivals) {
            expect(agreement.agreed(survivors)).toBeUndefined();
            agreement.propose(p[0], p[1]);
            seen.add(p[0]);
            if (seen.size === survivors.length) break;
          }
          expect(agreement.agreed(survivors)).toBe(Math.max(...frames));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('each survivor proposes once: a later, larger proposal from the same peer changes nothing', () => {
    const agreement = new DropAgreement();
    expect(agreement.propose('a', 10)).toBe(true);
    expect(agreement.propose('a', 99)).toBe(false);
    expect(agreement.propose('b', 12)).toBe(true);
    expect(agreement.agreed(['a', 'b'])).toBe(12);
    expect(agreement.agreed(['a', 'b', 'c'])).toBeUndefined();
  });
});
