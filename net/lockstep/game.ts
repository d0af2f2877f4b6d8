/**
 * What the lockstep engine needs to know of a game: nothing but a pure, deterministic step
 * function and a hash of its state. `game/sim` is one such game; the engine could carry another.
 */

/** One frame's input of one slot: a small unsigned bitmask (fits in 16 bits). 0 = no input / left. */
export type Input = number;

export interface Game<State, Setup> {
  initialState(setup: Setup): State;
  /** `inputs[slot]` for every slot, in slot order. Must be pure and deterministic. */
  step(state: State, inputs: readonly Input[]): State;
  /**
   * Remove `slot` from the game (its tank, its score's claim to a win). The engine calls it exactly
   * once, just before stepping the frame that every survivor agreed the slot leaves at; from then
   * on that slot's input is 0.
   */
  leave(state: State, slot: number): State;
  /** A uint32 over a canonical encoding of the state: equal states give equal hashes everywhere. */
  hash(state: State): number;
}
