/**
 * Every tunable number of the rules, in sim units. Positions are fixed point: `SCALE` units per
 * pixel, so the renderer draws at `x / SCALE`. Angles are integers, `ANGLE_STEPS` per turn.
 * Frames are 60 per second.
 */

/** Fixed-point units per pixel. */
export const SCALE = 256;
/** Integer angle steps in a full turn. 0 = +x (right), ANGLE_STEPS / 4 = +y (down). */
export const ANGLE_STEPS = 4096;
/** The trig table's unit: `sinInt(a)` is sin(a) * TRIG_ONE, rounded. */
export const TRIG_ONE = 16384;
/** Simulation frames per second. */
export const FRAMES_PER_SECOND = 60;

/** Most players (slots) a match can hold. */
export const MAX_PLAYERS = 8;
/** Side of a maze cell, in units (64 px). */
export const CELL = 64 * SCALE;
/** Half the thickness of a wall (walls are 4 px thick, centred on the cell edges). */
export const WALL_HALF = 2 * SCALE;
/** Largest maze (8 players): the renderer can size its canvas to this. */
export const MAX_COLS = 12;
export const MAX_ROWS = 8;
/** Fewest maze cells per slot a chosen maze size may have (spawns need room to spread out). */
export const MIN_CELLS_PER_PLAYER = 4;
/** Largest arena in units. */
export const ARENA_WIDTH = MAX_COLS * CELL;
export const ARENA_HEIGHT = MAX_ROWS * CELL;

/** Collision radius of a tank (22 px across). */
export const TANK_RADIUS = 11 * SCALE;
/** Units per frame driving forward (90 px/s) and backward. */
export const TANK_SPEED = 384;
export const TANK_BACK_SPEED = 256;
/** Angle steps per frame while turning (about 210 degrees per second). */
export const TANK_TURN = 36;
/** Length of the barrel: where a shell appears, from the tank's centre. */
export const MUZZLE = 16 * SCALE;

/** Collision radius of a shell. */
export const SHELL_RADIUS = 3 * SCALE;
/** Units per frame (150 px/s). */
export const SHELL_SPEED = 640;
/** Sub-steps per frame for shells: each moves well under a wall's thickness, so none tunnels. */
export const SHELL_SUBSTEPS = 2;
/** A shell expires after this many frames (10 s). */
export const SHELL_LIFE_FRAMES = 600;
/** Live shells per tank. */
export const MAX_SHELLS_PER_TANK = 5;
/** Frames between two shots of one tank. */
export const FIRE_COOLDOWN_FRAMES = 8;
/** A shell cannot hit its own tank for this many frames, so it never kills on the muzzle frame. */
export const SHELL_GRACE_FRAMES = 4;

/** Frames of pause between rounds (3 s). */
export const ROUND_OVER_FRAMES = 180;
/** Round wins needed for the match when the setup does not say. */
export const DEFAULT_TARGET_SCORE = 5;
