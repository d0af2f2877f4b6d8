/**
 * A `Transport` that reaches every peer, directly where it can and through a relay peer where it
 * cannot (issue #13). It sits between the engine and the direct links, which it is given as a
 * plain `send` plus every event they raise, at the moment it arrives (`receive`), so a message
 * for a third page is forwarded inside the receive handler, never queued behind the relay's own
 * game loop. The engine sees a relayed peer like any other: same events, same `from`, and its
 * pings travel the same path, so the RTT, the jitter and the input delay count the extra hop.
 *
 * Trust: a relayed message carries an HMAC under the key its two ends share (`keyFor`, agreed
 * through the host in the lobby), over the ids, a sequence number, the channel and the payload.
 * A relay can drop what it carries, not forge, alter, redirect or replay it; a message that fails
 * the check is refused and the relay that brought it is never used again by this page, and named
 * in its announcements so that the sender avoids it too. A relay only forwards what arrives from
 * the envelope's own sender, to a peer it hears directly: one hop, so routes cannot loop.
 */
import { decodeRelay, encodeRelay, isRelayFrame, type RelayMessage } from '../protocol';
import type { Channel, PeerId, Transport, TransportEvent } from '../lockstep';
import { envelopeChecks, sealEnvelope } from './envelope';
import { createLinkWords, type LinkWords } from './link-words';
import { createReplayWindows, type ReplayWindows } from './replay-window';
import { createRoutes, type Route, type Routes } from './routes';

export interface RelayConfig {
  /** Every other peer of the match. */
  readonly peers: readonly PeerId[];
  /** The key this page shares with `peer`, or null if none (nothing is relayed to or from it). */
  readonly keyFor: (peer: PeerId) => Uint8Array | null;
  /** The clock the engine is polled with (ms). */
  readonly now: () => number;
  /** A direct link unheard this long is routed around (ms). */
  readonly silentAfterMs?: number;
  /** How often to announce links to each peer (ms). */
  readonly announceEveryMs?: number;
}

/** What the relay layer saw go wrong, for the page's events. */
export type RelayNotice =
  | { readonly type: 'relay-forged'; readonly relay: PeerId; readonly from: PeerId }
  | { readonly type: 'relay-spoofed'; readonly relay: PeerId; readonly claimed: PeerId };

export interface RelayStats {
  /** Envelopes this page sent for its own messages. */
  readonly relayedOut: number;
  /** Envelopes for this page that checked and were delivered. */
  readonly relayedIn: number;
  /** Envelopes this page forwarded for others. */
  readonly forwarded: number;
  /** Messages with no route (no live link and no relay). */
  readonly unroutable: number;
  /** Refused relay traffic, by reason. */
  readonly rejected: Readonly<Record<string, number>>;
}

/** One peer's link as the page shows it. */
export interface LinkView {
  readonly peer: PeerId;
  /** 'direct', 'none', or the relay's id. */
  readonly via: string;
  readonly rttMs: number | null;
}

export interface RelayTransport {
  /** What the engine uses. */
  readonly transport: Transport;
  /** Every event of the direct links, as it arrives. */
  receive(event: TransportEvent): void;
  /** The host's word that `peer`'s page is gone: the engine hears `peer-down` now. */
  gone(peer: PeerId, reason: string): void;
  links(): LinkView[];
  stats(): RelayStats;
  /** What went wrong since the last call. */
  notices(): RelayNotice[];
}

/** Under the engine's 1 s silence (`awayAfterMs`): a dead link is relayed before anyone takes its peer away. */
const SILENT_AFTER_MS = 400;
const ANNOUNCE_EVERY_MS = 250;

type Link = { readonly self: PeerId; send(to: PeerId, data: Uint8Array, channel: Channel): void };
type MessageEvent = Extract<TransportEvent, { type: 'message' }>;

/** One page's relay layer: what the functions below share. */
interface Relay {
  readonly link: Link;
  readonly config: RelayConfig;
  readonly routes: Routes;
  readonly words: LinkWords;
  readonly replays: ReplayWindows;
  /** What the engine drains. */
  readonly inbox: TransportEvent[];
  /** Direct links that closed, held while a relay still reaches their peer. */
  readonly pendingDown: Map<PeerId, string>;
  readonly reportedDown: Set<PeerId>;
  readonly notices: RelayNotice[];
  readonly rejected: Record<string, number>;
  readonly counts: { relayedOut: number; relayedIn: number; forwarded: number; unroutable: number };
  seq: number;
  lastAnnounceMs: number;
}

const reject = (relay: Relay, reason: string): void => void (relay.rejected[reason] = (relay.rejected[reason] ?? 0) + 1);

function sendVia(relay: Relay, route: Route, to: PeerId, data: Uint8Array, channel: Channel): void {
  if (route.via === 'direct') return relay.link.send(to, data, channel);
  const key = route.via === 'relay' ? relay.config.keyFor(to) : null;
  if (route.via === 'none' || key === null) return void relay.counts.unroutable++;
  relay.link.send(route.relay, sealEnvelope(key, { to, from: relay.link.self, seq: ++relay.seq, channel, payload: data }), channel);
  relay.counts.relayedOut++;
}

function announce(relay: Relay, nowMs: number): void {
  for (const peer of relay.config.peers) {
    const bytes = encodeRelay(relay.words.compose(peer, nowMs));
    // Always straight to the peer too: that is how a link that healed is heard again.
    relay.link.send(peer, bytes, 'unreliable');
    const route = relay.routes.route(peer, nowMs);
    if (route.via === 'relay') sendVia(relay, route, peer, bytes, 'unreliable');
  }
}

