/**
 * Calls `tick` on every animation frame, plus from a fallback timer whenever animation frames are
 * late: a hidden tab gets none and a slow software-rendered display gets few, but a lockstep
 * peer must keep sending inputs and answering pings. A 60 Hz display never lets the timer tick.
 */

/** The fallback timer checks this often... */
const FALLBACK_CHECK_MS = 8;
/** ...and ticks when no tick ran for this long. */
const FALLBACK_AFTER_MS = 25;

/** Starts ticking; returns the function that stops it. */
export function startTicker(tick: (nowMs: number) => void): () => void {
  let rafId = 0;
  let stopped = false;
  let lastTickMs = -Infinity;
  const run = (): void => {
    lastTickMs = performance.now();
    tick(lastTickMs);
  };
  const onFrame = (): void => {
    run();
    if (!stopped) rafId = requestAnimationFrame(onFrame);
  };
  const timer = setInterval(() => (performance.now() - lastTickMs >= FALLBACK_AFTER_MS ? run() : undefined), FALLBACK_CHECK_MS);
  rafId = requestAnimationFrame(onFrame);
  return () => {
    stopped = true;
    cancelAnimationFrame(rafId);
    clearInterval(timer);
  };
}
