/**
 * The seam between the lockstep engine and the network. Kept to two calls so that a PeerJS mesh
 * (net/mesh), a null transport (null-transport.ts) and a seeded simulated network (test/simnet)
 * are interchangeable (see GGRS's NonBlockingSocket). Nothing the network does is an exception:
 * it comes back as events from `drain()`.
 */

/** A peer's id on the transport (a PeerJS id in the mesh). Stable for a whole match. */
export type PeerId = string;

/**
 * `unreliable`: unordered, no retransmits; a packet may be lost, duplicated or reordered, and a
 * lost one never holds up a later one. Inputs go here, with redundancy, so loss costs only bytes.
 * `reliable`: ordered and retransmitted while the link lives; for rare control messages
 * (checkpoints, drops, leave). Each channel is a separate stream: no order holds between them.
 */
export type Channel = 'unreliable' | 'reliable';

/**
 * What the network did, in arrival order.
 * - `message`: `data` from `from`, as sent. `from` is the transport's own knowledge of the sender
 *   (the engine trusts it when checking which slots a peer may send inputs for); `data` is not
 *   trusted: the engine decodes and validates it, and counts garbage as rejected. `atMs` is when
 *   it arrived, stamped in the transport's receive handler on the clock the caller passes the
 *   engine as `nowMs`: the engine measures RTTs with it, so a message that waited for the next
 *   poll does not read as a slow network. A transport without it leaves it out (the poll's time
 *   is taken), and a stamp later than the poll is taken as the poll's.
 * - `peer-up`: the link to `peer` is open. Informative: the engine counts silence from its first
 *   poll, not from `peer-up`.
 * - `peer-down`: the link to `peer` is gone for good (closed, crashed page). The engine starts
 *   dropping the peer at once, so a transport must not report a brief outage that may heal
 *   (that is silence: the engine waits `dropAfterMs` for it). Losing the signalling server is
 *   not a peer-down.
 */
export type TransportEvent =
  | { readonly type: 'message'; readonly from: PeerId; readonly data: Uint8Array; readonly channel: Channel; readonly atMs?: number }
  | { readonly type: 'peer-up'; readonly peer: PeerId }
  | { readonly type: 'peer-down'; readonly peer: PeerId; readonly reason: string };

/**
 * The network as the engine sees it. What the engine relies on:
 * - No call throws for a network reason (a closing channel, a dead peer, a full buffer): the
 *   engine is driven from the game loop, and an exception there would stop the match.
 * - `send` to an unknown, dead or not-yet-connected peer, or to `self`, silently does nothing:
 *   the engine may send to a peer it is still dropping.
 * - `send` does not block and does not call back into the engine: what arrives waits for `drain`.
 * - The engine never touches `data` after `send`, and may pass the same array to several peers:
 *   the transport must not modify it.
 */
export interface Transport {
  /** This end's own id: the entry of `slotOwners` for this peer's slots. */
  readonly self: PeerId;
  /** Queue `data` for `to` on `channel`. Never throws; a no-op if `to` is unknown or gone. */
  send(to: PeerId, data: Uint8Array, channel: Channel): void;
  /** Every event since the previous call, in arrival order (empty if none). Never throws. */
  drain(): TransportEvent[];
}
