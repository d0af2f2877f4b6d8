import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRelay, encodeRelay, MAX_RELAY_BYTES, type RelayProtocolMessage } from '../../../net/protocol/relay-messages';
import { encodeEngine } from '../../../net/protocol/engine-codec';
import { MAX_MESSAGE_BYTES, PROTOCOL_VERSION } from '../../../net/protocol/wire-format';
import { mutatedFrom } from '../../fixtures/mutated-bytes';

const envelope = (payload: Uint8Array): RelayProtocolMessage => ({
  kind: 'relay', to: 'peer-b', from: 'peer-a', seq: 70_000, channel: 'reliable', tag: new Uint8Array(16).fill(7), payload,
});
const links: RelayProtocolMessage = {
  kind: 'links', stamp: 4_000_000_000, echo: 12, holdMs: 3, heard: [{ peer: 'peer-c', rttMs: 9 }, { peer: 'peer-d', rttMs: 60_000 }], distrust: ['peer-e'],
};

describe('the relay protocol', () => {
  it('round-trips an envelope around the largest engine message, and the links word', () => {
    const big = envelope(new Uint8Array(MAX_MESSAGE_BYTES).fill(3));
    const bytes = encodeRelay(big);
    expect(bytes.length).toBeLessThanOrEqual(MAX_RELAY_BYTES);
    expect(decodeRelay(bytes)).toEqual({ ok: true, msg: big });
    expect(decodeRelay(encodeRelay(links))).toEqual({ ok: true, msg: links });
  });

  it('refuses an empty payload, a payload over the message bound, a short tag, another version and the engine protocol', () => {
    const ok = encodeRelay(envelope(Uint8Array.of(1, 2)));
    expect(decodeRelay(ok.subarray(0, ok.length - 2))).toMatchObject({ ok: false, error: { code: 'truncated' } });
    const over = Uint8Array.from([...encodeRelay(envelope(new Uint8Array(MAX_MESSAGE_BYTES))), 0]);
    expect(decodeRelay(over)).toMatchObject({ ok: false, error: { code: 'oversized' } });
    expect(decodeRelay(Uint8Array.from([PROTOCOL_VERSION + 1, ...ok.subarray(1)]))).toMatchObject({ ok: false, error: { code: 'version-mismatch' } });
    expect(decodeRelay(encodeEngine({ kind: 'leave', frame: 3 }))).toMatchObject({ ok: false, error: { code: 'wrong-protocol' } });
    expect(() => encodeRelay({ ...envelope(Uint8Array.of(1)), tag: new Uint8Array(8) } as RelayProtocolMessage)).toThrow(RangeError);
  });

  it('never throws on 50,000 mutated messages, and every accepted one re-encodes to the same bytes', () => {
    const seeds = [encodeRelay(envelope(Uint8Array.of(PROTOCOL_VERSION, 6, 1, 2))), encodeRelay(links)];
    let accepted = 0;
    fc.assert(
      fc.property(mutatedFrom(seeds), (bytes) => {
        const result = decodeRelay(bytes);
        if (result.ok) {
          accepted += 1;
          expect(encodeRelay(result.msg)).toEqual(bytes);
        }
      }),
      { numRuns: 50_000, seed: 0x7e1a },
    );
    expect(accepted).toBeGreaterThan(500);
  });
});
