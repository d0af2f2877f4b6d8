/**
 * An in-memory stand-in for PeerJS + WebRTC, implementing the mesh ports on a virtual clock, so
 * that the real transport and handshake run in unit tests. It behaves like PeerJS where the
 * transport depends on it: ids register after a delay, dialling an unregistered id gives
 * `peer-unavailable`, a dial opens both ends after a delay, negotiated channels open once both ends
 * made them, and a close reaches the other end one latency later.
 */
import type { PeerId } from '../../net/lockstep/transport';
import { createBacklog } from '../../net/mesh/event-backlog';
import type { MeshClock } from '../../net/mesh/mesh-clock';
import type { ChannelHandlers, ChannelLike, ConnHandlers, ConnLike, CreatePeer, PeerHandlers } from '../../net/mesh/mesh-ports';

/** Knobs and faults of the fake network. */
export interface FakePeerNetwork {
  readonly createPeer: CreatePeer;
  /** Every future connection between `a` and `b` fails ICE (client isolation). */
  block(a: PeerId, b: PeerId): void;
  /** Reports an ICE state on both ends of the a-b connection (e.g. 'disconnected'). */
  setIce(a: PeerId, b: PeerId, state: string): void;
  /** Stops delivering messages between a and b (a cut link), or resumes. */
  cut(a: PeerId, b: PeerId, cut: boolean): void;
  /** `a` crashes: the other end of each of its connections closes one latency later. */
  crash(a: PeerId): void;
  /** The signalling server goes away: every peer gets `disconnected`. */
  stopServer(): void;
  /** The signalling server is back: a `reconnect()` registers again. */
  startServer(): void;
  /** `a`'s signalling socket drops (a Wi-Fi blip): it gets `disconnected`, its links stay. */
  dropSignalling(a: PeerId): void;
  /** How many times each id called `reconnect()`. */
  reconnects(a: PeerId): number;
  /** Every id that registered, in order. */
  registered(): PeerId[];
}

interface End {
  readonly self: PeerId;
  readonly peer: PeerId;
  handlers: ConnHandlers | null;
  open: boolean;
  closed: boolean;
  other: End | null;
  channel: FakeChannel | null;
}

interface FakeChannel extends ChannelLike {
  handlers: ChannelHandlers | null;
  other: FakeChannel | null;
  opened: boolean;
}

