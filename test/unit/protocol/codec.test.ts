import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../../net/protocol/codec';
import { examples } from '../../fixtures/protocol-messages';
import { MAX_MESSAGE_BYTES, MESSAGE_TYPE, PROTOCOL_VERSION, type Message } from '../../../net/protocol/messages';


const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('protocol codec', () => {
  it.each(examples.map((m) => [m.kind, m] as const))('round-trips a %s message exactly', (_kind, msg) => {
    const encoded = encode(msg);
    expect(encoded[0]).toBe(PROTOCOL_VERSION);
    expect(encoded[1]).toBe(MESSAGE_TYPE[msg.kind]);
    const decoded = decode(encoded);
    expect(decoded).toEqual({ ok: true, msg });
    expect(encode((decoded as { msg: Message }).msg)).toEqual(encoded);
  });

  it('packs one slot with 8 redundant inputs and 7 acks in well under 32 bytes', () => {
    const msg: Message = {
      kind: 'inputs',
      frame: 100_000,
      runs: [{ slot: 0, startFrame: 100_001, inputs: [1, 1, 1, 1, 9, 9, 9, 9], votes: [] }],
      acks: [1, 2, 3, 4, 5, 6, 7].map((slot) => ({ slot, frame: 100_004 })),
    };
    expect(encode(msg).length).toBeLessThan(24);
  });

  it('reports a different version as version-mismatch, with the version received', () => {
    const encoded = encode({ kind: 'ping', time: 1 });
    encoded[0] = PROTOCOL_VERSION + 1;
    expect(decode(encoded)).toMatchObject({ ok: false, error: { code: 'version-mismatch', version: PROTOCOL_VERSION + 1 } });
  });

  it('rejects empty, truncated, trailing, oversized and unknown-type messages', () => {
    const ping = encode({ kind: 'ping', time: 1 });
    expect(decode(new Uint8Array())).toMatchObject({ error: { code: 'empty' } });
    expect(decode(ping.subarray(0, ping.length - 1))).toMatchObject({ error: { code: 'truncated' } });
    expect(decode(bytes(...ping, 0))).toMatchObject({ error: { code: 'trailing-bytes' } });
    expect(decode(new Uint8Array(MAX_MESSAGE_BYTES + 1).fill(PROTOCOL_VERSION))).toMatchObject({ error: { code: 'oversized' } });
    expect(decode(bytes(PROTOCOL_VERSION, 200))).toMatchObject({ error: { code: 'unknown-type' } });
    expect(decode(bytes(PROTOCOL_VERSION))).toMatchObject({ error: { code: 'truncated' } });
  });

  it('rejects bad counts, slots, reasons and RLE that overruns its run', () => {
    const t = MESSAGE_TYPE;
    const v = PROTOCOL_VERSION;
    expect(decode(bytes(v, t.start, 1, 0, 0, 0, 0, 0, 0, 0, 9))).toMatchObject({ error: { code: 'bad-value' } });
    expect(decode(bytes(v, t.roster, 9))).toMatchObject({ error: { code: 'bad-value' } });
    expect(decode(bytes(v, t.helloAck, 8))).toMatchObject({ error: { code: 'bad-value' } });
    expect(decode(bytes(v, t.refuse, 99))).toMatchObject({ error: { code: 'bad-value' } });
    // frame 1, slot 0: start +0, count 2, input 5 repeated 3 times: overruns.
    expect(decode(bytes(v, t.inputs, 1, 1, 0, 2, 5, 2, 0))).toMatchObject({ error: { code: 'bad-count' } });
    // run length 0 is not a run.
    expect(decode(bytes(v, t.inputs, 1, 1, 0, 0, 0))).toMatchObject({ error: { code: 'bad-value' } });
  });

  it('rejects non-canonical encodings so that accepted bytes re-encode identically', () => {
    const v = PROTOCOL_VERSION;
    expect(decode(bytes(v, MESSAGE_TYPE.leave, 0x81, 0x00))).toMatchObject({ error: { code: 'non-canonical' } });
    // Two RLE pairs with the same input (5 x1, 5 x1) must have been one pair.
    expect(decode(bytes(v, MESSAGE_TYPE.inputs, 1, 1, 0, 2, 5, 0, 5, 0, 0))).toMatchObject({ error: { code: 'non-canonical' } });
  });

  it('rejects invalid UTF-8 and over-long strings', () => {
    const v = PROTOCOL_VERSION;
    expect(decode(bytes(v, MESSAGE_TYPE.hello, 1, 0xff, 0, 0, 0))).toMatchObject({ error: { code: 'bad-string' } });
    expect(decode(bytes(v, MESSAGE_TYPE.hello, 65, ...Array(65).fill(97), 0, 0, 0))).toMatchObject({ error: { code: 'bad-value' } });
  });

  it('rejects frames outside the receiver window as frame-out-of-range', () => {
    const msg = encode({ kind: 'inputs', frame: 10, runs: [{ slot: 1, startFrame: 500, inputs: [1], votes: [] }], acks: [] });
    expect(decode(msg, { maxFrame: 499 })).toMatchObject({ error: { code: 'frame-out-of-range' } });
    expect(decode(msg, { maxFrame: 500 }).ok).toBe(true);
    expect(decode(encode({ kind: 'checkpoint', frame: 9, hash: 1 }), { minFrame: 10 })).toMatchObject({ error: { code: 'frame-out-of-range' } });
  });

  it('throws on programmer errors when encoding', () => {
    expect(() => encode({ kind: 'helloAck', slot: 8 })).toThrow(RangeError);
    expect(() => encode({ kind: 'inputs', frame: 0, runs: [{ slot: 0, startFrame: 0, inputs: [1], votes: [] }], acks: [] })).toThrow(/votes/);
    expect(() => encode({ kind: 'hello', buildId: 'x'.repeat(65), matchId: '', name: '', slot: 0 })).toThrow(RangeError);
  });
});
