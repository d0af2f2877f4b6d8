/**
 * Deterministic bots: `botInput(state, slot, level)` is a pure function of the sim state, so a
 * bot's inputs can travel like a player's and every page agrees on them.
 */
export { botInput } from './bot';
export { BOT_LEVELS, BOT_TUNING } from './levels';
export type { BotLevel, BotTuning } from './levels';
