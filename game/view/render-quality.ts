/**
 * Render scaling: when the display cannot keep up, draw less. Level 0 is full quality; level 1
 * turns off the costly effects (particles, additive flashes, screen shake); level 2 also draws the
 * canvas at half resolution. The policy is a pure function of the page's measured load: the
 * display rate, and the share of the netcode's 60 Hz beats that ran late (pace-meter.ts). A page
 * can hold 60 fps and still starve its netcode: renders that take half of every frame push the
 * beats (input sends, message handling) behind them, and every peer's input delay grows. So:
 * - the page is *overloaded* while the rate is under LOW_FPS or more than MAX_LATE_SHARE of the
 *   beats run late; *keeping up* while the rate is HIGH_FPS or more and at most CALM_LATE_SHARE are;
 * - a level drops after the page stayed overloaded for DROP_AFTER_MS;
 * - it is restored after the page kept up for `raiseHoldMs`;
 * - after any change the old level's frames still fill the measuring window, so the rate is
 *   ignored for SETTLE_MS;
 * - a restore that fails (the rate falls again within FLAP_MS) doubles `raiseHoldMs` (up to
 *   MAX_RAISE_HOLD_MS), so a phone on the edge settles on the lower level instead of flapping.
 */

/** The lowest level (the cheapest picture). */
export const MAX_QUALITY_LEVEL = 2;
/** The window over which the display rate is measured for the policy. */
export const QUALITY_FPS_WINDOW_MS = 1000;
const LOW_FPS = 50;
const HIGH_FPS = 57;
const MAX_LATE_SHARE = 0.25;
const CALM_LATE_SHARE = 0.05;
const DROP_AFTER_MS = 1000;
const SETTLE_MS = QUALITY_FPS_WINDOW_MS + 250;
const FIRST_RAISE_HOLD_MS = 4000;
const MAX_RAISE_HOLD_MS = 64_000;
const FLAP_MS = 6000;

/** The policy's state. */
export interface RenderQuality {
  /** 0 full, 1 no costly effects, 2 also half resolution. */
  readonly level: number;
  /** When the level last changed (measurements before SETTLE_MS after it are ignored). */
  readonly changedAtMs: number;
  /** When the page became overloaded (or started keeping up), if it has stayed so since. */
  readonly lowSinceMs: number | null;
  readonly highSinceMs: number | null;
  /** How long a good rate must last before a level is restored. */
  readonly raiseHoldMs: number;
  /** When a level was last restored. */
  readonly raisedAtMs: number | null;
}

/** Full quality, as of `nowMs`. */
export function initialQuality(nowMs: number): RenderQuality {
  return { level: 0, changedAtMs: nowMs, lowSinceMs: null, highSinceMs: null, raiseHoldMs: FIRST_RAISE_HOLD_MS, raisedAtMs: null };
}

/** What the policy measures, over the last QUALITY_FPS_WINDOW_MS. */
export interface PageLoad {
  /** Display frames per second. */
  readonly fps: number;
  /** The share (0..1) of the netcode's timer beats that ran late. */
  readonly lateBeatShare: number;
}

/** The quality after measuring `load` at `nowMs`. */
export function nextQuality(q: RenderQuality, load: PageLoad, nowMs: number): RenderQuality {
  if (nowMs - q.changedAtMs < SETTLE_MS) return q;
  const overloaded = load.fps < LOW_FPS || load.lateBeatShare > MAX_LATE_SHARE;
  const keepingUp = load.fps >= HIGH_FPS && load.lateBeatShare <= CALM_LATE_SHARE;
  const lowSinceMs = overloaded ? (q.lowSinceMs ?? nowMs) : null;
  const highSinceMs = keepingUp ? (q.highSinceMs ?? nowMs) : null;
  if (lowSinceMs !== null && nowMs - lowSinceMs >= DROP_AFTER_MS && q.level < MAX_QUALITY_LEVEL) {
    const failedRaise = q.raisedAtMs !== null && nowMs - q.raisedAtMs < FLAP_MS;
    const raiseHoldMs = failedRaise ? Math.min(MAX_RAISE_HOLD_MS, q.raiseHoldMs * 2) : q.raiseHoldMs;
    return { ...q, level: q.level + 1, changedAtMs: nowMs, lowSinceMs: null, highSinceMs: null, raiseHoldMs };
  }
  if (highSinceMs !== null && nowMs - highSinceMs >= q.raiseHoldMs && q.level > 0) {
    return { ...q, level: q.level - 1, changedAtMs: nowMs, lowSinceMs: null, highSinceMs: null, raisedAtMs: nowMs };
  }
  if (lowSinceMs === q.lowSinceMs && highSinceMs === q.highSinceMs) return q;
  return { ...q, lowSinceMs, highSinceMs };
}
