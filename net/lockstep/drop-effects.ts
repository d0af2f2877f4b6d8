/**
 * The engine side of drops.ts: feed the reducer an event with what it reads of the other parts,
 * keep its new state, and carry out its effects (report, send, count) in order.
 */
import { MAX_RUN_FRAMES, type InputRun } from '../protocol';
import { reduceDrops, type DropContext, type DropEffect, type DropEvent } from './drops';
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
  };
}

export type EffectHandler<T extends DropEffect['type']> = (e: Engine<unknown>, effect: Extract<DropEffect, { type: T }>) => void;

export const effectHandlers: { [T in DropEffect['type']]: EffectHandler<T> } = {
  emit: (e, { event }) => e.events.push(event),
  // The dropped peer gets it too: if it is alive after all (a long outage), it learns it was dropped.
  propose: (e, { target, dropFrame }) => {
    const peerSlot = e.peers.slotsOf(target)[0] as number;
    e.out.enqueue({ kind: 'dropPropose', peerSlot, dropFrame, runs: relayRuns(e, target, dropFrame) }, 'reliable', target);
  },
  agree: (e, { target, dropFrame }) => {
    e.out.enqueue({ kind: 'dropAgree', peerSlot: e.peers.slotsOf(target)[0] as number, dropFrame }, 'reliable');
  },
  reject: (e, { reason }) => e.counters.reject(reason),
};

/** The dropped peer's inputs the other survivors may lack: from the lowest ack any of them sent. */
export function relayRuns(e: Engine<unknown>, target: PeerId, dropFrame: number): InputRun[] {
  const survivors = e.drops.live;
  if (survivors.length === 0) return [];
  const runs: InputRun[] = [];
  for (const slot of e.peers.slotsOf(target)) {
    const lowestAck = Math.min(...survivors.map((peer) => e.peers.ackOf(peer, slot)));
    const run = e.inputs.run(slot, Math.max(lowestAck, dropFrame - MAX_RUN_FRAMES), dropFrame);
    if (run) runs.push(run);
  }
  return runs;
}
