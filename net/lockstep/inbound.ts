/**
 * Everything that arrives: transport events and decoded engine messages. Nothing here throws for
 * what a peer sends: an invalid, spoofed, stale or duplicate message is counted in `rejected` and
 * changes nothing. The engine speaks only the engine protocol: a handshake message (a straggler
 * from before frame 0) fails `decodeEngine` as `wrong-protocol` and counts as invalid.
 */
import { decodeEngine } from '../protocol/engine-codec';
import type { EngineMessage, EngineMessageKind } from '../protocol/engine-messages';
import { onDropAgree, onDropProposal, startDrop } from './drops';
import type { PeerState, Session } from './session';
import type { PeerId } from './transport';

type Handler<K extends EngineMessageKind> = (s: Session<unknown>, peer: PeerState, msg: Extract<EngineMessage, { kind: K }>, nowMs: number) => void;

/** Largest RTT sample believed. */
const MAX_RTT_MS = 60_000;

/** Drain the transport and act on every event. */
export function handleTransportEvents(s: Session<unknown>, nowMs: number): void {
  for (const event of s.transport.drain()) {
    if (event.type === 'message') onMessage(s, event.from, event.data, nowMs);
    else if (event.type === 'peer-down') {
      const peer = s.peers.get(event.peer);
      if (peer?.status === 'live') startDrop(s, peer, `connection down: ${event.reason}`);
    }
  }
}

/** Drop every live peer silent for longer than `dropAfterMs` (silence counts from the first poll). */
export function checkSilence(s: Session<unknown>, nowMs: number): void {
  for (const peer of s.peers.values()) {
    if (peer.status !== 'live') continue;
    peer.lastHeardMs ??= nowMs;
    if (nowMs - peer.lastHeardMs > s.options.dropAfterMs) startDrop(s, peer, `silent for ${Math.round(nowMs - peer.lastHeardMs)} ms`);
  }
}

function onMessage(s: Session<unknown>, from: PeerId, data: Uint8Array, nowMs: number): void {
  s.bytes.received += data.length;
  s.bytes.packetsReceived += 1;
  const peer = s.peers.get(from);
  if (peer === undefined) {
    s.rejected.spoofed += 1;
    return;
  }
  const result = decodeEngine(data, { maxFrame: s.frame + s.options.maxFramesAhead });
  if (peer.status !== 'live') {
    // Ignored, except for learning that we are the one cut off: after an outage both sides of a
    // split drop each other; the side outnumbered by the peers that dropped it is the one out.
    s.rejected.fromDropped += 1;
    if (result.ok && result.msg.kind === 'dropPropose' && s.slotOwners[result.msg.peerSlot] === s.transport.self) {
      s.droppedBy.add(peer.id);
      if (s.droppedBy.size > 1 + s.livePeers().length) onDropProposal(s, peer, result.msg);
    }
    return;
  }
  if (!result.ok) {
    s.rejected.invalid += 1;
    return;
  }
  peer.lastHeardMs = nowMs;
  const handler = handlers[result.msg.kind] as Handler<EngineMessageKind>;
  handler(s, peer, result.msg, nowMs);
}

const onInputs: Handler<'inputs'> = (s, peer, msg) => {
  if (msg.runs.some((run) => !peer.slots.includes(run.slot))) {
    s.rejected.spoofed += 1;
    return;
  }
  let added = 0;
  for (const run of msg.runs) {
    const result = s.buffers[run.slot]?.addRun(run);
    added += result?.added ?? 0;
    if (result && result.conflicts > 0) s.rejected.duplicate += 1;
  }
  if (msg.runs.length > 0 && added === 0) s.rejected.stale += 1;
  for (const ack of msg.acks) {
    // An ack can't exceed what exists: a bogus one must not make us stop resending.
    const known = s.buffers[ack.slot]?.next ?? 0;
    peer.acks[ack.slot] = Math.max(peer.acks[ack.slot] ?? 0, Math.min(ack.frame, known));
  }
};

const onCheckpoint: Handler<'checkpoint'> = (s, peer, msg) => {
  const result = s.book.addRemote(peer.id, msg.frame, msg.hash);
  if (result === 'duplicate') s.rejected.duplicate += 1;
  else if (result) s.events.push({ type: 'desync', ...result });
};

const onPong: Handler<'pong'> = (s, peer, msg, nowMs) => {
  const pending = peer.pingsInFlight.indexOf(msg.time);
  const rtt = ((Math.floor(nowMs) >>> 0) - msg.time) >>> 0;
  if (pending < 0 || rtt > MAX_RTT_MS) {
    s.rejected.duplicate += 1;
    return;
  }
  peer.pingsInFlight.splice(pending, 1);
  peer.rtt.add(rtt);
};

/** Every engine message has a handler: a message the engine would ignore has no place in its protocol. */
const handlers: { [K in EngineMessageKind]: Handler<K> } = {
  inputs: onInputs,
  checkpoint: onCheckpoint,
  ping: (s, peer, msg) => s.send(peer.id, { kind: 'pong', time: msg.time }, 'unreliable'),
  pong: onPong,
  leave: (s, peer) => startDrop(s, peer, 'left the match'),
  dropPropose: onDropProposal,
  dropAgree: onDropAgree,
};
