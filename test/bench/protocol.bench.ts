import { bench, describe } from 'vitest';
import { decodeEngine, encodeEngine } from '../../net/protocol/engine-codec';
import type { InputsMessage } from '../../net/protocol/engine-messages';
import { decodeRelay } from '../../net/protocol/relay-messages';
import { envelopeChecks, sealEnvelope } from '../../net/relay/envelope';

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

/** The same packet relayed (issue #13): sealed by its sender, checked by its receiver; ids as PeerJS makes them. */
const key = new Uint8Array(32).fill(9);
const head = { to: 'ricochet-3f9a1c2b-p5', from: 'ricochet-3f9a1c2b-p2', seq: 123_456, channel: 'unreliable' as const, payload: bytes };
const sealed = sealEnvelope(key, head);
const opened = decodeRelay(sealed);
console.log(`relayed input packet: ${sealed.length} bytes (${sealed.length - bytes.length} of envelope)`);

describe('relay envelope around an input packet', () => {
  bench('seal (HMAC-SHA-256 + encode)', () => {
    sealEnvelope(key, head);
  });
  bench('decode + check the tag', () => {
    const msg = decodeRelay(sealed);
    if (msg.ok && msg.msg.kind === 'relay') envelopeChecks(key, msg.msg);
  });
  bench('check the tag alone', () => {
    if (opened.ok && opened.msg.kind === 'relay') envelopeChecks(key, opened.msg);
  });
});
