import { describe, expect, it } from 'vitest';
import { INPUT } from '../../../game/sim/input';
import { mergeControls, NO_CONTROLS, stickToControls, toInputBits } from '../../../game/input/controls';
import { controlsFromPad } from '../../../game/input/gamepad';
import { controlsFromKeys } from '../../../game/input/keyboard';

const pad = (axes: number[], pressedButtons: number[] = []) => ({
  axes,
  buttons: Array.from({ length: 17 }, (_, i) => ({ pressed: pressedButtons.includes(i), value: pressedButtons.includes(i) ? 1 : 0 })),
});

describe('controls', () => {
  it('maps held controls to the sim input bits', () => {
    expect(toInputBits({ forward: true, back: false, left: true, right: false, fire: true })).toBe(INPUT.FORWARD | INPUT.LEFT | INPUT.FIRE);
    expect(toInputBits(NO_CONTROLS)).toBe(0);
  });
  it('cancels opposite directions held together', () => {
    expect(toInputBits({ forward: true, back: true, left: true, right: true, fire: false })).toBe(0);
  });
  it('holds a control if any source holds it', () => {
    const merged = mergeControls(NO_CONTROLS, { ...NO_CONTROLS, right: true }, { ...NO_CONTROLS, fire: true });
    expect(toInputBits(merged)).toBe(INPUT.RIGHT | INPUT.FIRE);
  });
  it('ignores stick movement inside the dead zone', () => {
    expect(stickToControls(0.2, -0.2)).toEqual({ forward: false, back: false, left: false, right: false });
    expect(stickToControls(-0.9, 0.8)).toEqual({ forward: false, back: true, left: true, right: false });
  });
  it('binds arrows and WASD by physical key, space and enter to fire', () => {
    expect(toInputBits(controlsFromKeys(new Set(['KeyW', 'ArrowLeft', 'Space'])))).toBe(INPUT.FORWARD | INPUT.LEFT | INPUT.FIRE);
    expect(toInputBits(controlsFromKeys(new Set(['KeyS', 'KeyD', 'Enter'])))).toBe(INPUT.BACK | INPUT.RIGHT | INPUT.FIRE);
    expect(toInputBits(controlsFromKeys(new Set(['KeyQ', 'Escape'])))).toBe(0);
  });
  it('reads the left stick, the d-pad, A and RT from a standard gamepad', () => {
    expect(toInputBits(controlsFromPad(pad([0, -1])))).toBe(INPUT.FORWARD);
    expect(toInputBits(controlsFromPad(pad([0, 0], [13, 15, 0])))).toBe(INPUT.BACK | INPUT.RIGHT | INPUT.FIRE);
    expect(toInputBits(controlsFromPad(pad([0, 0], [7])))).toBe(INPUT.FIRE);
    expect(toInputBits(controlsFromPad(pad([])))).toBe(0);
  });
});
