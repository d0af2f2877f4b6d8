/**
 * Rollback on top of lockstep, after GGPO and GGRS: with a prediction window W > 0 the engine does
 * not wait for every input. It may run up to W frames past the last confirmed frame.
 *
 * Algorithm (one `advance`)
 * 1. Schedule the local input for frame() + delay, as lockstep does: the delay stays (small), so
 *    a local input is seen after `delay` frames, and the peers rarely need to guess it.
 * 2. Correct: for each predicted frame, oldest first, guess its inputs again from what is held
 *    now (a held input, else the slot's last held input repeated, 0 once it left) and its leaves.
 *    At the first frame whose guess changed (a real input differed from the repeat, a leave was
 *    agreed), load the state before it and re-simulate up to the current frame. States are
 *    immutable (the game returns new ones), so "save" is keeping a reference and "load" is
 *    taking one back.
 * 3. Confirm: while the oldest predicted frame has every input held, it is confirmed. Its guess
 *    was just checked, so its state is adopted as is (no step): the confirmed cursor moves on,
 *    with the input log, checkpoints, hashes and delay votes, as in lockstep (advance.ts).
 * 4. Predict: if fewer than W frames are unconfirmed, step one more frame on guessed inputs;
 *    otherwise stall (the window is exhausted), naming the peers the oldest frame waits for.
 *
 * What rollback never touches: drops, leaves, checkpoints, hashes, relays and the replay log see
 * only confirmed frames, decided by the lockstep code from the same buffers and trust rules (a
 * guess is never sent, and a peer's word changes a guess only through the held inputs). An agreed
 * leave frame is never before the confirmed frame (drops.ts), so a leave that lands inside the
 * window is a changed guess like any other.
 *
 * Invariants (development builds): a confirmed frame's inputs and leaves are those it was stepped
 * with; the window never holds more than W frames.
 */
import { confirmFrame, scheduleLocal } from './advance';
import { currentFrame, type Engine, type PredictedStep } from './engine';
import type { AdvanceResult, Correction } from './engine-types';
import type { Input } from './game';
import { assertInvariant, requireInvariant } from './invariant';
import { takeResyncCorrection } from './resync';

/** `advance` with a prediction window (`options.predictionFrames` > 0). */
export function advanceRollback<State>(e: Engine<State>): AdvanceResult<State> {
  scheduleLocal(e as Engine<unknown>);
  const corrected = takeResyncCorrection(e, correct(e));
  confirmHeld(e);
  const f = currentFrame(e as Engine<unknown>);
  assertInvariant(e.predicted.length <= e.options.predictionFrames, () => `${e.predicted.length} frames predicted`);
  if (e.predicted.length >= e.options.predictionFrames) {
    e.counters.stalled();
    const gathered = e.inputs.gather(e.sim.frame, e.drops.leaveFrame);
    const waitingFor = gathered.ok ? [] : gathered.waitingFor;
    return corrected ? { kind: 'stalled', frame: f, waitingFor, corrected } : { kind: 'stalled', frame: f, waitingFor };
  }
  requireInvariant(e.inputs.nextLocalFrame > f, 'local input scheduled for the frame to simulate');
  const step = predictNext(e);
  const predicted = !e.inputs.guess(f, e.drops.leaveFrame, []);
  if (predicted) e.counters.predicted();
  confirmHeld(e);
  const result = { kind: 'advanced', frame: f, state: step.state, inputs: step.inputs, predicted } as const;
  return corrected ? { ...result, corrected } : result;
}

/** The state after the last frame run (predicted or confirmed). */
export function presentState<State>(e: Engine<State>): State {
  return e.predicted.length > 0 ? (e.predicted[e.predicted.length - 1] as PredictedStep<State>).state : e.sim.state;
}

/** Step the frame after the last one run, on the best guess of its inputs; keep it as predicted. */
function predictNext<State>(e: Engine<State>): PredictedStep<State> {
  const f = currentFrame(e as Engine<unknown>);
  const inputs: Input[] = new Array<Input>(e.slotOwners.length);
  e.inputs.guess(f, e.drops.leaveFrame, inputs);
  const leaves = leavesAt(e as Engine<unknown>, f);
  let state = presentState(e);
  for (const slot of leaves) state = e.game.leave(state, slot);
  const step = { inputs, leaves, state: e.game.step(state, inputs) };
  e.predicted.push(step);
  return step;
}

/** Re-simulate from the first predicted frame whose guess changed; what was re-simulated, if any. */
function correct<State>(e: Engine<State>): Correction<State> | undefined {
  const guess: Input[] = new Array<Input>(e.slotOwners.length);
  for (let i = 0; i < e.predicted.length; i++) {
    const f = e.sim.frame + i;
    const step = e.predicted[i] as PredictedStep<State>;
    e.inputs.guess(f, e.drops.leaveFrame, guess);
    if (!sameList(guess, step.inputs) || !sameList(leavesAt(e as Engine<unknown>, f), step.leaves)) return resimulate(e, i);
  }
  return undefined;
}

/** Drop the predicted frames from index `from` on and step them again: load, then re-simulate. */
export function resimulate<State>(e: Engine<State>, from: number): Correction<State> {
  const count = e.predicted.length;
  e.predicted.length = from;
  const states: State[] = [];
  while (e.predicted.length < count) states.push(predictNext(e).state);
  e.counters.rolledBack(count - from);
  return { from: e.sim.frame + from, states };
}

/** Confirm the oldest predicted frames while every input of theirs is held. */
function confirmHeld<State>(e: Engine<State>): void {
  while (e.predicted.length > 0) {
    const f = e.sim.frame;
    const gathered = e.inputs.gather(f, e.drops.leaveFrame);
    if (!gathered.ok) return;
    const step = e.predicted.shift() as PredictedStep<State>;
    assertInvariant(sameList(gathered.inputs, step.inputs), () => `frame ${f} confirmed with ${gathered.inputs.join()} but stepped with ${step.inputs.join()}`);
    confirmFrame(e, f, step.inputs, step);
  }
}

/** The slots agreed to leave just before frame `f`. */
function leavesAt(e: Engine<unknown>, f: number): number[] {
  const slots: number[] = [];
  e.drops.leaveFrame.forEach((frame, slot) => {
    if (frame === f) slots.push(slot);
  });
  return slots;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
