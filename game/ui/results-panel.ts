/**
 * The results screen (DOM): the final scoreboard, winner first, with "Play again" and "Back to
 * lobby".
 */
import { h, MARKER_GLYPHS, overlayRoot } from './dom';

/** One row of the scoreboard. */
export interface ResultRow {
  readonly slot: number;
  readonly name: string;
  readonly colour: string;
  readonly score: number;
  readonly winner: boolean;
  readonly you: boolean;
  readonly left: boolean;
}

/** What the buttons do. */
export interface ResultsActions {
  readonly playAgain: () => void;
  readonly backToLobby: () => void;
}

/** Orders rows for display: the winner, then by score, then by slot (pure). */
export function rankRows(rows: readonly ResultRow[]): ResultRow[] {
  return [...rows].sort((a, b) => +b.winner - +a.winner || b.score - a.score || a.slot - b.slot);
}

/** Shows the panel; returns a function that removes it (and a way to show a status line). */
export function createResultsPanel(rows: readonly ResultRow[], actions: ResultsActions): { destroy(): void; status(text: string): void } {
  const ranked = rankRows(rows);
  const winner = ranked.find((r) => r.winner);
  const status = h('p', { class: 'dim results-status', style: { minHeight: '1.2em', margin: '10px 0 0' } });
  const table = h(
    'table',
    { class: 'scoreboard', style: { width: '100%', borderCollapse: 'collapse', fontSize: '1.05rem' } },
    ...ranked.map((r, i) =>
      h(
        'tr',
        { style: { opacity: r.left ? '0.5' : '1', borderTop: i ? '1px solid #2e3a48' : 'none' } },
        h('td', { style: { padding: '6px 8px', width: '2em' }, class: 'dim', text: `${i + 1}.` }),
        h('td', { style: { padding: '6px 8px' } }, h('span', { class: 'marker', style: { color: r.colour }, text: MARKER_GLYPHS[r.slot % 8] }), ` ${r.name}${r.you ? ' (you)' : ''}${r.left ? ' (left)' : ''}`),
        h('td', { style: { padding: '6px 8px', textAlign: 'right', fontWeight: '700' }, text: String(r.score) }),
      ),
    ),
  );
  const again = h('button', { class: 'primary play-again', text: 'Play again', onclick: () => actions.playAgain() });
  const back = h('button', { class: 'back-to-lobby', text: 'Back to lobby', onclick: () => actions.backToLobby() });
  const panel = h(
    'div',
    { class: 'panel results', style: { position: 'absolute', left: '50%', top: '50%', transform: 'translate(-50%, -50%)', width: 'min(440px, 92vw)', maxHeight: '92vh', overflow: 'auto', boxSizing: 'border-box' } },
    h('h2', { text: 'Results' }),
    h('div', { style: { fontSize: '1.6rem', fontWeight: '800', margin: '2px 0 12px', color: winner?.colour ?? '#e8edf2' }, text: winner ? `${winner.name} wins!` : 'Match over' }),
    table,
    status,
    h('div', { style: { display: 'flex', gap: '10px', marginTop: '12px', justifyContent: 'flex-end' } }, back, again),
  );
  overlayRoot().append(panel);
  again.focus();
  return { destroy: () => panel.remove(), status: (text) => void (status.textContent = text) };
}
