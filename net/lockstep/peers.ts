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

interface PeerLink {
  readonly slots: number[];
  lastHeardMs: number | undefined;
  lastPingMs: number | undefined;
  /** `time` of the recent pings still unanswered: a pong must echo one (strays are not RTTs). */
  readonly pingsInFlight: number[];
  /** Its acks (contiguous frontier) per slot, as last reported. */
  readonly acks: number[];
  readonly rtt: RttTracker;
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

  /** Whether a ping to `peer` is due; if so, records it and returns its `time` stamp. */
  tryPing(peer: PeerId, intervalMs: number, nowMs: number): number | undefined {
    const link = this.link(peer);
    if (link === undefined || (link.lastPingMs !== undefined && nowMs - link.lastPingMs < intervalMs)) return undefined;
    link.lastPingMs = nowMs;
    const time = Math.floor(nowMs) >>> 0;
    link.pingsInFlight.push(time);
    if (link.pingsInFlight.length > MAX_PINGS_IN_FLIGHT) link.pingsInFlight.shift();
    return time;
  }

  /** A pong echoing `time`: records the RTT, or returns false if it answers no ping in flight. */
  onPong(peer: PeerId, time: number, nowMs: number): boolean {
    const link = this.link(peer);
    const pending = link ? link.pingsInFlight.indexOf(time) : -1;
    const rtt = ((Math.floor(nowMs) >>> 0) - time) >>> 0;
    if (link === undefined || pending < 0 || rtt > MAX_RTT_MS) return false;
    link.pingsInFlight.splice(pending, 1);
    link.rtt.add(rtt);
    return true;
  }

  /** The worst p90 RTT over `peers` that answered a ping, or undefined. */
  worstRttP90(peers: readonly PeerId[]): number | undefined {
    let worst: number | undefined;
    for (const peer of peers) {
      const p90 = this.link(peer)?.rtt.p90;
      if (p90 !== undefined) worst = Math.max(worst ?? 0, p90);
    }
    return worst;
  }

  /** Smoothed and p90 RTT per peer that answered a ping. */
  rtts(): { ewma: Record<PeerId, number>; p90: Record<PeerId, number> } {
    const ewma: Record<PeerId, number> = {};
    const p90: Record<PeerId, number> = {};
    for (const [peer, { rtt }] of this.links) {
      if (rtt.ewma !== undefined) ewma[peer] = rtt.ewma;
      if (rtt.p90 !== undefined) p90[peer] = rtt.p90;
    }
    return { ewma, p90 };
  }

  private link(peer: PeerId): PeerLink | undefined {
    if (peer !== this.lastId) {
      this.lastId = peer;
      this.lastLink = this.links.get(peer);
    }
    return this.lastLink;
  }
}
