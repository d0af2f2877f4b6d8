/**
 * The match HUD (DOM, over the canvas): the round and target, every player's score with their
 * colour and marker, and the centre banner ("Round over: X wins", "X wins the match"). Only
 * rewritten when the figures change.
 */
import type { SimState } from '../sim';
import { h, MARKER_GLYPHS, overlayRoot } from './dom';

/** The HUD of one match. */
export interface Hud {
  /** Rewrites the HUD if the figures changed; true if it did (its height may have changed). */
  update(state: SimState): boolean;
  /**
   * Places the scores: a wrapping line from `top` that keeps `right` CSS pixels clear on the right
   * (the top bar), or, on a short landscape phone, a column on the left (`column`).
   */
  place(where: { readonly top: number; readonly right: number; readonly column: boolean }): void;
  /** The scores' box on screen, in CSS pixels: the arena keeps clear of it. */
  box(): DOMRect;
  destroy(): void;
}

/** The HUD's elements that change. */
interface HudParts {
  readonly round: HTMLElement;
  readonly scores: HTMLElement;
  readonly banner: HTMLElement;
}

/** What the HUD needs about the players. */
export interface HudPlayers {
  readonly names: readonly string[];
  readonly colours: readonly string[];
  readonly viewSlot: number;
}

/** The banner text for `state`, or null when play is on (pure). */
export function bannerText(state: SimState, names: readonly string[]): string | null {
  const name = (slot: number): string => names[slot] ?? `Player ${slot + 1}`;
  if (state.phase === 'match-over') return state.winner >= 0 ? `${name(state.winner)} wins the match!` : 'Match over';
  if (state.phase === 'round-over') return state.roundWinner >= 0 ? `Round over: ${name(state.roundWinner)} wins` : 'Round over: a draw';
  return null;
}

/** Builds the HUD in the overlay. */
export function createHud(players: HudPlayers): Hud {
  const round = h('div', { class: 'hud-round' });
  const scores = h('div', { class: 'hud-scores', style: { display: 'flex', gap: '4px 14px', flexWrap: 'wrap' } });
  const banner = h('div', { class: 'hud-banner', style: { display: 'none' } });
  const top = h('div', { class: 'hud-top', style: { position: 'absolute', top: '8px', left: '12px', right: '230px', display: 'flex', gap: '4px 14px', alignItems: 'center', flexWrap: 'wrap', fontSize: 'clamp(12px, 1.6vw, 15px)', textShadow: '0 1px 2px #000' } }, round, scores);
  const root = h('div', { class: 'hud', style: { position: 'absolute', inset: '0', pointerEvents: 'none' } }, top, banner);
  Object.assign(banner.style, { position: 'absolute', left: '50%', top: '42%', transform: 'translate(-50%, -50%)', padding: '12px 26px', borderRadius: '12px', background: 'rgba(12, 16, 22, 0.82)', border: '1px solid #2e3a48', fontSize: 'clamp(18px, 3.4vw, 34px)', fontWeight: '700', whiteSpace: 'nowrap' });
  overlayRoot().append(root);
  let last = '';
  return {
    update(state) {
      const key = `${state.round}|${state.phase}|${state.scores.join(',')}|${state.tanks.map((t) => +t.alive + 2 * +t.present).join('')}`;
      if (key === last) return false;
      last = key;
      renderHud({ round, scores, banner }, state, players);
      return true;
    },
    place({ top: y, right, column }) {
      Object.assign(top.style, { top: `${Math.round(y)}px`, right: column ? 'auto' : `${Math.round(right)}px`, maxWidth: column ? '150px' : '', flexDirection: column ? 'column' : 'row', alignItems: column ? 'flex-start' : 'center' });
      scores.style.flexDirection = column ? 'column' : 'row';
    },
    box: () => top.getBoundingClientRect(),
    destroy: () => root.remove(),
  };
}

/** Writes `state`'s round, scores and banner into the HUD. */
function renderHud({ round, scores, banner }: HudParts, state: SimState, players: HudPlayers): void {
  round.replaceChildren(h('strong', { text: `Round ${state.round}` }), h('span', { class: 'dim', text: ` · first to ${state.targetScore}` }));
  scores.replaceChildren(
    ...state.scores.map((score, slot) => {
      const tank = state.tanks[slot];
      const you = slot === players.viewSlot;
      return h(
        'span',
        { style: { opacity: tank?.present === false ? '0.35' : tank?.alive === false ? '0.6' : '1', fontWeight: you ? '700' : '400', whiteSpace: 'nowrap' } },
        h('span', { class: 'marker', style: { color: players.colours[slot] }, text: MARKER_GLYPHS[slot % 8] }),
        ` ${players.names[slot] ?? ''} `,
        h('strong', { text: String(score) }),
      );
    }),
  );
  const text = bannerText(state, players.names);
  banner.style.display = text ? 'block' : 'none';
  banner.textContent = text ?? '';
  const winner = state.phase === 'match-over' ? state.winner : state.roundWinner;
  banner.style.color = text && winner >= 0 ? (players.colours[winner] ?? '#fff') : '#e8edf2';
}
