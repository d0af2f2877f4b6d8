/**
 * The lobby's state machine: the host's authority before the start. A pure reducer: each call
 * takes the state and one event (a connection's message, a disconnect) and returns the next state
 * and the messages to send (`effects`), so every rule is unit-tested without a socket.
 *
 * Rules:
 *   - Slots are dense and in join order (max `capacity`); a leaver's slot closes up in the lobby.
 *   - The first player is the creator; if the creator leaves, the next player in slot order
 *     becomes creator and inherits the bots (bots run on their owner's page).
 *   - Names are cleaned (net/lobby's one name rule, `cleanName`) and deduplicated ("Ada",
 *     "Ada (2)", the suffix within the byte limit), at a join and at a rename (`set-name`, in the
 *     lobby phase); colours are distinct, from the palette.
 *   - A join carrying a member's token takes that member's place back (lobby-rejoin.ts).
 *   - Start: creator only, every other player ready (or `startWhen` players ready: automatic).
 *     The host draws the seed.
 *   - Match options (target score, maze, bot level, netcode): the creator changes them in the
 *     lobby phase (`set-options`); every roster shows them, the start carries them. They outlive a
 *     match and pass to the next creator with the lobby.
 *   - Identity: each player gets a secret token (in its own welcome only) and each match a fresh
 *     signalling key (drawn by the first join after a start, or by the start; handed in welcomes
 *     and the start). Only the holder of a member's token may register its peer id
 *     (peer-admission.ts). Rosters carry no peer ids: a lobby screen that has not joined sees names,
 *     slots and ready flags only. Then the lobby is `playing`: joins are refused until every player
 *     of the match has reported `match-over` or left, and the lobby reopens (ready flags reset).
 */
import {
  DEFAULT_MATCH_OPTIONS,
  MAX_SLOTS,
  REFUSAL,
  type ClientMessage,
  type Colour,
  type HostMessage,
  type IceServer,
  type LobbyPhase,
  type MatchOptions,
  type PeerServerParams,
  type Roster,
  type StartInfo,
} from '../lobby/index.js';
import { dedupeName, firstFreeColour } from './lobby-names.js';
import { reclaimPlace, rememberDeparted, type Departed } from './lobby-rejoin.js';
import { dropSpectator, feedAtStart, refeed, spectate, spectatorOn, type LobbySpectator, type SpectatorStep } from './lobby-spectators.js';

/** One occupied slot. */
export interface LobbyMember {
  readonly kind: 'player' | 'bot';
  /** A player's id, or for a bot its own id (`bot-N`). */
  readonly id: string;
  /** The player who runs this slot (a bot's owner; a player's own id). */
  readonly ownerId: string;
  readonly peerId: string;
  readonly name: string;
  readonly colour: Colour;
  readonly ready: boolean;
  /** The lobby connection of a player; null for a bot. */
  readonly connId: number | null;
  /** A player's secret, its PeerJS token; null for a bot (it runs on its owner's peer). */
  readonly token: string | null;
  /** The signalling key the member was last handed (welcome or start). */
  readonly peerKey: string;
}

/** The whole lobby. Plain data. */
export interface LobbyState {
  readonly matchId: string;
  readonly matchName: string;
  readonly phase: LobbyPhase;
  readonly capacity: number;
  readonly members: readonly LobbyMember[];
  readonly creatorId: string | null;
  /** How many matches this lobby has started (StartInfo.matchNumber of the latest). */
  readonly matchNumber: number;
  /** Players of the running match who have not yet reported `match-over` (nor left). */
  readonly inMatch: readonly string[];
  readonly counter: number;
  /** The signalling key of the match being gathered; '' until a join or the start draws one. */
  readonly peerKey: string;
  /** The creator's choices for the next match. */
  readonly options: MatchOptions;
  /** Players who left the lobby lately, so that a page coming back with its token takes its place back (lobby-rejoin.ts). */
  readonly departed: readonly Departed[];
  /** Pages watching rather than playing (lobby-spectators.ts). */
  readonly spectators: readonly LobbySpectator[];
  /** The latest match started (what a spectator watches), or null before the first. */
  readonly running: StartInfo | null;
}

