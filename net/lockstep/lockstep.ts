/**
 * The lockstep engine. Game-agnostic: it knows a `Game` and a `Transport`, owns no timer and reads
 * no clock (the caller passes `nowMs`).
 *
 * Algorithm
 * - Frames run at a fixed 60 Hz. Before simulating frame f, each peer schedules its local slots'
 *   current input for every frame up to f + delay(f) (the "next local frame" only moves forward).
 *   Growing the delay schedules several frames at once with the same input (the gap is filled
 *   with repeats); shrinking it schedules nothing until f + delay catches up (the overlap is
 *   dropped). So each slot has exactly one input per frame, whatever the delay does.
 * - delay(f) is derived from data every peer holds identically before frame f: each input of a
 *   frame that is a multiple of DELAY_VOTE_INTERVAL carries its owner's vote (delay-choice.ts).
 *   After simulating such a vote frame c, delay = clamp(median of the live peers' votes at c) for
 *   all frames > c. Everyone switches at the same frame because the votes are lockstep inputs.
 * - Every poll sends each peer one `inputs` packet: every local input it has not acknowledged
 *   (bounded by the redundancy window), plus this peer's acks (contiguous frontier) of every
 *   remote slot. Lost, duplicated and reordered packets therefore cost nothing but bytes.
 * - Frame f is simulated only when every live slot's input for f is held; otherwise `advance`
 *   reports a stall naming the owners of the missing inputs.
 * - Every `checkpointInterval` frames each peer sends hash(state) reliably. Hashes are judged by
 *   majority (checkpoint-book.ts): an odd one out is reported (`peer-desynced`) and the majority
 *   plays on; the odd peer itself raises `desync` and loads the majority's state (resync.ts), or
 *   leaves if the game cannot encode states; with no majority, `desync` everywhere.
 * - A peer that says `away`, or is silent for `awayAfterMs` while we hear a majority, is away at
 *   an agreed frame (its inputs are 0) and rejoins at an agreed frame when heard again: see
 *   away.ts. A peer silent for `dropAfterMs` (counted only while this engine listened: time
 *   beyond LISTEN_GAP_MS between two polls, a frozen or hidden tab, is not the peer's silence),
 *   whose transport goes down, or that says `leave` is dropped for good: see drops.ts. Another
 *   survivor's proposal alone drops no one (relays.ts).
 *
 * Invariants (asserted in development builds, see invariant.ts; the two marked * in every build)
 * - The frame only grows, by one per advanced frame; the input log has one row per simulated frame.
 * - * nextLocalFrame > frame(): no frame is simulated before this peer scheduled its own input.
 * - Each local slot holds exactly one input for every scheduled frame, whatever the delay does.
 * - The frame never passes the slowest input: frame f is stepped only when every playing slot
 *   holds all its inputs up to f.
 * - A held input never changes: at each checkpoint, the inputs of every frame simulated since the
 *   previous one still match the buffers.
 * - Checkpoints are only of simulated frames, in increasing order.
 * - The agreed delay is a whole number of frames within [minDelay, maxDelay].
 * - A peer's status only moves forward (live -> dropping -> dropped): a dropped peer stays dropped,
 *   and a drop is agreed once.
 * - * An agreed drop frame is never before the next frame to simulate, and a slot's leave frame is
 *   set once.
 * - A slot that left at frame D has input 0 for all frames >= D (checked with the held inputs)
 *   and `leave` was called for it once.
 */
import { advance, scheduleLocal } from './advance';
import { createEngine, type Engine, currentFrame, engineStats, leaveMatch } from './engine';
import type { LockstepConfig, LockstepEngine, LockstepOptions } from './engine-types';
import { checkSilence, goAway, lag, settleAbsences, sittingOut } from './away-effects';
import { handleTransportEvents } from './inbound';
import { sendOutbound } from './outbound';
import { onPageGone } from './page-gone';
import { pageShown, pollRestore } from './restore';
import { pollResync } from './resync';
import { advanceRollback, presentState } from './rollback';

