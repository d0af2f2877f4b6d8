/**
 * Sim events played once, whatever rollbacks happen. With a prediction window the engine may
 * step a frame, roll it back and step it again: each pass carries that frame's events, and a
 * sound or an explosion must not play twice. An event is known by its identity (who fired,
 * which shell bounced, who exploded), not by its position: a corrected re-simulation may move it
 * a little, and it is still the same event. Shots and bounces repeat, so they are also known by
 * their frame; an explosion (tank and shell) or a round's end happens once, so a correction that
 * only moves it by a few frames does not play it again. A guessed event that the correction
 * removes has already played: that is the price of showing predicted frames at once.
 */
import type { SimEvent, SimState } from '../sim';

/** How many frames of keys are kept: more than any rollback re-simulates. */
export const KEEP_FRAMES = 64;

/** The identity of an event: within its frame for shots and bounces, within the kept frames for the rest. */
export function eventIdentity(event: SimEvent): string {
  switch (event.type) {
    case 'fire':
      return `fire:${event.slot}`;
    case 'bounce':
      return `bounce:${event.shell}`;
    case 'explode':
      return `explode:${event.slot}:${event.shell}`;
    case 'round-start':
      return `round-start:${event.round}`;
    default:
      return event.type;
  }
}

/** Events that happen once, whatever frame a correction moves them to. */
const once = (event: SimEvent): boolean => event.type !== 'fire' && event.type !== 'bounce';

/** Filters each stepped state's events down to the ones not seen before for its frame. */
export interface EventOnce {
  /** The events of `state` (the state after a step) that were not played yet. */
  fresh(state: SimState): SimEvent[];
  /** The once-only events let through (explosions, rounds) as `identity@frame`, in order: for tests. */
  played(): readonly string[];
}

/** A filter with nothing seen yet. */
export function createEventOnce(): EventOnce {
  // Key -> the frame it was played at; a key is `frame/identity` for the events that repeat.
  const seen = new Map<string, number>();
  const played: string[] = [];
  let newest = 0;
  return {
    fresh(state) {
      if (state.events.length === 0) return [];
      const out = state.events.filter((event) => {
        const key = once(event) ? eventIdentity(event) : `${state.frame}/${eventIdentity(event)}`;
        const at = seen.get(key);
        if (at !== undefined && Math.abs(at - state.frame) <= KEEP_FRAMES) return false;
        seen.set(key, state.frame);
        if (once(event)) played.push(`${key}@${state.frame}`);
        return true;
      });
      if (state.frame > newest + KEEP_FRAMES) {
        newest = state.frame;
        for (const [key, frame] of seen) if (frame < newest - KEEP_FRAMES) seen.delete(key);
      }
      return out;
    },
    played: () => played,
  };
}