/** Facts about the host that the lobby hands out; fixed for the process. */
export interface HostFacts {
  readonly protocolVersion: number;
  readonly buildId: string;
  /** Where the signalling server is; the key and the token are the match's and the member's. */
  readonly peerServer: Omit<PeerServerParams, 'key' | 'token'>;
  readonly iceServers: readonly IceServer[];
  readonly startWhen: number | null;
}

/** Where the host's randomness comes from (injected so tests are deterministic). */
export interface LobbyRandom {
  seed(): number;
  peerId(): string;
  /** A fresh secret (at least 128 random bits): member tokens and signalling keys. */
  secret(): string;
}

/** A message to send: to one connection, or to every open connection. */
export interface Effect {
  readonly to: number | 'all';
  readonly msg: HostMessage;
}

/** A reducer's result. */
export interface Step {
  readonly state: LobbyState;
  readonly effects: readonly Effect[];
  /** Connections to close with CLOSE_REPLACED: their member now speaks through another one. */
  readonly replaced?: readonly number[];
}

/** Everything a reducer call may need besides the state. */
export interface LobbyContext {
  readonly facts: HostFacts;
  readonly random: LobbyRandom;
}

/** A fresh, empty lobby. */
export function createLobbyState(matchId: string, matchName: string, capacity = MAX_SLOTS): LobbyState {
  return { matchId, matchName, phase: 'lobby', capacity, members: [], creatorId: null, matchNumber: 0, inMatch: [], counter: 0, peerKey: '', options: DEFAULT_MATCH_OPTIONS, departed: [], spectators: [], running: null };
}

/** The roster as pages see it. */
export function rosterOf(state: LobbyState): Roster {
  return {
    matchId: state.matchId,
    matchName: state.matchName,
    phase: state.phase,
    capacity: state.capacity,
    slots: state.members.map((m, slot) => ({
      slot,
      kind: m.kind,
      playerId: m.ownerId,
      name: m.name,
      colour: m.colour,
      ready: m.ready,
      isCreator: m.kind === 'player' && m.id === state.creatorId,
    })),
    options: state.options,
    watching: state.spectators.length,
  };
}

const say = (to: number | 'all', msg: HostMessage): Effect => ({ to, msg });
const rosterEffect = (state: LobbyState): Effect => ({ to: 'all', msg: { type: 'roster', roster: rosterOf(state) } });
const refuse = (state: LobbyState, to: number, reason: (typeof REFUSAL)[keyof typeof REFUSAL], message: string): Step => ({
  state,
  effects: [say(to, { type: 'refused', reason, message })],
});
const turnDown = (state: LobbyState, to: number, message: string): Step => ({ state, effects: [say(to, { type: 'error', message })] });
const changed = (state: LobbyState, extra: readonly Effect[] = []): Step => ({ state, effects: [...extra, rosterEffect(state)] });
/** Like `changed`, but a step that changed nothing sends nothing (and the shell re-announces nothing). */
const changedFrom = (before: LobbyState, next: LobbyState): Step => (next === before ? { state: before, effects: [] } : changed(next));

const memberOf = (state: LobbyState, connId: number): LobbyMember | undefined =>
  state.members.find((m) => m.kind === 'player' && m.connId === connId);

/** A connection opened: it gets the roster at once (a lobby screen shows it before joining). */
export function lobbyConnect(state: LobbyState, connId: number): Step {
  return { state, effects: [say(connId, { type: 'roster', roster: rosterOf(state) })] };
}

