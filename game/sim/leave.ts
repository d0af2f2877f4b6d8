/** A player leaving: the engine calls this at a frame all peers agreed on. */
import { produce } from 'immer';
import type { SimState } from './types';

/**
 * Removes `slot`'s tank at once; from now on it can neither act nor win. Its shells in flight stay
 * (they were fired fairly). If too few players remain, the next `step` ends the match.
 */
export function leave(state: SimState, slot: number): SimState {
  if (!Number.isInteger(slot) || slot < 0 || slot >= state.tanks.length) {
    throw new RangeError(`leave: no slot ${slot} in a ${state.tanks.length}-slot match`);
  }
  return produce(state, (draft) => {
    const tank = draft.tanks[slot];
    if (tank) {
      tank.present = false;
      tank.alive = false;
    }
  });
}
