/**
 * The browser mesh: a lockstep `Transport` over PeerJS data connections, one to every other peer
 * of the match (a full mesh).
 *
 * Algorithm:
 * - Every peer registers its id at the host's PeerJS server. To avoid two connections per pair,
 *   only the peer whose id sorts lower dials (matchbox does the same); the other accepts. A dial
 *   that fails because the remote is not registered yet (`peer-unavailable`), or that does not
 *   open within `dialTimeoutMs`, is retried every `dialRetryMs` until the caller gives up.
 * - Once a connection opens, both ends create the negotiated unreliable channel on it. A peer is
 *   "up" only when both channels are open; messages that arrive earlier are held back and
 *   delivered right after its `peer-up`, so the consumer never hears from a peer that is not up.
 * - Unreliable sends fall back to the reliable connection while the unreliable channel is not
 *   open (never the other way round).
 * - A peer goes down, once and for good, when its connection closes or fails, its unreliable
 *   channel closes, ICE fails, or ICE stays `disconnected` longer than `disconnectGraceMs` (a short
 *   Wi-Fi cut recovers by itself: ICE goes back to `connected`).
 * - Losing the signalling server (the host process stopped) is not a peer-down: open connections
 *   carry the match on.
 *
 * Invariants: `send` never throws; `peer-up` precedes every message from that peer, and `peer-down`
 * ends them; each peer has at most one `peer-up` and one `peer-down`.
 */
import type { Channel, PeerId, Transport, TransportEvent } from '../lockstep/transport';
import { realClock, type MeshClock } from './mesh-clock';
import type { ChannelLike, ConnLike, CreatePeer, IceServerParams, PeerLike, PeerServerParams } from './mesh-ports';
import { createPeerjsPeer } from './peerjs-adapter';

/** How to reach the other peers of a match. */
export interface PeerjsTransportOptions {
  /** Our PeerJS id (the lobby's welcome gives it). */
  readonly self: PeerId;
  /** Every peer of the match (ours may be included: it is skipped). */
  readonly peers: readonly PeerId[];
  readonly server: PeerServerParams;
  /** Empty on a LAN (the default): no STUN/TURN traffic leaves the network. */
  readonly iceServers?: readonly IceServerParams[];
  readonly createPeer?: CreatePeer;
  readonly clock?: MeshClock;
  readonly dialRetryMs?: number;
  readonly dialTimeoutMs?: number;
  readonly disconnectGraceMs?: number;
}

/** `connecting` to the signalling server, `open`, `lost` after open, `failed` before open. */
export type SignallingState = 'connecting' | 'open' | 'lost' | 'failed';

/** One remote peer's link, for diagnostics and error messages. */
export interface LinkStatus {
  readonly peer: PeerId;
  readonly state: 'connecting' | 'up' | 'down';
  readonly attempts: number;
  readonly lastError: string;
  /** Last ICE connection state seen ('' before any). */
  readonly ice: string;
}

/** What the mesh looks like now. */
export interface MeshStatus {
  readonly signalling: SignallingState;
  readonly signallingError: { readonly type: string; readonly message: string } | null;
  readonly links: readonly LinkStatus[];
  /** Milliseconds from creation to the moment every peer was up; null until then. */
  readonly meshMs: number | null;
  /** Milliseconds from creation to registration at the signalling server; null until then. */
  readonly signallingMs: number | null;
}

/** The PeerJS mesh: a `Transport`, plus status and teardown. */
export interface PeerjsTransport extends Transport {
  status(): MeshStatus;
  /**
   * Someone we trust says `peer` is gone (the host saw its page close its lobby connection): end
   * its link now with a peer-down, rather than wait for the lockstep engine's silence threshold.
   */
  markGone(peer: PeerId, reason: string): void;
  /** Closes every connection and leaves the signalling server. Events stop. */
  close(): void;
}

interface Link {
  readonly peer: PeerId;
  readonly dialer: boolean;
  conn: ConnLike | null;
  unreliable: ChannelLike | null;
  connOpen: boolean;
  up: boolean;
  down: boolean;
  attempts: number;
  lastError: string;
  ice: string;
  held: TransportEvent[];
  dialTimer: unknown;
  graceTimer: unknown;
}