function join(state: LobbyState, ctx: LobbyContext, connId: number, msg: Extract<ClientMessage, { type: 'join' }>): Step {
  const { facts } = ctx;
  if (memberOf(state, connId)) return turnDown(state, connId, 'You have already joined.');
  if (msg.protocolVersion !== facts.protocolVersion || msg.buildId !== facts.buildId) {
    return refuse(state, connId, REFUSAL.versionMismatch, 'This page is from another version of Ricochet: reload it from the host.');
  }
  if (state.phase !== 'lobby') return refuse(state, connId, REFUSAL.started, 'This match has already started: wait for the next one.');
  const back = msg.token ? reclaimPlace(state, ctx, connId, { ...msg, token: msg.token }) : null;
  if (back) return { ...changed(back.state, [say(connId, welcomeOf(back.state, facts, back.member))]), replaced: back.replaced };
  if (state.members.length >= state.capacity) return refuse(state, connId, REFUSAL.full, `This match is full (${state.capacity} players).`);
  const counter = state.counter + 1;
  const peerKey = state.peerKey || ctx.random.secret();
  const token = ctx.random.secret();
  const member: LobbyMember = {
    kind: 'player',
    id: `player-${counter}`,
    ownerId: `player-${counter}`,
    peerId: ctx.random.peerId(),
    name: dedupeName(msg.name, state.members.map((m) => m.name)),
    colour: firstFreeColour(msg.colour, state.members.map((m) => m.colour)),
    ready: false,
    connId,
    token,
    peerKey,
  };
  const creatorId = state.creatorId ?? member.id;
  const next = { ...state, counter, creatorId, peerKey, members: [...state.members, member] };
  return changed(next, [say(connId, welcomeOf(next, facts, member))]);
}

/** A member's welcome: its ids, its own token, and the match's signalling key. */
function welcomeOf(state: LobbyState, facts: HostFacts, member: LobbyMember): HostMessage {
  return {
    type: 'welcome',
    playerId: member.id,
    peerId: member.peerId,
    matchId: state.matchId,
    matchName: state.matchName,
    isCreator: state.creatorId === member.id,
    peerServer: { ...facts.peerServer, key: member.peerKey, token: member.token ?? '' },
    iceServers: [...facts.iceServers],
    protocolVersion: facts.protocolVersion,
    buildId: facts.buildId,
  };
}

/** Remove player `id` (and, if nobody can inherit them, the bots); hand the creator role on. */
function removePlayer(state: LobbyState, id: string): LobbyState {
  let members = state.members.filter((m) => m.id !== id);
  let creatorId = state.creatorId;
  if (creatorId === id) {
    const heir = members.find((m) => m.kind === 'player');
    creatorId = heir ? heir.id : null;
    // In the lobby the heir runs the bots from now on; during a match they left with their page.
    members = members
      .filter((m) => m.kind === 'player' || (heir && state.phase === 'lobby'))
      .map((m) => (m.kind === 'bot' && heir ? { ...m, ownerId: heir.id, peerId: heir.peerId } : m));
  }
  if (state.phase === 'playing') members = members.filter((m) => m.kind === 'player' || m.ownerId !== id);
  const slot = state.members.findIndex((m) => m.id === id);
  const leaver = state.members[slot];
  // Only a lobby place can be taken back: a match goes on without its leavers.
  const departed = leaver && state.phase === 'lobby' ? rememberDeparted(state.departed, leaver, slot) : state.departed;
  return reopenIfOver({ ...state, members, creatorId, departed, inMatch: state.inMatch.filter((p) => p !== id) });
}

/** Back to the lobby once nobody is still playing the started match. */
function reopenIfOver(state: LobbyState): LobbyState {
  if (state.phase !== 'playing' || state.inMatch.length > 0) return state;
  return { ...state, phase: 'lobby', members: state.members.map((m) => (m.kind === 'player' ? { ...m, ready: false } : m)) };
}

/** A connection closed. A joined player leaves the roster. */
export function lobbyDisconnect(state: LobbyState, connId: number, ctx?: LobbyContext): Step {
  if (spectatorOn(state, connId)) return changed(dropSpectator(state, connId));
  const member = memberOf(state, connId);
  if (!member) return { state, effects: [] };
  // Mid-match, a closed lobby socket is the fastest sign that a tab closed or crashed.
  const next = removePlayer(state, member.id);
  // Peer ids go to members only (they have them from the start anyway), never to lobby screens.
  const told = next.members.filter((m) => m.kind === 'player' && m.connId !== null);
  const gone = state.phase === 'playing' && state.inMatch.includes(member.id) ? told.map((m) => say(m.connId ?? -1, { type: 'peer-gone', peerId: member.peerId })) : [];
  // Its spectators go on with another player.
  const fed = ctx ? refeed(next, ctx, member.peerId) : { state: next, effects: [] };
  return changed(fed.state, [...gone, ...fed.effects]);
}

