/**
 * The small buttons in the top right corner: full screen (where the browser can), the net
 * overlay, sound on/off and the menu. F3 toggles the overlay too, M the sound (Esc the menu, see
 * pause-menu.ts). On touch screens the buttons drop their key hints, which mean nothing there, and
 * there is no net-stats button (no F3 either).
 */
import { isTouchDevice } from '../input/touch';
import { h, overlayRoot } from './dom';
import { fullscreenSupported, isFullscreen, toggleFullscreen } from './fullscreen';

/** What the buttons do. */
export interface TopBarActions {
  readonly muted: () => boolean;
  readonly toggleMute: () => boolean;
  readonly toggleNet?: () => void;
  /** Opens or closes the match menu (a Menu button); absent: no button. */
  readonly toggleMenu?: () => void;
  /** Offer a full screen button where the browser supports it. */
  readonly fullscreen?: boolean;
}

/** Removes the bar; `element` is the bar, for the HUD to keep clear of it; `column` stacks the buttons (a short landscape phone). */
export type TopBar = (() => void) & { readonly element: HTMLElement; column(on: boolean): void };

/** A button that does `act` and gives the keyboard back (space must fire the tank, not press it again). */
function button(className: string, text: string, act: () => void): HTMLButtonElement {
  const el = h('button', { class: className, text });
  el.addEventListener('click', () => {
    act();
    el.blur();
  });
  return el;
}

/** Adds the bar. */
export function createTopBar(actions: TopBarActions): TopBar {
  const touch = isTouchDevice(window);
  const hint = (key: string): string => (touch ? '' : ` (${key})`);
  const label = (): string => (actions.muted() ? `Sound: off${hint('M')}` : `Sound: on${hint('M')}`);
  const mute = button('mute-toggle', label(), () => {
    actions.toggleMute();
    mute.textContent = label();
  });
  mute.setAttribute('aria-label', 'toggle sound');
  const net = actions.toggleNet && !touch ? button('net-toggle', `Net${hint('F3')}`, () => actions.toggleNet?.()) : null;
  const menu = actions.toggleMenu ? button('menu-toggle', `Menu${hint('Esc')}`, () => actions.toggleMenu?.()) : null;
  const full = actions.fullscreen && fullscreenSupported(document) ? button('fullscreen-toggle', 'Full screen', () => toggleFullscreen(document, document.documentElement)) : null;
  const onFullscreen = (): void => void (full && (full.textContent = isFullscreen(document) ? 'Exit full screen' : 'Full screen'));
  document.addEventListener('fullscreenchange', onFullscreen);
  const bar = h('div', { class: 'top-bar', style: { position: 'absolute', top: '8px', right: '12px', display: 'flex', gap: '8px', fontSize: '13px' } }, full, net, mute, menu);
  const onKey = (e: KeyboardEvent): void => {
    if ((e.target as HTMLElement | null)?.tagName === 'INPUT') return;
    if (e.code === 'F3' && actions.toggleNet) {
      e.preventDefault();
      actions.toggleNet();
    } else if (e.code === 'KeyM') {
      actions.toggleMute();
      mute.textContent = label();
    }
  };
  window.addEventListener('keydown', onKey);
  overlayRoot().append(bar);
  const remove = (): void => {
    window.removeEventListener('keydown', onKey);
    document.removeEventListener('fullscreenchange', onFullscreen);
    bar.remove();
  };
  const column = (on: boolean): void => void Object.assign(bar.style, { flexDirection: on ? 'column' : 'row', alignItems: on ? 'stretch' : '' });
  return Object.assign(remove, { element: bar, column });
}
