/**
 * The match options card (DOM): round wins to take the match, the bots' level, the maze size and
 * the netcode. On a host's lobby it shows the creator's choices from the roster: the creator
 * changes them (each change goes to the host as `set-options`), everyone else sees them read-only.
 * Before joining, or with no host, the same controls set this page's practice match. Bots are
 * added and removed as before (Add bot, the practice bot count); this card sets how they play.
 * The controls are built once and only updated on render, so a change never steals focus; all
 * are native inputs and selects with labels (keyboard and screen reader), sized for a thumb.
 */
import { BOT_LEVELS, isCreator, MAZE_CHOICES, NETCODES } from '../../net/lobby';
import type { BotLevel, LobbyClientState, MatchOptions, MazeChoice, Netcode } from '../../net/lobby';
import { h } from './dom';

/** What the card shows. */
export interface MatchOptionsView {
  readonly options: MatchOptions;
  /** False for a player who is not the creator (and for everyone once the match has started). */
  readonly editable: boolean;
  /** `match`: the host's lobby, the creator's choices; `practice`: this page's own match. */
  readonly scope: 'match' | 'practice';
}

/** The card. */
export interface MatchOptionsPanel {
  render(view: MatchOptionsView): void;
  destroy(): void;
}

const LEVEL_TEXT: Record<BotLevel, string> = { easy: 'Easy', normal: 'Normal', hard: 'Hard' };
const MAZE_TEXT: Record<MazeChoice, string> = { auto: 'Auto (by players)', small: 'Small (7×5)', medium: 'Medium (10×7)', large: 'Large (12×8)' };
const NETCODE_TEXT: Record<Netcode, string> = { lockstep: 'Lockstep', rollback: 'Rollback' };
/** One line each: what the choice means to a player. */
export const NETCODE_HELP: Record<Netcode, string> = {
  lockstep: 'Every screen shows only frames everyone has confirmed: a slow link makes all wait a little.',
  rollback: 'Your tank answers at once; the game quietly corrects itself when late inputs arrive.',
};

/** Which options to show and whether they can be changed (pure, for tests). */
export function matchOptionsView(lobby: LobbyClientState | null, local: MatchOptions): MatchOptionsView {
  const roster = lobby?.roster;
  const me = lobby?.welcome;
  if (!roster || !me || lobby.status !== 'open') return { options: local, editable: true, scope: 'practice' };
  return { options: roster.options, editable: isCreator(lobby) && roster.phase === 'lobby', scope: 'match' };
}

/** The note under the title: whose choices these are. */
export function optionsNote(view: MatchOptionsView): string {
  if (view.scope === 'practice') return 'For your practice match against bots.';
  return view.editable ? 'You created this match: your choices go to every player.' : 'Chosen by the match creator.';
}

/** A label and its control, as two cells of the card's grid. A stepper is no label: it holds buttons. */
const row = (label: string, control: HTMLElement, tag: 'label' | 'div' = 'label'): HTMLElement =>
  h(tag, { class: 'opt-row', style: { display: 'contents' } }, h('span', { class: 'dim', text: label }), control);

function selectOf<T extends string>(cls: string, label: string, values: readonly T[], text: Record<T, string>, onPick: (v: T) => void): HTMLSelectElement {
  const select = h('select', { class: cls, 'aria-label': label, style: { minHeight: '36px', width: '100%' } }, ...values.map((v) => h('option', { value: v, text: text[v] })));
  select.addEventListener('change', () => onPick(select.value as T));
  return select;
}

/** The stepper: − [n] +, clamped to 1..99. */
function targetStepper(onPick: (n: number) => void): { element: HTMLElement; input: HTMLInputElement; buttons: HTMLButtonElement[] } {
  const input = h('input', { class: 'opt-target', type: 'number', min: '1', max: '99', step: '1', inputmode: 'numeric', 'aria-label': 'round wins to take the match', style: { width: '4em', textAlign: 'center', minHeight: '36px' } });
  const pick = (n: number): void => {
    const clamped = Math.min(99, Math.max(1, Math.round(Number.isFinite(n) ? n : 1)));
    input.value = String(clamped);
    onPick(clamped);
  };
  const step = (d: number, text: string, label: string): HTMLButtonElement =>
    h('button', { class: `opt-target-${d > 0 ? 'up' : 'down'}`, type: 'button', text, 'aria-label': label, style: { minWidth: '36px', minHeight: '36px' }, onclick: () => pick(Number(input.value) + d) });
  const buttons = [step(-1, '−', 'one round win fewer'), step(1, '+', 'one round win more')];
  input.addEventListener('change', () => pick(Number.parseInt(input.value, 10)));
  const element = h('span', { style: { display: 'inline-flex', gap: '6px', alignItems: 'center' } }, buttons[0] ?? null, input, buttons[1] ?? null);
  return { element, input, buttons };
}

/** Builds the card into `host` (the lobby's `#match-options`); `onChange` gets each change. */
export function createMatchOptionsPanel(host: HTMLElement, onChange: (patch: Partial<MatchOptions>) => void): MatchOptionsPanel {
  const target = targetStepper((targetScore) => onChange({ targetScore }));
  const level = selectOf('opt-level', 'how the bots play', BOT_LEVELS, LEVEL_TEXT, (botLevel) => onChange({ botLevel }));
  const maze = selectOf('opt-maze', 'maze size', MAZE_CHOICES, MAZE_TEXT, (m) => onChange({ maze: m }));
  const netcode = selectOf('opt-netcode', 'netcode', NETCODES, NETCODE_TEXT, (n) => onChange({ netcode: n }));
  const help = h('p', { class: 'dim opt-netcode-help', style: { fontSize: '0.85rem', margin: '6px 0 0' } });
  const note = h('p', { class: 'dim opt-note', style: { fontSize: '0.85rem', margin: '0 0 8px' } });
  const grid = h(
    'div',
    { style: { display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', gap: '8px 12px', alignItems: 'center' } },
    row('First to', target.element, 'div'),
    row('Bots', level),
    row('Maze', maze),
    row('Netcode', netcode),
  );
  const content = h('div', { class: 'match-options-panel' }, h('h2', { text: 'Match options' }), note, grid, help);
  host.append(content);
  const controls: (HTMLInputElement | HTMLSelectElement | HTMLButtonElement)[] = [target.input, ...target.buttons, level, maze, netcode];
  return {
    render(view) {
      const { options } = view;
      // The field being typed in keeps what is typed; it takes the value once it is left.
      if (document.activeElement !== target.input) target.input.value = String(options.targetScore);
      level.value = options.botLevel;
      maze.value = options.maze;
      netcode.value = options.netcode;
      help.textContent = NETCODE_HELP[options.netcode];
      note.textContent = optionsNote(view);
      for (const c of controls) c.disabled = !view.editable;
      content.dataset.editable = String(view.editable);
    },
    destroy: () => content.remove(),
  };
}
