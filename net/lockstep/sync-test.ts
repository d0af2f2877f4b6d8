/**
 * The determinism harness, after GGRS's sync test session: it plays a game alone and, on every
 * frame, rolls back `checkDistance` frames and re-simulates them from a deep copy of the saved
 * state with the same inputs, comparing each re-simulated hash with the one first seen.
 *
 * Rollback (and rejoin from a snapshot, and desync recovery) loads an old state and steps it again.
 * That is only safe if `step` is a pure function of (state, inputs): it must not mutate its input,
 * keep anything outside the state (a module-level cache, a counter), or depend on object identity.
 * A mismatch here names the first frame where that went wrong, long before two peers disagree.
 *
 * Invariant: the frames it re-simulates are always the last `checkDistance` frames, so after F
 * frames every frame but the first has been simulated `checkDistance + 1` times (from 2 sources).
 */
import type { Game, Input } from './game';

/** A re-simulated frame whose hash differs from the first simulation of that frame. */
export interface SyncMismatch {
  /** The frame reached by the step that disagreed (1 = after the first step). */
  readonly frame: number;
  readonly expected: number;
  readonly actual: number;
}

/** A game played alone under the sync test; see `createSyncTest`. */
export interface SyncTest<State> {
  /** Steps one frame with `inputs`, then re-checks the last frames; the first mismatch, or null. */
  advance(inputs: readonly Input[]): SyncMismatch | null;
  /** Frames stepped so far. */
  frame(): number;
  state(): State;
}

interface Saved<State> {
  readonly state: State;
  readonly inputs: readonly Input[];
  /** The hash after stepping `state` with `inputs`. */
  readonly hash: number;
}

/**
 * Starts a sync test of `game` from `setup`. `checkDistance` (1 or more) is how many frames each
 * frame rolls back; GGRS's default is 2, rollback netcode predicts up to 8.
 */
export function createSyncTest<State, Setup>(game: Game<State, Setup>, setup: Setup, checkDistance: number): SyncTest<State> {
  if (!Number.isInteger(checkDistance) || checkDistance < 1) throw new Error(`checkDistance must be a whole number of frames >= 1, not ${checkDistance}`);
  let state = game.initialState(setup);
  let frame = 0;
  // Oldest first: the state each of the last `checkDistance` frames started from.
  const history: Saved<State>[] = [];

  const resimulate = (): SyncMismatch | null => {
    let replay = structuredClone(history[0]!.state);
    for (let k = 0; k < history.length; k++) {
      const saved = history[k]!;
      replay = game.step(replay, saved.inputs);
      const actual = game.hash(replay);
      if (actual !== saved.hash) return { frame: frame - history.length + k + 1, expected: saved.hash, actual };
    }
    return null;
  };

  return {
    advance(inputs) {
      // Saved as a deep copy: a step that mutates its input state cannot change the past.
      const before = structuredClone(state);
      state = game.step(state, inputs);
      frame += 1;
      history.push({ state: before, inputs: [...inputs], hash: game.hash(state) });
      if (history.length > checkDistance) history.shift();
      return history.length === checkDistance ? resimulate() : null;
    },
    frame: () => frame,
    state: () => state,
  };
}
