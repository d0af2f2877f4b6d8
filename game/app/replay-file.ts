/**
 * The replay file a match leaves behind (the format is the sim's, `game/sim/replay.ts`): the setup,
 * every frame's inputs, the leaves and the checkpoint hashes. `npm run sim -- --replay FILE`
 * re-runs it headless and checks every checkpoint.
 */
import type { InputLog } from '../../net/lockstep';
import type { Replay } from '../sim';
import type { SimSetup } from '../sim';

/** Replay file, version 1 (the sim's format). */
export type ReplayFile = Replay;

/** Builds the replay JSON from what the engine recorded. */
export function buildReplay(setup: SimSetup, log: InputLog, checkpoints: readonly (readonly [number, number])[]): ReplayFile {
  return {
    version: 1,
    setup: structuredClone(setup),
    inputs: log.inputs.map((frame) => [...frame]),
    leaves: log.leaves.map(([frame, slot]) => [frame, slot]),
    checkpoints: checkpoints.map(([frame, hash]) => [frame, hash]),
  };
}
