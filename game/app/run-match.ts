/**
 * `runMatch`: plays one match on this page. It builds the lockstep engine over the given
 * transport, owns the display-rate loop (requestAnimationFrame, plus a fallback timer that ticks
 * whenever animation frames are late: a hidden tab gets none, and a slow software-rendered display
 * gets few, but the peers still wait on this page's inputs and pongs), feeds the engine through
 * the fixed-step clock, and hands the Match scene a session to draw from. Phaser
 * never writes sim state: the scene only reads `session.loop`.
 */
import { createLockstep } from '../../net/lockstep/lockstep';
import { FRAME_MS } from '../../net/lockstep/engine-types';
import type { PeerId, Transport } from '../../net/lockstep/transport';
import { PALETTE } from '../../net/lobby/messages';
import { botInput } from '../bots/bot';
import { ricochetGame } from '../sim/index';
import type { SimSetup, SimState } from '../sim/types';
import { createInputSampler } from '../input/input-sampler';
import { showToast } from '../ui/toast';
import { describeEngineEvent } from './engine-events';
import { createFrameClock } from './frame-clock';
import { createMatchLoop } from './match-loop';
import { setCurrentSession, type MatchSession } from './match-session';

/** What a match needs (see the cross-team contract). `startAtMs` is on the `performance.now()` clock. */
export interface RunMatchOptions {
  readonly transport: Transport;
  readonly slotOwners: readonly PeerId[];
  readonly localSlots: readonly number[];
  readonly setup: SimSetup;
  readonly botSlots: readonly number[];
  readonly startAtMs: number;
  /** CSS colours by slot; the palette in slot order if absent. */
  readonly colours?: readonly string[];
  readonly mode?: 'practice' | 'network';
}

/** How the page shows a match: provided by main.ts (it starts the Match scene). */
export type ShowMatch = (session: MatchSession) => void;

let showMatch: ShowMatch = () => {
  throw new Error('runMatch: call setMatchPresenter first (main.ts does)');
};

/** Registers how a started match is shown. */
export function setMatchPresenter(show: ShowMatch): void {
  showMatch = show;
}

/**
 * Frames owed at most (2 s): a slow display (software rendering, a busy laptop) or a stall is
 * caught up in bursts; only a longer sleep is dropped, since dropping time makes the peers wait.
 */
const MAX_BACKLOG = 120;
/** The fallback timer checks this often... */
const FALLBACK_CHECK_MS = 8;
/** ...and ticks when no tick ran for this long (a 60 Hz display never lets it). */
const FALLBACK_AFTER_MS = 25;

/** Starts the match and shows it; returns its session (also the current one). */
export function runMatch(options: RunMatchOptions): MatchSession {
  const engine = createLockstep<SimState, SimSetup>({
    game: ricochetGame,
    transport: options.transport,
    setup: options.setup,
    slotOwners: options.slotOwners,
    localSlots: options.localSlots,
  });
  const overlay = document.getElementById('overlay') ?? document.body;
  const input = createInputSampler(window, overlay);
  const loop = createMatchLoop({
    engine,
    clock: createFrameClock(FRAME_MS, MAX_BACKLOG, options.startAtMs),
    localSlots: options.localSlots,
    botSlots: options.botSlots,
    humanInput: () => input.sample(),
    botInput,
  });
  let rafId = 0;
  let stopped = false;
  let lastTickMs = -Infinity;
  const tick = (): void => {
    const now = performance.now();
    lastTickMs = now;
    if (now < options.startAtMs) return; // everyone starts frame 0 together
    const result = loop.tick(now);
    session.waitingFor = result.waitingFor;
    for (const event of engine.drainEvents()) {
      const notice = describeEngineEvent(event, options.setup.players.map((p) => p.name));
      if (!notice) continue;
      showToast(notice.text);
      if (notice.fatal) session.problem ??= notice.text;
    }
  };
  // Leaving the page on purpose tells the peers at once, instead of a drop after a silence.
  const onPageHide = (): void => engine.leave(performance.now());
  window.addEventListener('pagehide', onPageHide);
  const onFrame = (): void => {
    tick();
    if (!stopped) rafId = requestAnimationFrame(onFrame);
  };
  const fallbackTimer = setInterval(() => (performance.now() - lastTickMs >= FALLBACK_AFTER_MS ? tick() : undefined), FALLBACK_CHECK_MS);
  const session: MatchSession = {
    mode: options.mode ?? 'network',
    setup: options.setup,
    self: options.transport.self,
    slotOwners: options.slotOwners,
    localSlots: options.localSlots,
    botSlots: options.botSlots,
    viewSlot: options.localSlots.find((s) => !options.botSlots.includes(s)) ?? options.localSlots[0] ?? 0,
    colours: options.colours ?? options.setup.players.map((_, i) => PALETTE[i % PALETTE.length] ?? '#ffffff'),
    engine,
    loop,
    waitingFor: null,
    problem: null,
    stop() {
      if (stopped) return;
      stopped = true;
      cancelAnimationFrame(rafId);
      clearInterval(fallbackTimer);
      window.removeEventListener('pagehide', onPageHide);
      input.dispose();
    },
  };
  setCurrentSession(session);
  rafId = requestAnimationFrame(onFrame);
  showMatch(session);
  return session;
}
