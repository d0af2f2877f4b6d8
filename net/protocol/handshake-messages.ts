/**
 * The handshake protocol's messages, as plain data: what net/mesh exchanges before frame 0 to
 * check that every peer runs the same build and match, and to start together.
 * `handshake-codec.ts` turns them into bytes and back.
 */
import type { ProbeMessage } from './probe-messages';

/** Why a hello was refused (the byte on the wire). */
export const REFUSE_REASON = {
  versionMismatch: 1,
  buildMismatch: 2,
  wrongMatch: 3,
  full: 4,
  started: 5,
  slotTaken: 6,
  slotMismatch: 7,
} as const;
/** The name of a refusal reason. */
export type RefuseReason = keyof typeof REFUSE_REASON;

/** First message on a new connection: who I am and what I run. */
export interface HelloMessage {
  readonly kind: 'hello';
  readonly buildId: string;
  readonly matchId: string;
  readonly name: string;
  /** The slot the lobby gave this peer (its lowest slot if it owns several). */
  readonly slot: number;
}
/** The hello was accepted. */
export interface HelloAckMessage {
  readonly kind: 'helloAck';
  readonly slot: number;
}
/** The hello was refused, and why. */
export interface RefuseMessage {
  readonly kind: 'refuse';
  readonly reason: RefuseReason;
}
/** Who is in the match, by slot. */
export interface RosterMessage {
  readonly kind: 'roster';
  readonly players: readonly { readonly slot: number; readonly name: string; readonly peer: string }[];
}
/** Everything a peer needs to build the identical initial state and start together. */
export interface StartMessage {
  readonly kind: 'start';
  readonly seed: number;
  /** Milliseconds from receipt to frame 0 (a countdown, shortened by half the RTT by the receiver). */
  readonly countdownMs: number;
  /** Peer id owning each slot, in slot order. */
  readonly slotOwners: readonly string[];
  /** Player name of each slot, in slot order. */
  readonly names: readonly string[];
}

/** Any message of the handshake protocol. */
export type HandshakeMessage = HelloMessage | HelloAckMessage | RefuseMessage | RosterMessage | StartMessage | ProbeMessage;
/** The name of a handshake message type. */
export type HandshakeMessageKind = HandshakeMessage['kind'];
