/**
 * Re-runs a replay file (as `window.ricochet.replay()` returns it) through the real sim in Node,
 * headless, and returns the hash of the state at each recorded checkpoint frame. This is what
 * `npm run sim -- --replay FILE` checks; done in-process here so the browser test compares the
 * page's hashes with the sim's own.
 */
import { initialState, leave, stateHash, step } from '../../game/sim/index';
import type { SimSetup } from '../../game/sim/types';

/** The replay JSON, version 1. */
export interface Replay {
  readonly version: number;
  readonly setup: SimSetup;
  readonly inputs: number[][];
  readonly leaves: [number, number][];
  readonly checkpoints: [number, number][];
}

/** `[frame, hash]` recomputed for every checkpoint frame of `replay`. */
export function recomputeCheckpoints(replay: Replay): [number, number][] {
  const wanted = new Set(replay.checkpoints.map(([frame]) => frame));
  const out: [number, number][] = [];
  let state = initialState(replay.setup);
  for (let frame = 0; frame <= replay.inputs.length; frame++) {
    if (wanted.has(frame)) out.push([frame, stateHash(state)]);
    if (frame === replay.inputs.length) break;
    for (const [at, slot] of replay.leaves) if (at === frame) state = leave(state, slot);
    state = step(state, replay.inputs[frame] ?? []);
  }
  return out;
}
