/**
 * Everything that arrives: transport events and decoded engine messages, routed to the part that
 * owns what they change. Nothing here throws for what a peer sends: an invalid, spoofed, stale or
 * duplicate message is counted in `rejected` and changes nothing. The engine speaks only the
 * engine protocol: a handshake message (a straggler from before frame 0) fails `decodeEngine` as
 * `wrong-protocol` and counts as invalid.
 */
import { decodeEngine, MAX_HOLD_US, type DropAgreeMessage, type DropProposeMessage, type EngineMessage } from '../protocol';
import { horizon, onAbsentMessage, onAwayMessage, onAwayPropose, onBackPropose, proposalReach } from './away-effects';
import { dispatchDrop } from './drop-effects';
import { statusOf, type PeerStatus } from './drops';
import { reportVerdicts, type Engine } from './engine';
import { adoptRelays, loseOnEvidence, onProposal } from './relays';
import { onGonePageMessage, pageIsGone, refuseSnapshotRequest } from './page-gone';
import { decodeFrom, onRestoreChunk } from './restore';
import { onSnapshotChunk, onSnapshotRequest } from './resync';
import type { PeerId, TransportEvent } from './transport';

type E = Engine<unknown>;
/** `atMs`: when the message arrived (the transport's stamp, at most `nowMs`). */
type Handler<K extends EngineMessage['kind']> = (e: E, from: PeerId, msg: Extract<EngineMessage, { kind: K }>, nowMs: number, atMs: number) => void;
type EventHandler<T extends TransportEvent['type']> = (e: E, event: Extract<TransportEvent, { type: T }>, nowMs: number) => void;

/** Drain the transport and act on every event. */
export function handleTransportEvents(e: E, nowMs: number): void {
  for (const event of e.transport.drain()) (eventHandlers[event.type] as EventHandler<TransportEvent['type']>)(e, event, nowMs);
}

const eventHandlers: { [T in TransportEvent['type']]: EventHandler<T> } = {
  // A stamp from the future (another clock, a buggy transport) is taken as the poll's time.
  message: (e, { from, data, atMs }, nowMs) => onMessage(e, from, data, nowMs, Math.min(atMs ?? nowMs, nowMs)),
  // Our own evidence, as is the host's word that the peer's page is gone (the mesh reports it so).
  // A page the host said is gone with its slot kept is away already: its link going down is no news.
  'peer-down': (e, { peer, reason }) => pageIsGone(e, peer) || loseOnEvidence(e, peer, `connection down: ${reason}`),
  // A peer coming up changes nothing: until it sends, it is as silent as before.
  'peer-up': () => undefined,
};

function onMessage(e: E, from: PeerId, data: Uint8Array, nowMs: number, atMs: number): void {
  e.counters.received(data.length);
  const status = statusOf(e.drops, from);
  if (status === undefined) {
    e.counters.reject('spoofed');
    return;
  }
  // A page that sits out far behind the others hears of frames far ahead of its own (away-effects.ts);
  // a reloaded page that asks for a state hears of the frame it asked for (restore.ts).
  const result = decodeEngine(data, { maxFrame: Math.max(horizon(e), decodeFrom(e)) + e.options.maxFramesAhead });
  if (status !== 'live') {
    // A reloaded page asks for a snapshot before it is heard again (page-gone.ts).
    if (status === 'away' && result.ok && (onGonePageMessage(e, from, result.msg) || refuseSnapshotRequest(e, result.msg))) return;
    // An away peer heard again is back, or leaves (away-effects.ts).
    const handled = onAbsentMessage(e, from, result.ok ? result.msg : undefined, nowMs);
    if (result.ok && keptFromAbsent(e, from, result.msg, status)) {
      (handlers[result.msg.kind] as Handler<EngineMessage['kind']>)(e, from, result.msg, nowMs, atMs);
      return;
    }
    if (handled) return;
    // Ignored, except for learning that we are the one cut off (see drops.ts, `dropped-me`).
    e.counters.reject('fromDropped');
    if (result.ok && result.msg.kind === 'dropPropose' && e.slotOwners[result.msg.peerSlot] === e.self) dispatchDrop(e, { type: 'dropped-me', from });
    return;
  }
  if (!result.ok) {
    e.counters.reject('invalid');
    return;
  }
  e.peers.heard(from, nowMs);
  const handler = handlers[result.msg.kind] as Handler<EngineMessage['kind']>;
  handler(e, from, result.msg, nowMs, atMs);
}

/**
 * A proposal or agreement from a peer going or away for us is kept, not thrown away: it counts
 * only once that peer is one of our survivors again (the agreements count survivors alone), and
 * then it is awaited. Each peer proposes once, so a proposal dropped here would be awaited
 * forever: a cut of two peers for exactly the silence threshold stalled 8 peers that way (one
 * cut-off page proposed the other's return while it was away for a survivor, whose own agreement
 * on that return then waited for it as soon as the first was back). One about us only while we
 * are away: at any other time it is stale.
 */
