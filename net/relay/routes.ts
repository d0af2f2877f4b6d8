/**
 * What a page knows of the links around it, and the route it picks to each peer. Pure: the
 * relay transport feeds it what arrives and asks it where to send.
 *
 * A direct link is live while its peer was heard on it within `silentAfterMs` (every peer
 * announces its links 4 times a second, so a live link is never quiet that long) and the
 * transport has not reported it down. A peer with no live direct link goes through a relay: a
 * peer whose own link to us is live and who announced, recently, that it hears the target. Of
 * those, the one with the least round trip through it (ours to it plus its own to the target);
 * the current relay is kept while it qualifies unless another is better by `SWITCH_GAIN_MS`, so
 * that routes do not flap (a switch can reorder a few packets). Relays the target said forged to
 * it, and relays caught forging to us, are never picked.
 */
import type { PeerId } from '../lockstep';

/** A better route must save this much round trip to replace the current one. */
const SWITCH_GAIN_MS = 20;
/** A round trip not yet measured counts as this (a LAN's worst case, so a measured one wins). */
const UNMEASURED_RTT_MS = 100;
/** Weight of a new round-trip sample (an average over about 8). */
const RTT_WEIGHT = 1 / 8;

/** A peer's last word on its own links. */
export interface Announcement {
  readonly atMs: number;
  readonly heard: ReadonlyMap<PeerId, number>;
  readonly distrust: ReadonlySet<PeerId>;
}

/** How this page reaches a peer: directly, through a relay, or not at all. */
export type Route = { readonly via: 'direct' } | { readonly via: 'relay'; readonly relay: PeerId } | { readonly via: 'none' };

export interface Routes {
  heard(peer: PeerId, nowMs: number): void;
  up(peer: PeerId, nowMs: number): void;
  down(peer: PeerId): void;
  rttSample(peer: PeerId, rttMs: number): void;
  announced(peer: PeerId, announcement: Announcement): void;
  /** A relay that forged to us: never used again. */
  distrust(relay: PeerId): void;
  distrusted(): readonly PeerId[];
  /** Peers this page hears directly now, with the round trip to each (for its own announcement). */
  liveLinks(nowMs: number): { peer: PeerId; rttMs: number }[];
  directLive(peer: PeerId, nowMs: number): boolean;
  route(peer: PeerId, nowMs: number): Route;
  rtt(peer: PeerId): number | null;
}

export function createRoutes(peers: readonly PeerId[], startMs: number, silentAfterMs: number): Routes {
  const lastHeard = new Map(peers.map((p) => [p, startMs]));
  const isDown = new Set<PeerId>();
  const rtts = new Map<PeerId, number>();
  const words = new Map<PeerId, Announcement>();
  const forgers = new Set<PeerId>();
  const current = new Map<PeerId, PeerId>();

  const directLive = (peer: PeerId, nowMs: number): boolean =>
    !isDown.has(peer) && nowMs - (lastHeard.get(peer) ?? -Infinity) <= silentAfterMs;
  const linkRtt = (peer: PeerId): number => rtts.get(peer) ?? UNMEASURED_RTT_MS;

  /** The round trip through `relay` to `target`, or null if `relay` cannot serve now. */
  function costVia(relay: PeerId, target: PeerId, nowMs: number): number | null {
    if (relay === target || forgers.has(relay) || !directLive(relay, nowMs)) return null;
    const word = words.get(relay);
    const theirs = word && nowMs - word.atMs <= silentAfterMs ? word.heard.get(target) : undefined;
    if (theirs === undefined || words.get(target)?.distrust.has(relay)) return null;
    return linkRtt(relay) + theirs;
  }

  function relayRoute(target: PeerId, nowMs: number): Route {
    let best: PeerId | null = null;
    let bestCost = Infinity;
    for (const relay of peers) {
      const cost = costVia(relay, target, nowMs);
      if (cost !== null && (cost < bestCost || (cost === bestCost && best !== null && relay < best))) [best, bestCost] = [relay, cost];
    }
    const kept = current.get(target);
    const keptCost = kept === undefined ? null : costVia(kept, target, nowMs);
    const choice = keptCost !== null && keptCost - SWITCH_GAIN_MS <= bestCost ? kept ?? null : best;
    if (choice === null) {
      current.delete(target);
      return { via: 'none' };
    }
    current.set(target, choice);
    return { via: 'relay', relay: choice };
  }

  return {
    heard: (peer, nowMs) => void lastHeard.set(peer, Math.max(nowMs, lastHeard.get(peer) ?? -Infinity)),
    up(peer, nowMs) {
      isDown.delete(peer);
      lastHeard.set(peer, nowMs);
    },
    down: (peer) => void isDown.add(peer),
    rttSample(peer, rttMs) {
      const before = rtts.get(peer);
      rtts.set(peer, before === undefined ? rttMs : before + (rttMs - before) * RTT_WEIGHT);
    },
    announced: (peer, announcement) => void words.set(peer, announcement),
    distrust: (relay) => void forgers.add(relay),
    distrusted: () => [...forgers],
    liveLinks: (nowMs) => peers.filter((p) => directLive(p, nowMs)).map((peer) => ({ peer, rttMs: Math.round(linkRtt(peer)) })),
    directLive,
    route: (peer, nowMs) => (directLive(peer, nowMs) ? { via: 'direct' } : relayRoute(peer, nowMs)),
    rtt: (peer) => rtts.get(peer) ?? null,
  };
}
