/**
 * The fixed-step accumulator (Gaffer On Games, "Fix Your Timestep"): display frames come at any
 * rate, the sim steps at exactly 60 Hz. Each tick adds the elapsed real time; every whole frame of
 * it is one `advance`. A lockstep stall keeps the time owed (the frame is still due) and a burst
 * catches up once inputs arrive. The backlog is capped so that a tab that slept for minutes does
 * not replay them all at once, and `alpha` (0..1) is how far the display is between the last two
 * sim states, for interpolation. Pure: time comes in as an argument.
 */

/** One display tick's verdict. */
export interface FrameClock {
  /** Adds the time since the previous tick; returns how many frames are due now. */
  tick(nowMs: number): number;
  /** Spends one due frame (call after a successful advance). */
  spend(): void;
  /** Fraction of a frame accumulated beyond the last stepped frame, in [0, 1]. */
  alpha(): number;
}

/** `frameMs` per sim frame; at most `maxBacklog` frames are ever owed. */
export function createFrameClock(frameMs: number, maxBacklog: number, startMs: number): FrameClock {
  let last = startMs;
  let owed = 0;
  return {
    tick(nowMs) {
      owed = Math.min(owed + Math.max(0, nowMs - last), maxBacklog * frameMs);
      last = nowMs;
      return Math.floor(owed / frameMs);
    },
    spend() {
      owed = Math.max(0, owed - frameMs);
    },
    alpha: () => Math.min(1, owed / frameMs),
  };
}
