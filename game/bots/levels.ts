/**
 * Bot difficulty. A level is only a table of numbers that `botInput` reads, so every level is as
 * deterministic as the bot itself: the same state, slot and level give the same input on every
 * page. `normal` is the bot as it always played; `easy` reacts late and shoots less, `hard` never
 * holds its fire, looks further for bounce shots and dodges sooner.
 */

/** How hard a bot plays (the lobby's `botLevel`). */
export type BotLevel = 'easy' | 'normal' | 'hard';

/** The numbers a level changes. */
export interface BotTuning {
  /** Of every 4 quarter-second windows, how many the bot holds its fire in. */
  readonly hesitateWindows: number;
  /** Of every 4 quarter-second windows, how many it notices a shell coming in (4: always). */
  readonly dodgeWindows: number;
  /** Frames ahead a threatening shell is watched. */
  readonly dodgeHorizon: number;
  /** Bounce lines tried per frame when no enemy is in direct sight (0: no bounce shots). */
  readonly bounceCandidates: number;
  /** Enemies farther than this many cells by path are hunted, not shot at with bounces. */
  readonly bounceRange: number;
  /**
   * Turn steps either side of the ideal angle it tries: 1 finds a line a step off, 0 only takes
   * an exact one (so it turns past shots it would have had).
   */
  readonly aimSteps: number;
  /**
   * Frames of every 16 it takes to see a new line: the rest of the time it keeps driving (a slow
   * reaction, as a frame window rather than a memory the state does not have).
   */
  readonly reactFrames: number;
}

/** Each level's numbers. */
export const BOT_TUNING: Readonly<Record<BotLevel, BotTuning>> = {
  easy: { hesitateWindows: 2, dodgeWindows: 1, dodgeHorizon: 15, bounceCandidates: 0, bounceRange: 0, aimSteps: 0, reactFrames: 6 },
  normal: { hesitateWindows: 1, dodgeWindows: 4, dodgeHorizon: 30, bounceCandidates: 4, bounceRange: 4, aimSteps: 1, reactFrames: 16 },
  hard: { hesitateWindows: 0, dodgeWindows: 4, dodgeHorizon: 45, bounceCandidates: 8, bounceRange: 6, aimSteps: 1, reactFrames: 16 },
};

/** The levels, easiest first. */
export const BOT_LEVELS: readonly BotLevel[] = ['easy', 'normal', 'hard'];
