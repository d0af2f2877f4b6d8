/**
 * The spectate protocol's messages: what a spectator and the one player that feeds it exchange
 * (net/spectate). A spectator is not a peer of the lockstep: it asks a player to `watch`, gets a
 * snapshot of a confirmed checkpoint (`feedStart`, then the engine protocol's `snapshotChunk`s),
 * then every confirmed frame's inputs (`feedInputs`) and the feeder's checkpoint hashes (the engine
 * protocol's `checkpoint`), all on the reliable channel, in order.
 */
import type { CheckpointMessage } from './engine-messages';
import type { SnapshotChunkMessage } from './snapshot-messages';

/** At most this many frames of inputs in one `feedInputs` (8 slots x 32 frames x 3 bytes fit in a message). */
export const MAX_FEED_FRAMES = 32;

/**
 * Spectator -> player: "feed me". `from` null: this page holds no state, send a snapshot first;
 * a frame: it holds the state after `from` frames (its feeder left), send the inputs from there.
 */
export interface WatchMessage {
  readonly kind: 'watch';
  readonly from: number | null;
}

/**
 * Player -> spectator: the snapshot chunks that follow are the state after `frame` frames, whose
 * checkpoint hash (`Game.hash`) is `hash`, so that the spectator can check what it loads.
 */
export interface FeedStartMessage {
  readonly kind: 'feedStart';
  readonly frame: number;
  readonly hash: number;
}

/**
 * Player -> spectator: the confirmed inputs of frames `startFrame ..< startFrame + rows.length`,
 * `rows[i][slot]` for each of the match's `slots` slots, and the leaves among those frames
 * (`[frame, slot]`: the slot leaves just before that frame is stepped).
 */
export interface FeedInputsMessage {
  readonly kind: 'feedInputs';
  readonly startFrame: number;
  readonly slots: number;
  readonly rows: readonly (readonly number[])[];
  readonly leaves: readonly (readonly [number, number])[];
}

/** Every message of the spectate protocol. */
export type SpectateMessage = WatchMessage | FeedStartMessage | FeedInputsMessage | CheckpointMessage | SnapshotChunkMessage;
