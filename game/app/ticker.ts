/**
 * The match's two clocks. The netcode runs on its own steady 60 Hz timer: `tick` is called just
 * after every frame boundary (anchored to the match's start), so the engine is polled, local
 * inputs are sampled and sent, and due frames are stepped whatever the display does. A slow phone
 * that renders at 15 fps still sends its inputs 60 times a second between two renders, instead of
 * in bursts at display rate that would make every peer's input delay grow. Animation frames only
 * report each display frame to `render`, which measures the display rate; the Match scene also
 * ticks right before it draws (MatchSession.pump), so the picture shows the newest state.
 *
 * A render is one task the timer cannot interrupt: a 70 ms render still delays the next tick by
 * 70 ms, and that tick catches up the frames owed (the frame clock). Render scaling keeps renders
 * short (render-quality.ts). In a hidden tab, animation frames stop and the browser throttles
 * timers to about 1 Hz: each tick then catches up a second of frames, as before.
 */
import { FRAME_MS } from '../../net/lockstep';

/** What the ticker needs from the page, so tests can run it on a virtual clock. */
export interface TickScheduler {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(id: unknown): void;
  requestFrame(fn: () => void): unknown;
  cancelFrame(id: unknown): void;
}

/** The callbacks: `tick` on every timer beat (with how late it ran), `render` on every animation frame. */
export interface TickerCallbacks {
  tick(nowMs: number, lateMs: number): void;
  render?(nowMs: number): void;
}

/** Aim this far past a frame boundary: a timer that fires a little early must not find the frame not yet due. */
const BEAT_SLACK_MS = 1;

/** The part of the Prioritized Task Scheduling API used here (Chromium; absent elsewhere). */
interface PostTask {
  postTask(fn: () => void, options: { priority: 'user-blocking'; delay: number; signal: AbortSignal }): Promise<void>;
}

/**
 * The browser's clock, timers and animation frames. Where `scheduler.postTask` exists, beats are
 * posted at 'user-blocking' priority: a busy page runs them ahead of ordinary tasks, between two
 * renders, instead of after everything queued. Elsewhere, plain `setTimeout`.
 */
export function browserScheduler(win: Window = window): TickScheduler {
  const tasks = (win as Window & { scheduler?: PostTask }).scheduler;
  if (tasks && typeof tasks.postTask === 'function' && typeof AbortController === 'function') {
    return {
      ...browserFrames(win),
      setTimer: (fn, ms) => {
        const abort = new AbortController();
        tasks.postTask(fn, { priority: 'user-blocking', delay: ms, signal: abort.signal }).catch(() => undefined);
        return abort;
      },
      clearTimer: (id) => (id as AbortController | null)?.abort(),
    };
  }
  return { ...browserFrames(win), setTimer: (fn, ms) => win.setTimeout(fn, ms), clearTimer: (id) => win.clearTimeout(id as number) };
}

function browserFrames(win: Window): Pick<TickScheduler, 'now' | 'requestFrame' | 'cancelFrame'> {
  return {
    now: () => win.performance.now(),
    requestFrame: (fn) => win.requestAnimationFrame(fn),
    cancelFrame: (id) => win.cancelAnimationFrame(id as number),
  };
}

/** A beat is never sooner than this: a beat that lands a rounding error before its boundary must not beat twice. */
const MIN_BEAT_DELAY_MS = 0.5;

/** The delay from `nowMs` to the next beat: the first boundary `anchorMs + k * periodMs` (+ slack) after now. */
export function delayToNextBeat(nowMs: number, anchorMs: number, periodMs: number): number {
  const k = Math.floor((nowMs + MIN_BEAT_DELAY_MS - anchorMs - BEAT_SLACK_MS) / periodMs) + 1;
  return anchorMs + k * periodMs + BEAT_SLACK_MS - nowMs;
}

/**
 * Starts both clocks; returns the function that stops them. Beats fall on `anchorMs + k * FRAME_MS`
 * (the match's start), so each beat finds exactly one new frame due.
 */
export function startTicker(callbacks: TickerCallbacks, anchorMs: number, scheduler: TickScheduler = browserScheduler()): () => void {
  let stopped = false;
  let timerId: unknown = null;
  let frameId: unknown = null;
  let dueMs = 0;
  const schedule = (): void => {
    // Re-read the clock: the tick itself took time, and the next beat is the next boundary after it.
    const now = scheduler.now();
    const delay = delayToNextBeat(now, anchorMs, FRAME_MS);
    dueMs = now + delay;
    timerId = scheduler.setTimer(onBeat, delay);
  };
  const onBeat = (): void => {
    if (stopped) return;
    const now = scheduler.now();
    callbacks.tick(now, Math.max(0, now - dueMs));
    if (!stopped) schedule();
  };
  const onFrame = (): void => {
    if (stopped) return;
    callbacks.render?.(scheduler.now());
    if (!stopped) frameId = scheduler.requestFrame(onFrame);
  };
  schedule();
  frameId = scheduler.requestFrame(onFrame);
  return () => {
    stopped = true;
    scheduler.clearTimer(timerId);
    scheduler.cancelFrame(frameId);
  };
}
