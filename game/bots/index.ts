/**
 * Deterministic bots: `botInput(state, slot)` is a pure function of the sim state, so a bot's
 * inputs can travel like a player's and every page agrees on them.
 */
export { botInput } from './bot';
