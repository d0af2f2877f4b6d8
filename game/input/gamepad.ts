/**
 * Gamepad controls, polled (the Gamepad API has no events for buttons or axes): left stick or
 * d-pad drive and turn, A (button 0) or RT (button 7) fires. Standard mapping; any connected pad
 * counts. Polling can only see what is held at a poll, so the page polls on every 60 Hz beat and
 * every display frame, and a press seen once is latched (like a keyboard tap) until a sample that
 * saw it went into a scheduled frame: a short press released before its frame is not lost.
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

/** A polled gamepad source with latched presses. */
export interface GamepadSource {
  /** Reads the pads now, latching any control newly pressed. */
  poll(): void;
  /** Polls, then: what is held, plus every press latched since the last `consume`. */
  sample(): Controls;
  /** The sampled value went into a scheduled frame: forget the presses it latched. */
  consume(): void;
}

const CONTROL_NAMES = ['forward', 'back', 'left', 'right', 'fire'] as const;

/** Polls `nav.getGamepads()`; works (with no pads) where the API is missing. */
export function createGamepadSource(nav: Navigator): GamepadSource {
  let held: Controls = NO_CONTROLS;
  // Each new press is numbered; a latched press counts until a consumed sample saw it.
  const latched = new Map<keyof Controls, number>();
  let presses = 0;
  let sampledUpTo = 0;
  const poll = (): void => {
    const now = sampleGamepads(nav);
    for (const name of CONTROL_NAMES) if (now[name] && !held[name]) latched.set(name, ++presses);
    held = now;
  };
  return {
    poll,
    sample() {
      poll();
      sampledUpTo = presses;
      if (latched.size === 0) return held;
      const out = { ...held };
      for (const name of latched.keys()) out[name] = true;
      return out;
    },
    consume() {
      for (const [name, press] of latched) if (press <= sampledUpTo) latched.delete(name);
    },
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
