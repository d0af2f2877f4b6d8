/**
 * Reading replay files (versions 1 and 2, see replay.ts) from untrusted text: a file dropped on the
 * page or named on the command line. Nothing here throws: every problem is `{ ok: false, error }`
 * with a sentence a player can read. Sizes are bounded before anything is walked, so a huge or
 * deeply nested file costs one length check, not the tab.
 */
import { MAX_PLAYERS } from './constants';
import { mazeSizeProblem } from './maze';
import type { Replay } from './replay';

/** Longest replay text read: about 20 MB, several hours of 8 players. */
export const MAX_REPLAY_CHARS = 20_000_000;
/** Most frames a replay may hold: 4 hours at 60 frames per second. */
export const MAX_REPLAY_FRAMES = 4 * 60 * 60 * 60;
/** Longest build id or colour string kept. */
const MAX_LABEL = 100;

/** The result of parsing: the replay, or why not. */
export type ParsedReplay = { ok: true; replay: Replay } | { ok: false; error: string };

/** Parses the text of a replay file (JSON). Never throws. */
export function parseReplayText(text: string): ParsedReplay {
  if (text.length > MAX_REPLAY_CHARS) return fail(`the file is too large for a replay (${text.length} characters, at most ${MAX_REPLAY_CHARS})`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail(`not JSON: ${(e as Error).message}`);
  }
  return parseReplay(json);
}

/** Checks that `value` (parsed JSON) is a well-formed replay of version 1 or 2. Never throws. */
export function parseReplay(value: unknown): ParsedReplay {
  if (!isRecord(value)) return fail('a replay is a JSON object');
  if (value.version !== 1 && value.version !== 2) return fail(`unsupported replay version ${String(value.version).slice(0, 20)} (this build reads 1 and 2)`);
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
  if (value.version === 2) {
    const problem = displayProblem(value, n);
    if (problem) return fail(problem);
  }
  if (!Array.isArray(value.inputs) || value.inputs.length > MAX_REPLAY_FRAMES) return fail(`inputs must be an array of at most ${MAX_REPLAY_FRAMES} frames`);
  if (!value.inputs.every((row) => Array.isArray(row) && row.length === n && row.every(isUint16))) {
    return fail(`inputs must be one array of ${n} inputs (0..65535) per frame`);
  }
  const frames = value.inputs.length;
  if (!isPairs(value.leaves, n + MAX_PLAYERS, (f, s) => f >= 0 && s >= 0 && s < n)) return fail('leaves must be [frame, slot] pairs');
  if (!isPairs(value.checkpoints, frames + 2, (f, h) => f >= 0 && h >= 0 && h <= 0xffffffff)) {
    return fail('checkpoints must be [frame, uint32 hash] pairs, at most one per frame');
  }
  return { ok: true, replay: value as unknown as Replay };
}

/** What is wrong with version 2's display fields, or null. */
function displayProblem(value: Record<string, unknown>, players: number): string | null {
  if (typeof value.build !== 'string' || value.build.length > MAX_LABEL) return `build must be the recording build's id (a string of at most ${MAX_LABEL} characters)`;
  const colours = value.colours;
  if (!Array.isArray(colours) || colours.length !== players || !colours.every((c) => typeof c === 'string' && c.length <= MAX_LABEL)) {
    return `colours must list one CSS colour per player (${players})`;
  }
  return null;
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

function isPairs(v: unknown, most: number, ok: (a: number, b: number) => boolean): boolean {
  return Array.isArray(v) && v.length <= most && v.every((p) => Array.isArray(p) && p.length === 2 && isInt(p[0]) && isInt(p[1]) && ok(p[0], p[1]));
}
