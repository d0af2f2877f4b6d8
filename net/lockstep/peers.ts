/**
 * What this engine knows of each remote peer's link: when it was last heard from (liveness), the
 * pings in flight and the round-trip times they measured, and the acks it reported. Whether a
 * peer is still in the match is not here: that is the drops' business (drops.ts).
 *
 * A small owned object rather than a reducer: it changes on every message (hot path), and none of
 * its changes has an effect of its own; the engine reads it to decide what to send.
 */
import { RttTracker } from './rtt-tracker';
import type { PeerId } from './transport';

/** Largest RTT sample believed. */
const MAX_RTT_MS = 60_000;
/** Pings remembered per peer: at 4 per second, a pong later than 2 s is a lost cause anyway. */
const MAX_PINGS_IN_FLIGHT = 8;
/** A ping unanswered this long counts as lost (a LAN answers in milliseconds). */
const PING_LOST_AFTER_MS = 1000;
/** Rounding slack (ms) when a pong's hold time is subtracted: a hold of µs rounded up may exceed the round trip by this. */
const HOLD_ROUNDING_MS = 0.01;

/** A ping waiting for its pong: its wire stamp, and when it went out (ms, this engine's clock). */
interface PingInFlight {
  readonly time: number;
  readonly sentAtMs: number;
}

/** What a pong did: recorded an RTT, or was rejected (as a duplicate or stray, or as invalid: a hold longer than the round trip). */
export type PongOutcome = 'ok' | 'duplicate' | 'invalid';

/** A link's measured figures (see rtt-tracker.ts), for the delay choice and the stats. */
export interface LinkFigures {
  readonly medianRttMs: number;
  readonly jitterMs: number;
  readonly lossRate: number;
  /** Pings resolved recently (the weight of `lossRate`). */
  readonly resolved: number;
  /** The loss share over a long memory, and its weight (rtt-tracker.ts); absent: as the recent ones. */
  readonly longLoss?: number;
  readonly longResolved?: number;
  /** Share of the RTT samples past the jitter's spread (late, not lost); absent: none. */
  readonly stragglers?: number;
}

interface PeerLink {
  readonly slots: number[];
  lastHeardMs: number | undefined;
  lastPingMs: number | undefined;
  /** The recent pings still unanswered: a pong must echo one (strays are not RTTs). */
  readonly pingsInFlight: PingInFlight[];
  /** Its acks (contiguous frontier) per slot, as last reported. */
  readonly acks: number[];
  readonly rtt: RttTracker;
}

/** Per-peer figures for the stats (ms, and a 0..1 share for the loss). */
export interface RttFigures {
  readonly ewma: Record<PeerId, number>;
  readonly p90: Record<PeerId, number>;
  readonly median: Record<PeerId, number>;
  readonly jitter: Record<PeerId, number>;
  readonly loss: Record<PeerId, number>;
}

/** The remote peers of a match and their links. */
export class Peers {
  private readonly links = new Map<PeerId, PeerLink>();
  /** The last link looked up: one message makes several calls about the same peer (the links never change after construction, so it never goes stale). */
  private lastId: PeerId | undefined;
  private lastLink: PeerLink | undefined;
  private lastPollMs: number | undefined;

  /** Every owner in `slotOwners` but `self` is a remote peer, in order of its first slot. */
  constructor(slotOwners: readonly PeerId[], self: PeerId) {
    slotOwners.forEach((owner, slot) => {
      if (owner === self) return;
      const link = this.links.get(owner);
      if (link) link.slots.push(slot);
      else {
        const acks = slotOwners.map(() => 0);
        this.links.set(owner, { slots: [slot], lastHeardMs: undefined, lastPingMs: undefined, pingsInFlight: [], acks, rtt: new RttTracker() });
      }
    });
  }

  /** Every remote peer, in order of its first slot. */
  ids(): PeerId[] {
    return [...this.links.keys()];
  }

  /** Whether `peer` is a remote peer of this match. */
  has(peer: PeerId): boolean {
    return this.links.has(peer);
  }

  /** The slots of a remote peer, in slot order (empty if it is not one). */
  slotsOf(peer: PeerId): readonly number[] {
    return this.link(peer)?.slots ?? [];
  }

  /**
   * This engine is polled at `nowMs`. Time beyond `maxGapMs` since the previous poll (a starved or
   * hidden tab, a laptop waking from sleep) was time we were not listening: the peers' messages of
   * that time may still be waiting in our own inbox, behind the very tick that now runs. So it
   * does not count as their silence; otherwise a page that froze for 5 s would drop everyone.
   */
  listened(nowMs: number, maxGapMs: number): void {
    const gap = this.lastPollMs === undefined ? 0 : nowMs - this.lastPollMs;
    this.lastPollMs = nowMs;
    if (gap <= maxGapMs) return;
    for (const link of this.links.values()) if (link.lastHeardMs !== undefined) link.lastHeardMs += gap - maxGapMs;
  }

  /** A message from `peer` arrived. */
  heard(peer: PeerId, nowMs: number): void {
    const link = this.link(peer);
    if (link) link.lastHeardMs = nowMs;
  }

