/**
 * Players and spectators of the real sim on the simulated network, one 60 Hz tick at a time
 * (players step the frames due, catching up after a stall as a page's clock does). Each
 * player's transport is split (net/spectate's splitTransport): its engine hears the players, its
 * feeder the spectators. Spectators join at a given tick, each fed by the player `feederOf` picks,
 * and play as a page does: one frame due per tick (time owed after a wait is caught up, at most 120
 * frames), plus up to 20 a tick while they lag more than 30 frames (game/app/match-loop.ts).
 */
import { createLockstep } from '../../net/lockstep/lockstep';
import { FRAME_MS, type LockstepEngine, type LockstepOptions } from '../../net/lockstep/engine-types';
import { createSpectator, SpectatorFeeder, splitTransport, type FeederEvent, type SpectatorEngine } from '../../net/spectate';
import { ricochetGame, type SimState } from '../../game/sim/index';
import { createPrng } from './prng';
import type { NetProfile } from './profiles';
import { createSimNetwork, type SimNetwork } from './sim-network';

/** What to run. */
export interface SpectatePlan {
  readonly players: number;
  readonly spectators: number;
  /** The tick at which spectators start watching. */
  readonly joinAtTick: number;
  readonly ticks: number;
  readonly profile: NetProfile;
  readonly seed: number;
  /** The player feeding spectator j (default: spread, j mod players). */
  readonly feederOf?: (j: number) => number;
  /** The players' engine options (e.g. rollback's). */
  readonly options?: Partial<LockstepOptions>;
  /** Called after every tick (crash a feeder, switch one...). */
  readonly onTick?: (tick: number, run: SpectateRun) => void;
}

/** A run in progress or done. */
export interface SpectateRun {
  readonly net: SimNetwork;
  readonly players: LockstepEngine<SimState>[];
  readonly feeders: SpectatorFeeder<SimState>[];
  /** Null until the spectator joins. */
  readonly spectators: (SpectatorEngine<SimState> | null)[];
  readonly feederEvents: FeederEvent[][];
  /** Each player's frame at each tick. */
  readonly playerFrames: number[][];
  /** Players that crashed (the test's own doing): no longer ticked. */
  readonly crashed: Set<number>;
}

const CATCH_UP_FROM = 30;
const CATCH_UP_PER_TICK = 20;
const MAX_OWED = 120;

/** Runs a match of `plan.players` with `plan.spectators` spectators. */
export function runSpectated(plan: SpectatePlan): SpectateRun {
  const { players: n, spectators: s } = plan;
  const net = createSimNetwork(n + s, plan.profile, plan.seed);
  const random = createPrng(plan.seed);
  const owners = net.peers.slice(0, n);
  const setup = { seed: plan.seed, players: owners.map((p) => ({ name: p })) };
  const feeders: SpectatorFeeder<SimState>[] = [];
  const players = owners.map((_, i) => {
    const split = splitTransport(net.transport(i), (peer) => owners.includes(peer));
    feeders.push(new SpectatorFeeder(split.spectators, ricochetGame, n));
    return createLockstep({ game: ricochetGame, transport: split.players, setup, slotOwners: owners, localSlots: [i], ...(plan.options ? { options: plan.options } : {}) });
  });
  const run: SpectateRun = {
    net, players, feeders, spectators: Array.from({ length: s }, () => null), feederEvents: owners.map(() => []), playerFrames: owners.map(() => []), crashed: new Set(),
  };
  const owed = Array.from({ length: s }, () => 0);
  let t = 0;
  for (let tick = 1; tick <= plan.ticks; tick++) {
    t += FRAME_MS;
    net.advanceTo(t);
    players.forEach((engine, i) => {
      if (run.crashed.has(i)) return;
      if (random() < 0.15) engine.setLocalInput(i, Math.floor(random() * 32));
      engine.poll(t);
      // One frame per tick, and up to 3 more to catch up after a stall, as a page's clock does.
      for (let n = 0; n < 4 && engine.frame() < tick; n++) if (engine.advance(t).kind === 'stalled') break;
      engine.poll(t);
      const feeder = feeders[i] as SpectatorFeeder<SimState>;
      feeder.poll(engine);
      run.feederEvents[i]?.push(...feeder.drainEvents());
      run.playerFrames[i]?.push(engine.frame());
    });
    if (tick === plan.joinAtTick) {
      for (let j = 0; j < s; j++) {
        const feeder = owners[(plan.feederOf ?? ((k) => k % n))(j)] as string;
        run.spectators[j] = createSpectator({ game: ricochetGame, transport: net.transport(n + j), feeder, slots: n });
      }
    }
    run.spectators.forEach((spectator, j) => {
      if (!spectator) return;
      spectator.poll(t);
      owed[j] = Math.min(MAX_OWED, (owed[j] ?? 0) + 1);
      const lag = spectator.lag();
      const due = (owed[j] ?? 0) + (lag > CATCH_UP_FROM ? Math.min(CATCH_UP_PER_TICK, lag) : 0);
      for (let k = 0; k < due; k++) {
        if (spectator.advance(t).kind === 'stalled') break;
        owed[j] = Math.max(0, (owed[j] ?? 0) - 1);
      }
    });
    plan.onTick?.(tick, run);
  }
  return run;
}

/** The frames at which both lists have a checkpoint, and those of them whose hashes differ. */
export function sharedCheckpoints(a: readonly (readonly [number, number])[], b: readonly (readonly [number, number])[]): { shared: number[]; differ: number[] } {
  const other = new Map(b.map(([frame, hash]) => [frame, hash]));
  const shared = a.filter(([frame]) => other.has(frame));
  return { shared: shared.map(([frame]) => frame), differ: shared.filter(([frame, hash]) => other.get(frame) !== hash).map(([frame]) => frame) };
}
