import { describe, expect, it } from 'vitest';
import { expectAgreement } from '../../simnet/agreement';
import { PROFILES } from '../../simnet/profiles';
import { runRollbackMatch } from '../../simnet/rollback-figures';
import { mixGame } from '../../simnet/test-games';

// Issue 12's done-means, split over two files (like 8-peers-a/b) so that the halves run in parallel.
const names = ['clean', 'lan', 'wifi', 'bad-wifi'];

describe('rollback with 8 peers for 10,000 frames', () => {
  it.each(names)('8 peers agree on every checkpoint for 10,000 frames under %s, within the latency and stall targets', { timeout: 300_000 }, (name) => {
    const { outcome, figures } = runRollbackMatch({ peers: 8, frames: 10_000, seed: 8008, profile: PROFILES[name]!, setup: { slots: 8, seed: 3 }, gameFor: () => mixGame, driftPpm: 300 });
    for (const peer of outcome.peers) expect(peer.engine.confirmedFrame()).toBeGreaterThanOrEqual(10_000 - 12);
    expectAgreement(outcome, Math.floor((10_000 - 12) / 30));
    expect(figures.rollbacksPerSecond).toBeGreaterThan(0.5);
    // A 1.5-1.9 s cut of the links cannot be predicted over: the targets are for the other profiles.
    if (name === 'partition-heal') return;
    expect(figures.meanLatencyFrames).toBeLessThanOrEqual(1);
    expect(figures.stallsPer1000).toBeLessThanOrEqual(1);
  });
});
