/**
 * The `links` announcements: what this page says of its direct links, and what it takes from
 * another's. Each announcement to a peer echoes the last stamp that peer sent, with how long it was
 * held, so a peer measures its direct link's round trip as a ping would, at no extra message.
 */
import type { LinksMessage } from '../protocol';
import type { PeerId } from '../lockstep';
import type { Routes } from './routes';

/** Hold times are capped at the wire's bound (a minute). */
const MAX_HOLD_MS = 60_000;

export interface LinkWords {
  /** This page's announcement to `peer` now. */
  compose(peer: PeerId, nowMs: number): LinksMessage;
  /** `from`'s announcement; `direct` if it came on the direct link (only then does its echo time it). */
  take(from: PeerId, msg: LinksMessage, direct: boolean, nowMs: number): void;
}

export function createLinkWords(routes: Routes): LinkWords {
  const stamps = new Map<PeerId, { stamp: number; atMs: number }>();
  const clock = (nowMs: number): number => Math.floor(nowMs) >>> 0;
  return {
    compose(peer, nowMs) {
      const echo = stamps.get(peer);
      return {
        kind: 'links',
        stamp: clock(nowMs) || 1, // 0 means "nothing to echo"
        echo: echo?.stamp ?? 0,
        holdMs: echo ? Math.min(MAX_HOLD_MS, Math.max(0, Math.round(nowMs - echo.atMs))) : 0,
        heard: routes.liveLinks(nowMs),
        distrust: routes.distrusted(),
      };
    },
    take(from, msg, direct, nowMs) {
      routes.announced(from, { atMs: nowMs, heard: new Map(msg.heard.map((h) => [h.peer, h.rttMs])), distrust: new Set(msg.distrust) });
      if (!direct) return;
      stamps.set(from, { stamp: msg.stamp, atMs: nowMs });
      if (msg.echo === 0) return;
      const rtt = ((clock(nowMs) - msg.echo) >>> 0) - msg.holdMs;
      if (rtt >= 0 && rtt < MAX_HOLD_MS) routes.rttSample(from, rtt);
    },
  };
}
