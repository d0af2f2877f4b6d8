/**
 * Replay files: everything needed to re-run a match exactly, and the hashes it must produce.
 * `inputs[f][slot]` is the input stepped at frame f; `leaves` holds `[frame, slot]`, the slot leaving
 * just before frame `frame` is stepped (as the lockstep engine calls `leave`); `checkpoints` holds
 * `[frame, hash]`, the `stateHash` of the state once `frame` frames have been stepped (frame 0 is
 * the initial state). Parsing a file never throws: a bad file is data, `{ ok: false, error }`.
 */
import { MAX_PLAYERS } from './constants';
import { stateHash } from './hash';
import { initialState } from './initial-state';
import { leave } from './leave';
import { mazeSizeProblem } from './maze';
import { step } from './step';
import type { SimSetup, SimState } from './types';

/** Replay file, version 1 (JSON). */
export interface Replay {
  version: 1;
  setup: SimSetup;
  inputs: number[][];
  leaves: [number, number][];
  checkpoints: [number, number][];
}

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

/** Re-runs `replay` from its setup and compares every recorded checkpoint. */
export function runReplay(replay: Replay): ReplayResult {
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

/** Checks that `value` (parsed JSON) is a well-formed version-1 replay. Never throws. */
export function parseReplay(value: unknown): { ok: true; replay: Replay } | { ok: false; error: string } {
  if (!isRecord(value)) return fail('a replay is a JSON object');
  if (value.version !== 1) return fail(`unsupported replay version ${String(value.version)} (this build reads 1)`);
  const setup = value.setup;
  if (!isRecord(setup) || !isInt(setup.seed)) return fail('setup.seed must be an integer');
  const players = setup.players;
  if (!Array.isArray(players) || players.length < 1 || players.length > MAX_PLAYERS) {
    return fail(`setup.players must list 1 to ${MAX_PLAYERS} players`);
  }
  if (!players.every((p) => isRecord(p) && typeof p.name === 'string')) return fail('each player needs a name');
  if (setup.targetScore !== undefined && !(isInt(setup.targetScore) && setup.targetScore >= 1)) {
    return fail('setup.targetScore must be a positive integer');
  }
  const maze = setup.maze;
  if (maze !== undefined && !(isRecord(maze) && mazeSizeProblem(maze as { cols: number; rows: number }, players.length) === null)) return fail('setup.maze must be { cols, rows } that fits the players');
  const n = players.length;
  if (!Array.isArray(value.inputs) || !value.inputs.every((row) => Array.isArray(row) && row.length === n && row.every(isUint16))) {
    return fail(`inputs must be one array of ${n} inputs (0..65535) per frame`);
  }
  if (!isPairs(value.leaves, (f, s) => f >= 0 && s >= 0 && s < n)) return fail('leaves must be [frame, slot] pairs');
  if (!isPairs(value.checkpoints, (f, h) => f >= 0 && h >= 0 && h <= 0xffffffff)) {
    return fail('checkpoints must be [frame, uint32 hash] pairs');
  }
  return { ok: true, replay: value as unknown as Replay };
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function isUint16(v: unknown): boolean {
  return isInt(v) && v >= 0 && v <= 0xffff;
}

function isPairs(v: unknown, ok: (a: number, b: number) => boolean): boolean {
  return Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && isInt(p[0]) && isInt(p[1]) && ok(p[0], p[1]));
}
