/**
 * A virtual `MeshClock` for tests: time stands still until `advance(ms)` runs every timer that
 * falls due, in time order. Deterministic, and no test ever sleeps.
 */
import type { MeshClock } from '../../net/mesh/mesh-clock';

/** A `MeshClock` driven by hand. */
export interface VirtualClock extends MeshClock {
  /** Moves time forward by `ms`, firing due timers (and timers they set) in order. */
  advance(ms: number): void;
  /** Timers still pending. */
  pending(): number;
}

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly fn: () => void;
}

/** Creates a virtual clock starting at `startMs`. */
export function createVirtualClock(startMs = 0): VirtualClock {
  let now = startMs;
  let nextId = 1;
  let timers: Timer[] = [];
  const nextDue = (until: number): Timer | undefined =>
    timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const timer = { id: nextId++, at: now + Math.max(0, ms), fn };
      timers.push(timer);
      return timer.id;
    },
    clearTimeout(handle) {
      timers = timers.filter((t) => t.id !== handle);
    },
    advance(ms) {
      const until = now + ms;
      for (let t = nextDue(until); t; t = nextDue(until)) {
        const due = t;
        timers = timers.filter((x) => x !== due);
        now = Math.max(now, due.at);
        due.fn();
      }
      now = until;
    },
    pending: () => timers.length,
  };
}
