/**
 * On-screen touch controls: a virtual stick (bottom left) and a fire button (bottom right), made
 * of DOM elements over the canvas and driven by pointer events. Only created on touch devices.
 * A lifted, cancelled or lost pointer releases what it held, so nothing sticks; so does hiding
 * the controls (a menu or the results cover them, see game/ui/covers.ts).
 */
import { NO_CONTROLS, stickToControls, type Controls } from './controls';

/** A live touch source. */
export interface TouchSource {
  /** The stick and fire button now; a fire tap since the last `consume` counts as fire. */
  sample(): Controls;
  /** The sampled value went into a scheduled frame: forget the tap it latched. */
  consume(): void;
  dispose(): void;
}

/** True on devices whose main pointer is a finger. */
export function isTouchDevice(win: Window): boolean {
  return (typeof win.matchMedia === 'function' && win.matchMedia('(pointer: coarse)').matches) || (win.navigator.maxTouchPoints ?? 0) > 0;
}

const STICK_RADIUS = 56;

function element(doc: Document, className: string, parent: HTMLElement): HTMLDivElement {
  const el = doc.createElement('div');
  el.className = className;
  parent.appendChild(el);
  return el;
}

/** Builds the stick and the button inside `parent`; removes them on dispose. */
export function createTouchSource(doc: Document, parent: HTMLElement): TouchSource {
  const root = element(doc, 'touch-controls', parent);
  const base = element(doc, 'touch-stick', root);
  const knob = element(doc, 'touch-knob', base);
  const fire = element(doc, 'touch-fire', root);
  fire.textContent = 'FIRE';
  let stick = { x: 0, y: 0 };
  let stickPointer = -1;
  let firing = false;
  // A tap on fire shorter than a frame still fires: taps are numbered, and one counts until a
  // sample that saw it is consumed.
  let taps = 0;
  let sampledTaps = 0;
  let consumedTaps = 0;

  const moveStick = (e: PointerEvent): void => {
    if (e.pointerId !== stickPointer) return;
    const box = base.getBoundingClientRect();
    const dx = e.clientX - (box.left + box.width / 2);
    const dy = e.clientY - (box.top + box.height / 2);
    const len = Math.max(STICK_RADIUS, Math.hypot(dx, dy));
    stick = { x: dx / len, y: dy / len };
    knob.style.transform = `translate(${stick.x * STICK_RADIUS}px, ${stick.y * STICK_RADIUS}px)`;
  };
  const releaseStick = (e: PointerEvent): void => {
    if (e.pointerId !== stickPointer) return;
    stickPointer = -1;
    stick = { x: 0, y: 0 };
    knob.style.transform = '';
  };
  base.addEventListener('pointerdown', (e) => {
    stickPointer = e.pointerId;
    base.setPointerCapture?.(e.pointerId);
    moveStick(e);
  });
  base.addEventListener('pointermove', moveStick);
  for (const type of ['pointerup', 'pointercancel', 'lostpointercapture'] as const) base.addEventListener(type, releaseStick);
  fire.addEventListener('pointerdown', () => {
    firing = true;
    taps++;
  });
  for (const type of ['pointerup', 'pointercancel', 'pointerleave'] as const) fire.addEventListener(type, () => void (firing = false));

  return {
    sample() {
      // Hidden under a cover: whatever a finger held when the cover came is let go.
      if (root.offsetParent === null) {
        if (stickPointer >= 0) releaseStick({ pointerId: stickPointer } as PointerEvent);
        firing = false;
        consumedTaps = taps;
      }
      sampledTaps = taps;
      const fires = firing || taps > consumedTaps;
      return stickPointer < 0 && !fires ? NO_CONTROLS : { ...stickToControls(stick.x, stick.y), fire: fires };
    },
    consume: () => void (consumedTaps = sampledTaps),
    dispose: () => root.remove(),
  };
}
