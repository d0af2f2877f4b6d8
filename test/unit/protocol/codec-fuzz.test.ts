import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../../net/protocol/codec';
import { examples } from '../../fixtures/protocol-messages';

const seeds = examples.map((msg) => encode(msg));

/** A valid message with a few bytes flipped, inserted, deleted or cut: the interesting garbage. */
const mutated = fc
  .record({
    seed: fc.constantFrom(...seeds),
    edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 4 }),
  })
  .map(({ seed, edits }) => {
    const out = Array.from(seed);
    for (const [at, value, op] of edits) {
      const i = at % (out.length + 1);
      if (op === 0) out[i] = value;
      else if (op === 1) out.splice(i, 0, value);
      else if (op === 2) out.splice(i, 1);
      else out.length = Math.min(out.length, i);
    }
    return Uint8Array.from(out);
  });
const random = fc.uint8Array({ maxLength: 40 }).map((b) => (b.length > 1 ? Uint8Array.from([1, ...b]) : b));

describe('protocol decoder under fuzzing', () => {
  it('never throws on 100,000 random and mutated messages, and every accepted one re-encodes to the same bytes', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(mutated, random), (bytes) => {
        const result = decode(bytes);
        if (result.ok) {
          accepted += 1;
          expect(encode(result.msg)).toEqual(bytes);
        }
      }),
      { numRuns: 100_000, seed: 0x5eed },
    );
    // Mutations of valid messages must sometimes stay valid, or the test only exercises rejections.
    expect(accepted).toBeGreaterThan(1000);
  });
});
