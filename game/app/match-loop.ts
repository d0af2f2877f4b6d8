/**
 * One match's frame loop, without the clock: each tick (a 60 Hz beat or a display frame, see
 * ticker.ts), the frames that are due are fed to the lockstep engine (local inputs sampled and
 * set, poll, advance), one sample per frame, stopping at a stall. It keeps the last
 * two states for the renderer's interpolation and queues the sim events of every stepped frame
 * (several may step in one tick) for sounds and effects. The caller owns time (see run-match.ts).
 *
 * With rollback the current state may rest on guessed inputs. When the engine corrects a guess it
 * hands over the re-simulated states: their events go through the once-filter (event-once.ts), so
 * a re-simulated frame replays no sound, and `corrections` reports how far each tank moved, so
 * the view can ease it into place (game/view/correction.ts).
 */
import type { Correction, LockstepEngine } from '../../net/lockstep';
import type { PeerId } from '../../net/lockstep';
import type { SimEvent, SimState } from '../sim';
import { createEventOnce } from './event-once';
import type { FrameClock } from './frame-clock';

/** What a loop needs. `botSlots` are local slots played by `botInput`; the others by `humanInput`. */
export interface MatchLoopConfig {
  readonly engine: LockstepEngine<SimState>;
  readonly clock: FrameClock;
  readonly localSlots: readonly number[];
  readonly botSlots: readonly number[];
  readonly humanInput: () => number;
  /** The last `humanInput` value went into a scheduled frame (latched taps may be forgotten). */
  readonly humanInputUsed?: () => void;
  /** A poll scheduled new local input at `nowMs`: where a networked engine sends an inputs packet. */
  readonly onInputScheduled?: (nowMs: number) => void;
  readonly botInput: (state: SimState, slot: number) => number;
  /**
   * Sees each frame's state once, in frame order, when the frame is confirmed (every input real):
   * the match statistics tally its events. With a prediction window a guessed shot or hit may be
   * taken back by a correction; counting the stepped states would keep it.
   */
  readonly onConfirmed?: (state: SimState) => void;
  /**
   * A resync: the page loaded the majority's state after `from` frames, and simulated again
   * `states` (perhaps none), frames already handed to `onConfirmed`. The frames it had handed on
   * since the checkpoint before `from` rested on a state gone astray: the statistics count them
   * again (stats-recount.ts).
   */
  readonly onReconfirmed?: (from: number, states: readonly SimState[]) => void;
}

/** The result of one tick: frames stepped, and who is waited on if it stalled. */
export interface TickResult {
  readonly stepped: number;
  readonly waitingFor: readonly PeerId[] | null;
}

/** A running loop. */
export interface MatchLoop {
  tick(nowMs: number): TickResult;
  /** The state before the current one (equal to it at frame 0). */
  previous(): SimState;
  current(): SimState;
  /** Interpolation factor between previous() and current(). */
  alpha(): number;
  /** Sim events of every frame stepped since the last call, in order, each once (even if re-simulated). */
  drainEvents(): SimEvent[];
  /** Rollback: the states shown, then corrected, since the last call (`[shown, corrected]`, same frame). */
  drainCorrections(): (readonly [SimState, SimState])[];
  /** The once-only events handed out so far (explosions `explode:slot:shell`, rounds): see event-once.ts. */
  played(): readonly string[];
}

/** Frames a page steps per tick at most while it lags the others (20x real time at 60 ticks a second). */
const CATCH_UP_PER_TICK = 20;
/** A lag this small is the peers' phase and the input delay, not a page catching up. */
const CATCH_UP_FROM = 30;

/**
 * The events to show (each once, whatever rollbacks re-simulate), the corrections to ease, and
 * each frame's newest state until the engine confirms it.
 */
