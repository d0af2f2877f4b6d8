/**
 * Scheduling the local input, stepping frames, checkpoints and the agreed delay: the only code
 * that changes the simulation cursor (`Engine.sim`). The algorithm is in lockstep.ts.
 */
import * as wire from '../protocol';
import { fillAbsent, sittingOut } from './away-effects';
import { currentFrame, desiredDelay, reportVerdicts, type Engine, type PredictedStep } from './engine';
import type { AdvanceResult } from './engine-types';
import type { Input } from './game';
import { assertInvariant, requireInvariant } from './invariant';
import { takeResyncCorrection } from './resync';

// A local copy: transpiled test runs read imported bindings through getters, in hot loops.
const { DELAY_VOTE_INTERVAL } = wire;

/**
 * Schedule the local slots' current inputs up to frame() + delay (frame() counts predicted frames),
 * none while this peer is away; then hold 0 for the away peers' slots as far (away-effects.ts).
 */
export function scheduleLocal(e: Engine<unknown>): void {
  const until = currentFrame(e) + e.sim.delay;
  // Most polls have nothing to schedule: no closure for them.
  if (e.inputs.nextLocalFrame <= until && !sittingOut(e)) e.inputs.scheduleUpTo(until, () => desiredDelay(e));
  if (e.drops.absent.size > 0) fillAbsent(e);
}

/** Step one frame if every playing slot's input for it is held, else report who is waited on. */
export function advance<State>(e: Engine<State>): AdvanceResult<State> {
  scheduleLocal(e as Engine<unknown>);
  const f = e.sim.frame;
  requireInvariant(e.inputs.nextLocalFrame > f, 'local input scheduled for the frame to simulate');
  const gathered = e.inputs.gather(f, e.drops.leaveFrame);
  // A resync since the last advance simulated frames again: the caller sees them as a rollback's.
  const corrected = takeResyncCorrection(e);
  if (!gathered.ok) {
    e.counters.stalled();
    const stalled = { kind: 'stalled', frame: f, waitingFor: gathered.waitingFor } as const;
    return corrected ? { ...stalled, corrected } : stalled;
  }
  confirmFrame(e, f, gathered.inputs);
  const advanced = { kind: 'advanced', frame: f, state: e.sim.state, inputs: gathered.inputs } as const;
  return corrected ? { ...advanced, corrected } : advanced;
}

/**
 * Confirm frame `f` on its real inputs: apply the leaves agreed for it and step it, or adopt
 * `predicted`, the state a prediction already stepped from the same state with the very same
 * inputs and leaves (rollback.ts). Then checkpoint and adapt the delay, on confirmed frames only.
 */
export function confirmFrame<State>(e: Engine<State>, f: number, inputs: Input[], predicted?: PredictedStep<State>): void {
  const { leaveFrame } = e.drops;
  for (let slot = 0; slot < leaveFrame.length; slot++) {
    if (leaveFrame[slot] !== f) continue;
    if (!predicted) e.sim.state = e.game.leave(e.sim.state, slot);
    e.inputs.recordLeave(f, slot);
  }
  e.sim.state = predicted ? predicted.state : e.game.step(e.sim.state, inputs);
  e.inputs.recordStep(f, inputs);
  e.sim.frame = f + 1;
  if (e.sim.frame % e.options.checkpointInterval === 0) checkpoint(e as Engine<unknown>);
  if (f % DELAY_VOTE_INTERVAL === 0) adaptDelay(e as Engine<unknown>, f);
  e.away.save({ frame: e.sim.frame, state: e.sim.state, delay: e.sim.delay });
}

/**
 * Hash the state just simulated, compare it with the peers' and queue ours for them, and keep the
 * state for snapshot requests. In development, also check that no input of the frames since the
 * previous checkpoint changed. Withheld while recovering: the state is known to be wrong, and
 * resync.ts checkpoints these frames again once it has loaded the right one.
 */
export function checkpoint(e: Engine<unknown>): void {
  if (e.recovery !== null) return;
  const { frame } = e.sim;
  const list = e.book.all();
  const previous = list.length > 0 ? (list[list.length - 1] as readonly [number, number])[0] : 0;
  assertInvariant(frame > previous, () => `checkpoint of frame ${frame} after one of frame ${previous}`);
  e.inputs.assertUnchanged(previous, frame, e.drops.leaveFrame);
  const { state } = e.sim;
  const hash = e.game.hash(state);
  const sections = e.game.sections?.(state) ?? [];
  e.snapshots.keep(frame, state);
  reportVerdicts(e, e.book.addLocal(frame, { hash, sections, state }, e.drops.live));
  e.out.enqueue({ kind: 'checkpoint', frame, hash, sections: sections.map((section) => section.hash) }, 'reliable');
}

/** After vote frame `c`, every peer sets the same delay for the frames after it. */
function adaptDelay(e: Engine<unknown>, c: number): void {
  const vote = e.inputs.medianVote(c, e.drops.leaveFrame);
  if (vote === 0) return;
  const { minDelay, maxDelay } = e.options;
  const delay = Math.min(maxDelay, Math.max(minDelay, vote));
  assertInvariant(Number.isInteger(delay) && delay >= minDelay && delay <= maxDelay, () => `delay ${delay} is outside [${minDelay}, ${maxDelay}]`);
  if (delay !== e.sim.delay) {
    e.sim.delay = delay;
    e.events.push({ type: 'delay-changed', frame: c + 1, delay });
  }
}
