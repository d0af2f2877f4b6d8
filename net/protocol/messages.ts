/**
 * The peer-to-peer wire protocol's messages, as plain data. `codec.ts` turns them into bytes and
 * back. Every message starts with the version byte, then the type byte (see `MESSAGE_TYPE`).
 * Slots are 0..MAX_SLOTS-1; frames are unsigned integers below 2^31.
 */

/** Bumped on any incompatible change of the wire format: peers of another version are refused. */
export const PROTOCOL_VERSION = 1;

/** The most players a match can have (the game allows 2..8). Slot sets travel as an 8-bit mask. */
export const MAX_SLOTS = 8;
/** No encoded message may be larger: a bound for hostile input, and well under one UDP datagram. */
export const MAX_MESSAGE_BYTES = 1024;
/** Bound on any string on the wire (names, ids), in UTF-8 bytes. */
export const MAX_STRING_BYTES = 64;
/** Bound on the inputs of one slot in one message (redundancy window, drop relays). */
export const MAX_RUN_FRAMES = 255;
/** Largest frame number on the wire: 2^31 - 1 frames at 60 Hz is over a year. */
export const MAX_FRAME = 0x7fff_ffff;
/** Largest input bitmask (inputs are 16-bit). */
export const MAX_INPUT = 0xffff;
/**
 * Every input record of a frame that is a multiple of this carries the owner's vote for the input
 * delay (see net/lockstep/delay-schedule.ts). It is part of the wire format because the decoder
 * needs it to know where the votes are.
 */
export const DELAY_VOTE_INTERVAL = 60;
/** Bounds of a delay vote, in frames. */
export const MIN_DELAY_VOTE = 1;
export const MAX_DELAY_VOTE = 30;

/** The type byte of each message. */
export const MESSAGE_TYPE = {
  hello: 1,
  helloAck: 2,
  refuse: 3,
  roster: 4,
  start: 5,
  inputs: 6,
  checkpoint: 7,
  ping: 8,
  pong: 9,
  leave: 10,
  dropPropose: 11,
  dropAgree: 12,
} as const;
/** The name of a message type. */
export type MessageKind = keyof typeof MESSAGE_TYPE;

/** Why a hello was refused. */
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

/**
 * A contiguous run of one slot's inputs: `inputs[i]` is the input for frame `startFrame + i`.
 * `votes` holds the delay vote of each frame of the run that is a multiple of DELAY_VOTE_INTERVAL,
 * in frame order (so its length is fixed by `startFrame` and `inputs.length`).
 */
export interface InputRun {
  readonly slot: number;
  readonly startFrame: number;
  readonly inputs: readonly number[];
  readonly votes: readonly number[];
}

/** "I hold every input of `slot` for frames below `frame`." */
export interface Ack {
  readonly slot: number;
  readonly frame: number;
}

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
/**
 * The lockstep input packet: redundant runs of the sender's own slots' unacknowledged inputs, and
 * the sender's acks of every other slot. `frame` is the sender's current frame (next to simulate).
 */
export interface InputsMessage {
  readonly kind: 'inputs';
  readonly frame: number;
  readonly runs: readonly InputRun[];
  readonly acks: readonly Ack[];
}
/** The sender's state hash after `frame` frames were simulated. */
export interface CheckpointMessage {
  readonly kind: 'checkpoint';
  readonly frame: number;
  readonly hash: number;
}
/** RTT probe; `time` is the sender's own clock in ms, truncated to uint32. */
export interface PingMessage {
  readonly kind: 'ping';
  readonly time: number;
}
/** Echo of a ping's `time`. */
export interface PongMessage {
  readonly kind: 'pong';
  readonly time: number;
}
/** The sender leaves the match on purpose (closing the tab, quitting). */
export interface LeaveMessage {
  readonly kind: 'leave';
  readonly frame: number;
}
/**
 * A survivor's proposal to drop the peer owning `peerSlot` (its lowest slot): the frame it would
 * leave at (one past the last frame whose inputs the proposer holds for all its slots), and the
 * inputs of the dropped peer's slots that the proposer holds, to relay to the other survivors.
 */
export interface DropProposeMessage {
  readonly kind: 'dropPropose';
  readonly peerSlot: number;
  readonly dropFrame: number;
  readonly runs: readonly InputRun[];
}
/** The drop frame a survivor settled on for the peer owning `peerSlot`, to cross-check. */
export interface DropAgreeMessage {
  readonly kind: 'dropAgree';
  readonly peerSlot: number;
  readonly dropFrame: number;
}

/** Any message of the protocol. */
export type Message =
  | HelloMessage
  | HelloAckMessage
  | RefuseMessage
  | RosterMessage
  | StartMessage
  | InputsMessage
  | CheckpointMessage
  | PingMessage
  | PongMessage
  | LeaveMessage
  | DropProposeMessage
  | DropAgreeMessage;

/** Why bytes were not a valid message. `version-mismatch` is distinct so a page can say "reload". */
export type DecodeErrorCode =
  | 'version-mismatch'
  | 'empty'
  | 'oversized'
  | 'truncated'
  | 'trailing-bytes'
  | 'unknown-type'
  | 'bad-count'
  | 'bad-value'
  | 'bad-string'
  | 'non-canonical'
  | 'frame-out-of-range';

/** A decoding failure, as data. */
export interface DecodeError {
  readonly code: DecodeErrorCode;
  readonly message: string;
  /** For `version-mismatch`: the version byte received. */
  readonly version?: number;
}

/** What `decode` returns: it never throws. */
export type DecodeResult = { readonly ok: true; readonly msg: Message } | { readonly ok: false; readonly error: DecodeError };

/**
 * Optional checks that need the receiver's situation: frames outside
 * [minFrame, maxFrame] are rejected as `frame-out-of-range`.
 */
export interface DecodeContext {
  readonly minFrame?: number;
  readonly maxFrame?: number;
}
