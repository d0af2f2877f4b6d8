/**
 * A player's page feeding its spectators (net/spectate): the match's transport is split so that
 * the engine hears only the players, and a feeder reads the engine's confirmed frames after every
 * tick of the loop and sends each spectator what it lacks. Whatever a spectator does, the engine
 * never waits for it.
 */
import type { LockstepEngine, PeerId, Transport } from '../../net/lockstep';
import { SpectatorFeeder, splitTransport } from '../../net/spectate';
import { ricochetGame, type SimState } from '../sim/index';

/** What a match needs to feed spectators: the engine's half of the transport, and the per-tick hook. */
export interface PageFeed {
  readonly transport: Transport;
  readonly afterTick: (engine: LockstepEngine<SimState>) => void;
  /** The spectators this page feeds now. */
  watching(): PeerId[];
}

/** Splits `transport` between the players of `slotOwners` (the engine) and everyone else (the feeder). */
export function createPageFeed(transport: Transport, slotOwners: readonly PeerId[]): PageFeed {
  const split = splitTransport(transport, (peer) => slotOwners.includes(peer));
  const feeder = new SpectatorFeeder<SimState>(split.spectators, ricochetGame, slotOwners.length);
  return {
    transport: split.players,
    afterTick(engine) {
      feeder.poll(engine);
      for (const event of feeder.drainEvents()) {
        // A spectator's bad message changes nothing here; the console keeps a trace of it.
        if (event.type === 'watcher-refused') console.warn(`spectator ${event.peer}: refused ${event.reason}`);
      }
    },
    watching: () => feeder.watching(),
  };
}
