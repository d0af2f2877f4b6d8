/**
 * What the lockstep engine needs to know of a game: nothing but a pure, deterministic step
 * function and a hash of its state. `game/sim` is one such game; the engine could carry another.
 *
 * Every peer runs the same functions on the same inputs and must reach bit-identical states, so
 * each function must be a pure function of its arguments: no clock, no `Math.random`, no
 * engine-dependent math (`Math.sin` differs between browsers), no global state, no I/O. The
 * engine keeps every state it was handed (the caller may interpolate between two, a replay or a
 * rollback may return to one), so a function must not mutate its `state` argument: return a new
 * state (game/sim uses immer's `produce`). A broken rule shows as a `desync` at a checkpoint.
 */

/** One frame's input of one slot: a small unsigned bitmask (fits in 16 bits). 0 = no input / left. */
export type Input = number;

/** One named part of a game's state and its uint32 hash (see `Game.sections`). */
export interface GameSection {
  readonly name: string;
  readonly hash: number;
}

/** A deterministic game, as the engine drives it. */
export interface Game<State, Setup> {
  /** The state before frame 0. Every peer passes an equal `setup` (seed, players in slot order). */
  initialState(setup: Setup): State;
  /**
   * The state after one frame. `inputs[slot]` for every slot, in slot order; 0 for a slot that
   * left. Pure and deterministic; must not mutate `inputs` (the engine logs that very array).
   */
  step(state: State, inputs: readonly Input[]): State;
  /**
   * Remove `slot` from the game (its tank, its score's claim to a win). The engine calls it exactly
   * once, just before stepping the frame that every survivor agreed the slot leaves at; from then
   * on that slot's input is 0. Pure and deterministic, like `step`.
   */
  leave(state: State, slot: number): State;
  /**
   * A uint32 over a canonical encoding of the state: equal states give equal hashes everywhere.
   * Compared between peers at every checkpoint. Must not change the state.
   */
  hash(state: State): number;
  /**
   * Optional: a uint32 per part of the state (at most 8, the same names in the same order every
   * time), sent with each checkpoint so that a mismatch names the parts that diverged. The engine
   * knows them only by these names. Must not change the state.
   */
  sections?(state: State): readonly GameSection[];
  /**
   * Optional, with `decodeState`: the bytes of a state, so that a peer whose checkpoint the
   * majority outvoted can load theirs instead of leaving (resync.ts). `decodeState(encodeState(s))`
   * must hash as `s` and step as `s` does. Must not change the state.
   */
  encodeState?(state: State): Uint8Array;
  /**
   * The state in `bytes`, or null if they hold none. The bytes come from another peer: return
   * null rather than a state `step` cannot handle (the engine also checks the hash).
   */
  decodeState?(bytes: Uint8Array): State | null;
}
