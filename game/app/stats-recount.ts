/**
 * The match statistics of a page that may load another page's state. The tally counts each
 * confirmed frame's events once (game/sim/match-stats.ts), so that the results agree with the
 * replay. A page that went out of sync has counted what happened on its diverged frames; when it
 * loads the majority's state (a resync, net/lockstep/resync.ts), the engine simulates the frames
 * from the outvoted checkpoint to the present again, and those frames were counted already.
 *
 * Recount
 * - Every ANCHOR_EVERY confirmed frames (the checkpoint interval) the state and a copy of the
 *   tally are kept: an anchor, the last ANCHORS_KEPT of them.
 * - A resync at checkpoint F: the tally goes back to the newest anchor before F (the checkpoint
 *   before the outvoted one, which agreed), the frames from there to F are simulated again from
 *   the anchor's state with the confirmed input log and counted, and the resync's own frames after
 *   F are counted from its corrected states.
 * - If those frames do not end on the majority's hash at F (the anchor had gone astray too), or no
 *   anchor is old enough, everything is recounted from frame 0 with the input log: what a re-run
 *   of the replay gives, by construction.
 */
import type { Game, InputLog } from '../../net/lockstep';
import { createStatsTally, type SimSetup, type SimState, type StatsTally } from '../sim';

/** Frames between two anchors: the checkpoint interval, so the one before an outvoted checkpoint is there. */
export const ANCHOR_EVERY = 30;
/** Anchors kept (5 s): a resync loads its state within 4 s of the verdict or gives up. */
export const ANCHORS_KEPT = 10;

/** What a recount needs of the game. */
export type RecountGame = Pick<Game<SimState, SimSetup>, 'initialState' | 'step' | 'leave' | 'hash'>;

/** A tally that can count a resync's frames again. */
export interface RecountingTally extends StatsTally {
  /** Counts one confirmed frame's state (the match loop's `onConfirmed`), in frame order. */
  confirm(state: SimState): void;
  /**
   * A resync loaded the majority's state after `from` frames, of hash `hash` (undefined: not
   * known), and simulated again `states`, frames already counted: count from a state that agrees.
   * Returns how: from an anchor, or from frame 0.
   */
  recount(from: number, hash: number | undefined, states: readonly SimState[], log: InputLog): 'anchor' | 'start';
}

interface Anchor {
  readonly state: SimState;
  readonly tally: StatsTally;
}

/** A recounting tally for a match of `setup`, played by `game`. */
export function createRecountingTally(setup: SimSetup, game: RecountGame): RecountingTally {
  let tally = createStatsTally(setup.players.length);
  let anchors: Anchor[] = [];
  const confirm = (state: SimState): void => {
    tally.add(state.events);
    if (state.frame % ANCHOR_EVERY !== 0) return;
    anchors.push({ state, tally: tally.copy() });
    if (anchors.length > ANCHORS_KEPT) anchors.shift();
  };
  /** Go back to `anchor` and count the frames from it up to `to` again; returns the state at `to`. */
  const replayFrom = (anchor: Anchor, to: number, log: InputLog): SimState => {
    tally = anchor.tally.copy();
    anchors = anchors.filter((a) => a.state.frame <= anchor.state.frame);
    let state = anchor.state;
    for (let f = state.frame; f < to; f++) {
      for (const [at, slot] of log.leaves) if (at === f) state = game.leave(state, slot);
      state = game.step(state, log.inputs[f] ?? []);
      confirm(state);
    }
    return state;
  };
  return {
    add: (events) => tally.add(events),
    stats: () => tally.stats(),
    over: () => tally.over(),
    copy: () => tally.copy(),
    confirm,
    recount(from, hash, states, log) {
      const anchor = [...anchors].reverse().find((a) => a.state.frame < from);
      let how: 'anchor' | 'start' = 'anchor';
      if (anchor === undefined || hash === undefined || game.hash(replayFrom(anchor, from, log)) !== hash) {
        how = 'start';
        anchors = [];
        replayFrom({ state: game.initialState(setup), tally: createStatsTally(setup.players.length) }, from, log);
      }
      for (const state of states) confirm(state);
      return how;
    },
  };
}
