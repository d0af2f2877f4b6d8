/**
 * How steadily this page runs, over the last few seconds: display frames per second, sim frames
 * per second, and the cadence of local input sends (packets scheduled per second, and the p99 and
 * largest gap between two of them), and how many of the netcode's 60 Hz beats ran late. A peer
 * that sends in bursts makes everyone's input delay grow, so the gap matters as much as the rate;
 * late beats are the first sign of it (the page's own renders, or other work, hold the thread).
 * Pure: times come in as arguments.
 */

/**
 * A beat this late shares the thread with something long: a quarter frame. A beat due during a
 * render waits for its end, so on a page whose renders take c ms of every 16.7, about
 * (c - 4) / 16.7 of the beats are this late.
 */
export const LATE_BEAT_MS = 4;

/** The figures of the last window. */
export interface PaceFigures {
  readonly windowMs: number;
  readonly displayFps: number;
  readonly simFps: number;
  readonly sendsPerSecond: number;
  readonly sendGapP99Ms: number;
  readonly sendGapMaxMs: number;
  /** The share (0..1) of timer beats that ran later than LATE_BEAT_MS. */
  readonly lateBeatShare: number;
}

/** The meter: note events as they happen, read figures at any time. */
export interface PaceMeter {
  noteRender(nowMs: number): void;
  noteSteps(nowMs: number, frames: number): void;
  noteSend(nowMs: number): void;
  /** A timer beat that ran `lateMs` after it was due. */
  noteBeat(nowMs: number, lateMs: number): void;
  /** Display frames per second over the last `windowMs` (at most the meter's window). */
  displayFps(nowMs: number, windowMs: number): number;
  /** The share of beats later than LATE_BEAT_MS over the last `windowMs` (0 when there were none). */
  lateBeatShare(nowMs: number, windowMs: number): number;
  figures(nowMs: number): PaceFigures;
}

/** A list of times, oldest first, that forgets those older than the window. */
function createTimes(windowMs: number) {
  const times: number[] = [];
  return {
    times,
    add(nowMs: number, count = 1): void {
      for (let i = 0; i < count; i++) times.push(nowMs);
      let old = 0;
      while (old < times.length && (times[old] as number) < nowMs - windowMs) old++;
      if (old > 0) times.splice(0, old);
    },
    // Called on every animation frame (render scaling reads the display rate): count from the
    // newest end without copying the window.
    countSince(sinceMs: number): number {
      let n = 0;
      for (let i = times.length - 1; i >= 0 && (times[i] as number) > sinceMs; i--) n++;
      return n;
    },
  };
}

/** The `q` quantile (0..1) of `values` (nearest rank); 0 if empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

/** A meter over the last `windowMs`, started at `startMs` (rates count from then until the window is full). */
export function createPaceMeter(startMs: number, windowMs = 5000): PaceMeter {
  const renders = createTimes(windowMs);
  const steps = createTimes(windowMs);
  const sends = createTimes(windowMs);
  const beats = createTimes(windowMs);
  const lateBeats = createTimes(windowMs);
  const span = (nowMs: number, w: number): number => Math.max(1, Math.min(w, nowMs - startMs));
  const rate = (count: number, nowMs: number, w: number): number => (count * 1000) / span(nowMs, w);
  const lateShare = (sinceMs: number): number => {
    const all = beats.countSince(sinceMs);
    return all === 0 ? 0 : lateBeats.countSince(sinceMs) / all;
  };
  return {
    noteRender: (nowMs) => renders.add(nowMs),
    noteSteps: (nowMs, frames) => steps.add(nowMs, frames),
    noteSend: (nowMs) => sends.add(nowMs),
    noteBeat(nowMs, lateMs) {
      beats.add(nowMs);
      if (lateMs > LATE_BEAT_MS) lateBeats.add(nowMs);
    },
    lateBeatShare: (nowMs, w) => lateShare(nowMs - Math.min(w, windowMs)),
    displayFps: (nowMs, w) => rate(renders.countSince(nowMs - Math.min(w, windowMs)), nowMs, Math.min(w, windowMs)),
    figures(nowMs) {
      const since = nowMs - windowMs;
      const sent = sends.times.filter((t) => t > since);
      const gaps = sent.slice(1).map((t, i) => t - (sent[i] as number));
      return {
        windowMs,
        displayFps: rate(renders.countSince(since), nowMs, windowMs),
        simFps: rate(steps.countSince(since), nowMs, windowMs),
        sendsPerSecond: rate(sent.length, nowMs, windowMs),
        sendGapP99Ms: quantile(gaps, 0.99),
        sendGapMaxMs: gaps.length ? Math.max(...gaps) : 0,
        lateBeatShare: lateShare(since),
      };
    },
  };
}
