/**
 * The engine side of drops.ts: feed the reducer an event with what it reads of the other parts,
 * keep its new state, and carry out its effects (report, send, count) in order.
 */
import { MAX_MESSAGE_BYTES, MAX_RUN_FRAMES, type InputRun } from '../protocol';
import { reduceDrops, type DropContext, type DropEffect, type DropEvent } from './drops';
import { abstaining, type AwayPart } from './away-part';
import type { Engine } from './engine';
import type { PeerId } from './transport';

/** Apply one drop event to the engine. */
export function dispatchDrop(e: Engine<unknown>, event: DropEvent): void {
  const { state, effects } = reduceDrops(e.drops, event, contextOf(e));
  e.drops = state;
  for (const effect of effects) (effectHandlers[effect.type] as EffectHandler<DropEffect['type']>)(e, effect);
}

export function contextOf(e: Engine<unknown>): DropContext {
  return {
    self: e.self,
    frame: e.sim.frame,
    slotsOf: (peer) => e.peers.slotsOf(peer),
    heldUntil: (peer) => e.inputs.heldUntil(e.peers.slotsOf(peer)),
    abstaining: abstaining(e.away as AwayPart<unknown>, e.drops),
  };
}

export type EffectHandler<T extends DropEffect['type']> = (e: Engine<unknown>, effect: Extract<DropEffect, { type: T }>) => void;

export const effectHandlers: { [T in DropEffect['type']]: EffectHandler<T> } = {
  emit: (e, { event }) => e.events.push(event),
  // The dropped peer gets it too: if it is alive after all (a long outage), it learns it was dropped.
  // So do the peers away for us: they follow the others' agreement when they return (drops.ts).
  propose: (e, { target, dropFrame }) => {
    const peerSlot = e.peers.slotsOf(target)[0] as number;
    e.out.enqueue({ kind: 'dropPropose', peerSlot, dropFrame, runs: relayRuns(e, target, dropFrame) }, 'reliable', [...awayPeers(e), target]);
  },
  agree: (e, { target, dropFrame }) => {
    e.out.enqueue({ kind: 'dropAgree', peerSlot: e.peers.slotsOf(target)[0] as number, dropFrame }, 'reliable', awayPeers(e));
  },
  reject: (e, { reason }) => e.counters.reject(reason),
};

/** The remote peers going or away for us: not playing now, but still in the match. */
export function awayPeers(e: Engine<unknown>): PeerId[] {
  return [...e.drops.status].flatMap(([peer, status]) => (status === 'going' || status === 'away' ? [peer] : []));
}

/** Worst-case bytes per relayed input (as outbound.ts counts them), so that a proposal stays under the size cap. */
const WORST_BYTES_PER_INPUT = 4;

/**
 * The departing peer's inputs the others may lack: from the lowest ack any of them sent, the peers
 * away for us included (they need them when they return), at most a message's worth.
 */
export function relayRuns(e: Engine<unknown>, target: PeerId, dropFrame: number): InputRun[] {
  const needers = [...e.drops.live, ...awayPeers(e)].filter((peer) => peer !== target);
  if (needers.length === 0) return [];
  const slots = e.peers.slotsOf(target);
  const window = Math.min(MAX_RUN_FRAMES, Math.floor((MAX_MESSAGE_BYTES - 64) / (WORST_BYTES_PER_INPUT * Math.max(1, slots.length))));
  const runs: InputRun[] = [];
  for (const slot of slots) {
    const lowestAck = Math.min(...needers.map((peer) => e.peers.ackOf(peer, slot)));
    const run = e.inputs.run(slot, Math.max(lowestAck, dropFrame - window), dropFrame);
    if (run) runs.push(run);
  }
  return runs;
}
