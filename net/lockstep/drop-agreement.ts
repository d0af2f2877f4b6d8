/**
 * Agreement on the frame at which a departed peer leaves. Every survivor proposes "one past the
 * last frame for which I hold all its inputs"; the agreed frame is the maximum over the proposals
 * of every survivor, so it does not depend on the order in which proposals arrive, and the
 * survivor holding the most inputs relays them to the others (see lockstep.ts).
 */
import type { PeerId } from './transport';

/** The proposals for dropping one peer. */
export class DropAgreement {
  private readonly proposals = new Map<PeerId, number>();

  /** Record `from`'s proposal. Each survivor proposes once: a repeat changes nothing and returns false. */
  propose(from: PeerId, dropFrame: number): boolean {
    if (this.proposals.has(from)) return false;
    this.proposals.set(from, dropFrame);
    return true;
  }

  /** Whether `peer` has proposed. */
  hasProposal(peer: PeerId): boolean {
    return this.proposals.has(peer);
  }

  /** The agreed frame once every survivor has proposed, else undefined. */
  agreed(survivors: readonly PeerId[]): number | undefined {
    let max = -1;
    for (const peer of survivors) {
      const frame = this.proposals.get(peer);
      if (frame === undefined) return undefined;
      max = Math.max(max, frame);
    }
    return max < 0 ? undefined : max;
  }
}