/** An envelope for this page: check it, then deliver its payload as from its real sender. */
function open(relay: Relay, msg: RelayMessage, hop: PeerId, atMs: number | undefined, nowMs: number): void {
  const key = relay.config.peers.includes(msg.from) ? relay.config.keyFor(msg.from) : null;
  if (key === null) return reject(relay, 'unknown-sender');
  if (!envelopeChecks(key, msg)) {
    reject(relay, 'bad-tag');
    relay.routes.distrust(hop);
    return void relay.notices.push({ type: 'relay-forged', relay: hop, from: msg.from });
  }
  if (!relay.replays.accept(msg.from, msg.seq)) return reject(relay, 'replayed');
  relay.counts.relayedIn++;
  if (!isRelayFrame(msg.payload)) {
    return void relay.inbox.push({ type: 'message', from: msg.from, data: msg.payload, channel: msg.channel, ...(atMs === undefined ? {} : { atMs }) });
  }
  const inner = decodeRelay(msg.payload);
  if (inner.ok && inner.msg.kind === 'links') relay.words.take(msg.from, inner.msg, false, nowMs);
  else reject(relay, 'bad-inner');
}

/** An envelope for someone else: forward it at once, if the peer who handed it over is its sender. */
function forward(relay: Relay, msg: RelayMessage, event: MessageEvent, nowMs: number): void {
  if (msg.from !== event.from) {
    reject(relay, 'spoofed');
    relay.routes.distrust(event.from);
    return void relay.notices.push({ type: 'relay-spoofed', relay: event.from, claimed: msg.from });
  }
  if (!relay.config.peers.includes(msg.to)) return reject(relay, 'unknown-target');
  if (!relay.routes.directLive(msg.to, nowMs)) return reject(relay, 'no-link');
  relay.link.send(msg.to, event.data, event.channel);
  relay.counts.forwarded++;
}

function takeMessage(relay: Relay, event: MessageEvent, nowMs: number): void {
  if (!relay.config.peers.includes(event.from)) return void relay.inbox.push(event);
  relay.routes.heard(event.from, nowMs);
  if (!isRelayFrame(event.data)) return void relay.inbox.push(event);
  const decoded = decodeRelay(event.data);
  if (!decoded.ok) return reject(relay, decoded.error.code);
  const msg = decoded.msg;
  if (msg.kind === 'links') return relay.words.take(event.from, msg, true, nowMs);
  if (msg.to === relay.link.self) return open(relay, msg, event.from, event.atMs, nowMs);
  forward(relay, msg, event, nowMs);
}

function reportDown(relay: Relay, peer: PeerId, reason: string): void {
  relay.pendingDown.delete(peer);
  if (!relay.reportedDown.has(peer)) relay.inbox.push({ type: 'peer-down', peer, reason });
  relay.reportedDown.add(peer);
}

/** Announces links when due, and reports each closed link whose peer no relay reaches now. */
function tick(relay: Relay): void {
  const nowMs = relay.config.now();
  if (nowMs - relay.lastAnnounceMs >= (relay.config.announceEveryMs ?? ANNOUNCE_EVERY_MS)) {
    relay.lastAnnounceMs = nowMs;
    announce(relay, nowMs);
  }
  for (const [peer, reason] of relay.pendingDown) if (relay.routes.route(peer, nowMs).via === 'none') reportDown(relay, peer, reason);
}

function receive(relay: Relay, event: TransportEvent): void {
  const nowMs = relay.config.now();
  if (event.type === 'message') return takeMessage(relay, event, nowMs);
  if (event.type === 'peer-up') {
    relay.routes.up(event.peer, nowMs);
    relay.pendingDown.delete(event.peer);
    return void relay.inbox.push(event);
  }
  // A direct link that closed: the peer may still be reached through a relay.
  relay.routes.down(event.peer);
  relay.pendingDown.set(event.peer, event.reason);
  if (relay.routes.route(event.peer, nowMs).via === 'none') reportDown(relay, event.peer, event.reason);
}

/** The relay layer over `link` (the direct links' send; their events go to `receive`). */
export function createRelayTransport(link: Link, config: RelayConfig): RelayTransport {
  const routes = createRoutes(config.peers, config.now(), config.silentAfterMs ?? SILENT_AFTER_MS);
  const relay: Relay = {
    link, config, routes, words: createLinkWords(routes), replays: createReplayWindows(),
    inbox: [], pendingDown: new Map(), reportedDown: new Set(), notices: [], rejected: {},
    counts: { relayedOut: 0, relayedIn: 0, forwarded: 0, unroutable: 0 }, seq: 0, lastAnnounceMs: -Infinity,
  };
  return {
    transport: {
      self: link.self,
      send: (to, data, channel) => {
        if (to !== link.self && config.peers.includes(to)) sendVia(relay, routes.route(to, config.now()), to, data, channel);
      },
      // The engine drains on every poll: the moment to announce links and settle a closed link.
      drain: () => {
        tick(relay);
        return relay.inbox.splice(0);
      },
    },
    receive: (event) => receive(relay, event),
    gone: (peer, reason) => {
      routes.down(peer);
      reportDown(relay, peer, reason);
    },
    links: () => {
      const nowMs = config.now();
      return config.peers.map((peer) => {
        const route = routes.route(peer, nowMs);
        return { peer, via: route.via === 'relay' ? route.relay : route.via, rttMs: routes.rtt(peer) };
      });
    },
    stats: () => ({ ...relay.counts, rejected: { ...relay.rejected } }),
    notices: () => relay.notices.splice(0),
  };
}