function createStepLog(config: Pick<MatchLoopConfig, 'onConfirmed' | 'onReconfirmed'>, firstFrame: number, confirmedFrame: () => number) {
  const { onConfirmed, onReconfirmed } = config;
  const events: SimEvent[] = [];
  const corrections: (readonly [SimState, SimState])[] = [];
  const once = createEventOnce();
  // By the frame count after the step: a re-simulation replaces the guess it corrects.
  const unconfirmed = new Map<number, SimState>();
  let nextConfirmed = firstFrame + 1;
  /** Hands on every state the engine now says ran on real inputs. */
  const confirm = (): void => {
    const confirmed = confirmedFrame();
    for (let state = unconfirmed.get(nextConfirmed); state && nextConfirmed <= confirmed; state = unconfirmed.get(nextConfirmed)) {
      unconfirmed.delete(nextConfirmed++);
      onConfirmed?.(state);
    }
  };
  const remember = (state: SimState): void => {
    events.push(...once.fresh(state));
    // A resync re-simulates frames already handed on: those are not confirmed twice (onReconfirmed recounts them).
    if (onConfirmed && state.frame >= nextConfirmed) unconfirmed.set(state.frame, state);
  };
  /** The newest state stepped: every frame before it is final in `unconfirmed`. */
  const note = (state: SimState): void => {
    remember(state);
    confirm();
  };
  /**
   * After every advance, a stalled one too: the correction's re-simulated states replace the
   * guesses first, then the frames the advance confirmed are handed on. Returns the state to show
   * (a correction replaces the one shown by its corrected version of the same frame).
   */
  const correct = (correction: Correction<SimState> | undefined, shown: SimState): SimState => {
    for (const state of correction?.states ?? []) remember(state);
    // A loaded state (resync): every frame handed on since `from` is simulated again (maybe none,
    // but those up to `from` had gone astray too).
    if (correction?.loaded) onReconfirmed?.(correction.from, correction.states.filter((state) => state.frame < nextConfirmed));
    confirm();
    if (!correction) return shown;
    const fixed = correction.states[correction.states.length - 1];
    if (!fixed || fixed.frame !== shown.frame) return shown;
    corrections.push([shown, fixed]);
    return fixed;
  };
  return { events, corrections, once, note, correct };
}

/** Creates the loop over an engine that has not stepped yet. */
export function createMatchLoop(config: MatchLoopConfig): MatchLoop {
  const { engine, clock, localSlots, botSlots } = config;
  let previous = engine.state();
  let current = previous;
  const log = createStepLog(config, previous.frame, () => engine.confirmedFrame());
  const correct = (correction: Correction<SimState> | undefined): void => void (current = log.correct(correction, current));

  let scheduled = engine.scheduledUntil();
  // The engine holds the last value fed: when its schedule grows, that value was used.
  const noteScheduled = (nowMs: number): void => {
    if (engine.scheduledUntil() === scheduled) return;
    scheduled = engine.scheduledUntil();
    config.humanInputUsed?.();
    config.onInputScheduled?.(nowMs);
  };
  // A bot's input depends only on the state: compute it once per state, however many polls follow.
  let botsFedFor: SimState | null = null;
  const feedInputs = (humansOnly: boolean): void => {
    const feedBots = !humansOnly && botsFedFor !== current;
    for (const slot of localSlots) {
      if (!botSlots.includes(slot)) engine.setLocalInput(slot, config.humanInput());
      else if (feedBots) engine.setLocalInput(slot, config.botInput(current, slot));
    }
    if (feedBots) botsFedFor = current;
  };

  return {
    tick(nowMs) {
      // A page back from away steps up to 20x real time until it has caught up with the others.
      const lag = engine.lag();
      const due = clock.tick(nowMs) + (lag > CATCH_UP_FROM ? Math.min(CATCH_UP_PER_TICK, lag) : 0);
      let stepped = 0;
      if (due === 0) {
        // Keep the network serviced between frames; should this poll schedule a frame, it takes
        // the player's input as of now.
        feedInputs(true);
        engine.poll(nowMs);
      }
      noteScheduled(nowMs);
      for (let i = 0; i < due; i++) {
        feedInputs(false);
        engine.poll(nowMs);
        const result = engine.advance(nowMs);
        noteScheduled(nowMs);
        correct(result.corrected);
        if (result.kind === 'stalled') return { stepped, waitingFor: result.waitingFor };
        previous = current;
        current = result.state;
        log.note(current);
        clock.spend();
        stepped++;
      }
      if (stepped > 0) {
        // The step made room for the next frame's local input: schedule and send it now, on this
        // tick, rather than at whatever tick comes next (a render could be 70 ms away).
        feedInputs(false);
        engine.poll(nowMs);
        noteScheduled(nowMs);
      }
      return { stepped, waitingFor: null };
    },
    previous: () => previous,
    current: () => current,
    alpha: () => clock.alpha(),
    drainEvents: () => log.events.splice(0),
    drainCorrections: () => log.corrections.splice(0),
    played: () => log.once.played(),
  };
}
