/**
 * Ricochet's rules as a pure, deterministic game: `initialState(setup)`, `step(state, inputs)`,
 * `leave(state, slot)` and `stateHash(state)`, plus `ricochetGame`, the same four bundled as the
 * lockstep engine's `Game`. Everything here is integer math over plain JSON state; see types.ts.
 */
import type { SimSetup, SimState } from './types';

export type { SimSetup, SimState, Tank, Shell, Maze, Phase, SimEvent } from './types';
export { INPUT, INPUT_MASK, inputOf } from './input';
export type { InputBit } from './input';
export * from './constants';

/** The state at frame 0: round 1's maze and spawns, all derived from `setup.seed`. */
export function initialState(_setup: SimSetup): SimState {
  throw new Error('game/sim: initialState not implemented yet');
}

/** Advance one frame. `inputs[slot]` is each slot's input bitmask (missing = 0). Pure: `state` is untouched. */
export function step(_state: SimState, _inputs: readonly number[]): SimState {
  throw new Error('game/sim: step not implemented yet');
}

/** Remove `slot` from the match at once: its tank disappears and it can no longer win. */
export function leave(_state: SimState, _slot: number): SimState {
  throw new Error('game/sim: leave not implemented yet');
}

/** A uint32 over a canonical integer encoding of every field of `state`. */
export function stateHash(_state: SimState): number {
  throw new Error('game/sim: stateHash not implemented yet');
}

/** The sim as the lockstep engine's `Game` (structurally; game/sim imports nothing from net/). */
export const ricochetGame = {
  initialState,
  step,
  leave,
  hash: stateHash,
};
