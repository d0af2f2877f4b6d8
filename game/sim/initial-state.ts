/** The state at frame 0, derived from the setup alone. */
import { DEFAULT_TARGET_SCORE, MAX_PLAYERS } from './constants';
import { mazeSize, mazeSizeProblem } from './maze';
import { seedRng } from './prng';
import type { RngCursor } from './prng';
import { newRound } from './round';
import type { SimSetup, SimState, Tank } from './types';

/** Round 1's maze and spawns, drawn from a PRNG seeded with `setup.seed`. Throws on a bad setup. */
export function initialState(setup: SimSetup): SimState {
  const n = setup.players.length;
  if (n < 1 || n > MAX_PLAYERS) throw new RangeError(`a match needs 1 to ${MAX_PLAYERS} players, got ${n}`);
  if (!Number.isInteger(setup.seed)) throw new TypeError(`seed must be an integer, got ${setup.seed}`);
  const targetScore = setup.targetScore ?? DEFAULT_TARGET_SCORE;
  if (!Number.isInteger(targetScore) || targetScore < 1) throw new RangeError(`bad targetScore ${targetScore}`);
  const size = setup.maze ?? mazeSize(n);
  const problem = mazeSizeProblem(size, n);
  if (problem) throw new RangeError(problem);
  const rng: RngCursor = { state: seedRng(setup.seed) };
  const blank = setup.players.map((_, slot): Tank => ({
    slot, x: 0, y: 0, angle: 0, alive: false, present: true, cooldown: 0, fireHeld: false,
  }));
  const { maze, tanks } = newRound(blank, rng, { cols: size.cols, rows: size.rows });
  return {
    frame: 0,
    rng: rng.state,
    phase: 'playing',
    phaseFrames: 0,
    round: 1,
    targetScore,
    winner: -1,
    roundWinner: -1,
    maze,
    tanks,
    shells: [],
    scores: setup.players.map(() => 0),
    nextShellId: 1,
    events: [],
  };
}
