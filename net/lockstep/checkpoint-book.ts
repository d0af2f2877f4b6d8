/**
 * Checkpoint hashes, this peer's and the others', judged frame by frame by majority, so that one
 * peer's word (one forged hash) cannot end the match for everyone. A frame is judged once every
 * peer still playing has announced its hash, or, failing that, `CLOSE_AFTER` checkpoints later
 * with the hashes that came (a peer that withholds its hash cannot hide a desync):
 * - all equal: agreed;
 * - a strict majority of the hashes (ours included) agree, and ours is one of them: every peer
 *   outside it is an odd one out ('odd'), and we play on with the majority;
 * - a strict majority agree and ours is not one of them: this peer is the broken one ('outvoted');
 * - no strict majority (two players that differ, an even split, all different): 'desync'.
 * Bounded: a remote hash is kept only for a checkpoint frame not judged yet (the decoder bounds
 * how far ahead one may be), and a judged frame is forgotten.
 */
import type { PeerId } from './transport';

/** Checkpoints after which a frame is judged with the hashes that came. */
const CLOSE_AFTER = 4;

/** What judging a frame found, if anything. */
export type Verdict =
  | { readonly kind: 'odd'; readonly frame: number; readonly peer: PeerId }
  | { readonly kind: 'outvoted' | 'desync'; readonly frame: number; readonly peer: PeerId; readonly localHash: number; readonly remoteHash: number };

interface Pending {
  local: number | undefined;
  readonly remote: Map<PeerId, number>;
}

/** Local and remote checkpoint hashes, and the verdicts on them. */
export class CheckpointBook {
  private readonly list: (readonly [number, number])[] = [];
  private readonly pending = new Map<number, Pending>();
  private desynced = false;

  constructor(private readonly interval: number) {}

  /** Record this peer's hash at `frame`; `live` are the peers expected to announce theirs. */
  addLocal(frame: number, hash: number, live: readonly PeerId[]): Verdict[] {
    this.record(frame).local = hash;
    this.list.push([frame, hash]);
    const verdicts = this.judgeIfComplete(frame, live);
    for (const old of this.pending.keys()) {
      if (old <= frame - CLOSE_AFTER * this.interval) verdicts.push(...this.judge(old));
    }
    return verdicts;
  }

  /**
   * Record `peer`'s hash at `frame`: 'invalid' if no checkpoint is ever taken at that frame,
   * 'duplicate' if that peer announced it already or it was judged, else the verdicts it completes.
   */
  addRemote(peer: PeerId, frame: number, hash: number, live: readonly PeerId[]): Verdict[] | 'invalid' | 'duplicate' {
    if (frame <= 0 || frame % this.interval !== 0) return 'invalid';
    const newest = this.list[this.list.length - 1]?.[0] ?? 0;
    const pending = this.pending.get(frame);
    if ((pending === undefined && frame <= newest) || pending?.remote.has(peer)) return 'duplicate';
    this.record(frame).remote.set(peer, hash);
    return this.judgeIfComplete(frame, live);
  }

  /** Every local checkpoint, in order. */
  all(): readonly (readonly [number, number])[] {
    return this.list;
  }

  /**
   * Status of the newest local checkpoint: 'desync' sticks once this peer was outvoted or no
   * majority held (its state has diverged for good); 'agreed' once judged with the majority.
   */
  last(): { frame: number; status: 'pending' | 'agreed' | 'desync' } | null {
    const newest = this.list[this.list.length - 1];
    if (newest === undefined) return null;
    const frame = newest[0];
    if (this.desynced) return { frame, status: 'desync' };
    return { frame, status: this.pending.has(frame) ? 'pending' : 'agreed' };
  }

  private record(frame: number): Pending {
    let pending = this.pending.get(frame);
    if (pending === undefined) {
      pending = { local: undefined, remote: new Map() };
      this.pending.set(frame, pending);
    }
    return pending;
  }

  private judgeIfComplete(frame: number, live: readonly PeerId[]): Verdict[] {
    const pending = this.pending.get(frame);
    if (pending?.local === undefined || !live.every((peer) => pending.remote.has(peer))) return [];
    return this.judge(frame);
  }

  /** Judge `frame` with the hashes that came, and forget it. */
  private judge(frame: number): Verdict[] {
    const { local, remote } = this.pending.get(frame) as Pending;
    this.pending.delete(frame);
    const localHash = local as number;
    const counts = new Map<number, number>([[localHash, 1]]);
    for (const hash of remote.values()) counts.set(hash, (counts.get(hash) ?? 0) + 1);
    if (counts.size === 1) return [];
    const voters = 1 + remote.size;
    const majority = [...counts].find(([, count]) => count * 2 > voters)?.[0];
    if (majority === localHash) {
      return [...remote].flatMap(([peer, hash]) => (hash === localHash ? [] : [{ kind: 'odd' as const, frame, peer }]));
    }
    this.desynced = true;
    const kind = majority === undefined ? 'desync' : 'outvoted';
    const [peer, remoteHash] = [...remote].find(([, hash]) => hash === (majority ?? hash) && hash !== localHash) as [PeerId, number];
    return [{ kind, frame, peer, localHash, remoteHash }];
  }
}