  /**
   * How long each of `peers` has been silent, for those silent longer than `limitMs`. Silence
   * counts from the first call, not from the start of the match.
   */
  silentLongerThan(peers: readonly PeerId[], limitMs: number, nowMs: number): { peer: PeerId; silentMs: number }[] {
    const silent: { peer: PeerId; silentMs: number }[] = [];
    for (const peer of peers) {
      const link = this.link(peer);
      if (link === undefined) continue;
      link.lastHeardMs ??= nowMs;
      if (nowMs - link.lastHeardMs > limitMs) silent.push({ peer, silentMs: nowMs - link.lastHeardMs });
    }
    return silent;
  }

  /** `peer`'s last reported ack of `slot` (every frame below it is held there). */
  ackOf(peer: PeerId, slot: number): number {
    return this.link(peer)?.acks[slot] ?? 0;
  }

  /**
   * `peer` acknowledged each `slot` up to `frame`. Acks only move forward, and never past what
   * `held` says exists: a bogus ack must not make us stop resending.
   */
  onAcks(peer: PeerId, acks: readonly { slot: number; frame: number }[], held: { frontier(slot: number): number }): void {
    const own = this.link(peer)?.acks;
    if (own === undefined) return;
    for (const { slot, frame } of acks) {
      if (slot < own.length) own[slot] = Math.max(own[slot] ?? 0, Math.min(frame, held.frontier(slot)));
    }
  }

  /** Forget `peer`'s acks: its page restarted with nothing (restore.ts), and reports its own from scratch. */
  resetAcks(peer: PeerId): void {
    this.link(peer)?.acks.fill(0);
  }

  /**
   * Whether a ping to `peer` is due; if so, records it and returns its `time` stamp. Pings left
   * unanswered too long are counted lost here (the RTT is exact from `sentAtMs`; the stamp only
   * matches pongs to pings).
   */
  tryPing(peer: PeerId, intervalMs: number, nowMs: number): number | undefined {
    const link = this.link(peer);
    if (link === undefined || (link.lastPingMs !== undefined && nowMs - link.lastPingMs < intervalMs)) return undefined;
    link.lastPingMs = nowMs;
    while (link.pingsInFlight.length > 0 && (nowMs - (link.pingsInFlight[0] as PingInFlight).sentAtMs > PING_LOST_AFTER_MS || link.pingsInFlight.length >= MAX_PINGS_IN_FLIGHT)) {
      link.pingsInFlight.shift();
      link.rtt.lost();
    }
    const time = Math.floor(nowMs) >>> 0;
    link.pingsInFlight.push({ time, sentAtMs: nowMs });
    return time;
  }

  /**
   * A pong echoing `time`, arrived at `atMs`, that waited `holdMs` at the other end before it was
   * sent: records RTT = atMs - sent - hold. A pong for no ping in flight is a duplicate (or a
   * stray); one whose hold is longer than the round trip, or a round trip past MAX_RTT_MS, is a
   * lie or garbage and records nothing.
   */
  onPong(peer: PeerId, time: number, holdMs: number, atMs: number): PongOutcome {
    const link = this.link(peer);
    const pending = link ? link.pingsInFlight.findIndex((p) => p.time === time) : -1;
    if (link === undefined || pending < 0) return 'duplicate';
    const rtt = atMs - (link.pingsInFlight[pending] as PingInFlight).sentAtMs - holdMs;
    if (!(rtt >= -HOLD_ROUNDING_MS && rtt <= MAX_RTT_MS)) return 'invalid';
    link.pingsInFlight.splice(pending, 1);
    link.rtt.add(Math.max(0, rtt));
    return 'ok';
  }

  /** The measured figures of each of `peers` that answered a ping. */
  figures(peers: readonly PeerId[]): LinkFigures[] {
    const out: LinkFigures[] = [];
    for (const peer of peers) {
      const rtt = this.link(peer)?.rtt;
      const medianRttMs = rtt?.median;
      if (rtt === undefined || medianRttMs === undefined) continue;
      out.push({ medianRttMs, jitterMs: rtt.jitter ?? 0, lossRate: rtt.lossRate, resolved: rtt.resolved, longLoss: rtt.longLoss, longResolved: rtt.longResolved, stragglers: rtt.stragglers });
    }
    return out;
  }

  /** Smoothed, p90 and median RTT, jitter and ping loss per peer that answered a ping. */
  rtts(): RttFigures {
    const figures: RttFigures = { ewma: {}, p90: {}, median: {}, jitter: {}, loss: {} };
    for (const [peer, { rtt }] of this.links) {
      if (rtt.ewma !== undefined) figures.ewma[peer] = rtt.ewma;
      if (rtt.p90 !== undefined) figures.p90[peer] = rtt.p90;
      if (rtt.median !== undefined) figures.median[peer] = rtt.median;
      if (rtt.jitter !== undefined) figures.jitter[peer] = rtt.jitter;
      if (rtt.resolved > 0) figures.loss[peer] = rtt.lossRate;
    }
    return figures;
  }

  private link(peer: PeerId): PeerLink | undefined {
    if (peer !== this.lastId) {
      this.lastId = peer;
      this.lastLink = this.links.get(peer);
    }
    return this.lastLink;
  }
}
