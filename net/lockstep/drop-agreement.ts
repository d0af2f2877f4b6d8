/**
 * Agreement on the frame at which a departed peer leaves. Every survivor proposes "one past the
 * last frame for which I hold all its inputs"; the agreed frame is the maximum over the proposals
 * of every survivor, so it does not depend on the order in which proposals arrive, and the
 * survivor holding the most inputs relays them to the others (see drops.ts).
 *
 * The rule is written twice over one representation: pure functions on a read-only map (what the
 * drops reducer uses) and a small mutable class over them (for callers that keep one agreement).
 */
import type { PeerId } from './transport';

/** Survivor -> the drop frame it proposed. */
export type Proposals = ReadonlyMap<PeerId, number>;

/** `proposals` with `from`'s proposal added, or null if `from` already proposed (each proposes once). */
export function withProposal(proposals: Proposals, from: PeerId, dropFrame: number): Proposals | null {
  if (proposals.has(from)) return null;
  return new Map(proposals).set(from, dropFrame);
}

/**
 * The agreed frame once every survivor has proposed, else undefined. A proposal of `abstain` or
 * less never raises the maximum (away.ts: a peer that sits out proposes 0), and an agreement of
 * such proposals alone is none.
 */
export function agreedFrame(proposals: Proposals, survivors: readonly PeerId[], abstain = -1): number | undefined {
  let max = -1;
  for (const peer of survivors) {
    const frame = proposals.get(peer);
    if (frame === undefined) return undefined;
    max = Math.max(max, frame);
  }
  return max <= abstain ? undefined : max;
}

/** The proposals for dropping one peer. */
export class DropAgreement {
  private proposals: Proposals = new Map();

  /** Record `from`'s proposal. Each survivor proposes once: a repeat changes nothing and returns false. */
  propose(from: PeerId, dropFrame: number): boolean {
    const next = withProposal(this.proposals, from, dropFrame);
    if (next === null) return false;
    this.proposals = next;
    return true;
  }

  /** Whether `peer` has proposed. */
  hasProposal(peer: PeerId): boolean {
    return this.proposals.has(peer);
  }

  /** The agreed frame once every survivor has proposed, else undefined. */
  agreed(survivors: readonly PeerId[]): number | undefined {
    return agreedFrame(this.proposals, survivors);
  }
}
