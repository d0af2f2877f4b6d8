/**
 * The local player's input, merged from every device and sampled once per sim frame into the
 * sim's bitmask. Devices are optional so that a page without a gamepad API or a touch screen
 * (or a test) still gets keyboard input.
 */
import { mergeControls, toInputBits, type Controls } from './controls';
import { createGamepadSource } from './gamepad';
import { createKeyboardSource } from './keyboard';
import { createTouchSource, isTouchDevice } from './touch';

/** Samples the local player's input bitmask. */
export interface InputSampler {
  /** What is held now, plus presses since the last `consume` (keyboard and touch fire). */
  sample(): number;
  /**
   * The last sample went into a scheduled frame. Until then a latched press stays in every sample,
   * so a tap during a stall is not lost either.
   */
  consume(): void;
  /**
   * Looks at the polled devices (gamepads) between samples: the page calls it on every beat and
   * display frame, so a short button press is seen and latched. (A press that starts and ends
   * between two polls still cannot be seen: the Gamepad API has no events.)
   */
  poll(): void;
  dispose(): void;
}

/** Keyboard always, gamepads when the API exists, touch controls only on touch devices. */
export function createInputSampler(win: Window, overlayParent: HTMLElement): InputSampler {
  const keyboard = createKeyboardSource(win, win.document);
  const touch = isTouchDevice(win) ? createTouchSource(win.document, overlayParent) : null;
  const gamepad = createGamepadSource(win.navigator);
  return {
    sample(): number {
      const sources: Controls[] = [keyboard.sample(), gamepad.sample()];
      if (touch) sources.push(touch.sample());
      return toInputBits(mergeControls(...sources));
    },
    consume() {
      keyboard.consume();
      gamepad.consume();
      touch?.consume();
    },
    poll: () => gamepad.poll(),
    dispose() {
      keyboard.dispose();
      touch?.dispose();
    },
  };
}