/** Creates the mesh and starts connecting at once. */
export function createPeerjsTransport(options: PeerjsTransportOptions): PeerjsTransport {
  const clock = options.clock ?? realClock;
  const dialRetryMs = options.dialRetryMs ?? 100;
  const dialTimeoutMs = options.dialTimeoutMs ?? 8000;
  const graceMs = options.disconnectGraceMs ?? 3000;
  const self = options.self;
  const startedAt = clock.now();
  const links = new Map<PeerId, Link>();
  for (const peer of new Set(options.peers)) {
    if (peer === self) continue;
    links.set(peer, {
      peer, dialer: self < peer, conn: null, unreliable: null, connOpen: false, up: false, down: false,
      attempts: 0, lastError: '', ice: '', held: [], dialTimer: null, graceTimer: null,
    });
  }
  let queue: TransportEvent[] = [];
  let signalling: SignallingState = 'connecting';
  let signallingError: MeshStatus['signallingError'] = null;
  let meshMs: number | null = links.size === 0 ? 0 : null;
  let signallingMs: number | null = null;
  let closed = false;
  const peer: PeerLike = (options.createPeer ?? createPeerjsPeer)(self, options.server, options.iceServers ?? []);

  const clearTimers = (link: Link): void => {
    clock.clearTimeout(link.dialTimer);
    clock.clearTimeout(link.graceTimer);
    link.dialTimer = null;
    link.graceTimer = null;
  };

  const retire = (link: Link): void => {
    const { conn, unreliable } = link;
    link.conn = null;
    link.unreliable = null;
    link.connOpen = false;
    link.held = [];
    unreliable?.close();
    conn?.close();
  };

  const goDown = (link: Link, reason: string): void => {
    if (link.down) return;
    const wasUp = link.up;
    link.down = true;
    link.up = false;
    link.lastError = reason;
    clearTimers(link);
    retire(link);
    if (wasUp && !closed) queue.push({ type: 'peer-down', peer: link.peer, reason });
  };

  const maybeUp = (link: Link): void => {
    if (link.up || link.down || !link.connOpen || !link.unreliable?.isOpen) return;
    link.up = true;
    queue.push({ type: 'peer-up', peer: link.peer }, ...link.held);
    link.held = [];
    if (meshMs === null && [...links.values()].every((l) => l.up)) meshMs = clock.now() - startedAt;
  };

  /** A connection that failed before the peer came up: the dialer tries again, the other waits. */
  const failedBeforeUp = (link: Link, reason: string): void => {
    if (link.up || link.down) return;
    link.lastError = reason;
    clock.clearTimeout(link.dialTimer);
    retire(link);
    if (link.dialer) link.dialTimer = clock.setTimeout(() => dial(link), dialRetryMs);
  };

  const onData = (link: Link, bytes: Uint8Array, channel: Channel): void => {
    const event: TransportEvent = { type: 'message', from: link.peer, data: bytes, channel };
    if (link.up) queue.push(event);
    else if (!link.down) link.held.push(event);
  };

  const onIce = (link: Link, state: string): void => {
    link.ice = state;
    if (state === 'failed') {
      if (link.up) goDown(link, 'ICE failed');
      else failedBeforeUp(link, 'ICE failed');
    } else if (state === 'disconnected' && link.up && link.graceTimer === null) {
      link.graceTimer = clock.setTimeout(() => goDown(link, `ICE disconnected for ${graceMs} ms`), graceMs);
    } else if (state === 'connected' || state === 'completed') {
      clock.clearTimeout(link.graceTimer);
      link.graceTimer = null;
    }
  };

  const openUnreliable = (link: Link, conn: ConnLike): void => {
    const channel = conn.openUnreliable();
    if (!channel) return failedBeforeUp(link, 'no peer connection for the unreliable channel');
    link.unreliable = channel;
    channel.listen({
      open: () => link.unreliable === channel && maybeUp(link),
      data: (bytes) => link.unreliable === channel && onData(link, bytes, 'unreliable'),
      close: () => {
        if (link.unreliable !== channel) return;
        if (link.up) goDown(link, 'unreliable channel closed');
        else failedBeforeUp(link, 'unreliable channel closed');
      },
    });
  };

  const attach = (link: Link, conn: ConnLike): void => {
    link.conn = conn;
    const current = (): boolean => link.conn === conn && !link.down;
    conn.listen({
      open: () => {
        if (!current()) return;
        link.connOpen = true;
        clock.clearTimeout(link.dialTimer);
        link.dialTimer = null;
        openUnreliable(link, conn);
      },
      data: (bytes) => current() && onData(link, bytes, 'reliable'),
      close: (reason) => {
        if (!current()) return;
        if (link.up) goDown(link, reason);
        else failedBeforeUp(link, reason);
      },
      ice: (state) => current() && onIce(link, state),
    });
  };

  function dial(link: Link): void {
    link.dialTimer = null;
    if (closed || link.down || link.up || signalling !== 'open') return;
    retire(link);
    link.attempts += 1;
    attach(link, peer.connect(link.peer));
    link.dialTimer = clock.setTimeout(() => {
      if (!link.connOpen) failedBeforeUp(link, `no connection after ${dialTimeoutMs} ms`);
    }, dialTimeoutMs);
  }

  peer.listen({
    open: () => {
      signalling = 'open';
      signallingMs = clock.now() - startedAt;
      for (const link of links.values()) if (link.dialer) dial(link);
    },
    connection: (conn) => {
      const link = links.get(conn.peer);
      // Only the designated dialer may call us, and only until it is up: anything else is a
      // stranger or a duplicate.
      if (closed || !link || link.dialer || link.up || link.down) return conn.close();
      retire(link);
      link.attempts += 1;
      attach(link, conn);
    },
    error: (type, message, remote) => {
      const link = remote === undefined ? undefined : links.get(remote);
      if (type === 'peer-unavailable' && link) return failedBeforeUp(link, message);
      if (signalling === 'connecting') signalling = 'failed';
      signallingError = { type, message };
    },
    disconnected: () => {
      if (signalling === 'open') signalling = 'lost';
    },
  });

  return {
    self,
    send(to, data, channel) {
      const link = links.get(to);
      if (!link || link.down || !link.connOpen) return;
      try {
        if (channel === 'unreliable' && link.unreliable?.isOpen) link.unreliable.send(data);
        else link.conn?.send(data);
      } catch {
        // A channel that is closing throws; its close event reports the peer down.
      }
    },
    markGone(peerId, reason) {
      const link = links.get(peerId);
      if (link) goDown(link, reason);
    },
    drain() {
      const events = queue;
      queue = [];
      return events;
    },
    status: () => ({
      signalling,
      signallingError,
      meshMs,
      signallingMs,
      links: [...links.values()].map((l) => ({
        peer: l.peer, attempts: l.attempts, lastError: l.lastError, ice: l.ice,
        state: l.up ? 'up' : l.down ? 'down' : 'connecting',
      })),
    }),
    close() {
      if (closed) return;
      closed = true;
      for (const link of links.values()) goDown(link, 'closed');
      queue = [];
      peer.destroy();
    },
  };
}
