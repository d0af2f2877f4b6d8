/**
 * Ricochet's rules as a pure, deterministic game: `initialState(setup)`, `step(state, inputs)`,
 * `leave(state, slot)`, `stateHash(state)` and `sectionHashes(state)` (what part diverged),
 * `encodeState`/`decodeState` (a snapshot, to resync a page that diverged), plus
 * `ricochetGame`, the same bundled as the lockstep engine's `Game`. Everything here is integer math over plain JSON state; see types.ts.
 */
import { stateHash } from './hash';
import { sectionHashes } from './section-hash';
import { decodeState, encodeState } from './state-codec';
import { initialState } from './initial-state';
import { leave } from './leave';
import { step } from './step';
import type { SimSetup, SimState } from './types';

export type { SimSetup, SimState, Tank, Shell, Maze, Phase, SimEvent } from './types';
export { INPUT, INPUT_MASK, inputOf } from './input';
export type { InputBit } from './input';
export * from './constants';
export { generateMaze, MAZE_PRESETS, mazeSize, mazeSizeFor, mazeSizeProblem, openNeighbours, shortestPaths, wallSegments } from './maze';
export type { CellPaths, WallRect } from './maze';
export { initialState, step, leave, stateHash, sectionHashes, encodeState, decodeState };
export { SECTION_NAMES, sectionParts } from './section-hash';
// What bots, the view and the replay tools read of the rules.
export { angleDiff, atan2Int, isqrt, normAngle } from './fixed-point';
export { wallRectsNear } from './geometry';
export { randInt, seedRng } from './prng';
export { MAX_REPLAY_CHARS, MAX_REPLAY_FRAMES, parseReplay, parseReplayText, recordReplay, runReplay } from './replay';
export type { Replay, ReplayMismatch, ReplayV1, ReplayV2 } from './replay';
export type { ParsedReplay } from './replay-parse';
export { createStatsTally, emptyStats, replayStats } from './match-stats';
export type { PlayerStats, StatsTally } from './match-stats';
export { SHELL_WALL_MARGIN, fireShell, substep } from './shell';
export type { Motion } from './shell';

/**
 * The sim as the lockstep engine's `Game<SimState, SimSetup>` (matched structurally: game/sim
 * imports nothing from net/).
 */
export const ricochetGame: {
  initialState(setup: SimSetup): SimState;
  step(state: SimState, inputs: readonly number[]): SimState;
  leave(state: SimState, slot: number): SimState;
  hash(state: SimState): number;
  sections(state: SimState): { name: string; hash: number }[];
  encodeState(state: SimState): Uint8Array;
  decodeState(bytes: Uint8Array): SimState | null;
} = { initialState, step, leave, hash: stateHash, sections: sectionHashes, encodeState, decodeState };
