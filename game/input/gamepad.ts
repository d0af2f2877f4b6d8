/**
 * Gamepad controls, polled (the Gamepad API has no events for axes): left stick or d-pad drive
 * and turn, A (button 0) or RT (button 7) fires. Standard mapping; any connected pad counts.
 */
import { mergeControls, NO_CONTROLS, stickToControls, type Controls } from './controls';

/** The part of a Gamepad this reads, so tests can pass plain objects. */
export interface PadLike {
  readonly axes: readonly number[];
  readonly buttons: readonly { readonly pressed: boolean; readonly value: number }[];
}

const pressed = (pad: PadLike, i: number): boolean => {
  const b = pad.buttons[i];
  return !!b && (b.pressed || b.value > 0.5);
};

/** The controls one pad holds. */
export function controlsFromPad(pad: PadLike): Controls {
  const stick = stickToControls(pad.axes[0] ?? 0, pad.axes[1] ?? 0);
  return {
    forward: stick.forward || pressed(pad, 12),
    back: stick.back || pressed(pad, 13),
    left: stick.left || pressed(pad, 14),
    right: stick.right || pressed(pad, 15),
    fire: pressed(pad, 0) || pressed(pad, 7),
  };
}

/** The controls held on any connected pad; nothing if the API is missing or refuses. */
export function sampleGamepads(nav: Navigator): Controls {
  try {
    if (typeof nav.getGamepads !== 'function') return NO_CONTROLS;
    const pads = Array.from(nav.getGamepads()).filter((p): p is Gamepad => !!p && p.connected);
    return pads.length ? mergeControls(...pads.map(controlsFromPad)) : NO_CONTROLS;
  } catch {
    return NO_CONTROLS; // some browsers limit the API to secure contexts: the game does without it
  }
}
