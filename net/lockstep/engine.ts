/**
 * The engine's parts, wired together. Each part owns its state and is the only code that changes
 * it:
 * - `peers` (peers.ts): each remote peer's liveness, pings and RTTs, acks;
 * - `inputs` (inputs.ts): every slot's inputs, the local input, the input log;
 * - `drops` (drops.ts): a pure reducer's state, replaced only by `dispatchDrop` (drop-effects.ts);
 * - `relays` (relays.ts): drop proposals held until our own evidence, relayers caught lying;
 * - `counters` (stats.ts), `book` (checkpoint-book.ts), `out` (outbound.ts);
 * - `snapshots` (snapshots.ts): recent checkpoint states, to answer snapshot requests;
 * - `recovery`: a resync in progress after this peer was outvoted, changed only by resync.ts;
 * - `sim`: the simulated state, frame and delay, changed only by advance.ts.
 * inbound.ts, outbound.ts and advance.ts are the shell that routes events between them.
 */
import { MAX_SLOTS } from '../protocol';
import { AwayPart } from './away-part';
import { CheckpointBook, type Verdict } from './checkpoint-book';
import { createDropsState, type DropsState } from './drops';
import { voteDelay } from './delay-choice';
import { type Correction, type DesyncEvidence, type LockstepConfig, type LockstepEvent, type LockstepOptions, type LockstepStats } from './engine-types';
import type { Game, Input } from './game';
import { Inputs } from './inputs';
import { Outbound } from './outbound';
import { Peers } from './peers';
import { Relays } from './relays';
import { createRestore, type Restore } from './restore';
import { canResync, startResync, type Recovery } from './resync';
import { Snapshots } from './snapshots';
import { Counters } from './stats';
import type { PeerId, Transport } from './transport';

/** The simulation's cursor. Changed only by advance.ts. */
export interface SimCursor<State> {
  state: State;
  /** The next frame to simulate (= the number of frames simulated). */
  frame: number;
  /** The input delay (frames) in force for the current frame. */
  delay: number;
}

/** One frame run ahead of the confirmed ones (rollback only): how it was stepped, and the result. */
export interface PredictedStep<State> {
  /** The inputs it was stepped with (guesses where not held). */
  readonly inputs: Input[];
  /** The slots whose leave was applied just before it. */
  readonly leaves: number[];
  readonly state: State;
}

/** One engine: its fixed config and its parts (see the list above). */
export interface Engine<State> {
  readonly game: Game<State, unknown>;
  readonly transport: Transport;
  readonly self: PeerId;
  readonly options: LockstepOptions;
  readonly slotOwners: readonly PeerId[];
  readonly peers: Peers;
  readonly inputs: Inputs;
  /** Replaced only by `dispatchDrop`. */
  drops: DropsState;
  readonly relays: Relays;
  readonly counters: Counters;
  readonly book: CheckpointBook;
  readonly out: Outbound;
  /** For the caller, drained by `drainEvents`: every part's effects end up here. */
  readonly events: LockstepEvent[];
  readonly sim: SimCursor<State>;
  /**
   * Rollback only (always empty in lockstep): the frames run past `sim.frame`, in order. Changed
   * only by rollback.ts.
   */
  readonly predicted: PredictedStep<State>[];
  /** The first checkpoint that did not agree (a fatal one replaces an odd one). Set only by `reportVerdicts`. */
  desync: DesyncEvidence<State> | null;
  readonly snapshots: Snapshots<State>;
  /** Set while this peer, outvoted, loads the majority's state (resync.ts). */
  recovery: Recovery | null;
  /**
   * The last state loaded (resync.ts): its checkpoint frame, and the frames simulated again from
   * it, until the next `advance` reports them as a correction.
   */
  resynced: { readonly frame: number; correction: Correction<State> | undefined } | null;
  /** Away and back: see away-part.ts (changed by away-effects.ts, and advance.ts saves states). */
  readonly away: AwayPart<State>;
  /** This page was reloaded and loads its state from the others (restore.ts); null for a page that started with the match. */
  readonly restore: Restore | null;
  /** Peers whose page the host said is gone while their slot is kept (page-gone.ts). */
  readonly gonePages: Set<PeerId>;
}

function validate(config: LockstepConfig<unknown, unknown>): void {
  const { slotOwners, localSlots, transport } = config;
  if (slotOwners.length < 1 || slotOwners.length > MAX_SLOTS) throw new Error(`need 1..${MAX_SLOTS} slots`);
  for (const slot of localSlots) {
    if (slotOwners[slot] !== transport.self) throw new Error(`local slot ${slot} is not owned by ${transport.self}`);
  }
}

