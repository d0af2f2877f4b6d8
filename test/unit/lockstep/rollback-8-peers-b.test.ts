import { describe, it } from 'vitest';
import { expectRollbackTargets } from '../../simnet/rollback-targets';

describe('rollback with 8 peers for 10,000 frames', () => {
  it.each(['lossy', 'duplicating', 'reordering', 'partition-heal'])('8 peers agree on every checkpoint for 10,000 frames under %s, within the latency and stall targets', { timeout: 300_000 }, expectRollbackTargets);
});
