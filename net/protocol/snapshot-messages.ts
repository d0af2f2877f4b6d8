/**
 * Snapshots: a peer's state at a confirmed frame, as the game encodes it (`Game.encodeState`),
 * sent on the reliable channel in chunks. A page whose checkpoint the majority outvoted asks one
 * of the majority for its state at that checkpoint (net/lockstep/resync.ts). A request names only
 * a frame, so that a page rejoining or a spectator could later ask any peer that confirmed it.
 */

/** Bytes of state in every chunk but the last: a chunk message stays under MAX_MESSAGE_BYTES (972 bytes at most). */
export const SNAPSHOT_CHUNK_BYTES = 960;
/** At most this many chunks in a snapshot: a bound for hostile input. */
export const MAX_SNAPSHOT_CHUNKS = 256;
/** The largest snapshot (240 kB), about a hundred times a 4-player Ricochet state. */
export const MAX_SNAPSHOT_BYTES = SNAPSHOT_CHUNK_BYTES * MAX_SNAPSHOT_CHUNKS;

/** The chunks of a snapshot of `totalBytes` bytes. */
export const snapshotChunkCount = (totalBytes: number): number => Math.ceil(totalBytes / SNAPSHOT_CHUNK_BYTES);

/** The bytes chunk `index` of a snapshot of `totalBytes` bytes carries. */
export const snapshotChunkBytes = (totalBytes: number, index: number): number => Math.min(SNAPSHOT_CHUNK_BYTES, totalBytes - index * SNAPSHOT_CHUNK_BYTES);

/** "Send me your state after `frame` frames", a checkpoint frame the sender confirmed. */
export interface SnapshotRequestMessage {
  readonly kind: 'snapshotRequest';
  readonly frame: number;
}

/**
 * Chunk `index` of the sender's state after `frame` frames, which is `totalBytes` long: chunks
 * are SNAPSHOT_CHUNK_BYTES each but the last, so the total fixes how many there are and how long
 * each one is, and a receiver needs nothing else to reassemble them.
 */
export interface SnapshotChunkMessage {
  readonly kind: 'snapshotChunk';
  readonly frame: number;
  readonly totalBytes: number;
  readonly index: number;
  readonly data: Uint8Array;
}

/** The snapshot messages. */
export type SnapshotMessage = SnapshotRequestMessage | SnapshotChunkMessage;
