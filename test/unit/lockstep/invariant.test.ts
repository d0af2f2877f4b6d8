import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLockstep } from '../../../net/lockstep/lockstep';
import { assertInvariant, CHECK_INVARIANTS, InvariantError, requireInvariant } from '../../../net/lockstep/invariant';
import { createNullTransport } from '../../../net/lockstep/null-transport';
import { mixGame, type MixSetup, type MixState } from '../../simnet/test-games';
import type { Game } from '../../../net/lockstep/game';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('invariant checks', () => {
  it('are on in development and test runs', () => {
    expect(CHECK_INVARIANTS).toBe(true);
    expect(() => assertInvariant(false, 'frame went backwards')).toThrow(new InvariantError('lockstep invariant broken: frame went backwards'));
    expect(() => assertInvariant(true, 'fine')).not.toThrow();
  });

  it('build a lazy message only when the check fails', () => {
    const message = vi.fn(() => 'costly');
    assertInvariant(true, message);
    expect(message).not.toHaveBeenCalled();
    expect(() => assertInvariant(false, message)).toThrow(/costly/);
  });

  it('are off in a production build, except those required in every build', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.resetModules();
    const prod = await import('../../../net/lockstep/invariant');
    expect(prod.CHECK_INVARIANTS).toBe(false);
    expect(() => prod.assertInvariant(false, 'ignored in production')).not.toThrow();
    expect(() => prod.requireInvariant(false, 'always')).toThrow(/always/);
    expect(() => requireInvariant(true, 'fine')).not.toThrow();
  });

  it('a game that mutates its inputs is caught at the next checkpoint, in development', () => {
    // The Game contract says step must not mutate `inputs`: the engine logs that very array, so
    // the logged input no longer matches the held one ("a held input never changes").
    const mutating: Game<MixState, MixSetup> = {
      ...mixGame,
      step(state, inputs) {
        if (state.frame === 10) (inputs as number[])[0] = 99;
        return mixGame.step(state, inputs);
      },
    };
    const engine = createLockstep({
      game: mutating, transport: createNullTransport('me'), setup: { slots: 1, seed: 1 }, slotOwners: ['me'], localSlots: [0],
      options: { checkpointInterval: 30 },
    });
    const play = () => {
      for (let f = 0; f < 30; f++) {
        engine.poll(f * 16);
        engine.advance(f * 16);
      }
    };
    expect(play).toThrow(InvariantError);
    expect(engine.frame()).toBe(30);
  });
});
