import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecodeResult } from '../../../net/protocol/decode-result';
import { decodeEngine, encodeEngine } from '../../../net/protocol/engine-codec';
import type { EngineMessage } from '../../../net/protocol/engine-messages';
import { decodeHandshake, encodeHandshake } from '../../../net/protocol/handshake-codec';
import type { HandshakeMessage } from '../../../net/protocol/handshake-messages';
import { engineExamples, handshakeOnlyExamples } from '../../fixtures/protocol-messages';
import { mutatedFrom } from '../../fixtures/mutated-bytes';
import { PROTOCOL_VERSION } from '../../../net/protocol/wire-format';
import { decodeSpectate, encodeSpectate } from '../../../net/protocol/spectate-codec';
import type { SpectateMessage } from '../../../net/protocol/spectate-messages';

// Seeds of both protocols for both decoders: mutations then also hit the wrong-protocol path.
const seeds = [...engineExamples.map((msg) => encodeEngine(msg)), ...handshakeOnlyExamples.map((msg) => encodeHandshake(msg))];

const spectateSeeds = ([
  { kind: 'watch', from: null },
  { kind: 'watch', from: 4321 },
  { kind: 'feedStart', frame: 420, hash: 0x12345678 },
  { kind: 'feedInputs', startFrame: 990, slots: 4, rows: [[0, 1, 300, 65535], [2, 2, 2, 2], [0, 0, 0, 0]], leaves: [[991, 3]] },
  { kind: 'checkpoint', frame: 30, hash: 7, sections: [] },
  { kind: 'snapshotChunk', frame: 30, totalBytes: 5, index: 0, data: Uint8Array.of(1, 2, 3, 4, 5) },
] satisfies SpectateMessage[]).map((msg) => encodeSpectate(msg));

/** The interesting garbage: valid messages slightly broken. */
const mutated = mutatedFrom(seeds);
const random = fc.uint8Array({ maxLength: 40 }).map((b) => (b.length > 1 ? Uint8Array.from([PROTOCOL_VERSION, ...b]) : b));

/** Fuzzes one decoder; every message it accepts must re-encode, with its own encoder, to the same bytes. */
function fuzz<M>(decode: (bytes: Uint8Array) => DecodeResult<M>, encode: (msg: M) => Uint8Array, seed: number, from = mutated): number {
  let accepted = 0;
  fc.assert(
    fc.property(fc.oneof(from, random), (bytes) => {
      const result = decode(bytes);
      if (result.ok) {
        accepted += 1;
        expect(encode(result.msg)).toEqual(bytes);
      }
    }),
    { numRuns: 100_000, seed },
  );
  return accepted;
}

describe('protocol decoders under fuzzing', () => {
  it('decodeEngine never throws on 100,000 random and mutated messages, and every accepted one re-encodes to the same bytes', () => {
    // Mutations of valid messages must sometimes stay valid, or the test only exercises rejections.
    expect(fuzz<EngineMessage>(decodeEngine, encodeEngine, 0x5eed)).toBeGreaterThan(1000);
  });

  it('decodeHandshake never throws on 100,000 random and mutated messages, and every accepted one re-encodes to the same bytes', () => {
    expect(fuzz<HandshakeMessage>(decodeHandshake, encodeHandshake, 0x5eed)).toBeGreaterThan(1000);
  });

  it('decodeSpectate never throws on 100,000 random and mutated messages, and every accepted one re-encodes to the same bytes', () => {
    expect(fuzz<SpectateMessage>(decodeSpectate, encodeSpectate, 0x5eed, mutatedFrom([...spectateSeeds, ...seeds]))).toBeGreaterThan(1000);
  });
});