/** The longest gap between two polls that still counts as listening (a hidden tab polls about once a second). */
export const LISTEN_GAP_MS = 250;

/** The defaults of every tunable. */
export const DEFAULT_LOCKSTEP_OPTIONS: LockstepOptions = {
  initialDelay: 3,
  minDelay: 1,
  maxDelay: 12,
  delayMarginMs: 0,
  adaptDelay: true,
  checkpointInterval: 30,
  // A second of silence is far beyond a LAN's jitter, and short enough that the others barely
  // notice a phone that locked.
  awayAfterMs: 1000,
  // Only with silence-based away turned off (awayAfterMs Infinity): the drop of a silent live peer.
  liveDropAfterMs: 5000,
  // Away for 2 minutes is gone: its slot stops being kept for it. A closed or crashed tab does not
  // wait for this: it says `leave`, or the host reports its page gone (peer-down at once).
  dropAfterMs: 120_000,
  pingIntervalMs: 250,
  maxRedundantInputs: 64,
  maxFramesAhead: 240,
  predictionFrames: 0,
};

/**
 * Rollback's defaults, chosen by measurement (README, "Rollback"; test/simnet/rollback-figures.ts):
 * 1 frame of input delay, the least the engine schedules (a local input shows on the next frame),
 * fixed: the window, not the delay, covers the round trip. A window of 12 frames (200 ms): with 8,
 * 4 peers stalled 3 times in 10,000 frames over bad-wifi and once over lossy; with 12, never. A
 * 2-frame delay would halve the rollbacks on lan and wifi but double the local latency.
 */
export const ROLLBACK_OPTIONS: Partial<LockstepOptions> = { predictionFrames: 12, initialDelay: 1, adaptDelay: false };

/** Create an engine for one peer of a match. The caller drives it (see LockstepEngine). */
export function createLockstep<State, Setup>(config: LockstepConfig<State, Setup>): LockstepEngine<State> {
  const e = createEngine(config, { ...DEFAULT_LOCKSTEP_OPTIONS, ...config.options });
  // A reloaded page sends nothing until it has a state (restore.ts), and is away meanwhile.
  if (e.restore !== null) e.away.hidden = true;
  return {
    setLocalInput: (slot, input) => e.inputs.setLocal(slot, input),
    poll(nowMs) {
      e.peers.listened(nowMs, LISTEN_GAP_MS);
      handleTransportEvents(e, nowMs);
      settleAbsences(e as Engine<unknown>, nowMs);
      checkSilence(e as Engine<unknown>, nowMs);
      pollResync(e, nowMs);
      pollRestore(e as Engine<unknown>, nowMs);
      scheduleLocal(e);
      if (!e.away.hidden) sendOutbound(e, nowMs);
    },
    advance: () => {
      if (sittingOut(e as Engine<unknown>)) return { kind: 'stalled', frame: currentFrame(e as Engine<unknown>), waitingFor: [] };
      return e.options.predictionFrames > 0 ? advanceRollback(e) : advance(e);
    },
    state: () => presentState(e),
    frame: () => currentFrame(e as Engine<unknown>),
    confirmedFrame: () => e.sim.frame,
    scheduledUntil: () => e.inputs.nextLocalFrame,
    stats: () => engineStats(e),
    drainEvents: () => e.events.splice(0),
    checkpoints: () => e.book.all(),
    inputLog: () => e.inputs.inputLog(),
    desync: () => e.desync,
    leave: () => leaveMatch(e),
    // A reloaded page still loading its state has nothing to say yet: it only notes whether it is shown (restore.ts).
    away: () => void (pageShown(e as Engine<unknown>, false) || goAway(e as Engine<unknown>)),
    back: () => void (pageShown(e as Engine<unknown>, true) || (e.away.hidden = false)),
    pageGone: (peer, nowMs) => onPageGone(e as Engine<unknown>, peer, nowMs),
    role: () => (sittingOut(e as Engine<unknown>) ? 'away' : 'player'),
    lag: () => lag(e as Engine<unknown>),
    checkpointState: () => e.snapshots.newest(),
  };
}
