/**
 * What each poll sends: to every live peer one `inputs` packet (every local input it has not
 * acknowledged, within the redundancy window, plus our acks of every remote slot), a ping when
 * due, and the queued control messages (checkpoints, drop proposals and agreements).
 */
import { encodeEngine, MAX_MESSAGE_BYTES, MAX_RUN_FRAMES, type Ack, type EngineMessage, type InputRun, type InputsMessage } from '../protocol';
import type { Engine } from './engine';
import { FRAME_MS } from './engine-types';
import type { Counters } from './stats';
import type { Channel, PeerId, Transport } from './transport';

/** Worst-case bytes per input in a run (3-byte input varint + 1-byte repeat), to stay under the size cap. */
const WORST_BYTES_PER_INPUT = 4;

/**
 * Through a stall (no new local input), a keepalive this long after the last packet: longer than a
 * frame, so that in play it never doubles the one packet a frame that new inputs already cause.
 */
const KEEPALIVE_MS = FRAME_MS * 1.5;

interface Queued {
  readonly msg: EngineMessage;
  readonly channel: Channel;
  /** Peers that get it besides the live ones (e.g. the peer being dropped). */
  readonly also: readonly PeerId[];
}

/** The sending side: encodes and counts what goes out, queues control messages for the next poll. */
export class Outbound {
  private readonly queue: Queued[] = [];
  /** When the last inputs packet went out and how far its local inputs reached. */
  private inputsSent = { atMs: -Infinity, upTo: -1 };

  constructor(private readonly transport: Transport, private readonly counters: Counters) {}

  /** Send one message to several peers (encoded once). */
  broadcast(to: readonly PeerId[], msg: EngineMessage, channel: Channel): void {
    if (to.length === 0) return;
    const data = encodeEngine(msg);
    for (const peer of to) {
      this.counters.sent(data.length);
      this.transport.send(peer, data, channel);
    }
  }

  /** Queue a control message for the next poll: to every live peer then, plus `also`. */
  enqueue(msg: EngineMessage, channel: Channel, also: readonly PeerId[] = []): void {
    this.queue.push({ msg, channel, also });
  }

  /** Send the queued control messages to `live` (plus each one's `also`, once each). */
  flush(live: readonly PeerId[]): void {
    for (const { msg, channel, also } of this.queue.splice(0)) this.broadcast(also.length === 0 ? live : [...new Set([...live, ...also])], msg, channel);
  }

  /**
   * Whether an inputs packet is due, and if so note it as sent. A caller may poll far more often
   * than 60 Hz (a 144 Hz display, a catch-up burst): a packet goes out when there is a new local
   * input to carry, or about once a frame so that acks keep flowing through a stall.
   */
  tryInputsDue(nextLocalFrame: number, nowMs: number): boolean {
    if (nextLocalFrame <= this.inputsSent.upTo && nowMs - this.inputsSent.atMs < KEEPALIVE_MS) return false;
    this.inputsSent = { atMs: nowMs, upTo: nextLocalFrame };
    return true;
  }
}

/**
 * A peer this far behind our inputs (a returning one catching up) gets up to this many packets at
 * once, consecutive windows from its ack: about 190 frames per round trip, not one window.
 */
const CATCH_UP_PACKETS = 3;

/**
 * Send everything due at `nowMs`. Away peers get our inputs too: so that they hear us (two peers
 * away for each other must each hear the other come back), and, once back, catch up.
 */
export function sendOutbound(e: Engine<unknown>, nowMs: number): void {
  const live = e.drops.live;
  if (e.out.tryInputsDue(e.inputs.nextLocalFrame, nowMs)) {
    const away = [...e.drops.absent.keys()].filter((peer) => e.drops.status.get(peer) === 'away');
    sendInputs(e, away.length > 0 ? [...live, ...away] : live);
  }
  sendPings(e, live, nowMs);
  e.out.flush(live);
}

function sendInputs(e: Engine<unknown>, live: readonly PeerId[]): void {
  // Peers that acknowledged the same frames get the same packet: encode it once (the usual case).
  const groups = new Map<number | string, PeerId[]>();
  const { localSlots } = e.inputs;
  const single = localSlots.length === 1 ? (localSlots[0] as number) : -1;
  for (const peer of live) {
    const key = single >= 0 ? e.peers.ackOf(peer, single) : localSlots.map((slot) => e.peers.ackOf(peer, slot)).join();
    const group = groups.get(key);
    if (group) group.push(peer);
    else groups.set(key, [peer]);
  }
  for (const group of groups.values()) e.out.broadcast(group, inputsFor(e, group[0] as PeerId), 'unreliable');
  const window = inputWindow(e);
  for (const peer of live) {
    const behind = e.inputs.nextLocalFrame - Math.min(...localSlots.map((slot) => e.peers.ackOf(peer, slot)));
    for (let k = 1; k < CATCH_UP_PACKETS && behind > k * window; k++) e.out.broadcast([peer], inputsFor(e, peer, k * window), 'unreliable');
  }
}

/** Frames of each local slot in one inputs packet: the redundancy window, within the size cap. */
function inputWindow(e: Engine<unknown>): number {
  const sizeCap = Math.floor((MAX_MESSAGE_BYTES - 64) / (WORST_BYTES_PER_INPUT * Math.max(1, e.inputs.localSlots.length)));
  return Math.min(e.options.maxRedundantInputs, MAX_RUN_FRAMES, sizeCap);
}

function sendPings(e: Engine<unknown>, live: readonly PeerId[], nowMs: number): void {
  for (const peer of live) {
    const time = e.peers.tryPing(peer, e.options.pingIntervalMs, nowMs);
    if (time !== undefined) e.out.broadcast([peer], { kind: 'ping', time }, 'unreliable');
  }
}

/** The inputs packet for one peer, from its ack on (or `skip` frames past it: a catch-up window). */
export function inputsFor(e: Engine<unknown>, peer: PeerId, skip = 0): InputsMessage {
  const { localSlots } = e.inputs;
  const window = inputWindow(e);
  const runs: InputRun[] = [];
  for (const slot of localSlots) {
    // From its ack on: if it is further behind than the window, the oldest frames go first.
    const from = e.peers.ackOf(peer, slot) + skip;
    const run = e.inputs.run(slot, from, Math.min(e.inputs.nextLocalFrame, from + window));
    if (run) runs.push(run);
  }
  const acks: Ack[] = [];
  const { leaveFrame } = e.drops;
  e.slotOwners.forEach((owner, slot) => {
    if (owner !== e.self && leaveFrame[slot] === undefined) acks.push({ slot, frame: e.inputs.frontier(slot) });
  });
  return { kind: 'inputs', frame: e.sim.frame, runs, acks };
}
