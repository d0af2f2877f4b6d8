/**
 * Tiny games for engine tests: cheap to step, but every input of every slot at every frame, and
 * every leave, changes the hash, so any disagreement between peers shows at the next checkpoint.
 */
import type { Game } from '../../net/lockstep/game';

/** The tiny game's state: a running hash, the frame, and who left when. */
export interface MixState {
  readonly frame: number;
  readonly acc: number;
  readonly left: readonly number[];
}

/** Setup of the tiny game: the number of slots and a seed. */
export interface MixSetup {
  readonly slots: number;
  readonly seed: number;
}

function mix(acc: number, value: number): number {
  let h = Math.imul(acc ^ value, 0x9e3779b1) >>> 0;
  h ^= h >>> 15;
  return Math.imul(h, 0x85ebca77) >>> 0;
}

/** A deterministic game whose hash depends on every input and leave. */
export const mixGame: Game<MixState, MixSetup> = {
  initialState: (setup) => ({ frame: 0, acc: mix(setup.seed >>> 0, setup.slots), left: [] }),
  step(state, inputs) {
    let acc = mix(state.acc, state.frame);
    inputs.forEach((input, slot) => {
      acc = mix(acc, (slot << 16) | input);
    });
    return { ...state, frame: state.frame + 1, acc };
  },
  leave: (state, slot) => ({ ...state, acc: mix(state.acc, 0xdead0000 | slot), left: [...state.left, slot] }),
  hash: (state) => state.acc,
};

/**
 * A deliberately non-deterministic game: each instance's step drifts from the others after
 * `fromFrame` (as a game using Math.random or wall-clock time would). Give each peer its own `salt`.
 */
export function createDriftingGame(fromFrame: number, salt: number): Game<MixState, MixSetup> {
  let calls = 0;
  return {
    ...mixGame,
    step(state, inputs) {
      calls += 1;
      const next = mixGame.step(state, inputs);
      return state.frame >= fromFrame ? { ...next, acc: mix(next.acc, salt ^ calls) } : next;
    },
  };
}

/**
 * `game` with every stepped state passed through `tamper` first: one peer's planted desync (e.g.
 * its PRNG or shells changed at one frame), to check that the others catch it and name it.
 */
export function createTamperedGame<State, Setup>(game: Game<State, Setup>, tamper: (state: State) => State): Game<State, Setup> {
  return { ...game, step: (state, inputs) => tamper(game.step(state, inputs)) };
}
