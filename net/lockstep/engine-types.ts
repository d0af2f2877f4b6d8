/**
 * The public types of the lockstep engine (`createLockstep` in lockstep.ts). The engine owns no
 * timer and reads no clock: the caller passes `nowMs` (any monotonic millisecond clock, e.g.
 * `performance.now()`) and decides when to poll and advance.
 */
import type { Game, GameSection, Input } from './game';
import type { PeerId, Transport } from './transport';

/** Milliseconds per frame: the simulation runs at a fixed 60 Hz. */
export const FRAME_MS = 1000 / 60;

/** Tunables; every field has a default (see DEFAULT_LOCKSTEP_OPTIONS). */
export interface LockstepOptions {
  /** Input delay (frames) used until the first agreed adaptation. */
  readonly initialDelay: number;
  /** Bounds of the adaptive delay, in frames. */
  readonly minDelay: number;
  readonly maxDelay: number;
  /** Added to the measured one-way reach when choosing a delay (delay-choice.ts); 0 by default, as jitter and phase are measured and covered there. */
  readonly delayMarginMs: number;
  /** Set false to keep `initialDelay` for the whole match. */
  readonly adaptDelay: boolean;
  /** A state-hash checkpoint is exchanged every this many frames. */
  readonly checkpointInterval: number;
  /**
   * A peer silent for longer than this (default 1 s) is away (away.ts): its tank stands still and
   * the others play on, if they still hear a quorum of the players; it rejoins when it is heard
   * again. Infinity turns this off: only a page's own `away` (it hid) makes it away, and a silent
   * live peer is dropped after `liveDropAfterMs`.
   */
  readonly awayAfterMs: number;
  /** With silence-based away off (awayAfterMs Infinity): a live (not away) peer silent this long is dropped for good. */
  readonly liveDropAfterMs: number;
  /**
   * A peer silent for longer than this, away or not, is dropped for good (default 2 minutes). A
   * page that closes or crashes is not waited for: it says `leave`, or its transport reports it
   * down, and the drop starts at once.
   */
  readonly dropAfterMs: number;
  /** Ping period per peer. */
  readonly pingIntervalMs: number;
  /** At most this many inputs per slot in one packet (the redundancy window). */
  readonly maxRedundantInputs: number;
  /** Inputs further ahead of the local frame than this are rejected as out of range. */
  readonly maxFramesAhead: number;
  /**
   * Rollback's prediction window: how many frames the engine may run past the last confirmed
   * frame, guessing the missing remote inputs (see rollback.ts). 0 is pure lockstep.
   */
  readonly predictionFrames: number;
}

/** What `createLockstep` needs. */
export interface LockstepConfig<State, Setup> {
  readonly game: Game<State, Setup>;
  readonly transport: Transport;
  readonly setup: Setup;
  /** The peer owning each slot, in slot order (every peer passes the same array). */
  readonly slotOwners: readonly PeerId[];
  /** The slots this peer feeds with `setLocalInput` (its player, and its bots). */
  readonly localSlots: readonly number[];
  readonly options?: Partial<LockstepOptions>;
  /**
   * This page lost its state (it was reloaded, or crashed and came back) and takes its slot back
   * in a running match: it starts with no frame, loads a snapshot the others agree on, catches up
   * and rejoins at an agreed frame (restore.ts). The others must have been told its page was gone
   * (`pageGone`). Its `role()` is 'away' until then.
   */
  readonly restore?: boolean;
}

/**
 * Frames re-simulated because a real input differed from its guess (rollback), or from a state
 * loaded after a desync (resync.ts). `states[i]` is the corrected state after frame `from + i`;
 * they end just before the frame `advance` reports.
 */
export interface Correction<State> {
  readonly from: number;
  readonly states: readonly State[];
  /**
   * The frames start from the majority's state, loaded after `from` frames (a resync): frames up
   * to `from` had gone astray too, and the caller may have counted them (the match statistics).
   */
  readonly loaded?: boolean;
}

