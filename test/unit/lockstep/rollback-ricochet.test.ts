import { describe, expect, it } from 'vitest';
import { ricochetGame } from '../../../game/sim/index';
import type { Game } from '../../../net/lockstep/game';
import type { SimSetup, SimState } from '../../../game/sim/types';
import { expectAgreement } from '../../simnet/agreement';
import { PROFILES } from '../../simnet/profiles';
import { runRollbackMatch } from '../../simnet/rollback-figures';

const players = Array.from({ length: 8 }, (_, i) => ({ name: `p${i}` }));

describe('rollback carrying the real Ricochet simulation', () => {
  it('8 peers agree on every checkpoint for 2,400 frames of ricochetGame over bad wifi, with a crash; re-simulation costs about one extra step per frame', () => {
    let steps = 0;
    const counted: Game<SimState, SimSetup> = {
      ...ricochetGame,
      step(state, inputs) {
        steps += 1;
        return ricochetGame.step(state, inputs);
      },
    };
    const { outcome, figures } = runRollbackMatch({
      peers: 8, frames: 2400, seed: 2024, profile: PROFILES['bad-wifi']!, setup: { seed: 99, players }, gameFor: () => counted,
      crashes: [{ peer: 6, atMs: 20_000 }],
    });
    const alive = outcome.peers.filter((p) => p.id !== 'p6');
    for (const peer of alive) expect(peer.engine.confirmedFrame()).toBeGreaterThanOrEqual(2400 - 12);
    expectAgreement(outcome, 79);
    expect(alive[0]!.engine.inputLog().leaves.map(([, slot]) => slot)).toEqual([6]);
    expect(figures.rollbacksPerSecond).toBeGreaterThan(1);
    // Every peer steps each frame once, plus its re-simulations: their total is what rollback costs.
    const perFrame = steps / 8 / 2400;
    console.log(`ricochet over bad-wifi: ${JSON.stringify(figures)}, ${perFrame.toFixed(2)} steps per frame`);
    expect(perFrame).toBeGreaterThan(1);
    expect(perFrame).toBeLessThan(3);
  });
});
