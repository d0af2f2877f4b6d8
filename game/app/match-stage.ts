/**
 * The page plays one match at a time. Showing a new match stops the one before (its loop and
 * input devices) and hands it to the Match scene; the test surface and the page's pagehide
 * handler read the current one from here.
 */
import type { ShownMatch } from './match-session';

/** The page's current match. */
export interface MatchStage {
  /** The match being played or just finished, if any. */
  current(): ShownMatch | null;
  /** Makes `shown` the page's match, stopping the previous one, and puts it on screen. */
  show(shown: ShownMatch): void;
  /** Stops and forgets the current match (back to the lobby). */
  clear(): void;
}

/** `present` puts a match on screen (main.ts: starts the Match scene with it). */
export function createMatchStage(present: (shown: ShownMatch) => void): MatchStage {
  let current: ShownMatch | null = null;
  const replace = (next: ShownMatch | null): void => {
    if (current && current.session !== next?.session) current.session.stop();
    current = next;
  };
  return {
    current: () => current,
    show(shown) {
      replace(shown);
      present(shown);
    },
    clear: () => replace(null),
  };
}
