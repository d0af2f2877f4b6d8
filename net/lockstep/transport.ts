/**
 * The seam between the lockstep engine and the network. Kept to two calls so that a PeerJS mesh,
 * an in-memory loopback and a seeded simulated network are interchangeable (see GGRS's
 * NonBlockingSocket). It never throws for network reasons: what the network does comes back as
 * events from `drain()`.
 */

/** A peer's id on the transport (a PeerJS id in the mesh). Stable for a whole match. */
export type PeerId = string;

/**
 * `unreliable`: unordered, no retransmits; a lost packet never holds up a later one. Inputs go here
 * with redundancy. `reliable`: ordered and retransmitted; for rare control messages.
 */
export type Channel = 'unreliable' | 'reliable';

export type TransportEvent =
  | { readonly type: 'message'; readonly from: PeerId; readonly data: Uint8Array; readonly channel: Channel }
  | { readonly type: 'peer-up'; readonly peer: PeerId }
  | { readonly type: 'peer-down'; readonly peer: PeerId; readonly reason: string };

export interface Transport {
  /** This end's own id. */
  readonly self: PeerId;
  /** Queue `data` for `to`. Silently does nothing if `to` is unknown or gone. */
  send(to: PeerId, data: Uint8Array, channel: Channel): void;
  /** Every event since the previous call, in arrival order. */
  drain(): TransportEvent[];
}
