/**
 * `stateHash`: MurmurHash3 (x86, 32-bit) over a canonical sequence of 32-bit integers, one or more
 * per field, in a fixed order, with array lengths first and strings as small codes. Much faster
 * than JSON.stringify, and independent of object key order. The per-section hashes that name
 * what diverged (section-hash.ts) reuse the same encoders; this hash stays the one replays record.
 */
import type { Maze, Phase, Shell, SimEvent, SimState, Tank } from './types';

const PHASE_CODE: Record<Phase, number> = { playing: 1, 'round-over': 2, 'match-over': 3 };
const EVENT_CODE: Record<SimEvent['type'], number> = {
  fire: 1, bounce: 2, explode: 3, 'round-over': 4, 'round-start': 5, 'match-over': 6,
};

/** The phase as one word. */
export const phaseCode = (phase: Phase): number => PHASE_CODE[phase];

/** A running MurmurHash3 over 32-bit words. */
export interface Hasher {
  h: number;
  words: number;
}

/** Mixes one 32-bit word into the running hash. */
export function mix(s: Hasher, value: number): void {
  let k = Math.imul(value | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = s.h ^ k;
  h = (h << 13) | (h >>> 19);
  s.h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  s.words++;
}

/** The final uint32 of a running hash. */
export function finish(s: Hasher): number {
  let h = s.h ^ (s.words * 4);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Mixes a length-prefixed list of words. */
export function mixArray(s: Hasher, values: readonly number[]): void {
  mix(s, values.length);
  for (const v of values) mix(s, v);
}

/** Mixes a maze: its size, then its walls. */
export function mixMaze(s: Hasher, m: Maze): void {
  mix(s, m.cols);
  mix(s, m.rows);
  mixArray(s, m.east);
  mixArray(s, m.south);
}

/** Mixes every field of a tank (the flags packed in one word). */
export function mixTank(s: Hasher, t: Tank): void {
  mix(s, t.slot);
  mix(s, t.x);
  mix(s, t.y);
  mix(s, t.angle);
  mix(s, (t.alive ? 1 : 0) | (t.present ? 2 : 0) | (t.fireHeld ? 4 : 0));
  mix(s, t.cooldown);
}

/** Mixes every field of a shell. */
export function mixShell(s: Hasher, sh: Shell): void {
  mix(s, sh.id);
  mix(s, sh.owner);
  mix(s, sh.x);
  mix(s, sh.y);
  mix(s, sh.vx);
  mix(s, sh.vy);
  mix(s, sh.age);
  mix(s, sh.bounces);
}

/** Mixes one event: its type code, then its fields. */
export function mixEvent(s: Hasher, e: SimEvent): void {
  mix(s, EVENT_CODE[e.type]);
  switch (e.type) {
    case 'fire': mix(s, e.slot); mix(s, e.x); mix(s, e.y); break;
    case 'bounce': mix(s, e.shell); mix(s, e.owner); mix(s, e.x); mix(s, e.y); break;
    case 'explode': mix(s, e.slot); mix(s, e.by); mix(s, e.shell); mix(s, e.bounces); mix(s, e.x); mix(s, e.y); break;
    case 'round-start': mix(s, e.round); break;
    default: mix(s, e.winner);
  }
}

/** A uint32 over every field of `state`: equal states hash equal on every engine. */
export function stateHash(state: SimState): number {
  const s: Hasher = { h: 0x52494330 /* "RIC0" */, words: 0 };
  mix(s, state.frame);
  mix(s, state.rng);
  mix(s, PHASE_CODE[state.phase]);
  mix(s, state.phaseFrames);
  mix(s, state.round);
  mix(s, state.targetScore);
  mix(s, state.winner);
  mix(s, state.roundWinner);
  mixMaze(s, state.maze);
  mix(s, state.tanks.length);
  for (const t of state.tanks) mixTank(s, t);
  mix(s, state.shells.length);
  for (const sh of state.shells) mixShell(s, sh);
  mixArray(s, state.scores);
  mix(s, state.nextShellId);
  mix(s, state.events.length);
  for (const e of state.events) mixEvent(s, e);
  return finish(s);
}
