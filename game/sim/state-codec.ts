/**
 * A state's snapshot: `encodeState` writes a SimState as UTF-8 JSON, and `decodeState` reads one
 * back, checking every field, or gives null. JSON is exact here: the state is plain integers,
 * booleans, strings, arrays and records (types.ts), JSON writes integers up to 2^53 exactly, and
 * the sim never makes -0 (fixed-point.ts), the one number JSON would change (the decoder refuses
 * one). So a decoded state hashes and steps as the original did (test/unit/sim/state-codec.test.ts).
 *
 * The bytes come from another peer: the engine loads them only if their hash is the one the
 * majority agreed, and the checks here make sure that even a forged state of that hash is a state
 * the rules can step (no missing field, no maze shorter than its size says, no huge list).
 */
import { freeze } from 'immer';
import { MAX_COLS, MAX_PLAYERS, MAX_ROWS, MAX_SHELLS_PER_TANK } from './constants';
import type { SimEvent, SimState } from './types';

type Check = (value: unknown) => boolean;
type Fields = Readonly<Record<string, Check>>;

/** More events than one step can make (a fire, a bounce and an explosion per shell, a round's end). */
const MAX_EVENTS = 4 * MAX_PLAYERS * (MAX_SHELLS_PER_TANK + 1) + 8;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const int: Check = (v) => Number.isSafeInteger(v) && !Object.is(v, -0);
const bool: Check = (v) => typeof v === 'boolean';
const oneOf = (...values: readonly string[]): Check => (v) => typeof v === 'string' && values.includes(v);
const list = (max: number, item: Check): Check => (v) => Array.isArray(v) && v.length <= max && v.every(item);

/** Exactly these fields, each passing its check: no field missing, none extra. */
const record = (fields: Fields): Check => {
  const names = Object.keys(fields);
  return (v) => isRecord(v) && Object.keys(v).length === names.length && names.every((name) => Object.prototype.hasOwnProperty.call(v, name) && (fields[name] as Check)(v[name]));
};

const EVENT_FIELDS: Readonly<Record<SimEvent['type'], Fields>> = {
  fire: { slot: int, x: int, y: int },
  bounce: { shell: int, owner: int, x: int, y: int },
  explode: { slot: int, by: int, shell: int, bounces: int, x: int, y: int },
  'round-over': { winner: int },
  'round-start': { round: int },
  'match-over': { winner: int },
};
const eventChecks = Object.fromEntries(Object.entries(EVENT_FIELDS).map(([type, fields]) => [type, record({ type: oneOf(type), ...fields })]));
const event: Check = (v) => isRecord(v) && typeof v.type === 'string' && Object.prototype.hasOwnProperty.call(eventChecks, v.type) && (eventChecks[v.type] as Check)(v);

const cells = list(MAX_COLS * MAX_ROWS, int);
const tank = record({ slot: int, x: int, y: int, angle: int, alive: bool, present: bool, cooldown: int, fireHeld: bool });
const shell = record({ id: int, owner: int, x: int, y: int, vx: int, vy: int, age: int, bounces: int });
const shape = record({
  frame: int,
  rng: int,
  phase: oneOf('playing', 'round-over', 'match-over'),
  phaseFrames: int,
  round: int,
  targetScore: int,
  winner: int,
  roundWinner: int,
  maze: record({ cols: int, rows: int, east: cells, south: cells }),
  tanks: list(MAX_PLAYERS, tank),
  shells: list(MAX_PLAYERS * MAX_SHELLS_PER_TANK, shell),
  scores: list(MAX_PLAYERS, int),
  nextShellId: int,
  events: list(MAX_EVENTS, event),
});

/** What the rules index by without checking: the maze's walls by cell, tanks and scores by slot. */
function consistent(s: SimState): boolean {
  const { cols, rows, east, south } = s.maze;
  const size = cols * rows;
  if (cols < 1 || rows < 1 || cols > MAX_COLS || rows > MAX_ROWS || east.length !== size || south.length !== size) return false;
  const slots = s.tanks.length;
  return slots > 0 && s.scores.length === slots && s.tanks.every((t, slot) => t.slot === slot) && s.shells.every((sh) => sh.owner >= 0 && sh.owner < slots);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes of `state` (UTF-8 JSON). */
export function encodeState(state: SimState): Uint8Array {
  return encoder.encode(JSON.stringify(state));
}

/** The state in `bytes` (frozen, as the sim's states are in tests), or null if they hold none. */
export function decodeState(bytes: Uint8Array): SimState | null {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch {
    return null;
  }
  if (!shape(value) || !consistent(value as SimState)) return null;
  return freeze(value as SimState, true);
}
