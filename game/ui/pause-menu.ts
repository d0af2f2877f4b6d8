/**
 * The in-match menu (DOM): Resume, Leave match, the sound volume, and the controls of this
 * device. Esc, the Menu button and a gamepad's Start open and close it. Whether the match pauses
 * is its starter's answer: practice pauses, a networked match plays on (lockstep: the others do
 * not wait), and the menu says which. While it is open the touch controls hide (covers.ts).
 */
import { h, overlayRoot } from './dom';

/** What the menu needs. */
export interface PauseMenuOptions {
  /** True if the match stops while the menu is open (practice); false: it plays on. */
  readonly pauses: boolean;
  /** The devices to explain, in order. */
  readonly devices: readonly Device[];
  readonly volume: () => number;
  readonly setVolume: (volume: number) => void;
  /** The menu opened (true) or closed (false). */
  readonly onToggle: (open: boolean) => void;
  /** "Leave match". */
  readonly onLeave: () => void;
}

/** An input device whose controls the menu lists. */
export type Device = 'keyboard' | 'touch' | 'gamepad';

const CONTROLS: Record<Device, string> = {
  keyboard: 'Keyboard: arrows or WASD drive and turn, Space or Enter fires, M sound, F3 net figures, Esc this menu.',
  touch: 'Touch: the stick (bottom left) drives and turns, FIRE (bottom right) fires, Menu opens this menu.',
  gamepad: 'Gamepad: left stick or d-pad drive and turn, A or RT fires, Start opens this menu.',
};

/** The menu of one match. */
export interface PauseMenu {
  isOpen(): boolean;
  toggle(): void;
  close(): void;
  destroy(): void;
}

/** Builds the (closed) menu; Esc toggles it from now on. */
export function createPauseMenu(options: PauseMenuOptions): PauseMenu {
  const slider = h('input', { type: 'range', min: '0', max: '100', step: '5', class: 'volume', 'aria-label': 'sound volume', style: { width: '100%', boxSizing: 'border-box', padding: '0', margin: '4px 0' } });
  const resume = h('button', { class: 'primary resume', text: 'Resume' });
  const leave = h('button', { class: 'leave-match', text: 'Leave match' });
  const panel = h(
    'div',
    { class: 'panel pause-menu-panel', role: 'dialog', 'aria-label': 'menu', style: { width: 'min(420px, 88vw)', maxHeight: '90vh', overflowY: 'auto', display: 'flex', flexDirection: 'column', gap: '12px' } },
    h('h2', { text: 'Menu' }),
    h('p', { class: 'menu-note', style: { margin: '0' }, text: options.pauses ? 'Paused: the match waits for you.' : 'The match goes on: the other players keep playing while this menu is open.' }),
    h('label', { style: { display: 'flex', flexDirection: 'column', gap: '4px' } }, h('span', { class: 'dim', text: 'Sound volume' }), slider),
    h('div', { class: 'menu-controls dim', style: { fontSize: '0.9em', display: 'flex', flexDirection: 'column', gap: '6px' } }, ...options.devices.map((d) => h('div', { text: CONTROLS[d] }))),
    h('div', { style: { display: 'flex', gap: '10px', justifyContent: 'flex-end', flexWrap: 'wrap' } }, leave, resume),
  );
  const root = h('div', { class: 'pause-menu', style: { position: 'absolute', inset: '0', display: 'none', placeItems: 'center', background: 'rgba(8, 10, 14, 0.6)', zIndex: '20' } }, panel);
  overlayRoot().append(root);
  let open = false;
  const set = (next: boolean): void => {
    if (next === open) return;
    open = next;
    root.style.display = open ? 'grid' : 'none';
    if (open) slider.value = String(Math.round(options.volume() * 100));
    options.onToggle(open);
  };
  slider.addEventListener('input', () => options.setVolume(Number(slider.value) / 100));
  resume.addEventListener('click', () => set(false));
  leave.addEventListener('click', () => options.onLeave());
  root.addEventListener('pointerdown', (e) => (e.target === root ? set(false) : undefined));
  const onKey = (e: KeyboardEvent): void => {
    if (e.code !== 'Escape') return;
    e.preventDefault();
    set(!open);
  };
  window.addEventListener('keydown', onKey);
  return {
    isOpen: () => open,
    toggle: () => set(!open),
    close: () => set(false),
    destroy() {
      window.removeEventListener('keydown', onKey);
      root.remove();
    },
  };
}
