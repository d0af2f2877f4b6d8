/**
 * The lobby, laid out as the game's title screen (DOM; its CSS is in index.html): the wordmark;
 * the play column first (your name and colour, "Practice vs bots", and this match's roster with
 * Join / Ready / Start, and the creator's options in `#match-options`), so that the main action is
 * on screen without scrolling even on a phone held sideways; then the art and the how-to-play card
 * with the controls of the device in use; then the matches on your network and the invite.
 * When no host process serves the page it says so, and practice still works.
 * The static part is built once (so typing keeps focus); the network part re-renders on change.
 */
import type { LobbyClientState } from '../../net/lobby';
import { cleanName, cutToBytes, isCreator, ownSlot, PALETTE, type MatchListing } from '../../net/lobby';
import { MAX_NAME_BYTES } from '../../net/protocol';
import { isTouchDevice } from '../input/touch';
import { DEFAULT_TARGET_SCORE } from '../sim';
import { createHowToPlay } from './how-to-play';
import { createTitleArt } from './title-art';
import { h, MARKER_GLYPHS, overlayRoot } from './dom';

/** What the panel shows of the network. */
export interface LobbyView {
  readonly lobby: LobbyClientState | null;
  readonly matches: readonly MatchListing[];
  /** A problem to show (e.g. the mesh failed to connect), with a hint. */
  readonly problem: string | null;
}

/** What the controls do. */
export interface LobbyActions {
  readonly initial: { readonly name: string; readonly colour: string; readonly bots: number; readonly pin: string | null };
  readonly onProfile: (name: string, colour: string, bots: number) => void;
  readonly onPractice: () => void;
  /** `pin`: what is in the PIN box, when the host asks for one. */
  readonly onJoin: (pin: string | null) => void;
  readonly onReady: (ready: boolean) => void;
  readonly onStart: () => void;
  readonly onAddBot: () => void;
  readonly onRemoveBot: (slot: number) => void;
  /** "Watch a replay": opens the replay file picker (game/app/replay-open.ts). */
  readonly onWatchReplay?: () => void;
}

/** The panel. */
export interface LobbyPanel {
  render(view: LobbyView): void;
  destroy(): void;
}

const card = (title: string, className: string, ...children: (Node | string)[]): HTMLElement => h('section', { class: `panel ${className}` }, h('h2', { text: title }), ...children);

/** The match's target score: the host's options when it sends them, else the sim's default. */
export function targetScoreOf(lobby: LobbyClientState | null): number {
  const options = (lobby?.roster as { readonly options?: { readonly targetScore?: unknown } } | null | undefined)?.options;
  return typeof options?.targetScore === 'number' ? options.targetScore : DEFAULT_TARGET_SCORE;
}

/** The status line about the host (pure, for tests). */
export function hostStatusText(lobby: LobbyClientState | null): string {
  if (!lobby || lobby.status === 'connecting') return 'Looking for the host…';
  if (lobby.status === 'no-host') return 'No host: this page is not served by a Ricochet host, so there is no network match here. Practice works. Run `npm start` on a laptop to host one.';
  if (lobby.status === 'closed') return `The host closed the connection.${lobby.lastError ? ` ${lobby.lastError}` : ''}`;
  if (lobby.status === 'reconnecting') return 'Host gone — reconnecting…';
  if (lobby.refusal) return `The host refused: ${lobby.refusal.message}`;
  if (lobby.welcome) return `Joined "${lobby.welcome.matchName}".`;
  return `Connected to "${lobby.roster?.matchName ?? 'the host'}".${lobby.pinRequired ? ' Joining needs the PIN the host shows.' : ''}`;
}

function matchesList(matches: readonly MatchListing[]): HTMLElement {
  if (!matches.length) return h('p', { class: 'dim', text: 'No matches seen on your network yet.' });
  return h(
    'ul',
    { class: 'match-list', style: { listStyle: 'none', padding: '0', margin: '0' } },
    ...matches.map((m) =>
      h(
        'li',
        { style: { display: 'flex', gap: '8px', alignItems: 'center', padding: '4px 0', opacity: m.alive ? '1' : '0.45' } },
        h('span', { style: { flex: '1' }, text: `${m.name}${m.self ? ' (this host)' : ''}`, title: m.pinRequired ? 'needs a PIN: its page asks for it' : '' }),
        // In words, not an emoji: a device without an emoji font would show a blank box.
        h('span', { class: 'dim', text: `${m.players}/${m.capacity} · ${m.alive ? m.phase : 'gone'}${m.pinRequired ? ' · PIN' : ''}` }),
        m.self || !m.alive ? null : h('a', { href: m.url, style: { color: '#56b4e9' }, text: 'open' }),
      ),
    ),
  );
}

