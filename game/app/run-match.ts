/**
 * `runMatch`: plays one match on this page. It builds the lockstep engine over the given
 * transport, owns the loop (ticker.ts: a steady 60 Hz timer for the netcode; the Match scene
 * pumps it once more before drawing), feeds the engine through the fixed-step clock, measures the pace (display
 * rate, input-send cadence) and picks the render quality from it, and returns the session the
 * Match scene draws from. Phaser never writes sim state: the scene only reads `session.loop`.
 * Showing the session is the caller's (match-stage.ts), and so is leaving on pagehide (main.ts).
 */
import { createLockstep, ROLLBACK_OPTIONS } from '../../net/lockstep';
import { FRAME_MS } from '../../net/lockstep';
import type { LockstepEngine, LockstepEvent, PeerId, Transport } from '../../net/lockstep';
import { PALETTE, type Netcode } from '../../net/lobby';
import { botInput, type BotLevel } from '../bots';
import { ricochetGame } from '../sim/index';
import type { SimSetup, SimState } from '../sim';
import { createInputSampler } from '../input/input-sampler';
import { overlayRoot } from '../ui/dom';
import { showToast } from '../ui/toast';
import { describeEngineEvent, onceKey } from './engine-events';
import { createFrameClock } from './frame-clock';
import { createMatchLoop } from './match-loop';
import { EVENT_LOG_LIMIT, type MatchSession } from './match-session';
import { createPaceMeter } from './pace-meter';
import { createRecountingTally } from './stats-recount';
import { initialQuality, nextQuality, QUALITY_FPS_WINDOW_MS } from '../view/render-quality';
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
  /** How the local bots play (the match options' `botLevel`); normal if absent. */
  readonly botLevel?: BotLevel;
  /** `rollback` runs the engine with a prediction window (ROLLBACK_OPTIONS); lockstep if absent. */
  readonly netcode?: Netcode;
  /** An engine made elsewhere (a spectator's, net/spectate) instead of a lockstep engine over `transport`. */
  readonly engine?: LockstepEngine<SimState>;
  /** Called after every tick of the loop (a player's page feeds its spectators from there). */
  readonly afterTick?: (engine: LockstepEngine<SimState>) => void;
}

/**
 * Frames owed at most (2 s): a slow display (software rendering, a busy laptop) or a stall is
 * caught up in bursts; only a longer sleep is dropped, since dropping time makes the peers wait.
 */
const MAX_BACKLOG = 120;

/** Starts the match's engine and frame loop; returns its session, ticking from now on. */
export function runMatch(options: RunMatchOptions): MatchSession {
  const engine = options.engine ?? createEngine(options);
  const input = createInputSampler(window, overlayRoot());
  const pace = createPaceMeter(options.startAtMs);
  const stats = createRecountingTally(options.setup, ricochetGame);
  const loop = matchLoopFor(options, engine, input, pace, stats);
  const names = options.setup.players.map((p) => p.name);
  const shownOnce = new Set<string>();
  const pause = createPauseTime();
  // lateMs is absent when the Match scene pumps before drawing: only timer beats measure the thread.
  const tick = (now: number, lateMs?: number): void => {
    if (lateMs !== undefined) pace.noteBeat(now, lateMs);
    input.poll(); // a gamepad press seen now is latched until a frame takes it
    if (now < options.startAtMs || pause.paused()) return; // everyone starts frame 0 together
    const result = loop.tick(pause.playTime(now));
    if (result.stepped > 0) pace.noteSteps(now, result.stepped);
    session.waitingFor = result.waitingFor;
    reportEngineEvents(session, names, shownOnce);
    if (session.desync?.fatal) endOnDesync(session, now);
    options.afterTick?.(engine);
  };
  const render = (now: number): void => {
    pace.noteRender(now);
    if (now < options.startAtMs) return;
    const load = { fps: pace.displayFps(now, QUALITY_FPS_WINDOW_MS), lateBeatShare: pace.lateBeatShare(now, QUALITY_FPS_WINDOW_MS) };
    session.quality = nextQuality(session.quality, load, now);
  };
  let stopTicker: (() => void) | null = null;
  const session: MatchSession = {
    ...describeSlots(options),
    engine,
    loop,
    stats,
    waitingFor: null,
    pace,
    quality: initialQuality(options.startAtMs),
    problem: null,
    desync: null,
    events: [],
    pump: () => (stopTicker ? tick(performance.now()) : undefined),
    stop() {
      if (!stopTicker) return;
      stopTicker();
      stopTicker = null;
      input.dispose();
    },
    setPaused: (paused) => pause.set(paused, performance.now()),
  };
  stopTicker = startTicker({ tick, render }, options.startAtMs);
  return session;
}

