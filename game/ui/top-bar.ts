/**
 * The small buttons in the top right corner: sound on/off and the net overlay. F3 toggles the
 * overlay too, M the sound. A touch device gets the sound button only, without the key hint.
 */
import { isTouchDevice } from '../input/touch';
import { h, overlayRoot } from './dom';

/** What the buttons do. */
export interface TopBarActions {
  readonly muted: () => boolean;
  readonly toggleMute: () => boolean;
  readonly toggleNet?: () => void;
}

/** Adds the bar; returns a function that removes it. */
export function createTopBar(actions: TopBarActions): () => void {
  // A phone has no M key and no F3: no key hints there, and no net-stats button.
  const touch = isTouchDevice(window);
  const keyHint = touch ? '' : ' (M)';
  const label = (): string => (actions.muted() ? `Sound: off${keyHint}` : `Sound: on${keyHint}`);
  const mute = h('button', { class: 'mute-toggle', 'aria-label': 'toggle sound', text: label() });
  mute.addEventListener('click', () => {
    actions.toggleMute();
    mute.textContent = label();
    mute.blur(); // space must fire the tank, not press the button again
  });
  const net = actions.toggleNet && !touch ? h('button', { class: 'net-toggle', text: 'Net (F3)' }) : null;
  net?.addEventListener('click', () => {
    actions.toggleNet?.();
    net.blur();
  });
  const bar = h('div', { class: 'top-bar', style: { position: 'absolute', top: '8px', right: '12px', display: 'flex', gap: '8px', fontSize: '13px' } }, net, mute);
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
  return () => {
    window.removeEventListener('keydown', onKey);
    bar.remove();
  };
}
