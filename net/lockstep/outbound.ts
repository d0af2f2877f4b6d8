/**
 * What each poll sends: to every live peer one `inputs` packet (every local input it has not
 * acknowledged, within the redundancy window, plus our acks of every remote slot), a ping when
 * due, and the queued control messages (checkpoints, drop proposals and agreements).
 */
import { MAX_RUN_FRAMES, type Ack, type InputRun, type InputsMessage } from '../protocol/engine-messages';
import { MAX_MESSAGE_BYTES } from '../protocol/wire-format';
import { FRAME_MS } from './engine-types';
import type { PeerState, Session } from './session';
import type { PeerId } from './transport';

/** Worst-case bytes per input in a run (3-byte input varint + 1-byte repeat), to stay under the size cap. */
const WORST_BYTES_PER_INPUT = 4;
/** Pings remembered per peer: at 4 per second, a pong later than 2 s is a lost cause anyway. */
const MAX_PINGS_IN_FLIGHT = 8;

/** Send everything due at `nowMs`. */
export function sendOutbound(s: Session<unknown>, nowMs: number): void {
  const live = s.livePeers();
  if (inputsDue(s, nowMs)) sendInputs(s, live, nowMs);
  sendPings(s, live, nowMs);
  for (const { msg, channel, also } of s.outbox.splice(0)) s.broadcast(also === undefined ? live : [...live, also], msg, channel);
}

/**
 * Through a stall (no new local input), a keepalive this long after the last packet: longer than a
 * frame, so that in play it never doubles the one packet a frame that new inputs already cause.
 */
const KEEPALIVE_MS = FRAME_MS * 1.5;

/**
 * A caller may poll far more often than 60 Hz (a 144 Hz display, a catch-up burst): an inputs
 * packet goes out when there is a new local input to carry, or about once a frame so that acks
 * keep flowing through a stall, never on every poll.
 */
function inputsDue(s: Session<unknown>, nowMs: number): boolean {
  return s.nextLocalFrame > s.inputsSent.upTo || nowMs - s.inputsSent.atMs >= KEEPALIVE_MS;
}

function sendInputs(s: Session<unknown>, live: readonly PeerId[], nowMs: number): void {
  s.inputsSent = { atMs: nowMs, upTo: s.nextLocalFrame };
  // Peers that acknowledged the same frames get the same packet: encode it once (the usual case).
  const groups = new Map<number | string, PeerState[]>();
  const single = s.localSlots.length === 1 ? (s.localSlots[0] as number) : -1;
  for (const id of live) {
    const peer = s.peers.get(id) as PeerState;
    const key = single >= 0 ? (peer.acks[single] as number) : s.localSlots.map((slot) => peer.acks[slot]).join();
    const group = groups.get(key);
    if (group) group.push(peer);
    else groups.set(key, [peer]);
  }
  for (const group of groups.values()) {
    s.broadcast(group.map((p) => p.id), inputsFor(s, group[0] as PeerState), 'unreliable');
  }
}

function sendPings(s: Session<unknown>, live: readonly PeerId[], nowMs: number): void {
  for (const id of live) {
    const peer = s.peers.get(id) as PeerState;
    if (peer.lastPingMs === undefined || nowMs - peer.lastPingMs >= s.options.pingIntervalMs) {
      peer.lastPingMs = nowMs;
      const time = Math.floor(nowMs) >>> 0;
      peer.pingsInFlight.push(time);
      if (peer.pingsInFlight.length > MAX_PINGS_IN_FLIGHT) peer.pingsInFlight.shift();
      s.send(id, { kind: 'ping', time }, 'unreliable');
    }
  }
}

/** The inputs packet for one peer. */
export function inputsFor(s: Session<unknown>, peer: PeerState): InputsMessage {
  const sizeCap = Math.floor((MAX_MESSAGE_BYTES - 64) / (WORST_BYTES_PER_INPUT * Math.max(1, s.localSlots.length)));
  const window = Math.min(s.options.maxRedundantInputs, MAX_RUN_FRAMES, sizeCap);
  const runs: InputRun[] = [];
  for (const slot of s.localSlots) {
    // From its ack on: if it is further behind than the window, the oldest frames go first.
    const from = peer.acks[slot] ?? 0;
    const run = s.buffers[slot]?.run(slot, from, Math.min(s.nextLocalFrame, from + window));
    if (run) runs.push(run);
  }
  const acks: Ack[] = [];
  s.slotOwners.forEach((owner, slot) => {
    if (owner !== s.transport.self && s.leaveFrame[slot] === undefined) acks.push({ slot, frame: s.buffers[slot]?.next ?? 0 });
  });
  return { kind: 'inputs', frame: s.frame, runs, acks };
}
