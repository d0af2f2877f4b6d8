/**
 * Practice: the same lockstep engine over the null transport, every slot local, bots in all
 * slots but yours (and in yours too with `bot=1`). Nothing here asks "am I networked?".
 */
import { createNullTransport } from '../../net/lockstep/null-transport';
import { runMatch } from './run-match';
import type { MatchSession } from './match-session';
import { practiceSetup, type PracticeOptions } from './practice-setup';

/** Starts practice at once. */
export function startPractice(options: PracticeOptions): MatchSession {
  const { setup, botSlots, colours } = practiceSetup(options);
  const self = 'local';
  return runMatch({
    transport: createNullTransport(self),
    slotOwners: setup.players.map(() => self),
    localSlots: setup.players.map((_, slot) => slot),
    setup,
    botSlots,
    colours,
    startAtMs: performance.now(),
    mode: 'practice',
  });
}

/** A fresh random seed for a new practice match (the UI's randomness, not the sim's). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x100000000) >>> 0;
}
