/**
 * The small buttons in the top right corner: sound on/off and the net overlay. F3 toggles the
 * overlay too, M the sound.
 */
import { h, overlayRoot } from './dom';

/** What the buttons do. */
export interface TopBarActions {
  readonly muted: () => boolean;
  readonly toggleMute: () => boolean;
  readonly toggleNet?: () => void;
}

/** Adds the bar; returns a function that removes it. */
export function createTopBar(actions: TopBarActions): () => void {
  const label = (): string => (actions.muted() ? 'Sound: off (M)' : 'Sound: on (M)');
  const mute = h('button', { class: 'mute-toggle', 'aria-label': 'toggle sound', text: label() });
  mute.addEventListener('click', () => {
    actions.toggleMute();
    mute.textContent = label();
    mute.blur(); // space must fire the tank, not press the button again
  });
  const net = actions.toggleNet ? h('button', { class: 'net-toggle', text: 'Net (F3)' }) : null;
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
