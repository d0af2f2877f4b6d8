/**
 * What a player is holding, independent of the device: every input source (keyboard, gamepad,
 * touch) reports one of these, they are merged, and the result becomes the sim's input bitmask.
 */
import { INPUT } from '../sim';

/** Held controls of one player at one instant. */
export interface Controls {
  readonly forward: boolean;
  readonly back: boolean;
  readonly left: boolean;
  readonly right: boolean;
  readonly fire: boolean;
}

/** Nothing held. */
export const NO_CONTROLS: Controls = Object.freeze({ forward: false, back: false, left: false, right: false, fire: false });

/** A control is held if any source holds it. */
export function mergeControls(...all: readonly Controls[]): Controls {
  return {
    forward: all.some((c) => c.forward),
    back: all.some((c) => c.back),
    left: all.some((c) => c.left),
    right: all.some((c) => c.right),
    fire: all.some((c) => c.fire),
  };
}

/** The sim's input bitmask for `c`. Opposite directions held together cancel out. */
export function toInputBits(c: Controls): number {
  let bits = 0;
  if (c.forward !== c.back) bits |= c.forward ? INPUT.FORWARD : INPUT.BACK;
  if (c.left !== c.right) bits |= c.left ? INPUT.LEFT : INPUT.RIGHT;
  if (c.fire) bits |= INPUT.FIRE;
  return bits;
}

/** Maps a stick vector (x right, y down, each in [-1, 1]) to tank controls, past a dead zone. */
export function stickToControls(x: number, y: number, deadZone = 0.35): Omit<Controls, 'fire'> {
  return { forward: y < -deadZone, back: y > deadZone, left: x < -deadZone, right: x > deadZone };
}
