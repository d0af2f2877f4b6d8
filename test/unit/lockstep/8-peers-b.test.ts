import { describe, expect, it } from 'vitest';
import { expectAgreement } from '../../simnet/agreement';
import { PROFILES } from '../../simnet/profiles';
import { runMatch } from '../../simnet/run-match';
import { mixGame } from '../../simnet/test-games';

// Issue 2's done-means, split over two files so that the two halves run in parallel.
const names = ['lossy', 'duplicating', 'reordering', 'partition-heal'];

describe('lockstep with 8 peers for 10,000 frames', () => {
  it.each(names)('8 peers agree on every checkpoint for 10,000 frames under %s', { timeout: 300_000 }, (name) => {
    const outcome = runMatch({ peers: 8, frames: 10_000, seed: 8008, profile: PROFILES[name]!, setup: { slots: 8, seed: 3 }, gameFor: () => mixGame, driftPpm: 300 });
    for (const peer of outcome.peers) expect(peer.engine.frame()).toBe(10_000);
    expectAgreement(outcome, Math.floor(10_000 / 30));
  });
});
