/**
 * "👁 2 watching": how many spectators watch the match (the host's roster counts them), in a
 * corner of the screen, on every page of the lobby, in the lobby and during the match. Hidden at 0.
 */
import { h, overlayRoot } from './dom';

/** The badge's text for `count` spectators, or null to hide it (pure). */
export function watchersText(count: number): string | null {
  if (count <= 0) return null;
  return `👁 ${count} watching`;
}

/** The badge: `show(count)` updates it. */
export function createWatchersBadge(): { show(count: number): void } {
  let el: HTMLElement | null = null;
  return {
    show(count) {
      const text = watchersText(count);
      if (!el && text === null) return;
      el ??= h('div', { class: 'watchers-badge', role: 'status', style: { position: 'fixed', left: '8px', bottom: '8px', zIndex: '40', padding: '3px 9px', borderRadius: '8px', background: 'rgba(12, 16, 22, 0.8)', border: '1px solid #2e3a48', fontSize: '13px', pointerEvents: 'none' } });
      if (!el.isConnected) overlayRoot().append(el);
      el.textContent = text ?? '';
      el.style.display = text ? 'block' : 'none';
    },
  };
}