/**
 * The result of `advance`: a stall is a normal outcome; keep the time and try again. With a
 * prediction window, `state` may rest on guessed inputs (`predicted`), and `corrected` lists the
 * frames this call re-simulated first (a stall can carry one too).
 */
export type AdvanceResult<State> =
  | {
      readonly kind: 'advanced';
      readonly frame: number;
      readonly state: State;
      readonly inputs: readonly Input[];
      readonly predicted?: boolean;
      readonly corrected?: Correction<State>;
    }
  | { readonly kind: 'stalled'; readonly frame: number; readonly waitingFor: readonly PeerId[]; readonly corrected?: Correction<State> };

/** Status of the newest checkpoint this peer computed. */
export type CheckpointStatus = 'pending' | 'agreed' | 'desync';

/** Counts of incoming messages that were dropped, by reason. None of them changed anything. */
export interface RejectedCounts {
  /** Not decodable (garbage, truncated, wrong version, out-of-range frames, a handshake message), or a pong claiming a hold longer than its round trip. */
  readonly invalid: number;
  /** Inputs for a slot the sender does not own, or from a peer not in the match. */
  readonly spoofed: number;
  /** Inputs only for frames already held. */
  readonly stale: number;
  /** Duplicate checkpoints, pongs for unknown pings, repeated proposals. */
  readonly duplicate: number;
  /** Anything from a peer that was dropped (it stays dropped). */
  readonly fromDropped: number;
}

/** Live figures for the net overlay and tests. */
export interface LockstepStats {
  /** The input delay (frames) in force for the current frame. */
  readonly delay: number;
  /** Smoothed RTT (EWMA, ms) per remote peer that answered a ping. */
  readonly rttByPeer: Readonly<Record<PeerId, number>>;
  /** p90 of the recent RTT samples per peer (ms). */
  readonly rttP90ByPeer: Readonly<Record<PeerId, number>>;
  /**
   * Centre (median) of the recent RTT samples per peer (ms). Samples are stamped on arrival and exclude the
   * time a ping waited to be answered (the pong's hold time), so they do not depend on the poll rate.
   */
  readonly rttMedianByPeer: Readonly<Record<PeerId, number>>;
  /** Jitter per peer (ms): the mean absolute deviation of the recent RTT samples. */
  readonly jitterByPeer: Readonly<Record<PeerId, number>>;
  /** Share (0..1) of the recent pings to each peer that got no pong. */
  readonly pingLossByPeer: Readonly<Record<PeerId, number>>;
  /** Calls to `advance` that stalled. */
  readonly stalls: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly packetsSent: number;
  readonly packetsReceived: number;
  readonly rejected: RejectedCounts;
  readonly lastCheckpoint: { readonly frame: number; readonly status: CheckpointStatus } | null;
  /** Rollback: corrections (a real input differed from its guess), and the frames they re-simulated. */
  readonly rollbacks: number;
  readonly rollbackFrames: number;
  /** Rollback: frames stepped on at least one guessed input. */
  readonly predictedFrames: number;
  /** Frames run past the last confirmed one right now (0 in lockstep). */
  readonly predictionDepth: number;
}

