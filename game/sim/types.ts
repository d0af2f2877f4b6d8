/**
 * The whole simulation state of a Ricochet match: plain JSON (numbers, booleans, strings, arrays,
 * records; no classes, Map or Set) so that it hashes, snapshots, serialises and diffs trivially.
 *
 * Units: positions and lengths are fixed-point integers, `SCALE` units per pixel (see constants.ts);
 * the renderer divides by `SCALE`. Angles are integers in [0, ANGLE_STEPS): 0 points along +x (right),
 * ANGLE_STEPS/4 along +y (down the screen).
 */

/** What a match is started from. Identical on every peer. */
export interface SimSetup {
  /** Any integer; only its low 32 bits are used. */
  seed: number;
  /** In slot order: `players[i]` plays slot i. 1 to MAX_PLAYERS entries. */
  players: { name: string }[];
  /** First to this many round wins takes the match. Default: DEFAULT_TARGET_SCORE. */
  targetScore?: number;
  /**
   * The size of every round's maze (see `mazeSizeFor` for the named ones), at most MAX_COLS x
   * MAX_ROWS and MIN_CELLS_PER_PLAYER cells per player. Default: `mazeSize(players)`. It lives in
   * the state as the maze's own `cols` and `rows`, so the hash covers it and later rounds keep it.
   */
  maze?: { cols: number; rows: number };
}

/** `playing`: tanks fight. `round-over`: the short pause after a round (shells still fly, scores are settled). `match-over`: someone reached the target (or too few players remain). */
export type Phase = 'playing' | 'round-over' | 'match-over';

/**
 * A grid maze. Cell (c, r) has index `r * cols + c`. `east[i]` is 1 when a wall separates cell i from
 * its east neighbour, `south[i]` likewise for its south neighbour. The outer border is always walled
 * and is not stored. Use `wallSegments(maze)` for drawing.
 */
export interface Maze {
  cols: number;
  rows: number;
  east: number[];
  south: number[];
}

/** One tank; `tanks[slot]` always exists for every slot of the setup. */
export interface Tank {
  slot: number;
  /** Centre, fixed point. */
  x: number;
  y: number;
  /** Integer angle in [0, ANGLE_STEPS). */
  angle: number;
  alive: boolean;
  /** False once the slot has left the match (see `leave`); it never comes back. */
  present: boolean;
  /** Frames until this tank may fire again. */
  cooldown: number;
  /** Whether FIRE was held last frame: firing happens on the press, not while held. */
  fireHeld: boolean;
}

/** A shell in flight. */
export interface Shell {
  /** Unique within the match, increasing; stable identity for the renderer's interpolation. */
  id: number;
  /** Slot that fired it. */
  owner: number;
  x: number;
  y: number;
  /** Velocity in fixed-point units per frame. */
  vx: number;
  vy: number;
  /** Frames since it was fired; it expires at SHELL_LIFE_FRAMES. */
  age: number;
  /** Walls it has bounced off so far (a frame that touches two walls at a corner counts one). */
  bounces: number;
}

/** Something that happened during the last step, for sounds and effects (reset every step). */
export type SimEvent =
  | { type: 'fire'; slot: number; x: number; y: number }
  | { type: 'bounce'; shell: number; owner: number; x: number; y: number }
  /** `bounces`: walls the fatal shell had bounced off; `shell`: its id. */
  | { type: 'explode'; slot: number; by: number; shell: number; bounces: number; x: number; y: number }
  | { type: 'round-over'; winner: number }
  | { type: 'round-start'; round: number }
  | { type: 'match-over'; winner: number };

/** The full state. Every field is covered by `stateHash`. */
export interface SimState {
  /** Number of steps taken since `initialState` (which is frame 0). */
  frame: number;
  /** uint32 PRNG state (mulberry32). */
  rng: number;
  phase: Phase;
  /** Frames left in the current `round-over` pause; 0 otherwise. */
  phaseFrames: number;
  /** 1-based round number. */
  round: number;
  targetScore: number;
  /** Slot that won the match, -1 while none has. */
  winner: number;
  /** Slot that won the last finished round, -1 for a draw or before the first round ends. */
  roundWinner: number;
  maze: Maze;
  /** `tanks[slot]`, one per setup player. */
  tanks: Tank[];
  shells: Shell[];
  /** `scores[slot]`: rounds won. */
  scores: number[];
  nextShellId: number;
  /** What happened in the step that produced this state. */
  events: SimEvent[];
}
