import { describe, expect, it } from 'vitest';
import { SnapshotAssembly, snapshotChunks } from '../../../net/lockstep/snapshot-transfer';
import { KEPT_CHECKPOINTS, Snapshots } from '../../../net/lockstep/snapshots';
import { decodeEngine, encodeEngine } from '../../../net/protocol/engine-codec';
import { MAX_MESSAGE_BYTES } from '../../../net/protocol/wire-format';
import { MAX_SNAPSHOT_BYTES, SNAPSHOT_CHUNK_BYTES, type SnapshotChunkMessage } from '../../../net/protocol/snapshot-messages';

const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) % 256);

/** The chunks as they arrive: encoded and decoded, as the wire carries them. */
const wire = (chunks: readonly SnapshotChunkMessage[]): SnapshotChunkMessage[] =>
  chunks.map((chunk) => {
    const encoded = encodeEngine(chunk);
    expect(encoded.length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    const decoded = decodeEngine(encoded);
    if (!decoded.ok || decoded.msg.kind !== 'snapshotChunk') throw new Error('not a chunk');
    return decoded.msg;
  });

describe('snapshot chunks', () => {
  it.each([1, SNAPSHOT_CHUNK_BYTES, SNAPSHOT_CHUNK_BYTES + 1, 2283, MAX_SNAPSHOT_BYTES])('split %i bytes into messages under the size cap, and reassemble them exactly', (size) => {
    const original = bytes(size);
    const chunks = wire(snapshotChunks(420, original));
    expect(chunks).toHaveLength(Math.ceil(size / SNAPSHOT_CHUNK_BYTES));
    const assembly = new SnapshotAssembly('p1', 420);
    const results = chunks.map((chunk) => assembly.add('p1', chunk));
    expect(results.slice(0, -1).every((r) => r.kind === 'incomplete')).toBe(true);
    expect(results.at(-1)).toEqual({ kind: 'complete', bytes: original });
  });

  it('refuse to split a snapshot the protocol cannot carry (a programmer error)', () => {
    expect(() => snapshotChunks(30, bytes(MAX_SNAPSHOT_BYTES + 1))).toThrow(/245761 bytes cannot be sent/);
    expect(() => snapshotChunks(30, new Uint8Array())).toThrow(RangeError);
  });
});

describe('snapshot reassembly refuses', () => {
  const chunks = wire(snapshotChunks(420, bytes(3000)));
  const [c0, c1, c2] = chunks as [SnapshotChunkMessage, SnapshotChunkMessage, SnapshotChunkMessage];

  it('a chunk from a peer not asked, or of another frame, without failing the transfer', () => {
    const assembly = new SnapshotAssembly('p1', 420);
    expect(assembly.add('p2', c0)).toEqual({ kind: 'refused', reason: 'a snapshot chunk from p2, which was not asked', fatal: false });
    expect(assembly.add('p1', { ...c0, frame: 390 })).toEqual({ kind: 'refused', reason: 'a snapshot chunk of frame 390, not of frame 420', fatal: false });
    for (const chunk of chunks.slice(0, -1)) expect(assembly.add('p1', chunk)).toEqual({ kind: 'incomplete' });
    expect(assembly.add('p1', chunks.at(-1)!).kind).toBe('complete');
    expect(assembly.add('p1', c0)).toEqual({ kind: 'refused', reason: 'a snapshot chunk after the snapshot was complete', fatal: false });
  });

  it.each([
    ['a chunk out of order', [c1], 'snapshot chunk 1 out of order, expected 0'],
    ['a duplicate', [c0, c0], 'snapshot chunk 0 again'],
    ['a chunk that skips one', [c0, c2], 'snapshot chunk 2 out of order, expected 1'],
    ['a size that changes', [c0, { ...c1, totalBytes: 2000 }], 'snapshot chunk 1 says 2000 bytes, the first said 3000'],
  ] as const)('%s, and then the transfer is failed', (_what, sent, reason) => {
    const assembly = new SnapshotAssembly('p1', 420);
    const results = sent.map((chunk) => assembly.add('p1', chunk));
    expect(results.at(-1)).toEqual({ kind: 'refused', reason, fatal: true });
    expect(assembly.add('p1', c0)).toEqual({ kind: 'refused', reason: 'a snapshot chunk after the snapshot was failed', fatal: false });
  });

  it('a snapshot larger than the receiver allows, before taking any memory for it', () => {
    const assembly = new SnapshotAssembly('p1', 420, 2000);
    expect(assembly.add('p1', c0)).toEqual({ kind: 'refused', reason: 'a snapshot of 3000 bytes, more than 2000', fatal: true });
  });
});

describe('kept snapshots', () => {
  it(`keep the last ${KEPT_CHECKPOINTS} checkpoint states, answer each peer once per frame, and forget the ones that went astray`, () => {
    const kept = new Snapshots<string>();
    for (let frame = 30; frame <= 30 * 10; frame += 30) kept.keep(frame, `s${frame}`);
    expect(kept.answer('p1', 60)).toBe('unknown');
    expect(kept.answer('p1', 90)).toEqual({ state: 's90' });
    expect(kept.answer('p1', 90)).toBe('duplicate');
    expect(kept.answer('p2', 90)).toEqual({ state: 's90' });
    expect(kept.answer('p1', 301)).toBe('unknown');
    kept.forgetFrom(270);
    expect(kept.answer('p1', 270)).toBe('unknown');
    expect(kept.answer('p1', 240)).toEqual({ state: 's240' });
    kept.keep(270, 'right');
    expect(kept.answer('p1', 270)).toEqual({ state: 'right' });
  });
});
