/**
 * A seeded simulated network for N peers on a virtual clock: each peer gets a `Transport`, and the
 * test moves time forward with `advanceTo`. No real timers: a run is a pure function of the seed.
 *
 * - unreliable: each packet is lost, duplicated or held back (reordered) by the profile's odds,
 *   delayed by latency + jitter, and lost if its link is partitioned when it is sent or due.
 * Packets are not copied: senders must not reuse a buffer they sent (the engine never does).
 * - reliable: never lost, in order per link; delayed like the rest, and held until a partition
 *   heals (a retransmitting channel). A permanent `crash` loses everything, in flight included.
 * Each message is stamped with its arrival time (`atMs`) on its receiver's own clock (`setClock`,
 * for drifting peers), as a real transport stamps it in its receive handler.
 */
import type { Channel, PeerId, Transport, TransportEvent } from '../../net/lockstep/transport';
import { MinHeap } from './min-heap';
import { createPrng } from './prng';
import type { NetProfile, Partition } from './profiles';

interface InFlight {
  readonly at: number;
  readonly seq: number;
  readonly from: number;
  readonly to: number;
  readonly event: TransportEvent;
}

/** The network and its control surface. */
export interface SimNetwork {
  readonly peers: readonly PeerId[];
  transport(index: number): Transport;
  /** Virtual time now (ms). */
  now(): number;
  /** Move the clock to `ms`, making due packets drainable. */
  advanceTo(ms: number): void;
  /** Peer `index` dies: nothing more to or from it; the others see `peer-down` after `noticeMs`. */
  crash(index: number, noticeMs?: number): void;
  /** Peer `index` runs again after a `crash` (a reloaded page, same id): it starts with an empty inbox. */
  revive(index: number): void;
  /** Cut the links of the given peers (or all links if empty) during [fromMs, toMs). */
  partition(fromMs: number, toMs: number, peers: readonly number[]): void;
  /** Cut only the link between peers `a` and `b` during [fromMs, toMs). */
  cutPair(a: number, b: number, fromMs: number, toMs: number): void;
  /**
   * Hand peer `index`'s arrivals to `fn` the moment they arrive, instead of keeping them for
   * `drain` (a receive handler: a relay forwards from there). `now()` is the arrival time then.
   */
  listen(index: number, fn: (event: TransportEvent) => void): void;
  /** Switch to another profile from now on (e.g. the Wi-Fi gets better). */
  setProfile(profile: NetProfile): void;
  /** Bytes handed to `send`, per peer. */
  bytesSent(index: number): number;
  /** Peer `index`'s clock, from virtual time (default: virtual time itself). Stamps `atMs`. */
  setClock(index: number, toLocal: (ms: number) => number): void;
}

/** Build a simulated network of `count` peers named p0..p{count-1}. */
export function createSimNetwork(count: number, initialProfile: NetProfile, seed: number): SimNetwork {
  let profile = initialProfile;
  const random = createPrng(seed);
  const peers = Array.from({ length: count }, (_, i) => `p${i}`);
  const index = new Map(peers.map((id, i) => [id, i]));
  const queue = new MinHeap<InFlight>();
  const inbox: TransportEvent[][] = peers.map(() => []);
  const listeners: ((event: TransportEvent) => void)[] = [];
  const crashed = new Set<number>();
  const partitions = [...profile.partitions];
  const lastReliable = new Map<string, number>();
  const sent = peers.map(() => 0);
  const clocks: ((ms: number) => number)[] = peers.map(() => (ms) => ms);
  let now = 0;
  let seq = 0;

  const splits = (p: Partition, a: number, b: number): boolean =>
    p.pair ? (p.pair[0] === a && p.pair[1] === b) || (p.pair[0] === b && p.pair[1] === a) : p.peers.length === 0 || p.peers.includes(a) !== p.peers.includes(b);
  const cut = (a: number, b: number, at: number): boolean =>
    partitions.length > 0 && partitions.some((p) => at >= p.fromMs && at < p.toMs && splits(p, a, b));
  const healedAt = (a: number, b: number, at: number): number => {
    let t = at;
    for (const p of partitions) if (cut(a, b, t) && t >= p.fromMs && t < p.toMs) t = p.toMs;
    return t;
  };
  const delay = (): number => profile.latencyMs + random() * profile.jitterMs;
  const push = (at: number, from: number, to: number, event: TransportEvent): void => {
    queue.push({ at, seq: seq++, from, to, event });
  };

  function send(from: number, toId: PeerId, data: Uint8Array, channel: Channel): void {
    const to = index.get(toId);
    sent[from] = (sent[from] ?? 0) + data.length;
    if (to === undefined || to === from || crashed.has(from) || crashed.has(to)) return;
    const event: TransportEvent = { type: 'message', from: peers[from] as PeerId, data, channel };
    if (channel === 'reliable') {
      const key = `${from}>${to}`;
      const at = Math.max(lastReliable.get(key) ?? 0, healedAt(from, to, now) + delay());
      lastReliable.set(key, at);
      push(at, from, to, event);
      return;
    }
    if (cut(from, to, now) || random() < profile.loss) return;
    const copies = random() < profile.duplicate ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      const held = random() < profile.reorder ? profile.latencyMs * (1 + Math.floor(random() * 4)) + 5 : 0;
      push(now + delay() + held, from, to, event);
    }
  }

  return {
    peers,
    transport: (i) => ({
      self: peers[i] as PeerId,
      send: (to, data, channel) => send(i, to, data, channel),
      drain: () => (inbox[i] as TransportEvent[]).splice(0),
    }),
    now: () => now,
    advanceTo(ms) {
      const target = Math.max(now, ms);
      for (let item = queue.peek(); item !== undefined && item.at <= target; item = queue.peek()) {
        queue.pop();
        // A listener may send from its handler: that leaves at the arrival's time, not the target's.
        now = Math.max(now, item.at);
        const from = item.from;
        if (crashed.has(item.to) || (from >= 0 && crashed.has(from))) continue;
        if (item.event.type === 'message' && item.event.channel === 'unreliable' && cut(from, item.to, item.at)) continue;
        const event = item.event.type === 'message' ? { ...item.event, atMs: (clocks[item.to] as (ms: number) => number)(item.at) } : item.event;
        const listener = listeners[item.to];
        if (listener) listener(event);
        else inbox[item.to]?.push(event);
      }
      now = target;
    },
    cutPair(a, b, fromMs, toMs) {
      partitions.push({ fromMs, toMs, peers: [], pair: [a, b] });
    },
    listen(i, fn) {
      listeners[i] = fn;
    },
    crash(i, noticeMs = 500) {
      crashed.add(i);
      peers.forEach((_, j) => {
        if (j !== i) push(now + noticeMs, -1, j, { type: 'peer-down', peer: peers[i] as PeerId, reason: 'closed' });
      });
    },
    revive(i) {
      crashed.delete(i);
      inbox[i]?.splice(0);
    },
    partition(fromMs, toMs, list) {
      partitions.push({ fromMs, toMs, peers: list });
    },
    setProfile(next) {
      profile = next;
    },
    bytesSent: (i) => sent[i] ?? 0,
    setClock(i, toLocal) {
      clocks[i] = toLocal;
    },
  };
}
