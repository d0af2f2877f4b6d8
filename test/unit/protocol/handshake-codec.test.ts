import { describe, expect, it } from 'vitest';
import { encodeEngine } from '../../../net/protocol/engine-codec';
import { decodeHandshake, encodeHandshake } from '../../../net/protocol/handshake-codec';
import type { HandshakeMessage } from '../../../net/protocol/handshake-messages';
import { MAX_MESSAGE_BYTES, MAX_NAME_BYTES, MAX_STRING_BYTES, MESSAGE_TYPE, PROTOCOL_VERSION } from '../../../net/protocol/wire-format';
import { engineOnlyExamples, handshakeExamples, probeExamples } from '../../fixtures/protocol-messages';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('handshake codec', () => {
  it.each(handshakeExamples.map((m) => [m.kind, m] as const))('round-trips a %s message exactly', (_kind, msg) => {
    const encoded = encodeHandshake(msg);
    expect(encoded[0]).toBe(PROTOCOL_VERSION);
    expect(encoded[1]).toBe(MESSAGE_TYPE[msg.kind]);
    const decoded = decodeHandshake(encoded);
    expect(decoded).toEqual({ ok: true, msg });
    expect(encodeHandshake((decoded as { msg: HandshakeMessage }).msg)).toEqual(encoded);
  });

  it.each(engineOnlyExamples.map((m) => [m.kind, m] as const))('refuses an engine %s message as wrong-protocol', (_kind, msg) => {
    expect(decodeHandshake(encodeEngine(msg))).toMatchObject({ ok: false, error: { code: 'wrong-protocol' } });
  });

  it.each(probeExamples.map((m) => [m.kind, m] as const))('encodes a %s exactly as the engine does (both protocols carry it)', (_kind, msg) => {
    expect(encodeHandshake(msg)).toEqual(encodeEngine(msg));
  });

  it('throws on an engine message handed to its encoder (a programmer error)', () => {
    expect(() => encodeHandshake({ kind: 'leave', frame: 1 } as unknown as HandshakeMessage)).toThrow(RangeError);
  });

  it('reports a different version as version-mismatch, with the version received', () => {
    const encoded = encodeHandshake({ kind: 'helloAck', slot: 1 });
    encoded[0] = PROTOCOL_VERSION + 1;
    expect(decodeHandshake(encoded)).toMatchObject({ ok: false, error: { code: 'version-mismatch', version: PROTOCOL_VERSION + 1 } });
  });

  it('rejects empty, truncated, trailing, oversized and unknown-type messages', () => {
    const ack = encodeHandshake({ kind: 'helloAck', slot: 1 });
    expect(decodeHandshake(new Uint8Array())).toMatchObject({ error: { code: 'empty' } });
    expect(decodeHandshake(ack.subarray(0, ack.length - 1))).toMatchObject({ error: { code: 'truncated' } });
    expect(decodeHandshake(bytes(...ack, 0))).toMatchObject({ error: { code: 'trailing-bytes' } });
    expect(decodeHandshake(new Uint8Array(MAX_MESSAGE_BYTES + 1).fill(PROTOCOL_VERSION))).toMatchObject({ error: { code: 'oversized' } });
    expect(decodeHandshake(bytes(PROTOCOL_VERSION, 200))).toMatchObject({ error: { code: 'unknown-type' } });
    expect(decodeHandshake(bytes(PROTOCOL_VERSION))).toMatchObject({ error: { code: 'truncated' } });
  });

  it('rejects bad counts, slots, reasons and descending roster slots', () => {
    const t = MESSAGE_TYPE;
    const v = PROTOCOL_VERSION;
    expect(decodeHandshake(bytes(v, t.start, 1, 0, 0, 0, 0, 0, 0, 0, 9))).toMatchObject({ error: { code: 'bad-value' } });
    expect(decodeHandshake(bytes(v, t.roster, 9))).toMatchObject({ error: { code: 'bad-value' } });
    expect(decodeHandshake(bytes(v, t.roster, 2, 1, 0, 0, 0, 0, 0))).toMatchObject({ error: { code: 'bad-value' } });
    expect(decodeHandshake(bytes(v, t.helloAck, 8))).toMatchObject({ error: { code: 'bad-value' } });
    expect(decodeHandshake(bytes(v, t.refuse, 99))).toMatchObject({ error: { code: 'bad-value' } });
  });

  it('rejects invalid UTF-8 and over-long strings', () => {
    const v = PROTOCOL_VERSION;
    expect(decodeHandshake(bytes(v, MESSAGE_TYPE.hello, 1, 0xff, 0, 0, 0))).toMatchObject({ error: { code: 'bad-string' } });
    expect(decodeHandshake(bytes(v, MESSAGE_TYPE.hello, 65, ...Array(65).fill(97), 0, 0, 0))).toMatchObject({ error: { code: 'bad-value' } });
 
  });

  it('holds names to MAX_NAME_BYTES both ways: an over-long one is refused as data, never a crash', () => {
    const v = PROTOCOL_VERSION;
    const name = (n: number): number[] => [n, ...Array<number>(n).fill(97)];
    // hello: [build id][match id][name][slot]
    expect(decodeHandshake(bytes(v, MESSAGE_TYPE.hello, 0, 0, ...name(MAX_NAME_BYTES), 0))).toMatchObject({ ok: true, msg: { name: 'a'.repeat(MAX_NAME_BYTES) } });
    expect(decodeHandshake(bytes(v, MESSAGE_TYPE.hello, 0, 0, ...name(MAX_NAME_BYTES + 1), 0))).toMatchObject({ ok: false, error: { code: 'bad-value' } });
    // Ids keep the wider string bound.
    expect(decodeHandshake(bytes(v, MESSAGE_TYPE.hello, ...name(MAX_STRING_BYTES), 0, 0, 0)).ok).toBe(true);
    // roster: [count][slot][name][peer]; start: [seed][countdown][count][owners][names]
    expect(decodeHandshake(bytes(v, MESSAGE_TYPE.roster, 1, 0, ...name(MAX_NAME_BYTES + 1), 1, 97))).toMatchObject({ ok: false, error: { code: 'bad-value' } });
    expect(decodeHandshake(bytes(v, MESSAGE_TYPE.start, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 97, ...name(MAX_NAME_BYTES + 1)))).toMatchObject({ ok: false, error: { code: 'bad-value' } });
    // 22 CJK characters are 66 bytes: what the lobby once let through, and the encoder refuses.
    const cjk = '鳥'.repeat(22);
    expect(() => encodeHandshake({ kind: 'hello', buildId: '', matchId: '', name: cjk, slot: 0 })).toThrow(/at most 32 UTF-8 bytes \(it has 66\)/);
    expect(() => encodeHandshake({ kind: 'start', seed: 1, countdownMs: 0, slotOwners: ['a'], names: [cjk] })).toThrow(RangeError);
  });

  it('throws on programmer errors when encoding', () => {
    expect(() => encodeHandshake({ kind: 'helloAck', slot: 8 })).toThrow(RangeError);
    expect(() => encodeHandshake({ kind: 'hello', buildId: 'x'.repeat(65), matchId: '', name: '', slot: 0 })).toThrow(RangeError);
    expect(() => encodeHandshake({ kind: 'start', seed: 1, countdownMs: 0, slotOwners: ['a'], names: [] })).toThrow(RangeError);
  });
});
