/**
 * Moving a snapshot (a state's bytes, `Game.encodeState`) to one peer: `snapshotChunks` splits it
 * into chunk messages small enough for a data channel, and a `SnapshotAssembly` puts them back
 * together on the other side, refusing anything that does not belong. The chunks travel on the
 * reliable channel, which keeps their order, so a chunk out of order or a duplicate is not
 * network noise: the sender is broken or hostile, and the transfer fails.
 */
import { MAX_SNAPSHOT_BYTES, SNAPSHOT_CHUNK_BYTES, snapshotChunkCount, type SnapshotChunkMessage } from '../protocol';
import type { PeerId } from './transport';

/** The chunk messages of `bytes`, the state after `frame` frames. Throws past MAX_SNAPSHOT_BYTES (the game outgrew the protocol). */
export function snapshotChunks(frame: number, bytes: Uint8Array): SnapshotChunkMessage[] {
  const totalBytes = bytes.length;
  if (totalBytes < 1 || totalBytes > MAX_SNAPSHOT_BYTES) throw new RangeError(`a snapshot of ${totalBytes} bytes cannot be sent (1..${MAX_SNAPSHOT_BYTES})`);
  return Array.from({ length: snapshotChunkCount(totalBytes) }, (_, index) => ({
    kind: 'snapshotChunk',
    frame,
    totalBytes,
    index,
    data: bytes.subarray(index * SNAPSHOT_CHUNK_BYTES, (index + 1) * SNAPSHOT_CHUNK_BYTES),
  }));
}

/**
 * What one chunk did. `refused` says why; `fatal` when the transfer cannot complete any more (the
 * peer asked sent a chunk that breaks it), as opposed to a stray chunk that changes nothing.
 */
export type AssemblyResult =
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'complete'; readonly bytes: Uint8Array }
  | { readonly kind: 'refused'; readonly reason: string; readonly fatal: boolean };

/**
 * One snapshot being received: the state after `frame` frames, from `from` only. The decoder
 * already checked each chunk against itself (its length follows from the total and its index);
 * this checks them against each other. Memory is bounded by the first chunk's total, at most
 * `maxBytes`.
 */
export class SnapshotAssembly {
  private buffer: Uint8Array | null = null;
  private next = 0;
  private done: 'complete' | 'failed' | null = null;

  constructor(
    readonly from: PeerId,
    readonly frame: number,
    private readonly maxBytes = MAX_SNAPSHOT_BYTES,
  ) {}

  /** Take one chunk that `sender` sent. */
  add(sender: PeerId, chunk: SnapshotChunkMessage): AssemblyResult {
    if (sender !== this.from) return refuse(`a snapshot chunk from ${sender}, which was not asked`, false);
    if (chunk.frame !== this.frame) return refuse(`a snapshot chunk of frame ${chunk.frame}, not of frame ${this.frame}`, false);
    if (this.done !== null) return refuse(`a snapshot chunk after the snapshot was ${this.done}`, false);
    const problem = this.problemWith(chunk);
    if (problem !== null) {
      this.done = 'failed';
      return refuse(problem, true);
    }
    const buffer = (this.buffer ??= new Uint8Array(chunk.totalBytes));
    buffer.set(chunk.data, chunk.index * SNAPSHOT_CHUNK_BYTES);
    this.next += 1;
    if (this.next < snapshotChunkCount(buffer.length)) return { kind: 'incomplete' };
    this.done = 'complete';
    return { kind: 'complete', bytes: buffer };
  }

  private problemWith({ totalBytes, index }: SnapshotChunkMessage): string | null {
    if (totalBytes > this.maxBytes) return `a snapshot of ${totalBytes} bytes, more than ${this.maxBytes}`;
    if (this.buffer !== null && totalBytes !== this.buffer.length) return `snapshot chunk ${index} says ${totalBytes} bytes, the first said ${this.buffer.length}`;
    if (index < this.next) return `snapshot chunk ${index} again`;
    if (index > this.next) return `snapshot chunk ${index} out of order, expected ${this.next}`;
    return null;
  }
}

function refuse(reason: string, fatal: boolean): AssemblyResult {
  return { kind: 'refused', reason, fatal };
}