/** Each start has its own signalling key; the next match draws a fresh one. */
function startMatch(state: LobbyState, ctx: LobbyContext): Step {
  const peerKey = state.peerKey || ctx.random.secret();
  const start: StartInfo = {
    matchId: state.matchId,
    matchNumber: state.matchNumber + 1,
    seed: ctx.random.seed() >>> 0,
    slotOwners: state.members.map((m) => m.peerId),
    names: state.members.map((m) => m.name),
    colours: state.members.map((m) => m.colour),
    botSlots: state.members.flatMap((m, slot) => (m.kind === 'bot' ? [slot] : [])),
    peerKey,
    options: state.options,
  };
  const members = state.members.map((m) => ({ ...m, peerKey }));
  const players = members.filter((m) => m.kind === 'player');
  const next: LobbyState = { ...state, members, phase: 'playing', matchNumber: start.matchNumber, inMatch: players.map((m) => m.id), peerKey: '', departed: [], running: start };
  const starts = players.map((m) => say(m.connId ?? -1, { type: 'start', start }));
  // Spectators get a feeder after the players have their start (a feed needs a running match).
  const fed = feedAtStart(next, ctx);
  return changed(fed.state, [...starts, ...fed.effects]);
}

type Handler<T extends ClientMessage['type']> = (
  state: LobbyState,
  ctx: LobbyContext,
  member: LobbyMember,
  msg: Extract<ClientMessage, { type: T }>,
) => Step;

/** Patch member `id`; the same state back when the patch changes nothing (so no broadcast). */
const update = (state: LobbyState, id: string, patch: Partial<LobbyMember>): LobbyState => {
  const member = state.members.find((m) => m.id === id);
  const same = member && Object.entries(patch).every(([k, v]) => member[k as keyof LobbyMember] === v);
  return same ? state : { ...state, members: state.members.map((m) => (m.id === id ? { ...m, ...patch } : m)) };
};

const creatorOnly = (state: LobbyState, member: LobbyMember, what: string): Step | null => {
  if (member.id !== state.creatorId) return turnDown(state, member.connId ?? -1, `Only the match creator can ${what}.`);
  if (state.phase !== 'lobby') return turnDown(state, member.connId ?? -1, 'The match has already started.');
  return null;
};

/** A spectator step: with the roster if the spectators changed (their count is in it). */
const spectated = (before: LobbyState, step: SpectatorStep): Step =>
  step.state.spectators === before.spectators ? { state: step.state, effects: step.effects } : changed(step.state, step.effects);

