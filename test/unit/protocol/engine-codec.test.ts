import { describe, expect, it } from 'vitest';
import { decodeEngine, encodeEngine } from '../../../net/protocol/engine-codec';
import type { EngineMessage } from '../../../net/protocol/engine-messages';
import { encodeHandshake } from '../../../net/protocol/handshake-codec';
import { MAX_HOLD_US } from '../../../net/protocol/probe-messages';
import { MAX_SNAPSHOT_BYTES, MAX_SNAPSHOT_CHUNKS, SNAPSHOT_CHUNK_BYTES, snapshotChunkBytes } from '../../../net/protocol/snapshot-messages';
import { MAX_MESSAGE_BYTES, MESSAGE_TYPE, PROTOCOL_VERSION } from '../../../net/protocol/wire-format';
import { engineExamples, handshakeOnlyExamples } from '../../fixtures/protocol-messages';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('engine codec', () => {
  it.each(engineExamples.map((m) => [m.kind, m] as const))('round-trips a %s message exactly', (_kind, msg) => {
    const encoded = encodeEngine(msg);
    expect(encoded[0]).toBe(PROTOCOL_VERSION);
    expect(encoded[1]).toBe(MESSAGE_TYPE[msg.kind]);
    const decoded = decodeEngine(encoded);
    expect(decoded).toEqual({ ok: true, msg });
    expect(encodeEngine((decoded as { msg: EngineMessage }).msg)).toEqual(encoded);
  });

  it.each(handshakeOnlyExamples.map((m) => [m.kind, m] as const))('refuses a handshake %s message as wrong-protocol', (_kind, msg) => {
    expect(decodeEngine(encodeHandshake(msg))).toMatchObject({ ok: false, error: { code: 'wrong-protocol' } });
  });

  it('throws on a handshake message handed to its encoder (a programmer error)', () => {
    expect(() => encodeEngine({ kind: 'hello', buildId: '', matchId: '', name: '', slot: 0 } as unknown as EngineMessage)).toThrow(RangeError);
  });

  it('packs one slot with 8 redundant inputs and 7 acks in well under 32 bytes', () => {
    const msg: EngineMessage = {
      kind: 'inputs',
      frame: 100_000,
      runs: [{ slot: 0, startFrame: 100_001, inputs: [1, 1, 1, 1, 9, 9, 9, 9], votes: [] }],
      acks: [1, 2, 3, 4, 5, 6, 7].map((slot) => ({ slot, frame: 100_004 })),
    };
    expect(encodeEngine(msg).length).toBeLessThan(24);
  });

  it('reports a different version as version-mismatch, with the version received', () => {
    const encoded = encodeEngine({ kind: 'ping', time: 1 });
    encoded[0] = PROTOCOL_VERSION + 1;
    expect(decodeEngine(encoded)).toMatchObject({ ok: false, error: { code: 'version-mismatch', version: PROTOCOL_VERSION + 1 } });
  });

  it('rejects empty, truncated, trailing, oversized and unknown-type messages', () => {
    const ping = encodeEngine({ kind: 'ping', time: 1 });
    expect(decodeEngine(new Uint8Array())).toMatchObject({ error: { code: 'empty' } });
    expect(decodeEngine(ping.subarray(0, ping.length - 1))).toMatchObject({ error: { code: 'truncated' } });
    expect(decodeEngine(bytes(...ping, 0))).toMatchObject({ error: { code: 'trailing-bytes' } });
    expect(decodeEngine(new Uint8Array(MAX_MESSAGE_BYTES + 1).fill(PROTOCOL_VERSION))).toMatchObject({ error: { code: 'oversized' } });
    expect(decodeEngine(bytes(PROTOCOL_VERSION, 200))).toMatchObject({ error: { code: 'unknown-type' } });
    expect(decodeEngine(bytes(PROTOCOL_VERSION))).toMatchObject({ error: { code: 'truncated' } });
  });

  it('rejects bad slots and RLE that overruns its run', () => {
    const t = MESSAGE_TYPE;
    const v = PROTOCOL_VERSION;
    expect(decodeEngine(bytes(v, t.dropAgree, 8, 0))).toMatchObject({ error: { code: 'bad-value' } });
    // frame 1, slot 0: start +0, count 2, input 5 repeated 3 times: overruns.
    expect(decodeEngine(bytes(v, t.inputs, 1, 1, 0, 2, 5, 2, 0))).toMatchObject({ error: { code: 'bad-count' } });
    // run length 0 is not a run.
    expect(decodeEngine(bytes(v, t.inputs, 1, 1, 0, 0, 0))).toMatchObject({ error: { code: 'bad-value' } });
  });

  it('rejects non-canonical encodings so that accepted bytes re-encode identically', () => {
    const v = PROTOCOL_VERSION;
    expect(decodeEngine(bytes(v, MESSAGE_TYPE.leave, 0x81, 0x00))).toMatchObject({ error: { code: 'non-canonical' } });
    // Two RLE pairs with the same input (5 x1, 5 x1) must have been one pair.
    expect(decodeEngine(bytes(v, MESSAGE_TYPE.inputs, 1, 1, 0, 2, 5, 0, 5, 0, 0))).toMatchObject({ error: { code: 'non-canonical' } });
  });

  it('rejects frames outside the receiver window as frame-out-of-range', () => {
    const msg = encodeEngine({ kind: 'inputs', frame: 10, runs: [{ slot: 1, startFrame: 500, inputs: [1], votes: [] }], acks: [] });
    expect(decodeEngine(msg, { maxFrame: 499 })).toMatchObject({ error: { code: 'frame-out-of-range' } });
    expect(decodeEngine(msg, { maxFrame: 500 }).ok).toBe(true);
    expect(decodeEngine(encodeEngine({ kind: 'checkpoint', frame: 9, hash: 1, sections: [] }), { minFrame: 10 })).toMatchObject({ error: { code: 'frame-out-of-range' } });
  });

  it('carries a pong\'s hold time up to 10 s, and rejects a larger one as garbage', () => {
    expect(decodeEngine(encodeEngine({ kind: 'pong', time: 7, holdUs: 0 }))).toEqual({ ok: true, msg: { kind: 'pong', time: 7, holdUs: 0 } });
    expect(encodeEngine({ kind: 'pong', time: 7, holdUs: 0 })).toHaveLength(7);
    expect(decodeEngine(encodeEngine({ kind: 'pong', time: 7, holdUs: MAX_HOLD_US }))).toMatchObject({ ok: true, msg: { holdUs: MAX_HOLD_US } });
    // [version][pong][time u32 = 7][hold varint = MAX_HOLD_US + 1]
    const over = [...encodeEngine({ kind: 'pong', time: 7, holdUs: MAX_HOLD_US })];
    over[6] = (over[6] as number) + 1;
    expect(decodeEngine(Uint8Array.from(over))).toMatchObject({ ok: false, error: { code: 'bad-value' } });
    // A pong of the previous format (no hold) is truncated, not misread.
    expect(decodeEngine(bytes(PROTOCOL_VERSION, MESSAGE_TYPE.pong, 7, 0, 0, 0))).toMatchObject({ ok: false, error: { code: 'truncated' } });
  });

  it('carries up to 8 section hashes in a checkpoint (37 bytes at most), and refuses a hostile list', () => {
    const sections = [1, 2, 3, 4, 5, 6, 7, 8];
    const full = encodeEngine({ kind: 'checkpoint', frame: 1230, hash: 9, sections });
    expect(full.length).toBeLessThanOrEqual(2 + 3 + 4 + 1 + 8 * 4);
    // [version][checkpoint][frame 30][hash u32][count][hashes]
    const head = [PROTOCOL_VERSION, MESSAGE_TYPE.checkpoint, 30, 1, 0, 0, 0];
    const hashes = (n: number): number[] => Array.from({ length: n * 4 }, (_, i) => i % 251);
    expect(decodeEngine(bytes(...head, 2, ...hashes(2)))).toMatchObject({ ok: true, msg: { sections: [0x03020100, 0x07060504] } });
    expect(decodeEngine(bytes(...head, 9, ...hashes(9)))).toMatchObject({ ok: false, error: { code: 'bad-count', message: '9 checkpoint sections, at most 8' } });
    expect(decodeEngine(bytes(...head, 255))).toMatchObject({ ok: false, error: { code: 'bad-count' } });
    expect(decodeEngine(bytes(...head, 3, ...hashes(2)))).toMatchObject({ ok: false, error: { code: 'truncated' } });
    expect(decodeEngine(bytes(...head, 1, ...hashes(2)))).toMatchObject({ ok: false, error: { code: 'trailing-bytes' } });
    // A checkpoint of the previous format (no section count) is truncated, not misread.
    expect(decodeEngine(bytes(...head))).toMatchObject({ ok: false, error: { code: 'truncated' } });
  });

  it('throws on programmer errors when encoding', () => {
    expect(() => encodeEngine({ kind: 'checkpoint', frame: 30, hash: 1, sections: Array<number>(9).fill(0) })).toThrow(/9 checkpoint sections/);
    expect(() => encodeEngine({ kind: 'checkpoint', frame: 30, hash: 1, sections: [-1] })).toThrow(RangeError);
    expect(() => encodeEngine({ kind: 'pong', time: 1, holdUs: -1 })).toThrow(RangeError);
    expect(() => encodeEngine({ kind: 'pong', time: 1, holdUs: MAX_HOLD_US + 1 })).toThrow(RangeError);
    expect(() => encodeEngine({ kind: 'pong', time: 1, holdUs: 0.5 })).toThrow(RangeError);
    expect(() => encodeEngine({ kind: 'dropAgree', peerSlot: 8, dropFrame: 0 })).toThrow(RangeError);
    expect(() => encodeEngine({ kind: 'inputs', frame: 0, runs: [{ slot: 0, startFrame: 0, inputs: [1], votes: [] }], acks: [] })).toThrow(/votes/);
  });
});

