/**
 * "You're out — watching": while the round goes on without the local player's tank (destroyed,
 * or gone because this page left or was dropped), a notice says so, until the next round brings
 * the tank back. The round's and the match's own banners take over when they end.
 */
import type { SimState } from '../sim';
import { h, overlayRoot } from './dom';

/** The notice for `viewSlot` in `state`, or null when there is none (pure). */
export function watchingText(state: SimState, viewSlot: number): string | null {
  const tank = state.tanks[viewSlot];
  if (!tank || state.phase === 'match-over') return null;
  if (!tank.present) return 'You have left the match — watching';
  if (!tank.alive && state.phase === 'playing') return "You're out — watching until the next round";
  return null;
}

/** The notice of one match. */
export interface WatchingNotice {
  update(state: SimState): void;
  destroy(): void;
}

/** Builds the (hidden) notice in the overlay. */
export function createWatchingNotice(viewSlot: number): WatchingNotice {
  const el = h('div', { class: 'watching-notice', role: 'status', style: { display: 'none', position: 'absolute', left: '50%', bottom: '22%', transform: 'translateX(-50%)', padding: '8px 18px', borderRadius: '10px', background: 'rgba(12, 16, 22, 0.82)', border: '1px solid #2e3a48', fontSize: 'clamp(13px, 2vw, 18px)', fontWeight: '600', whiteSpace: 'nowrap', pointerEvents: 'none' } });
  overlayRoot().append(el);
  let shown: string | null = null;
  return {
    update(state) {
      const text = watchingText(state, viewSlot);
      if (text === shown) return;
      shown = text;
      el.textContent = text ?? '';
      el.style.display = text ? 'block' : 'none';
    },
    destroy: () => el.remove(),
  };
}
