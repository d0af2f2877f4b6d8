/**
 * Sim events played once, whatever rollbacks happen. With a prediction window the engine may
 * step a frame, roll it back and step it again: each pass carries that frame's events, and a
 * sound or an explosion must not play twice. An event is known by its frame and its identity
 * (who fired, which shell bounced, who exploded), not by its position: a corrected re-simulation
 * may move it a little, and it is still the same event. A guessed event that the correction
 * removes has already played: that is the price of showing predicted frames at once.
 */
import type { SimEvent, SimState } from '../sim';

/** How many frames of keys are kept: more than any rollback re-simulates. */
const KEEP_FRAMES = 64;

/** The identity of an event within its frame. */
export function eventIdentity(event: SimEvent): string {
  switch (event.type) {
    case 'fire':
      return `fire:${event.slot}`;
    case 'bounce':
      return `bounce:${event.shell}`;
    case 'explode':
      return `explode:${event.slot}`;
    default:
      return event.type;
  }
}

/** Filters each stepped state's events down to the ones not seen before for its frame. */
export interface EventOnce {
  /** The events of `state` (the state after a step) that were not played yet. */
  fresh(state: SimState): SimEvent[];
}

/** A filter with nothing seen yet. */
export function createEventOnce(): EventOnce {
  const seen = new Map<number, Set<string>>();
  let newest = 0;
  return {
    fresh(state) {
      if (state.events.length === 0) return [];
      const keys = seen.get(state.frame) ?? new Set<string>();
      seen.set(state.frame, keys);
      const out = state.events.filter((event) => {
        const key = eventIdentity(event);
        if (keys.has(key)) return false;
        keys.add(key);
        return true;
      });
      if (state.frame > newest) {
        newest = state.frame;
        for (const frame of seen.keys()) if (frame < newest - KEEP_FRAMES) seen.delete(frame);
      }
      return out;
    },
  };
}
