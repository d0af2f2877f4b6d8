/**
 * Round flow. While `playing`, a round ends as soon as at most one tank is left (none, in a solo
 * game): the survivor scores at once and the `round-over` pause begins (shells keep flying, tanks
 * keep moving, but the score is settled). After the pause comes a new round with a new maze drawn
 * from the PRNG. Reaching the target score, or too few players remaining, ends the match.
 */
import { ROUND_OVER_FRAMES } from './constants';
import { generateMaze } from './maze';
import type { RngCursor } from './prng';
import { pickSpawns } from './spawn';
import type { SimEvent, SimState, Tank } from './types';

/** The parts of the state a round transition rewrites. */
export type RoundFields = Pick<
  SimState,
  'phase' | 'phaseFrames' | 'round' | 'targetScore' | 'winner' | 'roundWinner' | 'maze' | 'tanks' | 'shells' | 'scores'
>;

/**
 * A fresh maze of `size` and freshly spawned tanks for every present slot (absent slots stay
 * dead). Later rounds pass the current maze's size, so the match's size holds without a field.
 */
export function newRound(tanks: readonly Tank[], rng: RngCursor, size: { cols: number; rows: number }): Pick<SimState, 'maze' | 'tanks'> {
  const { cols, rows } = size;
  const maze = generateMaze(rng, cols, rows);
  const present = tanks.filter((t) => t.present);
  const spawns = pickSpawns(maze, present.length, rng);
  let next = 0;
  const out = tanks.map((t): Tank => {
    if (!t.present) return { ...t, alive: false, cooldown: 0, fireHeld: false };
    const s = spawns[next++] as (typeof spawns)[number];
    return { ...t, x: s.x, y: s.y, angle: s.angle, alive: true, cooldown: 0, fireHeld: false };
  });
  return { maze, tanks: out };
}

/**
 * The round logic after this frame's moves and hits: returns the fields to change (empty if none)
 * and pushes round-over / round-start / match-over events.
 */
export function advanceRound(s: RoundFields, rng: RngCursor, events: SimEvent[]): Partial<RoundFields> {
  if (s.phase === 'match-over') return {};
  const present = s.tanks.filter((t) => t.present);
  if (s.tanks.length >= 2 && present.length <= 1) {
    const winner = present.length === 1 ? (present[0] as Tank).slot : -1;
    events.push({ type: 'match-over', winner });
    return { phase: 'match-over', phaseFrames: 0, winner };
  }
  if (s.phase === 'round-over') {
    if (s.phaseFrames > 1) return { phaseFrames: s.phaseFrames - 1 };
    const round = s.round + 1;
    events.push({ type: 'round-start', round });
    return { ...newRound(s.tanks, rng, { cols: s.maze.cols, rows: s.maze.rows }), shells: [], phase: 'playing', phaseFrames: 0, round };
  }
  const alive = present.filter((t) => t.alive);
  if (alive.length > (present.length >= 2 ? 1 : 0)) return {};
  const roundWinner = alive.length === 1 && present.length >= 2 ? (alive[0] as Tank).slot : -1;
  const scores = roundWinner >= 0 ? s.scores.map((v, i) => (i === roundWinner ? v + 1 : v)) : s.scores;
  events.push({ type: 'round-over', winner: roundWinner });
  if (roundWinner >= 0 && (scores[roundWinner] as number) >= s.targetScore) {
    events.push({ type: 'match-over', winner: roundWinner });
    return { scores, roundWinner, phase: 'match-over', phaseFrames: 0, winner: roundWinner };
  }
  return { scores, roundWinner, phase: 'round-over', phaseFrames: ROUND_OVER_FRAMES };
}
