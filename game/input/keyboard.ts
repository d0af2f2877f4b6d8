/**
 * Keyboard controls from DOM key events, by physical key (`code`), so WASD works on any layout.
 * Held keys live in a set: key repeat adds nothing, and losing focus (blur, tab hidden) clears
 * it, so no key stays stuck after an alt-tab. Typing in a text field is not driving.
 */
import type { Controls } from './controls';

const BINDINGS: Readonly<Record<string, keyof Controls>> = {
  ArrowUp: 'forward',
  KeyW: 'forward',
  ArrowDown: 'back',
  KeyS: 'back',
  ArrowLeft: 'left',
  KeyA: 'left',
  ArrowRight: 'right',
  KeyD: 'right',
  Space: 'fire',
  Enter: 'fire',
  NumpadEnter: 'fire',
};

/** A live keyboard source. */
export interface KeyboardSource {
  /** What is held, plus every key pressed since the last `consume`, even if already released. */
  sample(): Controls;
  /** The sampled value went into a scheduled frame: forget the presses it latched. */
  consume(): void;
  dispose(): void;
}

function isTextField(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean } | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || !!el.isContentEditable);
}

/** The controls held among `codes` (pure: the mapping, for tests). */
export function controlsFromKeys(codes: ReadonlySet<string>): Controls {
  const held = { forward: false, back: false, left: false, right: false, fire: false };
  for (const code of codes) {
    const control = BINDINGS[code];
    if (control) held[control] = true;
  }
  return held;
}

/** Listens on `win` (window) and `doc` (document) until disposed. */
export function createKeyboardSource(win: Window, doc: Document): KeyboardSource {
  const held = new Set<string>();
  // A tap shorter than a frame (pressed and released between two samples) must still count: each
  // press is latched, numbered, until a sample that saw it is consumed.
  const latched = new Map<string, number>();
  let presses = 0;
  let sampledUpTo = 0;
  const down = (e: KeyboardEvent): void => {
    if (isTextField(e.target) || !(e.code in BINDINGS)) return;
    e.preventDefault(); // arrows and space would scroll the page
    held.add(e.code);
    if (!e.repeat) latched.set(e.code, ++presses); // key repeat is holding, not pressing again
  };
  const up = (e: KeyboardEvent): void => void held.delete(e.code);
  const clear = (): void => {
    held.clear();
    latched.clear();
  };
  const hidden = (): void => (doc.visibilityState === 'hidden' ? clear() : undefined);
  win.addEventListener('keydown', down);
  win.addEventListener('keyup', up);
  win.addEventListener('blur', clear);
  doc.addEventListener('visibilitychange', hidden);
  return {
    sample() {
      sampledUpTo = presses;
      return controlsFromKeys(latched.size === 0 ? held : new Set([...held, ...latched.keys()]));
    },
    consume() {
      for (const [code, press] of latched) if (press <= sampledUpTo) latched.delete(code);
    },
    dispose() {
      win.removeEventListener('keydown', down);
      win.removeEventListener('keyup', up);
      win.removeEventListener('blur', clear);
      doc.removeEventListener('visibilitychange', hidden);
      clear();
    },
  };
}
