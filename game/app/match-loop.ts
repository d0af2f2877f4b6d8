/**
 * One match's frame loop, without the clock: each display tick, the frames that are due are fed
 * to the lockstep engine (local inputs set, poll, advance), stopping at a stall. It keeps the last
 * two states for the renderer's interpolation and queues the sim events of every stepped frame
 * (several may step in one tick) for sounds and effects. The caller owns time (see run-match.ts).
 */
import type { LockstepEngine } from '../../net/lockstep';
import type { PeerId } from '../../net/lockstep';
import type { SimEvent, SimState } from '../sim';
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
  readonly botInput: (state: SimState, slot: number) => number;
  /** Sees every state the engine steps, in order (the match statistics tally its events). */
  readonly onStepped?: (state: SimState) => void;
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
  /** Sim events of every frame stepped since the last call, in order. */
  drainEvents(): SimEvent[];
}

/** Creates the loop over an engine that has not stepped yet. */
export function createMatchLoop(config: MatchLoopConfig): MatchLoop {
  const { engine, clock, localSlots, botSlots } = config;
  let previous = engine.state();
  let current = previous;
  let events: SimEvent[] = [];

  let scheduled = engine.scheduledUntil();
  // The engine holds the last value fed: when its schedule grows, that value was used.
  const noteScheduled = (): void => {
    if (engine.scheduledUntil() === scheduled) return;
    scheduled = engine.scheduledUntil();
    config.humanInputUsed?.();
  };
  const feedInputs = (): void => {
    for (const slot of localSlots) {
      engine.setLocalInput(slot, botSlots.includes(slot) ? config.botInput(current, slot) : config.humanInput());
    }
  };

  return {
    tick(nowMs) {
      const due = clock.tick(nowMs);
      let stepped = 0;
      if (due === 0) engine.poll(nowMs); // keep the network serviced between frames
      noteScheduled();
      for (let i = 0; i < due; i++) {
        feedInputs();
        engine.poll(nowMs);
        const result = engine.advance(nowMs);
        noteScheduled();
        if (result.kind === 'stalled') return { stepped, waitingFor: result.waitingFor };
        previous = current;
        current = result.state;
        events = events.concat(current.events);
        config.onStepped?.(current);
        clock.spend();
        stepped++;
      }
      return { stepped, waitingFor: null };
    },
    previous: () => previous,
    current: () => current,
    alpha: () => clock.alpha(),
    drainEvents() {
      const out = events;
      events = [];
      return out;
    },
  };
}
