/**
 * Short messages at the bottom of the screen for things that happen to the match rather than in
 * it: a player dropped, a desync. They fade after a few seconds; the net overlay keeps the figures.
 */
import { h, overlayRoot } from './dom';

const SHOW_MS = 5000;

/** Shows `text` for a few seconds. */
export function showToast(text: string): void {
  const el = h('div', { class: 'toast', role: 'status', text, style: { position: 'absolute', left: '50%', bottom: '18px', transform: 'translateX(-50%)', background: 'rgba(12, 16, 22, 0.9)', border: '1px solid #2e3a48', borderRadius: '10px', padding: '8px 14px', fontSize: '14px', pointerEvents: 'none', transition: 'opacity 0.6s' } });
  overlayRoot().append(el);
  setTimeout(() => (el.style.opacity = '0'), SHOW_MS);
  setTimeout(() => el.remove(), SHOW_MS + 700);
}
