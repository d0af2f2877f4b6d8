import { describe, expect, it } from 'vitest';
import { mixGame } from '../../simnet/test-games';
import { createLockstep } from '../../../net/lockstep/lockstep';
import { createNullTransport } from '../../../net/lockstep/null-transport';

describe('offline play on the null transport', () => {
  it('advances every frame with no stall when every slot is local, applying each input after the delay', () => {
    const engine = createLockstep({
      game: mixGame, transport: createNullTransport('me'), setup: { slots: 3, seed: 1 }, slotOwners: ['me', 'me', 'me'], localSlots: [0, 1, 2],
    });
    let state = mixGame.initialState({ slots: 3, seed: 1 });
    for (let f = 0; f < 600; f++) {
      engine.setLocalInput(f % 3, f % 32);
      engine.poll(f * 16);
      const result = engine.advance(f * 16);
      expect(result.kind).toBe('advanced');
      if (result.kind === 'advanced') state = mixGame.step(state, result.inputs);
    }
    expect(engine.frame()).toBe(600);
    expect(engine.state()).toEqual(state);
    expect(engine.stats()).toMatchObject({ stalls: 0, bytesSent: 0, delay: 3 });
    expect(engine.checkpoints()).toHaveLength(20);
    // Delay 3: frame 10 was scheduled at tick 7, with the inputs last set at ticks 6, 7 and 5.
    expect(engine.inputLog().inputs[10]).toEqual([6, 7, 5]);
  });

  it('throws on programmer errors: a local slot owned by someone else, or input for a remote slot', () => {
    const transport = createNullTransport('me');
    expect(() => createLockstep({ game: mixGame, transport, setup: { slots: 2, seed: 1 }, slotOwners: ['me', 'you'], localSlots: [1] })).toThrow(/not owned/);
    const engine = createLockstep({ game: mixGame, transport, setup: { slots: 2, seed: 1 }, slotOwners: ['me', 'you'], localSlots: [0] });
    expect(() => engine.setLocalInput(1, 3)).toThrow(/not local/);
    expect(() => engine.setLocalInput(0, 0x1_0000)).toThrow(RangeError);
  });
});
