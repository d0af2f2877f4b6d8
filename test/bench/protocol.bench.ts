import { bench, describe } from 'vitest';
import { decodeEngine, encodeEngine } from '../../net/protocol/engine-codec';
import type { InputsMessage } from '../../net/protocol/engine-messages';

/** A steady-state input packet of an 8-player match: one slot, 8 redundant inputs, 7 acks. */
const packet: InputsMessage = {
  kind: 'inputs',
  frame: 36_000,
  runs: [{ slot: 3, startFrame: 36_001, inputs: [1, 1, 1, 17, 17, 17, 17, 16], votes: [] }],
  acks: [0, 1, 2, 4, 5, 6, 7].map((slot) => ({ slot, frame: 36_003 })),
};
const bytes = encodeEngine(packet);
console.log(`input packet (1 slot, 8 redundant inputs, 7 acks): ${bytes.length} bytes; at 60 Hz: ${bytes.length * 60} B/s per link`);

describe('protocol codec: an input packet', () => {
  bench('encode', () => {
    encodeEngine(packet);
  });
  bench('decode', () => {
    decodeEngine(bytes);
  });
});
