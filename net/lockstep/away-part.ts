/**
 * What the engine keeps for away and back (away.ts) beside the drops' state: whether this page
 * said it is away, the states of the last frames (a returning peer may have stepped a few frames
 * past the agreed away frame on inputs it already held, and steps back), each peer's last reported
 * frame (how far behind a returning peer is), when each peer went away, and away proposals about a
 * peer we still hear from, held until we have evidence of our own (as relays.ts holds drops').
 */
import type { InputRun } from '../protocol';
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

/**
 * Frames of states kept (10 s): more than a page can run past its away frame before it learns it.
 * A page cut off for a while hears the others' inputs (unreliable) again at once, but their away
 * proposals (reliable) only when the data channel retransmits, which backs off during a cut; in
 * between it catches up at 20 frames a tick on its own inputs. With 64 kept (about 1 s), a 2 s cut
 * on bad Wi-Fi left it unable to step back, and it left the match. States are immutable, so a kept
 * state costs only what differs from its neighbour.
 */
export const RECENT_FRAMES = 600;

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
  /**
   * The rejoin frame of our last absence: a proposal about us of an earlier frame belongs to that
   * absence (it came late, or was kept for its round) and must not start a new one.
   */
  rejoinedAt = -1;
  /** Our own inputs past our away frame, taken out when it was agreed, to put back past our rejoin frame. */
  sentAhead: InputRun[] = [];
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
