/**
 * Refuses a relayed message seen before. A relay could hold a signed message and send it again
 * later; the tag would still check. Each sender numbers its envelopes, and the receiver keeps
 * the highest number seen and which of the WINDOW below it came (as IPsec's anti-replay window).
 * Older than the window is refused too: unreliable packets reorder by a few frames, not by 256.
 */

export const REPLAY_WINDOW = 256;

/** Per-sender windows. `accept` says whether `seq` from `from` is new, and records it if so. */
export interface ReplayWindows {
  accept(from: string, seq: number): boolean;
}

export function createReplayWindows(): ReplayWindows {
  const windows = new Map<string, { highest: number; seen: Set<number> }>();
  return {
    accept(from, seq) {
      const w = windows.get(from);
      if (!w) {
        windows.set(from, { highest: seq, seen: new Set([seq]) });
        return true;
      }
      if (seq <= w.highest - REPLAY_WINDOW || w.seen.has(seq)) return false;
      w.seen.add(seq);
      if (seq > w.highest) {
        w.highest = seq;
        for (const old of w.seen) if (old <= seq - REPLAY_WINDOW) w.seen.delete(old);
      }
      return true;
    },
  };
}