/** Build the engine of a match at frame 0. Throws on an inconsistent config (programmer error). */
export function createEngine<State, Setup>(config: LockstepConfig<State, Setup>, options: LockstepOptions): Engine<State> {
  validate(config as LockstepConfig<unknown, unknown>);
  const { game, transport, slotOwners } = config;
  const peers = new Peers(slotOwners, transport.self);
  const counters = new Counters();
  return {
    game: game as Game<State, unknown>,
    transport,
    self: transport.self,
    options,
    slotOwners,
    peers,
    inputs: new Inputs(slotOwners, config.localSlots),
    drops: createDropsState(peers.ids(), slotOwners.length),
    relays: new Relays(),
    counters,
    book: new CheckpointBook(options.checkpointInterval),
    out: new Outbound(transport, counters),
    events: [],
    sim: { state: game.initialState(config.setup), frame: 0, delay: options.initialDelay },
    predicted: [],
    desync: null,
    snapshots: new Snapshots<State>(),
    recovery: null,
    resynced: null,
    away: new AwayPart(),
    restore: config.restore === true ? createRestore() : null,
    gonePages: new Set(),
  };
}

/** This peer's delay vote: the limit its links' RTT, jitter and loss allow (delay-choice.ts), bounded. */
export function desiredDelay(e: Engine<unknown>): number {
  const { adaptDelay, initialDelay, minDelay, maxDelay, delayMarginMs } = e.options;
  if (!adaptDelay) return initialDelay;
  const vote = voteDelay(e.peers.figures(e.drops.live), e.sim.delay, delayMarginMs);
  if (vote === undefined) return e.sim.delay;
  return Math.min(maxDelay, Math.max(minDelay, vote));
}

/** The public stats, from every part's figures. */
export function engineStats(e: Engine<unknown>): LockstepStats {
  return e.counters.snapshot({ delay: e.sim.delay, rtts: e.peers.rtts(), lastCheckpoint: e.book.last(), predictionDepth: e.predicted.length });
}

/** The next frame to present: past the confirmed ones by the predicted frames (rollback). */
export function currentFrame(e: Engine<unknown>): number {
  return e.sim.frame + e.predicted.length;
}

/** Tell every live peer that this one leaves the match (reliable). */
export function leaveMatch(e: Engine<unknown>): void {
  e.out.broadcast(e.drops.live, { kind: 'leave', frame: e.sim.frame }, 'reliable');
}

/**
 * Report checkpoint verdicts (checkpoint-book.ts). The majority plays on with an odd one out: its
 * inputs are still its inputs, and dropping it on our word alone would stall the others, who may
 * have seen it agree. An outvoted peer is the broken one: it loads the majority's state
 * (resync.ts), or, if the game cannot encode states, leaves (its own word about itself), which
 * every other peer takes as evidence and drops it on. Verdicts that come while it recovers are on
 * checkpoints the recovery forgets. An odd one out that agrees again later (it loaded the
 * majority's state) is reported too (`peer-resynced`), so the page can say so.
 */
export function reportVerdicts(e: Engine<unknown>, verdicts: readonly Verdict[]): void {
  for (const verdict of verdicts) {
    if (e.recovery !== null) return;
    if (verdict.kind === 'agrees-again') {
      e.events.push({ type: 'peer-resynced', peer: verdict.peer, frame: verdict.frame });
      continue;
    }
    keepEvidence(e, verdict);
    const { frame, peer, sections } = verdict;
    if (verdict.kind === 'odd') {
      e.events.push({ type: 'peer-desynced', peer, frame, sections });
      continue;
    }
    const { kind, localHash, remoteHash } = verdict;
    const recovering = kind === 'outvoted' && canResync(e, frame);
    e.events.push({ type: 'desync', frame, peer, localHash, remoteHash, outvoted: kind === 'outvoted', recovering, sections });
    if (recovering) startResync(e, verdict);
    else if (kind === 'outvoted') leaveMatch(e);
  }
}

/** Keep the first verdict's evidence, or the first fatal one's over an odd one's. */
function keepEvidence(e: Engine<unknown>, verdict: Exclude<Verdict, { kind: 'agrees-again' }>): void {
  if (e.desync !== null && (e.desync.kind !== 'odd' || verdict.kind === 'odd')) return;
  const { frame, local, remote } = verdict.evidence;
  e.desync = { kind: verdict.kind, frame, peer: verdict.peer, diverged: verdict.sections, state: local.state, hash: local.hash, sections: local.sections, remote };
}
