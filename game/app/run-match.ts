/**
 * `runMatch`: plays one match on this page. It builds the lockstep engine over the given
 * transport, owns the display-rate loop (ticker.ts: requestAnimationFrame plus a fallback timer
 * for late frames), feeds the engine through the fixed-step clock, and returns the session the
 * Match scene draws from. Phaser never writes sim state: the scene only reads `session.loop`.
 * Showing the session is the caller's (match-stage.ts), and so is leaving on pagehide (main.ts).
 */
import { createLockstep } from '../../net/lockstep';
import { FRAME_MS } from '../../net/lockstep';
import type { PeerId, Transport } from '../../net/lockstep';
import { PALETTE } from '../../net/lobby';
import { botInput } from '../bots';
import { createStatsTally, ricochetGame } from '../sim/index';
import type { SimSetup, SimState } from '../sim';
import { createInputSampler } from '../input/input-sampler';
import { overlayRoot } from '../ui/dom';
import { showToast } from '../ui/toast';
import { describeEngineEvent, onceKey } from './engine-events';
import { createFrameClock } from './frame-clock';
import { createMatchLoop } from './match-loop';
import { EVENT_LOG_LIMIT, type MatchSession } from './match-session';
import { startTicker } from './ticker';

/**
 * What a match needs (see the cross-team contract; net/mesh's NetworkMatchRun fits it).
 * `startAtMs` is on the `performance.now()` clock.
 */
export interface RunMatchOptions {
  readonly transport: Transport;
  readonly slotOwners: readonly PeerId[];
  readonly localSlots: readonly number[];
  readonly setup: SimSetup;
  readonly botSlots: readonly number[];
  readonly startAtMs: number;
  /** CSS colours by slot; the palette in slot order if absent. */
  readonly colours?: readonly string[];
}

/**
 * Frames owed at most (2 s): a slow display (software rendering, a busy laptop) or a stall is
 * caught up in bursts; only a longer sleep is dropped, since dropping time makes the peers wait.
 */
const MAX_BACKLOG = 120;

/** Starts the match's engine and frame loop; returns its session, ticking from now on. */
export function runMatch(options: RunMatchOptions): MatchSession {
  const engine = createLockstep<SimState, SimSetup>({
    game: ricochetGame,
    transport: options.transport,
    setup: options.setup,
    slotOwners: options.slotOwners,
    localSlots: options.localSlots,
  });
  const input = createInputSampler(window, overlayRoot());
  const stats = createStatsTally(options.setup.players.length);
  const loop = createMatchLoop({
    engine,
    clock: createFrameClock(FRAME_MS, MAX_BACKLOG, options.startAtMs),
    localSlots: options.localSlots,
    botSlots: options.botSlots,
    humanInput: () => input.sample(),
    humanInputUsed: () => input.consume(),
    botInput,
    onStepped: (state) => stats.add(state.events),
  });
  const names = options.setup.players.map((p) => p.name);
  const shownOnce = new Set<string>();
  const tick = (now: number): void => {
    if (now < options.startAtMs) return; // everyone starts frame 0 together
    session.waitingFor = loop.tick(now).waitingFor;
    reportEngineEvents(session, names, shownOnce);
  };
  let stopTicker: (() => void) | null = null;
  const session: MatchSession = {
    ...describeSlots(options),
    engine,
    loop,
    stats,
    waitingFor: null,
    problem: null,
    events: [],
    stop() {
      if (!stopTicker) return;
      stopTicker();
      stopTicker = null;
      input.dispose();
    },
  };
  stopTicker = startTicker(tick);
  return session;
}

/** Who plays what, and in which colour. */
function describeSlots(options: RunMatchOptions): Pick<MatchSession, 'setup' | 'self' | 'slotOwners' | 'localSlots' | 'botSlots' | 'viewSlot' | 'colours'> {
  return {
    setup: options.setup,
    self: options.transport.self,
    slotOwners: options.slotOwners,
    localSlots: options.localSlots,
    botSlots: options.botSlots,
    viewSlot: options.localSlots.find((s) => !options.botSlots.includes(s)) ?? options.localSlots[0] ?? 0,
    colours: options.colours ?? options.setup.players.map((_, i) => PALETTE[i % PALETTE.length] ?? '#ffffff'),
  };
}

/** Shows the engine's events that matter to the player; a fatal one becomes the session's problem. */
function reportEngineEvents(session: MatchSession, names: readonly string[], shownOnce: Set<string>): void {
  for (const event of session.engine.drainEvents()) {
    session.events.push(event);
    if (session.events.length > EVENT_LOG_LIMIT) session.events.shift();
    const notice = describeEngineEvent(event, names, session.slotOwners);
    if (!notice) continue;
    const key = onceKey(event);
    if (key !== null && shownOnce.has(key)) continue;
    if (key !== null) shownOnce.add(key);
    showToast(notice.text);
    if (notice.fatal) session.problem ??= notice.text;
  }
}
