/**
 * The engine protocol's messages, as plain data: what net/lockstep exchanges during a match.
 * `engine-codec.ts` turns them into bytes and back. Slots are 0..MAX_SLOTS-1; frames are unsigned
 * integers below 2^31.
 */
import type { ProbeMessage } from './probe-messages';
import type { SnapshotMessage } from './snapshot-messages';

/** Bound on the inputs of one slot in one message (redundancy window, drop relays). */
export const MAX_RUN_FRAMES = 255;
/** Largest frame number on the wire: 2^31 - 1 frames at 60 Hz is over a year. */
export const MAX_FRAME = 0x7fff_ffff;
/** Largest input bitmask (inputs are 16-bit). */
export const MAX_INPUT = 0xffff;
/**
 * Every input record of a frame that is a multiple of this carries the owner's vote for the input
 * delay (the delay schedule is in net/lockstep/lockstep.ts's header and its `adaptDelay`). It is
 * part of the wire format because the decoder needs it to know where the votes are.
 */
export const DELAY_VOTE_INTERVAL = 60;
/** Smallest delay vote, in frames: a delay of 0 would need inputs from the future. */
export const MIN_DELAY_VOTE = 1;
/** Largest delay vote, in frames (half a second): a bound for hostile input. */
export const MAX_DELAY_VOTE = 30;

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
/** At most this many section hashes in a checkpoint: what a desync names stays a few bytes. */
export const MAX_CHECKPOINT_SECTIONS = 8;

/**
 * The sender's state hash after `frame` frames were simulated, and one uint32 per section of the
 * state (the game's own split, in its own order; none for a game without sections), so that a
 * mismatch names the parts that diverged.
 */
export interface CheckpointMessage {
  readonly kind: 'checkpoint';
  readonly frame: number;
  readonly hash: number;
  readonly sections: readonly number[];
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

/**
 * The sender goes away for a while (its page hides or freezes): its own word about itself, as
 * `leave` is. `frame` is one past the last frame of its own inputs it scheduled (it schedules no
 * more until it is back), and `runs` carry them from the oldest frame a peer has not acknowledged,
 * so that every peer holds them all and agrees on that frame at once.
 */
export interface AwayMessage {
  readonly kind: 'away';
  readonly frame: number;
  readonly runs: readonly InputRun[];
}
/**
 * A survivor's proposal that the peer owning `peerSlot` is away from `awayFrame` on (its inputs are
 * 0 from there), with the inputs of its slots the proposer holds, as a drop proposal carries.
 */
export interface AwayProposeMessage {
  readonly kind: 'awayPropose';
  readonly peerSlot: number;
  readonly awayFrame: number;
  readonly runs: readonly InputRun[];
}
/**
 * A survivor heard the away peer owning `peerSlot` again and proposes the frame from which its
 * slots play its own inputs again. Not bounded by the receiver's frame window: the returning peer
 * is far behind the others.
 */
export interface BackProposeMessage {
  readonly kind: 'backPropose';
  readonly peerSlot: number;
  readonly rejoinFrame: number;
}

/** Any message of the engine protocol. */
export type EngineMessage =
  | InputsMessage
  | CheckpointMessage
  | ProbeMessage
  | LeaveMessage
  | DropProposeMessage
  | DropAgreeMessage
  | SnapshotMessage
  | AwayMessage
  | AwayProposeMessage
  | BackProposeMessage;
/** The name of an engine message type. */
export type EngineMessageKind = EngineMessage['kind'];