/** Things that happened, for the caller to show or record. Drained with `drainEvents`. */
export type LockstepEvent =
  /**
   * This peer's checkpoint at `frame` differs from `peer`'s, and no majority backs this peer's: no
   * majority at all (the match can't be trusted), or one against it (`outvoted`: this peer is the
   * broken one). An outvoted peer loads the majority's state if the game can encode states
   * (`recovering`; then `resynced` or `resync-failed` follows), else it has told the others it
   * leaves. `sections` names the game's sections that differ from `peer`'s (empty if the game has
   * none); `desync()` has the evidence.
   */
  | {
      readonly type: 'desync';
      readonly frame: number;
      readonly peer: PeerId;
      readonly localHash: number;
      readonly remoteHash: number;
      readonly outvoted: boolean;
      readonly recovering: boolean;
      readonly sections: readonly string[];
    }
  /**
   * This peer, outvoted at checkpoint `frame`, loaded the majority's state there (`bytes` long,
   * from `from`, `ms` after the verdict), simulated again to the present, and plays on.
   */
  | { readonly type: 'resynced'; readonly frame: number; readonly from: PeerId; readonly bytes: number; readonly ms: number }
  /**
   * This page, reloaded (`restore`), loaded the state after `frame` frames, which `agreeing` of
   * the peers sent alike (`bytes` long, `ms` after it started asking); it catches up and rejoins.
   */
  | { readonly type: 'restored'; readonly frame: number; readonly agreeing: readonly PeerId[]; readonly bytes: number; readonly ms: number }
  /** This page, reloaded, could not load a state the others agree on (`reason`): it has told the others it leaves. */
  | { readonly type: 'restore-failed'; readonly reason: string }
  /** This peer, outvoted at checkpoint `frame`, could not load the majority's state (`reason`): it has told the others it leaves. */
  | { readonly type: 'resync-failed'; readonly frame: number; readonly reason: string }
  /**
   * A majority of the peers agrees on the checkpoint at `frame` and `peer` does not: its game went
   * astray, not ours, in `sections`. The match goes on; that peer, if honest, sees it is outvoted
   * and loads the majority's state (then `peer-resynced` follows) or leaves.
   */
  | { readonly type: 'peer-desynced'; readonly peer: PeerId; readonly frame: number; readonly sections: readonly string[] }
  /**
   * `peer`, reported `peer-desynced` before, agrees with this peer and the majority again at the
   * checkpoint `frame`: it loaded the majority's state (or stopped lying) and plays on with us.
   */
  | { readonly type: 'peer-resynced'; readonly peer: PeerId; readonly frame: number }
  | { readonly type: 'peer-dropped'; readonly peer: PeerId; readonly slots: readonly number[]; readonly frame: number }
  /** A drop of `peer` started (it went silent or its connection went down); the match may stall until agreed. */
  | { readonly type: 'peer-dropping'; readonly peer: PeerId; readonly reason: string }
  /** `peer` went silent or said it goes away: an away agreement started (the match may stall until agreed). */
  | { readonly type: 'peer-going-away'; readonly peer: PeerId; readonly reason: string }
  /** `peer`'s slots play input 0 from `frame` on, until it is back (`peer` may be this peer). */
  | { readonly type: 'peer-away'; readonly peer: PeerId; readonly slots: readonly number[]; readonly frame: number }
  /** `peer`'s slots play its own inputs again from `frame` on (`peer` may be this peer). */
  | { readonly type: 'peer-back'; readonly peer: PeerId; readonly slots: readonly number[]; readonly frame: number }
  /** The other peers dropped this one (e.g. after a long outage): this peer can no longer play. */
  | { readonly type: 'self-dropped'; readonly by: PeerId }
  | { readonly type: 'delay-changed'; readonly frame: number; readonly delay: number }
  /**
   * A peer sent what only a lie explains (e.g. relayed inputs that differ from their owner's): its
   * relays are ignored from now on. The match goes on.
   */
  | { readonly type: 'peer-misbehaved'; readonly peer: PeerId; readonly reason: string }
  /** Two survivors settled on different drop frames: a bug or a double failure; a desync will follow. */
  | { readonly type: 'drop-disagreement'; readonly peer: PeerId; readonly localFrame: number; readonly remoteFrame: number; readonly from: PeerId };

/**
 * What this peer knows of the first checkpoint that did not agree (a fatal one if any): enough for
 * a desync report. `kind` is the verdict: `odd` (another peer left the majority), `outvoted` or
 * `desync` (see the `desync` event).
 */
