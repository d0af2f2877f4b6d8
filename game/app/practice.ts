/**
 * Practice: the same lockstep engine over the null transport, every slot local, bots in all
 * slots but yours (and in yours too with `bot=1`). Nothing here asks "am I networked?": practice
 * gives the scenes its own answers to the player's choices ("play again" is a new seed).
 */
import { createNullTransport } from '../../net/lockstep';
import type { MatchActions, MatchSession } from './match-session';
import type { MatchStage } from './match-stage';
import { practiceSetup, type PracticeOptions } from './practice-setup';
import { runMatch } from './run-match';

/** Starts practice at once and puts it on `stage`. */
export function startPractice(stage: MatchStage, options: PracticeOptions): MatchSession {
  const { setup, botSlots, colours, botLevel } = practiceSetup(options);
  const self = 'local';
  const session = runMatch({
    transport: createNullTransport(self),
    slotOwners: setup.players.map(() => self),
    localSlots: setup.players.map((_, slot) => slot),
    setup,
    botSlots,
    botLevel,
    colours,
    startAtMs: performance.now(),
  });
  stage.show({ session, actions: practiceActions(stage, session, options) });
  return session;
}

function practiceActions(stage: MatchStage, session: MatchSession, options: PracticeOptions): MatchActions {
  return {
    onOver: () => undefined, // nobody else to tell
    onPlayAgain: () => void startPractice(stage, { ...options, seed: randomSeed() }),
    onBackToLobby: () => stage.clear(),
    onLeave: () => session.engine.leave(performance.now()),
    onQuit: () => stage.clear(),
    pause: (paused) => session.setPaused(paused),
  };
}

/** A fresh random seed for a new practice match (the UI's randomness, not the sim's). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x100000000) >>> 0;
}