describe('snapshot messages', () => {
  const chunk = (totalBytes: number, index: number, length = snapshotChunkBytes(totalBytes, index)): EngineMessage => ({ kind: 'snapshotChunk', frame: 420, totalBytes, index, data: new Uint8Array(length).fill(7) });
  /** [version][snapshotChunk][frame 420][total varint][index varint] then `data` bytes. */
  const raw = (total: number[], index: number[], data: number): Uint8Array => bytes(PROTOCOL_VERSION, MESSAGE_TYPE.snapshotChunk, 0xa4, 0x03, ...total, ...index, ...Array<number>(data).fill(7));

  it('fit a WebRTC data channel: a full chunk is under MAX_MESSAGE_BYTES, and the largest snapshot is 256 of them', () => {
    expect(MAX_SNAPSHOT_BYTES).toBe(MAX_SNAPSHOT_CHUNKS * SNAPSHOT_CHUNK_BYTES);
    const largest = encodeEngine(chunk(MAX_SNAPSHOT_BYTES, MAX_SNAPSHOT_CHUNKS - 1));
    expect(largest.length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(decodeEngine(largest)).toMatchObject({ ok: true, msg: { index: 255, totalBytes: MAX_SNAPSHOT_BYTES } });
  });

  it('refuse a hostile chunk: oversized, empty, an index past the last, a length other than the total implies', () => {
    expect(decodeEngine(raw([0xa4, 0x13], [0], 960))).toMatchObject({ ok: true, msg: { totalBytes: 2468, index: 0 } });
    const refused: [Uint8Array, string, RegExp][] = [
      [raw([0x81, 0x80, 0x0f], [0], 960), 'bad-value', /snapshot size 245761 above 245760/],
      [raw([0], [0], 0), 'bad-value', /empty snapshot/],
      [raw([0xa4, 0x13], [3], 0), 'bad-value', /snapshot chunk of 3 3 above 2/],
      [raw([0xa4, 0x13], [2], 549), 'trailing-bytes', /1 bytes after/],
      [raw([0xa4, 0x13], [2], 547), 'truncated', /snapshot chunk runs past the end/],
      [raw([0xa4, 0x13], [0], 100), 'truncated', /snapshot chunk runs past the end/],
      [raw([0xa4, 0x93, 0x00], [0], 960), 'non-canonical', /redundant byte/],
    ];
    for (const [message, code, text] of refused) {
      const result = decodeEngine(message);
      expect(result).toMatchObject({ ok: false, error: { code } });
      expect(result.ok ? '' : result.error.message).toMatch(text);
    }
  });

  it('refuse a frame outside the receiver window, as every frame on the wire', () => {
    expect(decodeEngine(encodeEngine({ kind: 'snapshotRequest', frame: 5000 }), { maxFrame: 4000 })).toMatchObject({ ok: false, error: { code: 'frame-out-of-range' } });
    expect(decodeEngine(encodeEngine(chunk(100, 0)), { maxFrame: 400 })).toMatchObject({ ok: false, error: { code: 'frame-out-of-range' } });
  });

  it('throw on an inconsistent chunk handed to the encoder (a programmer error)', () => {
    expect(() => encodeEngine(chunk(100, 0, 99))).toThrow(/chunk 0 of 99 bytes/);
    expect(() => encodeEngine(chunk(100, 1, 0))).toThrow(/chunk 1 of 1/);
    expect(() => encodeEngine(chunk(MAX_SNAPSHOT_BYTES + 1, 0, 960))).toThrow(/snapshot of 245761 bytes/);
    expect(() => encodeEngine(chunk(0, 0, 0))).toThrow(/snapshot of 0 bytes/);
  });
});
