/**
 * The game-agnostic lockstep engine: see lockstep.ts for the algorithm, engine-types.ts for the API.
 */
export { createLockstep, DEFAULT_LOCKSTEP_OPTIONS, ROLLBACK_OPTIONS } from './lockstep';
export { createNullTransport } from './null-transport';
export { createSyncTest } from './sync-test';
export { SnapshotAssembly, snapshotChunks } from './snapshot-transfer';
export type { SyncMismatch, SyncTest } from './sync-test';
export { FRAME_MS } from './engine-types';
export type {
  AdvanceResult,
  CheckpointStatus,
  Correction,
  DesyncEvidence,
  InputLog,
  LockstepConfig,
  LockstepEngine,
  LockstepEvent,
  LockstepOptions,
  LockstepStats,
  RejectedCounts,
} from './engine-types';
export type { Game, GameSection, Input } from './game';
export type { Channel, PeerId, Transport, TransportEvent } from './transport';
