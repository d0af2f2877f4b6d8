/**
 * Dropping a peer at a frame every survivor agrees on.
 *
 * A survivor starts a drop when the peer is silent too long, its connection goes down, it says
 * `leave`, or another survivor proposes it. From then on it ignores the peer's own messages, and
 * broadcasts (reliably) its proposal: dropFrame = one past the last frame for which it holds the
 * inputs of all the peer's slots, together with those inputs from the oldest frame any survivor
 * has not acknowledged. Every survivor proposes exactly once; the agreed frame is the maximum
 * over all survivors' proposals (independent of arrival order: drop-agreement.ts), and the
 * survivor that proposed it relayed every input up to it, so all survivors simulate the same
 * frames. At the agreed frame the engine calls `game.leave` and the slots' inputs become 0.
 */
import type { DropAgreeMessage, DropProposeMessage, InputRun } from '../protocol/engine-messages';
import { MAX_RUN_FRAMES } from '../protocol/engine-messages';
import { DropAgreement } from './drop-agreement';
import type { PeerState, Session } from './session';
import type { PeerId } from './transport';

/** Start dropping `peer`: stop listening to it and propose a drop frame with its inputs. */
export function startDrop(s: Session<unknown>, peer: PeerState, reason: string): void {
  if (peer.status !== 'live') return;
  peer.status = 'dropping';
  s.events.push({ type: 'peer-dropping', peer: peer.id, reason });
  const dropFrame = Math.min(...peer.slots.map((slot) => s.buffers[slot]?.next ?? 0));
  const agreement = s.drops.get(peer.id) ?? new DropAgreement();
  s.drops.set(peer.id, agreement);
  agreement.propose(s.transport.self, dropFrame);
  const lowest = peer.slots[0] as number;
  // The dropped peer gets it too: if it is alive after all (a long outage), it learns it was dropped.
  const msg = { kind: 'dropPropose', peerSlot: lowest, dropFrame, runs: relayRuns(s, peer, dropFrame) } as const;
  s.outbox.push({ msg, channel: 'reliable', also: peer.id });
  tryAgreeAll(s);
}

/** The dropped peer's inputs the other survivors may lack: from the lowest ack any of them sent. */
function relayRuns(s: Session<unknown>, peer: PeerState, dropFrame: number): InputRun[] {
  const survivors = s.livePeers().map((id) => s.peers.get(id) as PeerState);
  if (survivors.length === 0) return [];
  const runs: InputRun[] = [];
  for (const slot of peer.slots) {
    const lowestAck = Math.min(...survivors.map((p) => p.acks[slot] ?? 0));
    const run = s.buffers[slot]?.run(slot, Math.max(lowestAck, dropFrame - MAX_RUN_FRAMES), dropFrame);
    if (run) runs.push(run);
  }
  return runs;
}

/** A survivor proposes dropping some peer (possibly us). */
export function onDropProposal(s: Session<unknown>, from: PeerState, msg: DropProposeMessage): void {
  const targetId = s.slotOwners[msg.peerSlot] as PeerId;
  if (targetId === s.transport.self) {
    if (!s.selfDropped) s.events.push({ type: 'self-dropped', by: from.id });
    s.selfDropped = true;
    return;
  }
  const target = s.peers.get(targetId);
  if (target === undefined || target.slots[0] !== msg.peerSlot || msg.runs.some((r) => !target.slots.includes(r.slot))) {
    s.rejected.spoofed += 1;
    return;
  }
  if (target.status === 'dropped') {
    s.rejected.duplicate += 1;
    return;
  }
  for (const run of msg.runs) s.buffers[run.slot]?.addRun(run);
  const agreement = s.drops.get(targetId) ?? new DropAgreement();
  s.drops.set(targetId, agreement);
  if (!agreement.propose(from.id, msg.dropFrame)) s.rejected.duplicate += 1;
  if (target.status === 'live') startDrop(s, target, `drop proposed by ${from.id}`);
  else tryAgreeAll(s);
}

/** Another survivor settled on a drop frame: cross-check it with ours. */
export function onDropAgree(s: Session<unknown>, from: PeerState, msg: DropAgreeMessage): void {
  const targetId = s.slotOwners[msg.peerSlot] as PeerId;
  const list = s.remoteAgrees.get(targetId) ?? [];
  s.remoteAgrees.set(targetId, list);
  list.push({ from: from.id, frame: msg.dropFrame });
  checkAgrees(s, targetId);
}

function checkAgrees(s: Session<unknown>, targetId: PeerId): void {
  const local = s.agreedDrops.get(targetId);
  if (local === undefined) return;
  for (const { from, frame } of s.remoteAgrees.get(targetId)?.splice(0) ?? []) {
    if (frame !== local) s.events.push({ type: 'drop-disagreement', peer: targetId, localFrame: local, remoteFrame: frame, from });
  }
}

/** Settle every pending drop whose survivors have all proposed. Survivor sets shrink as drops start. */
function tryAgreeAll(s: Session<unknown>): void {
  const survivors = [s.transport.self, ...s.livePeers()];
  for (const [peerId, agreement] of s.drops) {
    const peer = s.peers.get(peerId) as PeerState;
    if (peer.status !== 'dropping') continue;
    const frame = agreement.agreed(survivors);
    if (frame === undefined) continue;
    if (frame < s.frame) throw new Error(`lockstep invariant broken: drop frame ${frame} is in the past (${s.frame})`);
    peer.status = 'dropped';
    s.agreedDrops.set(peerId, frame);
    for (const slot of peer.slots) s.leaveFrame[slot] = frame;
    s.events.push({ type: 'peer-dropped', peer: peerId, slots: peer.slots, frame });
    s.outbox.push({ msg: { kind: 'dropAgree', peerSlot: peer.slots[0] as number, dropFrame: frame }, channel: 'reliable' });
    checkAgrees(s, peerId);
  }
}
