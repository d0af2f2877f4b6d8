/**
 * What the engine keeps for away and back (away.ts) beside the drops' state: whether this page
 * said it is away, the states of the last frames (a returning peer may have stepped a few frames
 * past the agreed away frame on inputs it already held, and steps back), each peer's last reported
 * frame (how far behind a returning peer is), when each peer went away, and away proposals about a
 * peer we still hear from, held until we have evidence of our own (as relays.ts holds drops').
 */
import type { DropsState } from './drops';
import { HeldProposals } from './relays';
import type { PeerId } from './transport';

/**
 * Whether this page abstains in the others' absences and follows their drops (away.ts, drops.ts):
 * it said `away` or is hidden, or some peer proposes that it is away.
 */
export function abstaining(away: AwayPart<unknown>, drops: DropsState): boolean {
  return away.announced || away.hidden || (drops.selfAway?.away.size ?? 0) > 0;
}

/** Frames of states kept: more than a peer can run past an away frame (the largest delay, and then some). */
export const RECENT_FRAMES = 64;

/** The state before frame `frame` and the delay in force for it. */
export interface SavedFrame<State> {
  readonly frame: number;
  readonly state: State;
  readonly delay: number;
}

/** The engine's away bookkeeping. */
export class AwayPart<State> {
  /** This page said `away` and is not back yet: it schedules and steps nothing (away-effects.ts). */
  announced = false;
  /** This page is hidden (`away()` until `back()`): it sends nothing either. */
  hidden = false;
  /** Since when (ms) some peers propose that we are away while the others do not (away-effects.ts). */
  proposedSince: number | undefined = undefined;
  /** Since when (ms) we have heard a majority of the players without a break (away-effects.ts). */
  quorumSince: number | undefined = undefined;
  private readonly recent: SavedFrame<State>[] = [];
  /** Peer -> the frame its last inputs packet said it was at. */
  readonly reported = new Map<PeerId, number>();
  /** Peer -> when (ms) it last went away for us: messages sent before that may still arrive. */
  readonly wentAt = new Map<PeerId, number>();
  /** Away proposals about a peer still live for us (see `held.hold` / `held.release`). */
  readonly held = new HeldProposals();

  /** Keep the state before `frame` (states are immutable: a reference is a copy). */
  save(saved: SavedFrame<State>): void {
    this.recent.push(saved);
    if (this.recent.length > RECENT_FRAMES) this.recent.shift();
  }

  /** The kept state before `frame`, if it is recent enough; forgets the ones after it. */
  takeBack(frame: number): SavedFrame<State> | undefined {
    const index = this.recent.findIndex((saved) => saved.frame === frame);
    if (index < 0) return undefined;
    this.recent.length = index + 1;
    return this.recent[index];
  }
}
