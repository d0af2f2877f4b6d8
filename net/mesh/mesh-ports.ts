/**
 * The lowest layer of the mesh, as the transport sees it: a signalling `Peer`, its data
 * connections, and the extra unreliable channel on each connection. `peerjs-adapter.ts` maps real
 * PeerJS objects onto these; `test/harness/fake-peer-network.ts` implements them in memory for unit tests
 * (Trystero's approach: fake only the lowest layer, drive the real transport through it).
 *
 * Every listener is set once, with all its handlers, so that no event can be missed between
 * creation and subscription.
 */
import type { IceServer, PeerServerParams } from '../lobby';
import type { PeerId } from '../lockstep';

/** Inbound events of the extra, negotiated data channel. */
export interface ChannelHandlers {
  open(): void;
  data(bytes: Uint8Array): void;
  close(): void;
}

/** A data channel that may lose or reorder messages (no retransmits): inputs go here. */
export interface ChannelLike {
  readonly isOpen: boolean;
  listen(handlers: ChannelHandlers): void;
  /** May throw (channel closing, buffer full): the transport catches it. */
  send(bytes: Uint8Array): void;
  close(): void;
}

/** Inbound events of one PeerJS data connection. */
export interface ConnHandlers {
  open(): void;
  data(bytes: Uint8Array): void;
  /** The connection is gone (closed by either end, or failed). */
  close(reason: string): void;
  /** ICE connection state of the underlying RTCPeerConnection. */
  ice(state: string): void;
}

/** One PeerJS data connection to `peer` (reliable, ordered, retransmitted). */
export interface ConnLike {
  readonly peer: PeerId;
  listen(handlers: ConnHandlers): void;
  /** May throw: the transport catches it. */
  send(bytes: Uint8Array): void;
  /**
   * Creates the negotiated unreliable channel on this connection's RTCPeerConnection. Both ends
   * must call it (after `open`) for it to open. Null if there is no peer connection any more.
   */
  openUnreliable(): ChannelLike | null;
  close(): void;
}

/** Inbound events of the signalling peer. */
export interface PeerHandlers {
  /** Registered at the signalling server under `id`. */
  open(id: PeerId): void;
  /** A remote peer dialled us. */
  connection(conn: ConnLike): void;
  /**
   * `type` is PeerJS's error type (`peer-unavailable`, `network`, `unavailable-id`, ...); `peer` is
   * set when the error concerns a dial to that peer.
   */
  error(type: string, message: string, peer?: PeerId): void;
  /** Lost the signalling server. Open connections carry on; no new ones can be made. */
  disconnected(): void;
}

/** The signalling peer: registers our id and dials others. */
export interface PeerLike {
  listen(handlers: PeerHandlers): void;
  connect(remote: PeerId): ConnLike;
  /** After `disconnected`: register the same id again (open connections are kept). */
  reconnect(): void;
  destroy(): void;
}

/** The PeerJS server and ICE servers, as the lobby welcome gives them. */
export type { PeerServerParams };
export type IceServerParams = IceServer;

/** Makes the signalling peer for our id. The seam that unit tests replace. */
export type CreatePeer = (self: PeerId, server: PeerServerParams, iceServers: readonly IceServerParams[]) => PeerLike;
