/**
 * Runs a match with a prediction window and measures what rollback promises, on the virtual clock:
 * - local latency: frames between a local input and the frame it first shows in, in wall-clock
 *   terms: the input delay plus how far the peer's frame lags behind its clock (after a stall);
 * - stalls: advances refused because the prediction window was full, per 1000 frames;
 * - rollbacks per second of play, and their mean length (frames re-simulated per rollback).
 */
import { ROLLBACK_OPTIONS } from '../../net/lockstep/lockstep';
import type { LockstepOptions } from '../../net/lockstep/engine-types';
import { runMatch, type MatchOutcome, type MatchPlan } from './run-match';

/** Averages over the peers that did not crash. */
export interface RollbackFigures {
  readonly meanLatencyFrames: number;
  readonly stallsPer1000: number;
  readonly rollbacksPerSecond: number;
  readonly meanRollbackFrames: number;
  /** Share of frames first stepped on at least one guessed input. */
  readonly predictedShare: number;
}

/** `plan` run with ROLLBACK_OPTIONS (and `plan.options` on top), with its figures. */
export function runRollbackMatch<State, Setup>(plan: MatchPlan<State, Setup>, options: Partial<LockstepOptions> = {}): { outcome: MatchOutcome<State>; figures: RollbackFigures } {
  let latency = 0;
  let ticks = 0;
  const outcome = runMatch({
    ...plan,
    options: { ...ROLLBACK_OPTIONS, ...plan.options, ...options },
    onTick(peer, engine, target) {
      plan.onTick?.(peer, engine, target);
      if (engine.frame() >= plan.frames) return;
      latency += engine.stats().delay + Math.max(0, target - engine.frame());
      ticks += 1;
    },
  });
  const stats = outcome.peers.filter((p) => !p.crashed).map((p) => p.engine.stats());
  const sum = (pick: (s: (typeof stats)[number]) => number): number => stats.reduce((a, s) => a + pick(s), 0) / stats.length;
  const rollbacks = sum((s) => s.rollbacks);
  return {
    outcome,
    figures: {
      meanLatencyFrames: latency / ticks,
      stallsPer1000: (sum((s) => s.stalls) * 1000) / plan.frames,
      rollbacksPerSecond: rollbacks / (plan.frames / 60),
      meanRollbackFrames: rollbacks === 0 ? 0 : sum((s) => s.rollbackFrames) / rollbacks,
      predictedShare: sum((s) => s.predictedFrames) / plan.frames,
    },
  };
}
