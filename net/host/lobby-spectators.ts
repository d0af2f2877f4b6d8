/**
 * Spectators in the lobby's state machine (issue #11 part 3). A page that asks to `spectate`
 * (`spectate=1`, or after a join refused because the match started or was full) gets a spectator
 * record: an id, its own PeerJS id and secret token (only it may register that id, as for a
 * member; see peer-admission.ts), and, while a match runs, a feeder: the player of the match with
 * the fewest spectators (slot order breaks ties), so spectators spread over the players. That
 * player's page is told to `feed` it; the spectator is told who feeds it (`spectating`). When a
 * feeder's page leaves, its spectators move to another player; when a match starts, waiting
 * spectators get one. Every roster counts them (`watching`). A spectator that joins once the lobby
 * reopens takes a free slot like anyone else.
 *
 * Pure: each function returns the next state and the messages to send; lobby-state.ts adds the
 * roster.
 */
import { REFUSAL, type ClientMessage, type HostMessage, type StartInfo } from '../lobby/index.js';
import type { Effect, LobbyContext, LobbyState } from './lobby-state.js';

/** One spectator. */
export interface LobbySpectator {
  readonly id: string;
  readonly peerId: string;
  readonly name: string;
  readonly connId: number;
  /** Its secret, its PeerJS token. */
  readonly token: string;
  /** The peer id of the player feeding it in the running match, or null. */
  readonly feeder: string | null;
}

/** Spectators at once, at most: each costs a player some upload. */
export const MAX_SPECTATORS = 16;

/** A reducer's result without the roster (lobby-state.ts adds it). */
export interface SpectatorStep {
  readonly state: LobbyState;
  readonly effects: readonly Effect[];
}

const say = (to: number, msg: HostMessage): Effect => ({ to, msg });

/** The spectator on connection `connId`, if any. */
export const spectatorOn = (state: LobbyState, connId: number): LobbySpectator | undefined => state.spectators.find((s) => s.connId === connId);

/** The players who can feed: members of the running match whose page is still connected. */
function feeders(state: LobbyState, start: StartInfo): { peerId: string; connId: number }[] {
  return state.members.flatMap((m) =>
    m.kind === 'player' && m.connId !== null && state.inMatch.includes(m.id) && start.slotOwners.includes(m.peerId) ? [{ peerId: m.peerId, connId: m.connId }] : [],
  );
}

/** The feeder with the fewest spectators, among `candidates` (slot order breaks ties). */
function leastBusy(spectators: readonly LobbySpectator[], candidates: readonly { peerId: string; connId: number }[]): { peerId: string; connId: number } | null {
  let best: { peerId: string; connId: number } | null = null;
  let bestCount = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const count = spectators.filter((s) => s.feeder === candidate.peerId).length;
    if (count < bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}

/** What a spectator is told: its ids, its token, the match and its feeder. */
function spectatingOf(state: LobbyState, ctx: LobbyContext, s: LobbySpectator): HostMessage {
  const start = state.phase === 'playing' ? state.running : null;
  return {
    type: 'spectating',
    spectatorId: s.id,
    peerId: s.peerId,
    peerServer: { ...ctx.facts.peerServer, key: start?.peerKey ?? '', token: s.token },
    iceServers: [...ctx.facts.iceServers],
    start,
    feeder: start ? s.feeder : null,
  };
}

/**
 * Gives a feeder to every spectator in `which` (all without one if absent), in order, and says so
 * to both ends. Nothing while no match runs.
 */
function assignFeeders(state: LobbyState, ctx: LobbyContext, which: (s: LobbySpectator) => boolean): SpectatorStep {
  const start = state.running;
  if (state.phase !== 'playing' || !start) return { state, effects: [] };
  const candidates = feeders(state, start);
  const effects: Effect[] = [];
  // Chosen before any is reassigned: `which` may look at the feeder it changes.
  const chosen = new Set(state.spectators.filter(which).map((s) => s.id));
  let spectators = state.spectators;
  for (const s of state.spectators) {
    if (!chosen.has(s.id)) continue;
    const feeder = leastBusy(spectators, candidates);
    const assigned = { ...s, feeder: feeder?.peerId ?? null };
    spectators = spectators.map((x) => (x.id === s.id ? assigned : x));
    if (feeder) effects.push(say(feeder.connId, { type: 'feed', peerId: s.peerId }));
  }
  const next = { ...state, spectators };
  for (const s of spectators) if (chosen.has(s.id)) effects.push(say(s.connId, spectatingOf(next, ctx, s)));
  return { state: next, effects };
}

/** A `spectate` from connection `connId`: a spectator record, and a feeder if a match runs. */
export function spectate(state: LobbyState, ctx: LobbyContext, connId: number, msg: Extract<ClientMessage, { type: 'spectate' }>): SpectatorStep {
  const { facts, random } = ctx;
  const turnDown = (message: string): SpectatorStep => ({ state, effects: [say(connId, { type: 'error', message })] });
  if (state.members.some((m) => m.connId === connId)) return turnDown('You are playing in this match.');
  if (spectatorOn(state, connId)) return turnDown('You are already watching.');
  if (msg.protocolVersion !== facts.protocolVersion || msg.buildId !== facts.buildId) {
    return { state, effects: [say(connId, { type: 'refused', reason: REFUSAL.versionMismatch, message: 'This page is from another version of Ricochet: reload it from the host.' })] };
  }
  if (state.spectators.length >= MAX_SPECTATORS) {
    return { state, effects: [say(connId, { type: 'refused', reason: REFUSAL.full, message: `${MAX_SPECTATORS} people are watching already.` })] };
  }
  const counter = state.counter + 1;
  const spectator: LobbySpectator = { id: `spectator-${counter}`, peerId: random.peerId(), name: msg.name, connId, token: random.secret(), feeder: null };
  const added = { ...state, counter, spectators: [...state.spectators, spectator] };
  const assigned = assignFeeders(added, ctx, (s) => s.id === spectator.id);
  // No match to watch yet: the spectator hears its ids now, and a feeder at the start.
  return assigned.effects.length > 0 ? assigned : { state: added, effects: [say(connId, spectatingOf(added, ctx, spectator))] };
}

/** Connection `connId` closed or joined as a player: its spectator record goes. */
export function dropSpectator(state: LobbyState, connId: number): LobbyState {
  const spectators = state.spectators.filter((s) => s.connId !== connId);
  return spectators.length === state.spectators.length ? state : { ...state, spectators };
}

/** A match started: every spectator gets a feeder of it. */
export function feedAtStart(state: LobbyState, ctx: LobbyContext): SpectatorStep {
  return assignFeeders({ ...state, spectators: state.spectators.map((s) => ({ ...s, feeder: null })) }, ctx, () => true);
}

/** The player `peerId` left the running match: its spectators move to another player. */
export function refeed(state: LobbyState, ctx: LobbyContext, peerId: string): SpectatorStep {
  if (!state.spectators.some((s) => s.feeder === peerId)) return { state, effects: [] };
  return assignFeeders(state, ctx, (s) => s.feeder === peerId);
}

/** May `id` register with `token` and `key` as a spectator now? Its own token, and the running match's key. */
export function spectatorAdmission(state: LobbyState, id: string, token: string, sameSecret: (a: string, b: string) => boolean): LobbySpectator | null {
  const spectator = state.spectators.find((s) => s.peerId === id);
  return spectator && sameSecret(token, spectator.token) ? spectator : null;
}
