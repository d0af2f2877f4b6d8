import { describe, expect, it } from 'vitest';
import { expectAgreement } from '../../simnet/agreement';
import { PROFILES } from '../../simnet/profiles';
import { runMatch } from '../../simnet/run-match';
import { mixGame } from '../../simnet/test-games';

const profiles = Object.values(PROFILES);

describe('lockstep over the simulated network', () => {
  for (const peers of [2, 4]) {
    it.each(profiles.map((p) => [p.name, p] as const))(`${peers} peers agree on every checkpoint for 3,000 frames under %s`, (_name, profile) => {
      const outcome = runMatch({ peers, frames: 3000, seed: 1000 + peers, profile, setup: { slots: peers, seed: 7 }, gameFor: () => mixGame, driftPpm: 300 });
      for (const peer of outcome.peers) expect(peer.engine.frame()).toBe(3000);
      expectAgreement(outcome, Math.floor(3000 / 30));
    });
  }
});
