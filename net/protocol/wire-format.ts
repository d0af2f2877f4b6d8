/**
 * What both wire protocols share: the version, the bounds, and the one table of type codes (the
 * framing code itself is in framing.ts).
 *
 * Two protocols travel on the same data channels, with the same framing
 * ([PROTOCOL_VERSION u8][type u8][fields...]):
 * - the engine protocol (engine-messages.ts): what net/lockstep exchanges during a match;
 * - the handshake protocol (handshake-messages.ts): what net/mesh exchanges before frame 0.
 * Both carry the RTT probes (probe-messages.ts). The type codes of both live in one table so that
 * no code can mean two things, and so that each decoder can tell "the other protocol's message"
 * from garbage.
 */

/**
 * Bumped on any incompatible change of the wire format: peers of another version are refused.
 * (New message types alone, such as the spectate protocol's, change no existing layout: no bump.)
 * 2: a pong carries its hold time.
 * 3: a checkpoint carries its section hashes.
 * 4: snapshot requests and chunks (a page that diverged loads the majority's state); away and
 *    back (away, awayPropose, backPropose).
 */
export const PROTOCOL_VERSION = 4;

/** The most players a match can have (the game allows 2..8). Slot sets travel as an 8-bit mask. */
export const MAX_SLOTS = 8;
/** No encoded message may be larger: a bound for hostile input, and well under one UDP datagram. */
export const MAX_MESSAGE_BYTES = 1024;
/** Bound on any other string on the wire (build, match and peer ids), in UTF-8 bytes. */
export const MAX_STRING_BYTES = 64;
/**
 * The one limit on a player's or a match's name, in UTF-8 bytes, on the wire and everywhere a
 * name enters (net/lobby's `cleanName`). Bytes, not characters: that is what the wire counts.
 * 32 bytes hold 32 Latin letters, 10 CJK characters or 8 emoji, which is about as wide on screen
 * as the 24 characters names were once allowed.
 */
export const MAX_NAME_BYTES = 32;

/**
 * The type byte of each message, of both protocols. The codes predate the split into two
 * protocols and must not change: a page of this build and one of the previous build exchange
 * the same bytes.
 */
export const MESSAGE_TYPE = {
  // handshake
  hello: 1,
  helloAck: 2,
  refuse: 3,
  roster: 4,
  start: 5,
  // engine
  inputs: 6,
  checkpoint: 7,
  // both: RTT probes
  ping: 8,
  pong: 9,
  // engine
  leave: 10,
  dropPropose: 11,
  dropAgree: 12,
  snapshotRequest: 13,
  snapshotChunk: 14,
  away: 15,
  awayPropose: 16,
  backPropose: 17,
  // spectate (a spectator and the player that feeds it): added, no existing layout changed
  watch: 18,
  feedStart: 19,
  feedInputs: 20,
  // relay (relay-messages.ts): codes from 30, apart from the growing table above
  relay: 30,
  links: 31,
} as const;
/** The name of a message type, of either protocol. */
export type MessageKind = keyof typeof MESSAGE_TYPE;
