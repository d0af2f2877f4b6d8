/**
 * Replay files: everything needed to re-run a match exactly, and the hashes it must produce.
 * `inputs[f][slot]` is the input stepped at frame f; `leaves` holds `[frame, slot]`, the slot leaving
 * just before frame `frame` is stepped (as the lockstep engine calls `leave`); `checkpoints` holds
 * `[frame, hash]`, the `stateHash` of the state once `frame` frames have been stepped (frame 0 is
 * the initial state). Parsing a file never throws: a bad file is data, `{ ok: false, error }`
 * (replay-parse.ts). Version 2 adds the recording build's id and the players' colours.
 */
import { stateHash } from './hash';
import { initialState } from './initial-state';
import { leave } from './leave';
import { step } from './step';
import type { SimSetup, SimState } from './types';

export { parseReplay, parseReplayText, MAX_REPLAY_CHARS, MAX_REPLAY_FRAMES } from './replay-parse';

/** Replay file, version 1 (JSON): what the sim needs, nothing for display. */
export interface ReplayV1 {
  version: 1;
  setup: SimSetup;
  inputs: number[][];
  leaves: [number, number][];
  checkpoints: [number, number][];
}

/**
 * Replay file, version 2: version 1 plus what a viewer shows. `build` is the build id of the page
 * that recorded it (a different build may simulate differently, so a mismatch says which);
 * `colours[slot]` is each player's CSS colour (names are in `setup.players`).
 */
export interface ReplayV2 extends Omit<ReplayV1, 'version'> {
  version: 2;
  build: string;
  colours: string[];
}

/** A replay file of any version this build reads. */
export type Replay = ReplayV1 | ReplayV2;

/** A checkpoint whose hash differs (`actual` null: the replay never reached that frame). */
export interface ReplayMismatch {
  frame: number;
  expected: number;
  actual: number | null;
}

/** What re-running a replay found. */
export interface ReplayResult {
  ok: boolean;
  /** Checkpoints compared. */
  checked: number;
  mismatches: ReplayMismatch[];
  finalFrame: number;
  finalHash: number;
}

/**
 * Re-runs `replay` from its setup and compares every recorded checkpoint. `onState` sees every
 * state stepped (not the initial one), e.g. to tally match statistics from its events.
 */
export function runReplay(replay: Replay, onState?: (state: SimState) => void): ReplayResult {
  const expected = new Map(replay.checkpoints.map(([frame, hash]) => [frame, hash]));
  const mismatches: ReplayMismatch[] = [];
  const check = (s: SimState) => {
    const want = expected.get(s.frame);
    if (want === undefined) return;
    const got = stateHash(s);
    if (got !== want) mismatches.push({ frame: s.frame, expected: want, actual: got });
  };
  let state = initialState(replay.setup);
  check(state);
  for (let f = 0; f < replay.inputs.length; f++) {
    for (const [frame, slot] of replay.leaves) if (frame === f) state = leave(state, slot);
    state = step(state, replay.inputs[f] as number[]);
    onState?.(state);
    check(state);
  }
  for (const [frame, hash] of replay.checkpoints) {
    if (frame > state.frame) mismatches.push({ frame, expected: hash, actual: null });
  }
  return { ok: mismatches.length === 0, checked: replay.checkpoints.length, mismatches, finalFrame: state.frame, finalHash: stateHash(state) };
}

/**
 * Builds a replay by playing `inputs` (and `leaves`) from `setup`, with a checkpoint every `every`
 * frames (frame 0 included) and at the last frame.
 */
export function recordReplay(setup: SimSetup, inputs: number[][], leaves: [number, number][] = [], every = 60): Replay {
  const checkpoints: [number, number][] = [];
  let state = initialState(setup);
  checkpoints.push([0, stateHash(state)]);
  for (let f = 0; f < inputs.length; f++) {
    for (const [frame, slot] of leaves) if (frame === f) state = leave(state, slot);
    state = step(state, inputs[f] as number[]);
    if (state.frame % every === 0 || f === inputs.length - 1) checkpoints.push([state.frame, stateHash(state)]);
  }
  return { version: 1, setup, inputs, leaves, checkpoints };
}