const pairKey = (a: PeerId, b: PeerId): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Creates a fake network on `clock`; every hop takes `latencyMs`. */
export function createFakePeerNetwork(clock: MeshClock, latencyMs = 5): FakePeerNetwork {
  const peers = new Map<PeerId, PeerHandlers | null>();
  const order: PeerId[] = [];
  const blocked = new Set<string>();
  const cuts = new Set<string>();
  const ends: End[] = [];
  const reconnects = new Map<PeerId, number>();
  let serverUp = true;
  const later = (fn: () => void): void => void clock.setTimeout(fn, latencyMs);

  const closeEnd = (end: End, reason: string): void => {
    if (end.closed) return;
    end.closed = true;
    end.open = false;
    end.channel?.handlers?.close();
    end.handlers?.close(reason);
  };

  const makeChannel = (end: End): FakeChannel => {
    const channel: FakeChannel = {
      handlers: null, other: null, opened: false,
      get isOpen() {
        return channel.opened && !end.closed;
      },
      listen: (h) => void (channel.handlers = h),
      send(bytes) {
        const copy = bytes.slice();
        if (!cuts.has(pairKey(end.self, end.peer))) later(() => channel.other?.handlers?.data(copy));
      },
      close: () => undefined,
    };
    end.channel = channel;
    const otherChannel = end.other?.channel;
    if (otherChannel) {
      channel.other = otherChannel;
      otherChannel.other = channel;
      later(() => {
        for (const c of [channel, otherChannel]) {
          c.opened = true;
          c.handlers?.open();
        }
      });
    }
    return channel;
  };

  const makeConn = (end: End): ConnLike => ({
    peer: end.peer,
    listen: (h) => void (end.handlers = h),
    send(bytes) {
      const copy = bytes.slice();
      const other = end.other;
      if (!end.open || !other || cuts.has(pairKey(end.self, end.peer))) return;
      later(() => other.open && other.handlers?.data(copy));
    },
    openUnreliable: () => (end.closed ? null : makeChannel(end)),
    close() {
      const other = end.other;
      closeEnd(end, 'closed');
      if (other) later(() => closeEnd(other, 'closed'));
    },
  });

  const dial = (from: PeerId, to: PeerId): ConnLike => {
    const local: End = { self: from, peer: to, handlers: null, open: false, closed: false, other: null, channel: null };
    ends.push(local);
    later(() => {
      const target = peers.get(to);
      if (!target) return peers.get(from)?.error('peer-unavailable', `Could not connect to peer ${to}`, to);
      const remote: End = { self: to, peer: from, handlers: null, open: false, closed: false, other: local, channel: null };
      local.other = remote;
      ends.push(remote);
      target.connection(makeConn(remote));
      later(() => {
        if (local.closed || remote.closed) return;
        if (blocked.has(pairKey(from, to))) {
          for (const e of [local, remote]) e.handlers?.ice('failed');
          for (const e of [local, remote]) closeEnd(e, 'negotiation-failed: ICE failed');
          return;
        }
        for (const e of [local, remote]) {
          e.open = true;
          e.handlers?.ice('connected');
          e.handlers?.open();
        }
      });
    });
    return makeConn(local);
  };

  const createPeer: CreatePeer = (self) => {
    // Like the PeerJS adapter: events before `listen` are kept for it.
    const backlog = createBacklog<PeerHandlers>();
    const handlers: PeerHandlers = {
      open: (id) => backlog.deliver((h) => h.open(id)),
      connection: (conn) => backlog.deliver((h) => h.connection(conn)),
      error: (type, message, peer) => backlog.deliver((h) => h.error(type, message, peer)),
      disconnected: () => backlog.deliver((h) => h.disconnected()),
    };
    const register = (): void => {
      if (peers.has(self)) return handlers.error('unavailable-id', `ID "${self}" is taken`);
      peers.set(self, handlers);
      order.push(self);
      handlers.open(self);
    };
    later(register);
    return {
      listen: (h) => backlog.attach(h),
      connect: (remote) => dial(self, remote),
      reconnect() {
        reconnects.set(self, (reconnects.get(self) ?? 0) + 1);
        // Like PeerJS: a server that is still gone ends the attempt with another `disconnected`.
        later(() => (serverUp ? register() : handlers.disconnected()));
      },
      destroy() {
        peers.delete(self);
        for (const end of ends.filter((e) => e.self === self && !e.closed)) makeConn(end).close();
      },
    };
  };

  const between = (a: PeerId, b: PeerId): End[] =>
    ends.filter((e) => !e.closed && pairKey(e.self, e.peer) === pairKey(a, b));

  return {
    createPeer,
    block: (a, b) => void blocked.add(pairKey(a, b)),
    setIce: (a, b, state) => between(a, b).forEach((e) => e.handlers?.ice(state)),
    cut: (a, b, cut) => void (cut ? cuts.add(pairKey(a, b)) : cuts.delete(pairKey(a, b))),
    crash(a) {
      peers.delete(a);
      for (const end of ends.filter((e) => e.self === a && !e.closed)) {
        end.closed = true;
        const other = end.other;
        if (other) later(() => closeEnd(other, 'connection-closed: Connection closed'));
      }
    },
    stopServer() {
      serverUp = false;
      for (const h of [...peers.values()]) h?.disconnected();
      peers.clear();
    },
    startServer: () => void (serverUp = true),
    dropSignalling(a) {
      const h = peers.get(a);
      peers.delete(a);
      h?.disconnected();
    },
    reconnects: (a) => reconnects.get(a) ?? 0,
    registered: () => [...order],
  };
}