function rosterView(lobby: LobbyClientState, actions: LobbyActions, pin: () => string | null): HTMLElement {
  const roster = lobby.roster;
  const me = lobby.welcome;
  const mine = ownSlot(lobby);
  // From the roster, so that Start and Add bot follow the crown when the creator leaves.
  const creator = isCreator(lobby);
  const rows = (roster?.slots ?? []).map((s) =>
    h(
      'li',
      { style: { display: 'flex', gap: '8px', alignItems: 'center', padding: '3px 0' } },
      h('span', { class: 'marker', style: { color: s.colour }, text: MARKER_GLYPHS[s.slot % 8] }),
      h('span', { style: { flex: '1' }, text: `${s.name}${s.kind === 'bot' ? ' (bot)' : ''}${s.isCreator ? ' ★' : ''}${s === mine ? ' (you)' : ''}` }),
      h('span', { class: 'dim', text: s.ready ? 'ready' : 'not ready' }),
      creator && s.kind === 'bot' ? h('button', { class: 'remove-bot', text: '✕', onclick: () => actions.onRemoveBot(s.slot) }) : null,
    ),
  );
  const everyoneReady = !!roster && roster.slots.length >= 2 && roster.slots.every((s) => s.ready);
  const controls = me
    ? h(
        'div',
        { class: 'match-actions' },
        h('button', { class: mine?.ready ? 'ready-toggle' : 'primary ready-toggle', text: mine?.ready ? 'Not ready' : 'Ready', onclick: () => actions.onReady(!mine?.ready) }),
        creator ? h('button', { class: 'add-bot', text: 'Add bot', onclick: () => actions.onAddBot(), disabled: (roster?.slots.length ?? 0) >= (roster?.capacity ?? 8) }) : null,
        creator ? h('button', { class: 'primary start-match', text: 'Start', onclick: () => actions.onStart(), disabled: !everyoneReady }) : null,
      )
    : h('button', { class: 'primary join-match', text: 'Join this match', onclick: () => actions.onJoin(pin()), disabled: lobby.status !== 'open' });
  // The buttons above the list: with eight players, the list must not push them off a phone's screen.
  return h('div', {}, controls, h('ul', { class: 'roster', style: { listStyle: 'none', padding: '0', margin: '8px 0 0' } }, ...rows), lobby.lastError ? h('p', { class: 'dim', text: lobby.lastError }) : null);
}

function profileCard(actions: LobbyActions): HTMLElement {
  let { name, colour, bots } = actions.initial;
  const changed = (): void => actions.onProfile(name, colour, bots);
  // maxlength counts UTF-16 units, each at least one UTF-8 byte: it never cuts a name that fits.
  const nameInput = h('input', { class: 'name-input', value: name, maxlength: String(MAX_NAME_BYTES), 'aria-label': 'your name', style: { width: '100%', boxSizing: 'border-box' } });
  const takeName = (): void => {
    const fitted = cutToBytes(nameInput.value, MAX_NAME_BYTES);
    if (fitted !== nameInput.value) nameInput.value = fitted;
    name = cleanName(fitted) || name;
    changed();
  };
  // Rewriting the field under an input method's composition would break it: wait for its end.
  nameInput.addEventListener('input', (event) => void ((event as InputEvent).isComposing || takeName()));
  nameInput.addEventListener('compositionend', takeName);
  // Once the player is done, the field shows the name as others will see it.
  nameInput.addEventListener('change', () => void (nameInput.value = name));
  const swatches = PALETTE.map((c) => h('button', { class: `swatch${c === colour ? ' selected' : ''}`, style: { background: c }, 'aria-label': `colour ${c}`, title: c }));
  swatches.forEach((s, i) =>
    s.addEventListener('click', () => {
      colour = PALETTE[i] ?? colour;
      swatches.forEach((o, j) => o.classList.toggle('selected', i === j));
      changed();
    }),
  );
  const botSelect = h('select', { class: 'bot-count', 'aria-label': 'number of bots' }, ...[1, 2, 3, 4, 5, 6, 7].map((n) => h('option', { value: String(n), text: `${n} bot${n > 1 ? 's' : ''}`, selected: n === bots })));
  botSelect.addEventListener('change', () => {
    bots = Number(botSelect.value);
    changed();
  });
  return card(
    'Play',
    'play-card',
    nameInput,
    h('div', { class: 'swatches' }, ...swatches),
    h('div', { class: 'practice-row' }, h('button', { class: 'primary practice', text: 'Practice vs bots', onclick: () => actions.onPractice() }), botSelect),
  );
}

/**
 * A phone has no host process to discover matches with: the host's own page shows its QR code and
 * URL, so a friend can scan the laptop's screen. Hidden until a host is known to serve the page.
 */
