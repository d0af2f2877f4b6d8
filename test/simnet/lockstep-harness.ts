/**
 * N engines on the simulated network, stepped one 60 Hz frame at a time in lock (no drift, no
 * phases): for benchmarks and figures, where runMatch's run-to-the-end driver does not fit.
 */
import { createLockstep } from '../../net/lockstep/lockstep';
import { FRAME_MS, type LockstepEngine } from '../../net/lockstep/engine-types';
import type { Game } from '../../net/lockstep/game';
import type { Transport } from '../../net/lockstep/transport';
import { createPrng } from './prng';
import type { NetProfile } from './profiles';
import { createSimNetwork, type SimNetwork } from './sim-network';

/** A match you step by hand. */
export interface LockstepHarness<State> {
  readonly engines: LockstepEngine<State>[];
  readonly net: SimNetwork;
  /** One frame of virtual time: every peer sets a random input, polls, and advances once. */
  tick(): void;
  /** Bytes and packets peer 0 sent, by message type byte. */
  readonly sentByType: Map<number, { bytes: number; packets: number }>;
}

/** Build `peers` engines (one slot each) on a simulated network. */
export function createLockstepHarness<State, Setup>(peers: number, game: Game<State, Setup>, setup: Setup, profile: NetProfile, seed = 1): LockstepHarness<State> {
  const net = createSimNetwork(peers, profile, seed);
  const random = createPrng(seed);
  const sentByType = new Map<number, { bytes: number; packets: number }>();
  const counted = (transport: Transport): Transport => ({
    ...transport,
    send(to, data, channel) {
      const entry = sentByType.get(data[1] ?? -1) ?? { bytes: 0, packets: 0 };
      sentByType.set(data[1] ?? -1, { bytes: entry.bytes + data.length, packets: entry.packets + 1 });
      transport.send(to, data, channel);
    },
  });
  const engines = net.peers.map((_, i) =>
    createLockstep({ game, transport: i === 0 ? counted(net.transport(i)) : net.transport(i), setup, slotOwners: net.peers, localSlots: [i] }),
  );
  let t = 0;
  return {
    engines,
    net,
    sentByType,
    tick() {
      t += FRAME_MS;
      net.advanceTo(t);
      engines.forEach((engine, i) => {
        if (random() < 0.15) engine.setLocalInput(i, Math.floor(random() * 32));
        engine.poll(t);
        engine.advance(t);
      });
    },
  };
}
