/**
 * "Turn your phone sideways": on a touch device held upright the arena is small, so a hint says so
 * (a drawn phone turning, and words; no emoji, which some phones lack). It never blocks the game:
 * it sits above the arena, a tap on it dismisses it, and it goes when the phone is turned.
 */
import { isTouchDevice } from '../input/touch';
import { h, overlayRoot } from './dom';

/** Shows the hint while `win` is upright on a touch device; returns a function that removes it. */
export function createRotateHint(win: Window): () => void {
  if (!isTouchDevice(win) || typeof win.matchMedia !== 'function') return () => undefined;
  const portrait = win.matchMedia('(orientation: portrait)');
  const phone = h('span', { style: { display: 'inline-block', width: '14px', height: '24px', border: '2px solid currentColor', borderRadius: '4px', transform: 'rotate(-90deg)', flex: 'none' } });
  const hint = h(
    'div',
    { class: 'rotate-hint', role: 'status', style: { position: 'absolute', left: '50%', top: '28%', transform: 'translateX(-50%)', display: 'none', alignItems: 'center', gap: '14px', padding: '10px 16px', borderRadius: '12px', background: 'rgba(12, 16, 22, 0.9)', border: '1px solid #56b4e9', fontSize: '15px', maxWidth: '86vw', zIndex: '5' } },
    phone,
    h('span', { text: 'Turn your phone sideways for a bigger arena (tap to hide)' }),
  );
  let dismissed = false;
  const show = (): void => void (hint.style.display = portrait.matches && !dismissed ? 'flex' : 'none');
  hint.addEventListener('pointerdown', () => {
    dismissed = true;
    show();
  });
  portrait.addEventListener('change', show);
  overlayRoot().append(hint);
  show();
  return () => {
    portrait.removeEventListener('change', show);
    hint.remove();
  };
}