const handlers: { [T in Exclude<ClientMessage['type'], 'join' | 'spectate'>]: Handler<T> } = {
  'set-ready': (state, _ctx, member, msg) =>
    state.phase === 'lobby' ? changedFrom(state, update(state, member.id, { ready: msg.ready })) : { state, effects: [] },
  'set-colour': (state, _ctx, member, msg) => {
    const taken = state.members.some((m) => m.id !== member.id && m.colour === msg.colour);
    if (taken) return turnDown(state, member.connId ?? -1, 'That colour is taken.');
    return changedFrom(state, update(state, member.id, { colour: msg.colour }));
  },
  'set-name': (state, _ctx, member, msg) => {
    // The start has sent every page the names: a rename now would show in no match.
    if (state.phase !== 'lobby') return turnDown(state, member.connId ?? -1, 'The match has already started: rename in the lobby.');
    const name = dedupeName(msg.name, state.members.filter((m) => m.id !== member.id).map((m) => m.name));
    return changedFrom(state, update(state, member.id, { name }));
  },
  'add-bot': (state, _ctx, member) => {
    const denied = creatorOnly(state, member, 'add bots');
    if (denied) return denied;
    if (state.members.length >= state.capacity) return turnDown(state, member.connId ?? -1, 'The match is full.');
    const counter = state.counter + 1;
    const bot: LobbyMember = {
      kind: 'bot',
      id: `bot-${counter}`,
      ownerId: member.id,
      peerId: member.peerId,
      name: dedupeName(`Bot ${state.members.filter((m) => m.kind === 'bot').length + 1}`, state.members.map((m) => m.name)),
      colour: firstFreeColour(undefined, state.members.map((m) => m.colour)),
      ready: true,
      connId: null,
      token: null,
      peerKey: member.peerKey,
    };
    return changed({ ...state, counter, members: [...state.members, bot] });
  },
  'remove-bot': (state, _ctx, member, msg) => {
    const denied = creatorOnly(state, member, 'remove bots');
    if (denied) return denied;
    const target = state.members[msg.slot];
    if (!target || target.kind !== 'bot') return turnDown(state, member.connId ?? -1, `Slot ${msg.slot} is not a bot.`);
    return changed({ ...state, members: state.members.filter((_, slot) => slot !== msg.slot) });
  },
  start: (state, ctx, member) => {
    const denied = creatorOnly(state, member, 'start the match');
    if (denied) return denied;
    const waiting = state.members.filter((m) => m.kind === 'player' && m.id !== member.id && !m.ready);
    if (waiting.length > 0) {
      return turnDown(state, member.connId ?? -1, `Waiting for ${waiting.map((m) => m.name).join(', ')} to be ready.`);
    }
    return startMatch(state, ctx);
  },
  'set-options': (state, _ctx, member, msg) => {
    const denied = creatorOnly(state, member, 'change the match options');
    if (denied) return denied;
    const options = { ...state.options, ...msg.options };
    const same = (Object.keys(options) as (keyof MatchOptions)[]).every((k) => options[k] === state.options[k]);
    return changedFrom(state, same ? state : { ...state, options });
  },
  'match-over': (state, ctx, member) => {
    if (state.phase !== 'playing' || !state.inMatch.includes(member.id)) return { state, effects: [] };
    // A player who quits mid-match feeds no one any more: its spectators go on with another.
    const fed = refeed(reopenIfOver({ ...state, inMatch: state.inMatch.filter((id) => id !== member.id) }), ctx, member.peerId);
    return changed(fed.state, fed.effects);
  },
};

/** `--start-when N`: start by itself once N players are ready. */
function tryAutoStart(step: Step, ctx: LobbyContext): Step {
  const n = ctx.facts.startWhen;
  const { state } = step;
  if (n === null || state.phase !== 'lobby') return step;
  const ready = state.members.filter((m) => m.kind === 'player' && m.ready).length;
  if (ready < n) return step;
  const started = startMatch(state, ctx);
  return { state: started.state, effects: [...step.effects, ...started.effects] };
}

/** A validated message from connection `connId`. */
export function lobbyMessage(state: LobbyState, ctx: LobbyContext, connId: number, msg: ClientMessage): Step {
  if (msg.type === 'spectate') return spectated(state, spectate(state, ctx, connId, msg));
  // A spectator that joins (the lobby reopened: "play again") stops watching and takes a free slot.
  if (msg.type === 'join' && spectatorOn(state, connId) && state.phase === 'lobby') return tryAutoStart(join(dropSpectator(state, connId), ctx, connId, msg), ctx);
  if (msg.type === 'join') return tryAutoStart(join(state, ctx, connId, msg), ctx);
  const member = memberOf(state, connId);
  if (!member) return turnDown(state, connId, 'Join the match first.');
  const handler = handlers[msg.type] as Handler<typeof msg.type>;
  return tryAutoStart(handler(state, ctx, member, msg as never), ctx);
}

/** Rename the match (after an mDNS name conflict): everyone sees the new name. */
export function lobbyRename(state: LobbyState, matchName: string): Step {
  return changedFrom(state, matchName === state.matchName ? state : { ...state, matchName });
}
