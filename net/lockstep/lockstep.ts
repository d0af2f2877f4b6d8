/**
 * The lockstep engine (implementation in progress: the API is final, see engine-types.ts).
 */
import type { LockstepConfig, LockstepEngine, LockstepOptions } from './engine-types';

/** The defaults of every tunable. */
export const DEFAULT_LOCKSTEP_OPTIONS: LockstepOptions = {
  initialDelay: 3,
  minDelay: 1,
  maxDelay: 12,
  delayMarginMs: 12,
  adaptDelay: true,
  checkpointInterval: 30,
  dropAfterMs: 3000,
  pingIntervalMs: 250,
  maxRedundantInputs: 64,
  maxFramesAhead: 240,
};

/** Create an engine for one peer of a match. The caller drives it (see LockstepEngine). */
export function createLockstep<State, Setup>(_config: LockstepConfig<State, Setup>): LockstepEngine<State> {
  throw new Error('createLockstep: not implemented yet');
}
