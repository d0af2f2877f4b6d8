/**
 * Checkpoint hashes: this peer's, and those announced by the others, compared as soon as both
 * sides of a frame are known. A remote hash may arrive before or after the local one.
 */
import type { PeerId } from './transport';

/** A mismatch found by the book. */
export interface Mismatch {
  readonly frame: number;
  readonly peer: PeerId;
  readonly localHash: number;
  readonly remoteHash: number;
}

/** Local and remote checkpoint hashes, and the comparisons between them. */
export class CheckpointBook {
  private readonly local = new Map<number, number>();
  private readonly list: (readonly [number, number])[] = [];
  private readonly pending = new Map<PeerId, Map<number, number>>();
  private readonly seen = new Map<PeerId, Set<number>>();
  private readonly matched = new Map<number, Set<PeerId>>();
  private readonly desynced = new Set<number>();

  /** Record this peer's hash at `frame`; returns the mismatches it reveals. */
  addLocal(frame: number, hash: number): Mismatch[] {
    this.local.set(frame, hash);
    this.list.push([frame, hash]);
    const found: Mismatch[] = [];
    for (const [peer, byFrame] of this.pending) {
      const remote = byFrame.get(frame);
      if (remote === undefined) continue;
      byFrame.delete(frame);
      const mismatch = this.compare(peer, frame, remote);
      if (mismatch) found.push(mismatch);
    }
    return found;
  }

  /**
   * Record `peer`'s hash at `frame`. Returns 'duplicate' if that peer already announced that frame,
   * a mismatch if it differs from ours, or null.
   */
  addRemote(peer: PeerId, frame: number, hash: number): Mismatch | 'duplicate' | null {
    const seen = this.seen.get(peer) ?? new Set<number>();
    this.seen.set(peer, seen);
    if (seen.has(frame)) return 'duplicate';
    seen.add(frame);
    if (this.local.has(frame)) return this.compare(peer, frame, hash);
    const byFrame = this.pending.get(peer) ?? new Map<number, number>();
    this.pending.set(peer, byFrame);
    byFrame.set(frame, hash);
    return null;
  }

  /** Every local checkpoint, in order. */
  all(): readonly (readonly [number, number])[] {
    return this.list;
  }

  /**
   * Status of the newest local checkpoint, given the peers that should confirm it. 'desync' sticks
   * once any checkpoint mismatched: the states have diverged for good.
   */
  last(peers: readonly PeerId[]): { frame: number; status: 'pending' | 'agreed' | 'desync' } | null {
    const newest = this.list[this.list.length - 1];
    if (newest === undefined) return null;
    const frame = newest[0];
    if (this.desynced.size > 0) return { frame, status: 'desync' };
    const matched = this.matched.get(frame);
    return { frame, status: peers.every((p) => matched?.has(p)) ? 'agreed' : 'pending' };
  }

  private compare(peer: PeerId, frame: number, remoteHash: number): Mismatch | null {
    const localHash = this.local.get(frame) as number;
    if (localHash === remoteHash) {
      const matched = this.matched.get(frame) ?? new Set<PeerId>();
      this.matched.set(frame, matched);
      matched.add(peer);
      return null;
    }
    this.desynced.add(frame);
    return { frame, peer, localHash, remoteHash };
  }
}