export interface DesyncEvidence<State> {
  readonly kind: 'odd' | 'outvoted' | 'desync';
  readonly frame: number;
  /** The peer whose checkpoint ours was compared with (the odd one, or one of the others). */
  readonly peer: PeerId;
  /** The sections of our state that differ from `peer`'s. */
  readonly diverged: readonly string[];
  /** This peer's state after `frame` frames, its hash and its sections. */
  readonly state: State;
  readonly hash: number;
  readonly sections: readonly GameSection[];
  /** Every other peer's checkpoint at `frame`, as announced (section hashes in the same order). */
  readonly remote: readonly { readonly peer: PeerId; readonly hash: number; readonly sections: readonly number[] }[];
}

/** Everything a replay file needs from the engine (plus the setup and checkpoints). */
export interface InputLog {
  /** `inputs[f][slot]`: the input used at frame f, for every simulated frame. */
  readonly inputs: readonly (readonly Input[])[];
  /** `[frame, slot]`: the slot left just before frame `frame` was stepped. */
  readonly leaves: readonly (readonly [number, number])[];
}

/** The engine. The caller owns the loop: setLocalInput, poll, then advance as often as time allows. */
export interface LockstepEngine<State> {
  /** The input of a local slot for the next frame to schedule (kept until changed). */
  setLocalInput(slot: number, input: Input): void;
  /** Drain the transport, then send inputs (with redundancy and acks), pings, checkpoints, drops. */
  poll(nowMs: number): void;
  /** Step one frame if every live slot's input for it is known, else report who is waited on. */
  advance(nowMs: number): AdvanceResult<State>;
  /** The state after `frame()` frames (with a prediction window, perhaps on guessed inputs). */
  state(): State;
  /** The next frame to simulate (= the number of frames simulated, confirmed or predicted). */
  frame(): number;
  /** The next frame to confirm: every frame before it ran on real inputs (= frame() in lockstep). */
  confirmedFrame(): number;
  /**
   * One past the last frame whose local input is scheduled: it grows when a poll or an advance
   * takes the value last given to setLocalInput, so a caller knows when a value was used.
   */
  scheduledUntil(): number;
  stats(): LockstepStats;
  drainEvents(): LockstepEvent[];
  /** `[frame, hash]` of every checkpoint this peer computed, in order. */
  checkpoints(): readonly (readonly [number, number])[];
  inputLog(): InputLog;
  /** The first checkpoint that did not agree, with this peer's state at it; null while all agree. */
  desync(): DesyncEvidence<State> | null;
  /** Tell every peer this one leaves on purpose (reliable), e.g. on `pagehide`. */
  leave(nowMs: number): void;
  /**
   * The page hides or freezes: tell the others this peer goes away (reliable), so that they agree
   * its away frame at once and play on; it then sends and steps nothing until `back`.
   */
  away(nowMs: number): void;
  /** The page shows again: it is heard again, catches up and rejoins at a frame the others agree. */
  back(nowMs: number): void;
  /**
   * The host says `peer`'s page is gone (closed, reloaded, crashed) while its slot is kept for it:
   * it is away from an agreed frame, not dropped, and its page may come back with nothing and ask
   * for a snapshot (restore.ts). Dropped for good if it stays silent `dropAfterMs`.
   */
  pageGone(peer: PeerId, nowMs: number): void;
  /**
   * 'away' while this peer plays nothing (hidden, or away until its rejoin frame), else 'player';
   * 'spectator' for a spectator's engine (net/spectate), which plays no slot.
   */
  role(): 'player' | 'spectator' | 'away';
  /**
   * The newest checkpoint state this peer confirmed and kept (snapshots.ts), with its frame: what a
   * player sends a spectator that starts watching (net/spectate). Null before the first checkpoint.
   */
  checkpointState(): { readonly frame: number; readonly state: State } | null;
  /** Frames the furthest peer is ahead of this one (what a returning page has to catch up). */
  lag(): number;
}