function inviteCard(): { readonly element: HTMLElement; show(visible: boolean): void } {
  const url = h('p', { class: 'invite-url', style: { margin: '8px 0 0', wordBreak: 'break-all' } });
  const qr = h('img', { class: 'invite-qr', alt: 'QR code of this match', width: '180', height: '180', style: { background: '#fff', borderRadius: '6px' } });
  const element = card('Invite a phone', 'invite', h('p', { class: 'dim', style: { margin: '0 0 8px' }, text: 'Scan to join on the same Wi-Fi:' }), qr, url);
  element.style.display = 'none';
  let loaded = false;
  return {
    element,
    show(visible) {
      element.style.display = visible ? '' : 'none';
      if (!visible || loaded) return;
      loaded = true;
      qr.setAttribute('src', 'api/qr.svg');
      fetch('api/info')
        .then((res) => res.json() as Promise<{ urls?: string[] }>)
        .then((info) => (url.textContent = info.urls?.[0] ?? ''))
        .catch(() => (url.textContent = ''));
    },
  };
}

/**
 * The PIN box: built once (a re-render would lose what is typed), shown while the host asks for a
 * PIN and the page has not joined. Filled from the page's `pin=` parameter, if any.
 */
function pinBox(initial: string | null): { readonly element: HTMLElement; value(): string | null; show(visible: boolean): void } {
  const input = h('input', { class: 'pin-input', value: initial ?? '', inputmode: 'numeric', maxlength: '8', autocomplete: 'off', 'aria-label': 'match PIN', placeholder: 'PIN', style: { width: '8em' } });
  const element = h('label', { class: 'pin', style: { display: 'none', gap: '8px', alignItems: 'center', margin: '0 0 8px' } }, 'PIN', input);
  return {
    element,
    value: () => input.value.trim() || null,
    show: (visible) => void (element.style.display = visible ? 'flex' : 'none'),
  };
}

/** The wordmark and the line under it. */
const brand = (): HTMLElement =>
  h('header', { class: 'lobby-brand' }, h('h1', { class: 'wordmark', text: 'RICOCHET' }), h('p', { class: 'tagline', text: 'Tanks, a maze, and shells that bounce.' }));

/** Builds the panel in the overlay. */
export function createLobbyPanel(actions: LobbyActions): LobbyPanel {
  const hostLine = h('p', { class: 'host-status', style: { margin: '0 0 8px' } });
  const pin = pinBox(actions.initial.pin);
  const matchesBox = h('div', { class: 'matches' });
  const rosterBox = h('div', { class: 'this-match' });
  const problemBox = h('p', { class: 'problem', style: { color: '#f0e442', margin: '8px 0 0' } });
  const invite = inviteCard();
  const touch = isTouchDevice(window);
  const howTo = createHowToPlay(touch);
  const root = h(
    'div',
    { class: `lobby${touch ? ' touch' : ''}` },
    h(
      'div',
      { class: 'lobby-grid' },
      brand(),
      // The creator's match options (game/ui/match-options-panel.ts) mount into #match-options.
      h('div', { class: 'lobby-play' }, profileCard(actions), card('This match', 'match-card', hostLine, pin.element, rosterBox, problemBox, h('div', { id: 'match-options' }))),
      h('div', { class: 'lobby-about' }, createTitleArt(), howTo.element),
      // More entry points (e.g. watching a replay) go in .lobby-more.
      h('div', { class: 'lobby-side' }, card('Matches on your network', 'network', matchesBox), invite.element, h('div', { class: 'lobby-more' }, h('button', { class: 'watch-replay', text: 'Watch a replay', title: 'open a replay file (or drop one on this page)', onclick: () => actions.onWatchReplay?.() }))),
    ),
  );
  overlayRoot().append(root);
  return {
    render(view) {
      hostLine.textContent = hostStatusText(view.lobby);
      matchesBox.replaceChildren(view.lobby?.status === 'no-host' ? h('p', { class: 'dim', text: 'Needs a host process: browsers cannot browse the LAN themselves.' }) : matchesList(view.matches));
      rosterBox.replaceChildren(view.lobby && view.lobby.status === 'open' ? rosterView(view.lobby, actions, pin.value) : h('span'));
      pin.show(view.lobby?.status === 'open' && view.lobby.pinRequired && !view.lobby.welcome);
      problemBox.textContent = view.problem ?? '';
      invite.show(view.lobby?.status === 'open');
      howTo.setTarget(targetScoreOf(view.lobby));
      // Once in a network match, Ready is the main action: Practice steps back to a plain button.
      root.classList.toggle('joined', !!view.lobby?.welcome);
    },
    destroy: () => root.remove(),
  };
}
