/**
 * The engine's counters: bytes and packets each way, stalls, and rejected messages by reason.
 * Only counted here; `LockstepStats` adds the figures other parts own (delay, RTTs, checkpoint).
 */
import type { CheckpointStatus, LockstepStats, RejectedCounts } from './engine-types';
import type { RttFigures } from './peers';

/** Why an incoming message was dropped (see RejectedCounts). */
export type RejectReason = keyof RejectedCounts;

/** What `snapshot` adds from the other parts. */
export interface StatsFigures {
  readonly delay: number;
  readonly rtts: RttFigures;
  readonly lastCheckpoint: { readonly frame: number; readonly status: CheckpointStatus } | null;
  readonly predictionDepth: number;
}

/** Counters that only grow. */
export class Counters {
  private bytesSent = 0;
  private bytesReceived = 0;
  private packetsSent = 0;
  private packetsReceived = 0;
  private stalls = 0;
  private rollbacks = 0;
  private rollbackFrames = 0;
  private predictedFrames = 0;
  private readonly rejected: Record<RejectReason, number> = { invalid: 0, spoofed: 0, stale: 0, duplicate: 0, fromDropped: 0 };

  /** One packet of `bytes` went out. */
  sent(bytes: number): void {
    this.bytesSent += bytes;
    this.packetsSent += 1;
  }

  /** One packet of `bytes` came in. */
  received(bytes: number): void {
    this.bytesReceived += bytes;
    this.packetsReceived += 1;
  }

  /** An `advance` stalled. */
  stalled(): void {
    this.stalls += 1;
  }

  /** A rollback re-simulated `frames` frames. */
  rolledBack(frames: number): void {
    this.rollbacks += 1;
    this.rollbackFrames += frames;
  }

  /** A frame was stepped on at least one guessed input. */
  predicted(): void {
    this.predictedFrames += 1;
  }

  /** An incoming message was dropped for `reason`. */
  reject(reason: RejectReason): void {
    this.rejected[reason] += 1;
  }

  /** The public stats: these counters plus the other parts' figures. */
  snapshot({ delay, rtts, lastCheckpoint, predictionDepth }: StatsFigures): LockstepStats {
    return {
      delay,
      rttByPeer: rtts.ewma,
      rttP90ByPeer: rtts.p90,
      rttMedianByPeer: rtts.median,
      jitterByPeer: rtts.jitter,
      pingLossByPeer: rtts.loss,
      stalls: this.stalls,
      bytesSent: this.bytesSent,
      bytesReceived: this.bytesReceived,
      packetsSent: this.packetsSent,
      packetsReceived: this.packetsReceived,
      rejected: { ...this.rejected },
      lastCheckpoint,
      rollbacks: this.rollbacks,
      rollbackFrames: this.rollbackFrames,
      predictedFrames: this.predictedFrames,
      predictionDepth,
    };
  }
}
