/**
 * One frame of the game: tanks turn, drive and fire (in slot order), tanks are pushed apart, shells
 * fly and bounce, shells hit tanks, then the round logic runs. Written with immer's `produce`; the
 * hot loops compute new plain objects from the (frozen) previous state and assign them into the
 * draft, so unchanged parts (the maze, idle tanks) are shared with the previous frame.
 */
import { produce } from 'immer';
import { MAX_SHELLS_PER_TANK } from './constants';
import { INPUT_MASK } from './input';
import type { RngCursor } from './prng';
import { advanceRound } from './round';
import { fireShell, flyShell, resolveHits } from './shell';
import { driveTank, separateTanks } from './tank';
import type { Shell, SimEvent, SimState, Tank } from './types';

/** Advance one frame. `inputs[slot]` is each slot's bitmask; missing or absent slots count as 0. */
export function step(state: SimState, inputs: readonly number[]): SimState {
  return produce(state, (draft) => {
    const events: SimEvent[] = [];
    const live = countShells(state.shells, state.tanks.length);
    const fired: Tank[] = [];
    let tanks = state.tanks.map((tank) => {
      const input = tank.present ? (inputs[tank.slot] ?? 0) & INPUT_MASK : 0;
      const moved = driveTank(tank, input, state.maze, (live[tank.slot] as number) < MAX_SHELLS_PER_TANK);
      if (moved.fires) fired.push(moved.tank);
      return moved.tank;
    });
    tanks = separateTanks(tanks, state.maze);
    const shells: Shell[] = [];
    for (const shell of state.shells) {
      const next = flyShell(shell, state.maze, events);
      if (next) shells.push(next);
    }
    let nextShellId = state.nextShellId;
    for (const tank of fired) {
      const shell = fireShell(tank, nextShellId++, state.maze);
      shells.push(shell);
      events.push({ type: 'fire', slot: tank.slot, x: shell.x, y: shell.y });
    }
    const hit = resolveHits(shells, tanks, events);
    const rng: RngCursor = { state: state.rng };
    const round = advanceRound({ ...state, tanks: hit.tanks, shells: hit.shells }, rng, events);
    draft.frame = state.frame + 1;
    if (tanks !== state.tanks || hit.tanks !== tanks) draft.tanks = hit.tanks;
    if (hit.shells.length > 0 || state.shells.length > 0) draft.shells = hit.shells;
    if (nextShellId !== state.nextShellId) draft.nextShellId = nextShellId;
    if (events.length > 0 || state.events.length > 0) draft.events = events;
    Object.assign(draft, round);
    if (rng.state !== state.rng) draft.rng = rng.state;
  });
}

function countShells(shells: readonly Shell[], slots: number): number[] {
  const live = new Array<number>(slots).fill(0);
  for (const s of shells) live[s.owner] = (live[s.owner] as number) + 1;
  return live;
}
