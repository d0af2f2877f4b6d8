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
 *   frame that is a multiple of DELAY_VOTE_INTERVAL carries its owner's vote (from its RTT p90).
 *   After simulating such a vote frame c, delay = clamp(max of the live slots' votes at c) for
 *   all frames > c. Everyone switches at the same frame because the votes are lockstep inputs.
 * - Every poll sends each peer one `inputs` packet: every local input it has not acknowledged
 *   (bounded by the redundancy window), plus this peer's acks (contiguous frontier) of every
 *   remote slot. Lost, duplicated and reordered packets therefore cost nothing but bytes.
 * - Frame f is simulated only when every live slot's input for f is held; otherwise `advance`
 *   reports a stall naming the owners of the missing inputs.
 * - Every `checkpointInterval` frames each peer sends hash(state) reliably; a mismatch with any
 *   peer raises `desync`.
 * - A peer silent for `dropAfterMs`, whose transport goes down, that says `leave`, or that another
 *   survivor proposes to drop, is dropped: see drops.ts.
 *
 * Invariants (asserted while running)
 * - frame() only grows by one per `advance`; no slot input is ever replaced once held.
 * - nextLocalFrame >= frame(): no frame is simulated before this peer scheduled its own input.
 * - A slot that left at frame D has input 0 for all frames >= D and `leave` was called once.
 */
import * as wire from '../protocol/engine-messages';
import type { AdvanceResult, LockstepConfig, LockstepEngine, LockstepOptions } from './engine-types';
import type { Input } from './game';
import { createSession, type Session } from './session';
import { handleTransportEvents, checkSilence } from './inbound';
import { sendOutbound } from './outbound';

// Local copies: transpiled test runs read imported bindings through getters, in hot loops.
const { DELAY_VOTE_INTERVAL, MAX_INPUT } = wire;

/** The defaults of every tunable. */
export const DEFAULT_LOCKSTEP_OPTIONS: LockstepOptions = {
  initialDelay: 3,
  minDelay: 1,
  maxDelay: 12,
  delayMarginMs: 20,
  adaptDelay: true,
  checkpointInterval: 30,
  // An outage under 3 s must be waited out. After a cut, the SCTP association under the data
  // channels can stay blocked until its backed-off retransmission timer fires, so the silence
  // seen end to end can exceed the cut by more than a second. A closed or crashed tab does not
  // wait for this: it says `leave`, or the host reports its page gone (peer-down at once).
  dropAfterMs: 5000,
  pingIntervalMs: 250,
  maxRedundantInputs: 64,
  maxFramesAhead: 240,
};

/** Throws if a state invariant is broken: a bug in the engine, never a network event. */
export function invariant(ok: boolean, message: string): asserts ok {
  if (!ok) throw new Error(`lockstep invariant broken: ${message}`);
}

/** Create an engine for one peer of a match. The caller drives it (see LockstepEngine). */
export function createLockstep<State, Setup>(config: LockstepConfig<State, Setup>): LockstepEngine<State> {
  const s = createSession(config, { ...DEFAULT_LOCKSTEP_OPTIONS, ...config.options });
  return {
    setLocalInput(slot, input) {
      if (!s.localSlots.includes(slot)) throw new Error(`slot ${slot} is not local`);
      if (!Number.isInteger(input) || input < 0 || input > MAX_INPUT) throw new RangeError(`input ${input} is not a 16-bit mask`);
      s.currentInput.set(slot, input);
    },
    poll(nowMs) {
      handleTransportEvents(s, nowMs);
      checkSilence(s, nowMs);
      scheduleLocal(s);
      sendOutbound(s, nowMs);
    },
    advance: () => advance(s),
    state: () => s.state,
    frame: () => s.frame,
    stats: () => s.stats(),
    drainEvents: () => s.events.splice(0),
    checkpoints: () => s.book.all(),
    inputLog: () => ({ inputs: s.log, leaves: s.leaves }),
    leave() {
      s.broadcast(s.livePeers(), { kind: 'leave', frame: s.frame }, 'reliable');
    },
  };
}

/** Schedule the local slots' current inputs up to frame() + delay. */
function scheduleLocal(s: Session<unknown>): void {
  const until = s.frame + s.delay;
  for (; s.nextLocalFrame <= until; s.nextLocalFrame++) {
    const frame = s.nextLocalFrame;
    const vote = frame % DELAY_VOTE_INTERVAL === 0 ? s.desiredDelay() : undefined;
    for (const slot of s.localSlots) s.buffers[slot]?.put(frame, s.currentInput.get(slot) ?? 0, vote);
  }
}

function advance<State>(s: Session<State>): AdvanceResult<State> {
  scheduleLocal(s);
  const f = s.frame;
  invariant(s.nextLocalFrame > f, 'local input scheduled for the frame to simulate');
  const waiting = new Set<string>();
  const inputs: Input[] = s.slotOwners.map((owner, slot) => {
    const leaveFrame = s.leaveFrame[slot];
    if (leaveFrame !== undefined && f >= leaveFrame) return 0;
    const buffer = s.buffers[slot];
    if (buffer?.has(f)) return buffer.get(f);
    waiting.add(owner);
    return 0;
  });
  if (waiting.size > 0) {
    s.stalls += 1;
    return { kind: 'stalled', frame: f, waitingFor: [...waiting] };
  }
  for (let slot = 0; slot < s.slotOwners.length; slot++) {
    if (s.leaveFrame[slot] === f) {
      s.state = s.game.leave(s.state, slot);
      s.leaves.push([f, slot]);
    }
  }
  s.state = s.game.step(s.state, inputs);
  s.log.push(inputs);
  s.frame = f + 1;
  if (s.frame % s.options.checkpointInterval === 0) s.checkpoint();
  if (f % DELAY_VOTE_INTERVAL === 0) adaptDelay(s, f);
  return { kind: 'advanced', frame: f, state: s.state, inputs };
}

/** After vote frame `c`, every peer sets the same delay for the frames after it. */
function adaptDelay(s: Session<unknown>, c: number): void {
  let vote = 0;
  s.slotOwners.forEach((_owner, slot) => {
    const leaveFrame = s.leaveFrame[slot];
    if (leaveFrame !== undefined && c >= leaveFrame) return;
    vote = Math.max(vote, s.buffers[slot]?.vote(c) ?? 0);
  });
  if (vote === 0) return;
  const delay = Math.min(s.options.maxDelay, Math.max(s.options.minDelay, vote));
  if (delay !== s.delay) {
    s.delay = delay;
    s.events.push({ type: 'delay-changed', frame: c + 1, delay });
  }
}
