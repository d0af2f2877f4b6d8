/**
 * Maps real PeerJS objects onto the mesh ports (browser only: PeerJS needs RTCPeerConnection).
 *
 * Two channels per connection:
 * - PeerJS's own DataConnection, `serialization: 'raw'`, reliable (ordered, retransmitted): control.
 * - A negotiated RTCDataChannel on the same RTCPeerConnection, created by BOTH ends with the same
 *   fixed id, `ordered: false, maxRetransmits: 0`: inputs. PeerJS cannot make a truly unreliable
 *   channel (its `reliable: false` only drops ordering, and a retransmit stalls ~430 ms on a lossy
 *   link); negotiating it ourselves needs no SDP renegotiation, it rides the existing SCTP
 *   association.
 */
import { Peer } from 'peerjs';
import type { DataConnection } from 'peerjs';
import { createBacklog } from './event-backlog';
import { realClock } from './mesh-clock';
import { keepRegistered } from './signalling-retry';
import type { ChannelLike, ConnHandlers, ConnLike, CreatePeer, PeerHandlers, PeerLike } from './mesh-ports';

/**
 * SCTP stream id of the unreliable channel. Auto-assigned ids (PeerJS's channel) start at 0/1 and
 * grow by 2, so a high fixed id never collides with them.
 */
export const UNRELIABLE_CHANNEL_ID = 1000;

/** Binary payloads arrive as ArrayBuffer (binaryType 'arraybuffer'); anything else is dropped. */
function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

function wrapChannel(dc: RTCDataChannel): ChannelLike {
  dc.binaryType = 'arraybuffer';
  return {
    get isOpen() {
      return dc.readyState === 'open';
    },
    listen(h) {
      dc.onopen = () => h.open();
      dc.onclose = () => h.close();
      dc.onmessage = (ev: MessageEvent) => {
        const bytes = toBytes(ev.data);
        if (bytes) h.data(bytes);
      };
      if (dc.readyState === 'open') h.open();
    },
    send: (bytes) => dc.send(bytes as Uint8Array<ArrayBuffer>),
    close: () => dc.close(),
  };
}

function wrapConn(conn: DataConnection): ConnLike {
  let lastError = '';
  // Listen at once: an incoming connection may open before the transport attaches.
  const backlog = createBacklog<ConnHandlers>();
  conn.on('open', () => backlog.deliver((h) => h.open()));
  conn.on('data', (data) => {
    const bytes = toBytes(data);
    if (bytes) backlog.deliver((h) => h.data(bytes));
  });
  // PeerJS closes the connection itself after a fatal error (ICE failed, closed): keep the
  // error as the close reason. Other errors (not-open-yet, message-too-big) are not fatal.
  conn.on('error', (err) => {
    lastError = `${err.type}: ${err.message}`;
  });
  conn.on('close', () => backlog.deliver((h) => h.close(lastError || 'closed')));
  conn.on('iceStateChanged', (state) => backlog.deliver((h) => h.ice(state)));
  return {
    peer: conn.peer,
    listen: (h) => backlog.attach(h),
    send: (bytes) => void conn.send(bytes),
    openUnreliable() {
      const pc = conn.peerConnection;
      if (!pc || pc.signalingState === 'closed') return null;
      const dc = pc.createDataChannel('ricochet-inputs', {
        negotiated: true,
        id: UNRELIABLE_CHANNEL_ID,
        ordered: false,
        maxRetransmits: 0,
      });
      return wrapChannel(dc);
    },
    close: () => conn.close(),
  };
}

/** PeerJS reports an unreachable id only in its message: "Could not connect to peer <id>". */
function unavailablePeer(message: string): string | undefined {
  const m = /Could not connect to peer (.+)$/.exec(message);
  return m?.[1];
}

/**
 * A PeerJS `Peer` on our own signalling server. Host, port, path and key always come from the
 * lobby: with no options PeerJS would talk to its public cloud server and Google's STUN servers.
 */
export const createPeerjsPeer: CreatePeer = (self, server, iceServers) => {
  const peer = new Peer(self, {
    host: server.host,
    port: server.port,
    path: server.path,
    key: server.key,
    secure: server.secure,
    // The member's secret: the host lets only its holder register this id.
    ...(server.token ? { token: server.token } : {}),
    config: { iceServers: iceServers.map((s) => ({ ...s })) },
    debug: 1,
  });
  // Listen at once: a peer prepared before the match starts registers before the transport exists.
  const backlog = createBacklog<PeerHandlers>();
  peer.on('open', (id) => backlog.deliver((h) => h.open(id)));
  peer.on('connection', (conn) => {
    const wrappedConn = wrapConn(conn);
    backlog.deliver((h) => h.connection(wrappedConn));
  });
  peer.on('error', (err) => backlog.deliver((h) => h.error(err.type, err.message, unavailablePeer(err.message))));
  peer.on('disconnected', () => backlog.deliver((h) => h.disconnected()));
  const wrapped: PeerLike = {
    listen: (h) => backlog.attach(h),
    connect: (remote) => wrapConn(peer.connect(remote, { reliable: true, serialization: 'raw' })),
    reconnect: () => peer.reconnect(),
    destroy: () => peer.destroy(),
  };
  // From its creation (a page registers on the lobby's welcome) to its destruction.
  return keepRegistered(wrapped, realClock);
};