function keptFromAbsent(e: E, from: PeerId, msg: EngineMessage, status: PeerStatus): boolean {
  if (status !== 'going' && status !== 'away') return false;
  if (msg.kind !== 'awayPropose' && msg.kind !== 'backPropose' && msg.kind !== 'dropPropose' && msg.kind !== 'dropAgree') return false;
  return e.slotOwners[msg.peerSlot] !== e.self || msg.kind === 'dropPropose' || (msg.kind !== 'dropAgree' && e.drops.selfAway !== null);
}

const onInputs: Handler<'inputs'> = (e, from, msg) => {
  const slots = e.peers.slotsOf(from);
  if (msg.runs.some((run) => !slots.includes(run.slot))) {
    e.counters.reject('spoofed');
    return;
  }
  let added = 0;
  for (const run of msg.runs) {
    const result = e.inputs.addRun(run);
    added += result?.added ?? 0;
    if (result && result.conflicts > 0) e.counters.reject('duplicate');
  }
  if (msg.runs.length > 0 && added === 0) e.counters.reject('stale');
  e.peers.onAcks(from, msg.acks, e.inputs);
  e.away.reported.set(from, msg.frame);
};

const onCheckpoint: Handler<'checkpoint'> = (e, from, msg) => {
  const result = e.book.addRemote(from, msg.frame, msg, e.drops.live);
  if (typeof result === 'string') e.counters.reject(result);
  else reportVerdicts(e, result);
};

/**
 * A proposal to drop another peer carries its inputs. Its drop frame must be one the proposer could
 * hold: no peer's inputs run further ahead of ours than two input delays (it needs ours to
 * advance, and schedules at most `maxDelay` + 1 frames past its own; the proposer is one more such
 * step away), and its relays must stay below it. Anything past that (2^31 - 1 would freeze
 * everyone) is invalid. A low frame needs no check: the agreed frame is the maximum, ours included.
 */
const onDropPropose: Handler<'dropPropose'> = (e, from, msg: DropProposeMessage) => {
  const target = e.slotOwners[msg.peerSlot] as PeerId | undefined;
  if (target === e.self) {
    dispatchDrop(e, { type: 'proposed', from, target, dropFrame: msg.dropFrame });
    return;
  }
  const slots = target === undefined ? [] : e.peers.slotsOf(target);
  if (slots[0] !== msg.peerSlot || msg.runs.some((run) => !slots.includes(run.slot))) {
    e.counters.reject('spoofed');
    return;
  }
  if (msg.dropFrame > proposalReach(e) || msg.runs.some((run) => run.startFrame + run.inputs.length > msg.dropFrame)) {
    e.counters.reject('invalid');
    return;
  }
  if (statusOf(e.drops, target as PeerId) === 'dropped') e.counters.reject('duplicate');
  else onProposal(e, from, target as PeerId, msg);
};

const onDropAgree: Handler<'dropAgree'> = (e, from, msg: DropAgreeMessage) => {
  const target = e.slotOwners[msg.peerSlot];
  // A slot that does not exist: nothing of ours could ever disagree with it.
  if (target === undefined) return;
  const before = statusOf(e.drops, target);
  dispatchDrop(e, { type: 'agreed', from, target, dropFrame: msg.dropFrame });
  // Followed the others' agreement (drops.ts, `adopt`): their relays of its inputs count now.
  if (before !== 'dropping' && before !== 'dropped' && statusOf(e.drops, target) === 'dropped') adoptRelays(e, target);
};

const handlers: { [K in EngineMessage['kind']]: Handler<K> } = {
  inputs: onInputs,
  checkpoint: onCheckpoint,
  // Answered now, at the poll: the pong says how long the ping waited for it, so the pinger can take that out.
  // A hidden page answers nothing: a pong would tell the others it is back.
  ping: (e, from, msg, nowMs, atMs) => e.away.hidden || e.out.broadcast([from], { kind: 'pong', time: msg.time, holdUs: Math.min(MAX_HOLD_US, Math.round((nowMs - atMs) * 1000)) }, 'unreliable'),
  pong: (e, from, msg, _nowMs, atMs) => {
    const outcome = e.peers.onPong(from, msg.time, msg.holdUs / 1000, atMs);
    if (outcome !== 'ok') e.counters.reject(outcome);
  },
  leave: (e, from) => loseOnEvidence(e, from, 'left the match'),
  dropPropose: onDropPropose,
  dropAgree: onDropAgree,
  snapshotRequest: (e, from, msg) => onSnapshotRequest(e, from, msg),
  snapshotChunk: (e, from, msg, nowMs) => onRestoreChunk(e, from, msg, nowMs) || onSnapshotChunk(e, from, msg, nowMs),
  away: (e, from, msg, nowMs) => onAwayMessage(e, from, msg, nowMs),
  awayPropose: (e, from, msg, nowMs) => onAwayPropose(e, from, msg, nowMs),
  backPropose: (e, from, msg, nowMs) => onBackPropose(e, from, msg, nowMs),
};
