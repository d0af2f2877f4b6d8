/**
 * The results screen (DOM): the final scoreboard, winner first, with each player's match
 * statistics (shots, kills, self-hits, longest ricochet: game/sim/match-stats.ts), "Play again",
 * "Download replay" and "Back to lobby". The table stays narrow enough for a phone held sideways
 * (844 x 390): short column heads with the full meaning in their tooltips, names cut with an ellipsis.
 */
import type { PlayerStats } from '../sim';
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
  readonly stats: PlayerStats;
}

/** The statistics columns: head, tooltip, and the figure (a class names each cell for tests). */
const STAT_COLUMNS: readonly { key: keyof PlayerStats; head: string; title: string }[] = [
  { key: 'shots', head: 'Shots', title: 'shells fired' },
  { key: 'kills', head: 'Kills', title: 'tanks destroyed by your shells (your own not counted)' },
  { key: 'selfHits', head: 'Self', title: 'times your own shell destroyed your tank' },
  { key: 'longestRicochet', head: 'Rico', title: 'longest ricochet: most walls a shell bounced off before it destroyed another tank' },
];

const CELL = { padding: '5px 6px', textAlign: 'right' } as const;

/** What the buttons do. */
export interface ResultsActions {
  readonly playAgain: () => void;
  readonly backToLobby: () => void;
  /** Offers the match's replay file for download; returns the file name. */
  readonly downloadReplay: () => string;
}

/** Orders rows for display: the winner, then by score, then by slot (pure). */
export function rankRows(rows: readonly ResultRow[]): ResultRow[] {
  return [...rows].sort((a, b) => +b.winner - +a.winner || b.score - a.score || a.slot - b.slot);
}

function headRow(): HTMLElement {
  const th = (text: string, title: string, align = 'right'): HTMLElement => h('th', { text, title, class: 'dim', style: { ...CELL, textAlign: align, fontWeight: '600', fontSize: '0.8rem' } });
  return h('thead', {}, h('tr', {}, th('', ''), th('Player', '', 'left'), ...STAT_COLUMNS.map((c) => th(c.head, c.title)), th('Wins', 'rounds won')));
}

function bodyRow(r: ResultRow, rank: number): HTMLElement {
  const name = `${r.name}${r.you ? ' (you)' : ''}${r.left ? ' (left)' : ''}`;
  return h(
    'tr',
    { 'data-slot': String(r.slot), style: { opacity: r.left ? '0.5' : '1', borderTop: '1px solid #2e3a48' } },
    h('td', { style: { ...CELL, width: '1.5em' }, class: 'dim', text: `${rank}.` }),
    h('td', { title: name, style: { ...CELL, textAlign: 'left', maxWidth: '10em', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } }, h('span', { class: 'marker', style: { color: r.colour }, text: MARKER_GLYPHS[r.slot % 8] }), ` ${name}`),
    ...STAT_COLUMNS.map((c) => h('td', { class: `stat-${c.key}`, style: CELL, text: String(r.stats[c.key]) })),
    h('td', { class: 'score', style: { ...CELL, fontWeight: '700' }, text: String(r.score) }),
  );
}

/** Shows the panel; returns a function that removes it (and a way to show a status line). */
export function createResultsPanel(rows: readonly ResultRow[], actions: ResultsActions): { destroy(): void; status(text: string): void } {
  const ranked = rankRows(rows);
  const winner = ranked.find((r) => r.winner);
  const status = h('p', { class: 'dim results-status', style: { minHeight: '1.2em', margin: '8px 0 0' } });
  const table = h('table', { class: 'scoreboard', style: { width: '100%', borderCollapse: 'collapse', fontSize: '0.95rem' } }, headRow(), h('tbody', {}, ...ranked.map((r, i) => bodyRow(r, i + 1))));
  const again = h('button', { class: 'primary play-again', text: 'Play again', onclick: () => actions.playAgain() });
  const back = h('button', { class: 'back-to-lobby', text: 'Back to lobby', onclick: () => actions.backToLobby() });
  const download = h('button', { class: 'download-replay', text: 'Download replay', onclick: () => void (status.textContent = `Saved ${actions.downloadReplay()}`) });
  const panel = h(
    'div',
    { class: 'panel results', style: { position: 'absolute', left: '50%', top: '50%', transform: 'translate(-50%, -50%)', width: 'min(560px, 96vw)', maxHeight: '94vh', overflow: 'auto', boxSizing: 'border-box' } },
    h('h2', { text: 'Results' }),
    h('div', { style: { fontSize: '1.5rem', fontWeight: '800', margin: '2px 0 8px', color: winner?.colour ?? '#e8edf2' }, text: winner ? `${winner.name} wins!` : 'Match over' }),
    table,
    status,
    h('div', { style: { display: 'flex', gap: '10px', marginTop: '10px', justifyContent: 'flex-end', flexWrap: 'wrap' } }, back, download, again),
  );
  overlayRoot().append(panel);
  again.focus();
  return { destroy: () => panel.remove(), status: (text) => void (status.textContent = text) };
}