/** The frame loop of a match: the engine, the inputs (the player's and the bots'), the pace and the statistics. */
function matchLoopFor(options: RunMatchOptions, engine: LockstepEngine<SimState>, input: ReturnType<typeof createInputSampler>, pace: ReturnType<typeof createPaceMeter>, stats: ReturnType<typeof createRecountingTally>) {
  return createMatchLoop({
    engine,
    clock: createFrameClock(FRAME_MS, MAX_BACKLOG, options.startAtMs),
    localSlots: options.localSlots,
    botSlots: options.botSlots,
    humanInput: () => input.sample(),
    humanInputUsed: () => input.consume(),
    onInputScheduled: (now) => pace.noteSend(now),
    botInput: (state, slot) => botInput(state, slot, options.botLevel ?? 'normal'),
    onConfirmed: (state) => stats.confirm(state),
    // After a resync the frames this page counted on its diverged state are counted again.
    onReconfirmed: (from, states) => void stats.recount(from, engine.checkpoints().find(([frame]) => frame === from)?.[1], states, engine.inputLog()),
  });
}

/** The lockstep engine; `rollback` gives it a prediction window (ROLLBACK_OPTIONS). */
function createEngine(options: RunMatchOptions): LockstepEngine<SimState> {
  const { transport, setup, slotOwners, localSlots } = options;
  const rollback = options.netcode === 'rollback' ? { options: ROLLBACK_OPTIONS } : {};
  return createLockstep<SimState, SimSetup>({ game: ricochetGame, transport, setup, slotOwners, localSlots, ...rollback });
}

/**
 * Play time: the page's clock minus the time spent paused, so that a resumed practice match goes
 * on where it stopped instead of catching up the pause in a burst.
 */
function createPauseTime(): { paused(): boolean; set(paused: boolean, nowMs: number): void; playTime(nowMs: number): number } {
  let pausedAt: number | null = null;
  let pausedMs = 0;
  return {
    paused: () => pausedAt !== null,
    set(paused, nowMs) {
      if (paused && pausedAt === null) pausedAt = nowMs;
      if (!paused && pausedAt !== null) {
        pausedMs += nowMs - pausedAt;
        pausedAt = null;
      }
    },
    playTime: (nowMs) => nowMs - pausedMs,
  };
}

/** Who plays what, and in which colour. */
function describeSlots(options: RunMatchOptions): Pick<MatchSession, 'setup' | 'self' | 'slotOwners' | 'localSlots' | 'botSlots' | 'botLevel' | 'viewSlot' | 'colours'> {
  return {
    setup: options.setup,
    self: options.transport.self,
    slotOwners: options.slotOwners,
    localSlots: options.localSlots,
    botSlots: options.botSlots,
    botLevel: options.botLevel ?? 'normal',
    // A spectator plays no slot: -1 watches nobody's tank in particular.
    viewSlot: options.localSlots.find((s) => !options.botSlots.includes(s)) ?? options.localSlots[0] ?? (options.engine?.role() === 'spectator' ? -1 : 0),
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
    if (DESYNC_NOTICES.has(event.type) && !session.desync?.fatal) session.desync = notice;
  }
}

/**
 * The events that put up (or update) the desync notice, with its report: a resync replaces
 * "Loading the majority's state…" on the page that loaded it, and the others' "went out of sync"
 * becomes "is back in sync" once its checkpoints agree again.
 */
const DESYNC_NOTICES: ReadonlySet<LockstepEvent['type']> = new Set(['desync', 'peer-desynced', 'peer-resynced', 'resynced', 'resync-failed']);

/**
 * A desync this page could not recover from (no majority, or the majority's state could not be
 * loaded) ends its match: its state can no longer be trusted, so it stops (the last state stays on
 * screen under the notice) and tells the others it leaves, so that they drop it at once instead
 * of stalling on its silence. A page whose resync failed told them already.
 */
function endOnDesync(session: MatchSession, nowMs: number): void {
  session.engine.leave(nowMs);
  session.stop();
}
