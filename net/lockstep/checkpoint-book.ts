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
 * A peer once found odd whose hash agrees with ours and the majority's at a later frame (it
 * loaded the majority's state) is reported back in agreement ('agrees-again'), once per time it
 * was found odd.
 * Each hash comes with the game's section hashes: a verdict names the sections in which this
 * peer's state differs from the other side's, and carries the evidence for a desync report (our
 * state at that frame, every peer's hashes).
 * Bounded: a remote hash is kept only for a checkpoint frame not judged yet (the decoder bounds
 * how far ahead one may be), and a judged frame is forgotten, with its state.
 */
import type { GameSection } from './game';
import type { PeerId } from './transport';

/** Checkpoints after which a frame is judged with the hashes that came. */
const CLOSE_AFTER = 4;

/** A peer's checkpoint as it travels: the state hash and its section hashes (in the game's order). */
export interface Checkpoint {
  readonly hash: number;
  readonly sections: readonly number[];
}

/** This peer's checkpoint: its sections named, and the state they hash (kept until judged). */
export interface LocalCheckpoint {
  readonly hash: number;
  readonly sections: readonly GameSection[];
  readonly state: unknown;
}

/** Everything known of a judged frame that went wrong: what a desync report is built from. */
export interface CheckpointEvidence {
  readonly frame: number;
  readonly local: LocalCheckpoint;
  readonly remote: readonly (Checkpoint & { readonly peer: PeerId })[];
}

/**
 * What judging a frame found, if anything. `sections` names the sections of our state that differ
 * from `peer`'s (the odd one out, or one of the majority that outvoted us); empty when the game
 * has none or the peer sent none.
 */
export type Verdict =
  | { readonly kind: 'odd'; readonly frame: number; readonly peer: PeerId; readonly sections: readonly string[]; readonly evidence: CheckpointEvidence }
  | {
      readonly kind: 'outvoted' | 'desync';
      readonly frame: number;
      readonly peer: PeerId;
      readonly localHash: number;
      readonly remoteHash: number;
      readonly sections: readonly string[];
      readonly evidence: CheckpointEvidence;
    }
  /** `peer`, an odd one out at an earlier frame, agrees with us and the majority again at `frame`. */
  | { readonly kind: 'agrees-again'; readonly frame: number; readonly peer: PeerId };

interface Pending {
  local: LocalCheckpoint | undefined;
  readonly remote: Map<PeerId, Checkpoint>;
}

/** The names of the sections of `local` whose hash differs in `remote` (none if the lists do not match). */
export function divergedSections(local: readonly GameSection[], remote: readonly number[]): string[] {
  if (local.length !== remote.length) return [];
  return local.flatMap((section, i) => (section.hash === remote[i] ? [] : [section.name]));
}

/** Local and remote checkpoint hashes, and the verdicts on them. */
export class CheckpointBook {
  private readonly list: (readonly [number, number])[] = [];
  private readonly pending = new Map<number, Pending>();
  private desynced = false;
  /** The peers found odd, and the frame they last were: their next agreeing hash is reported. */
  private readonly odd = new Map<PeerId, number>();

  constructor(private readonly interval: number) {}

  /** Record this peer's checkpoint at `frame`; `live` are the peers expected to announce theirs. */
  addLocal(frame: number, local: LocalCheckpoint, live: readonly PeerId[]): Verdict[] {
    this.record(frame).local = local;
    this.list.push([frame, local.hash]);
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
  addRemote(peer: PeerId, frame: number, checkpoint: Checkpoint, live: readonly PeerId[]): Verdict[] | 'invalid' | 'duplicate' {
    if (frame <= 0 || frame % this.interval !== 0) return 'invalid';
    const newest = this.list[this.list.length - 1]?.[0] ?? 0;
    const pending = this.pending.get(frame);
    if ((pending === undefined && frame <= newest) || pending?.remote.has(peer)) return 'duplicate';
    this.record(frame).remote.set(peer, checkpoint);
    return this.judgeIfComplete(frame, live);
  }

  /**
   * Forget this peer's checkpoints after `frame` (they rest on a state that went astray, or the
   * simulation steps back there on coming back from away): they are computed again. The others'
   * hashes for them stay, to judge them with.
   */
  rewind(frame: number): void {
    while ((this.list[this.list.length - 1]?.[0] ?? 0) > frame) this.list.pop();
    for (const [at, pending] of this.pending) if (at > frame) pending.local = undefined;
  }

  /** This peer loaded the majority's state after `frame` frames, of hash `hash`: its checkpoint there is that one now, and it agrees again. */
  resynced(frame: number, hash: number): void {
    const index = this.list.findIndex(([at]) => at === frame);
    if (index >= 0) this.list[index] = [frame, hash];
    this.desynced = false;
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

  /** The peers among `agreeing` (their hash is ours, and ours the majority's) found odd before `frame`: back in agreement. */
  private agreeAgain(frame: number, agreeing: readonly { readonly peer: PeerId }[]): Verdict[] {
    return agreeing.flatMap(({ peer }) => {
      const oddAt = this.odd.get(peer);
      if (oddAt === undefined || oddAt >= frame) return [];
      this.odd.delete(peer);
      return [{ kind: 'agrees-again' as const, frame, peer }];
    });
  }

  private judgeIfComplete(frame: number, live: readonly PeerId[]): Verdict[] {
    const pending = this.pending.get(frame);
    if (pending?.local === undefined || !live.every((peer) => pending.remote.has(peer))) return [];
    return this.judge(frame);
  }

  /** Judge `frame` with the hashes that came, and forget it (nothing to judge if a recovery withheld ours). */
  private judge(frame: number): Verdict[] {
    const pending = this.pending.get(frame) as Pending;
    this.pending.delete(frame);
    const local = pending.local;
    if (local === undefined) return [];
    const remote = [...pending.remote].map(([peer, checkpoint]) => ({ peer, ...checkpoint }));
    const counts = new Map<number, number>([[local.hash, 1]]);
    for (const { hash } of remote) counts.set(hash, (counts.get(hash) ?? 0) + 1);
    if (counts.size === 1) return this.agreeAgain(frame, remote);
    const evidence: CheckpointEvidence = { frame, local, remote };
    const voters = 1 + remote.length;
    const majority = [...counts].find(([, count]) => count * 2 > voters)?.[0];
    if (majority === local.hash) {
      const odd = remote.flatMap(({ peer, hash, sections }) => (hash === local.hash ? [] : [{ kind: 'odd' as const, frame, peer, sections: divergedSections(local.sections, sections), evidence }]));
      for (const { peer } of odd) this.odd.set(peer, frame);
      return [...this.agreeAgain(frame, remote.filter(({ hash }) => hash === local.hash)), ...odd];
    }
    this.desynced = true;
    const kind = majority === undefined ? 'desync' : 'outvoted';
    const other = remote.find(({ hash }) => hash === (majority ?? hash) && hash !== local.hash) as (typeof remote)[number];
    return [{ kind, frame, peer: other.peer, localHash: local.hash, remoteHash: other.hash, sections: divergedSections(local.sections, other.sections), evidence }];
  }
}
