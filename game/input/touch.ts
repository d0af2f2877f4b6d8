/**
 * On-screen touch controls: a virtual stick (bottom left) and a fire button (bottom right), made
 * of DOM elements over the canvas and driven by pointer events. Only created on touch devices.
 * A lifted, cancelled or lost pointer releases what it held, so nothing sticks.
 */
import { NO_CONTROLS, stickToControls, type Controls } from './controls';

/** A live touch source. */
export interface TouchSource {
  sample(): Controls;
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
  fire.addEventListener('pointerdown', () => void (firing = true));
  for (const type of ['pointerup', 'pointercancel', 'pointerleave'] as const) fire.addEventListener(type, () => void (firing = false));

  return {
    sample: () => (stickPointer < 0 && !firing ? NO_CONTROLS : { ...stickToControls(stick.x, stick.y), fire: firing }),
    dispose: () => root.remove(),
  };
}
