import { describe, expect, it } from 'vitest';
import { createGamepadSource } from '../../../game/input/gamepad';
import { toInputBits } from '../../../game/input/controls';
import { INPUT } from '../../../game/sim/input';

/** A navigator whose one pad holds the buttons in `held` (standard mapping: 0 = A, 15 = d-pad right). */
function fakeNavigator() {
  const held = new Set<number>();
  const nav = {
    getGamepads: () => [
      null,
      { connected: true, axes: [0, 0, 0, 0], buttons: Array.from({ length: 16 }, (_, i) => ({ pressed: held.has(i), value: held.has(i) ? 1 : 0 })) },
    ],
  } as unknown as Navigator;
  return { nav, held };
}

describe('gamepad source', () => {
  it('reads what a pad holds', () => {
    const { nav, held } = fakeNavigator();
    const pad = createGamepadSource(nav);
    held.add(15).add(0);
    expect(toInputBits(pad.sample())).toBe(INPUT.RIGHT | INPUT.FIRE);
  });

  it('keeps a press seen by a poll until a sample that saw it is consumed, though the button is up again', () => {
    const { nav, held } = fakeNavigator();
    const pad = createGamepadSource(nav);
    held.add(0);
    pad.poll(); // a beat sees A down...
    held.delete(0); // ...and it is released before the next sample
    expect(toInputBits(pad.sample())).toBe(INPUT.FIRE);
    expect(toInputBits(pad.sample())).toBe(INPUT.FIRE); // not consumed yet (a stall): still there
    pad.consume();
    expect(toInputBits(pad.sample())).toBe(0);
  });

  it('puts one press in one consumed sample only, and a press after the sample stays for the next', () => {
    const { nav, held } = fakeNavigator();
    const pad = createGamepadSource(nav);
    held.add(0);
    expect(toInputBits(pad.sample())).toBe(INPUT.FIRE);
    held.delete(0);
    pad.poll();
    held.add(0);
    pad.poll(); // a second press after the sample, before its consume
    held.delete(0);
    pad.consume();
    expect(toInputBits(pad.sample())).toBe(INPUT.FIRE);
    pad.consume();
    expect(toInputBits(pad.sample())).toBe(0);
  });

  it('does not latch a button that is simply held', () => {
    const { nav, held } = fakeNavigator();
    const pad = createGamepadSource(nav);
    held.add(0);
    for (let i = 0; i < 3; i++) {
      expect(toInputBits(pad.sample())).toBe(INPUT.FIRE);
      pad.consume();
    }
    held.delete(0);
    expect(toInputBits(pad.sample())).toBe(0);
  });

  it('gives nothing where the Gamepad API is missing or throws', () => {
    expect(toInputBits(createGamepadSource({} as Navigator).sample())).toBe(0);
    const refusing = { getGamepads: () => { throw new Error('secure context only'); } } as unknown as Navigator;
    expect(toInputBits(createGamepadSource(refusing).sample())).toBe(0);
  });
});
