import { describe, expect, it } from 'vitest';
import { admitPeer } from '../../../net/host/peer-admission.js';
import { createLobbyState, lobbyDisconnect, lobbyMessage, rosterOf, type LobbyContext, type LobbyState, type Step } from '../../../net/host/lobby-state.js';
import { MAX_SPECTATORS } from '../../../net/host/lobby-spectators.js';
import type { ClientMessage, HostMessage } from '../../../net/lobby/messages.js';
import { parseClientMessage } from '../../../net/lobby/validate.js';

const facts = { protocolVersion: 4, buildId: 'b', peerServer: { host: 'h', port: 1, path: '/peerjs', secure: false }, iceServers: [], startWhen: null };
function context(): LobbyContext {
  let n = 0;
  let secrets = 0;
  return { facts, random: { seed: () => 1, peerId: () => `peer${++n}`, secret: () => `secret${++secrets}` } };
}
const join = (name: string): ClientMessage => ({ type: 'join', protocolVersion: 4, buildId: 'b', name });
const spectate = (name: string): ClientMessage => ({ type: 'spectate', protocolVersion: 4, buildId: 'b', name });
const to = (step: Step, conn: number): HostMessage[] => step.effects.filter((e) => e.to === conn).map((e) => e.msg);
type Spectating = Extract<HostMessage, { type: 'spectating' }>;
const spectating = (step: Step, conn: number): Spectating | undefined => to(step, conn).find((m): m is Spectating => m.type === 'spectating');

/** Ada, Bo and Cy (conns 1-3) playing a started match. */
function running(ctx: LobbyContext): LobbyState {
  let state = createLobbyState('m', 'M');
  for (const [conn, name] of [[1, 'Ada'], [2, 'Bo'], [3, 'Cy']] as const) state = lobbyMessage(state, ctx, conn, join(name)).state;
  for (const conn of [2, 3]) state = lobbyMessage(state, ctx, conn, { type: 'set-ready', ready: true }).state;
  return lobbyMessage(state, ctx, 1, { type: 'start' }).state;
}

describe('spectators in the lobby', () => {
  it('a page that spectates a running match gets its ids, the start and a feeder; that player is told to feed it; every roster counts it', () => {
    const ctx = context();
    const state = running(ctx);
    const step = lobbyMessage(state, ctx, 10, spectate('Watcher'));
    const msg = spectating(step, 10);
    expect(msg).toMatchObject({ spectatorId: 'spectator-4', peerId: 'peer4', feeder: 'peer1', start: { slotOwners: ['peer1', 'peer2', 'peer3'] } });
    expect(msg?.peerServer).toMatchObject({ key: state.running?.peerKey, token: expect.any(String) });
    expect(to(step, 1)).toContainEqual({ type: 'feed', peerId: 'peer4' });
    expect(rosterOf(step.state).watching).toBe(1);
    expect(step.effects.some((e) => e.to === 'all' && e.msg.type === 'roster' && e.msg.roster.watching === 1)).toBe(true);
    // Rosters still carry no peer id, a spectator's included.
    expect(JSON.stringify(rosterOf(step.state))).not.toMatch(/peer\d|secret/);
  });

  it('spreads spectators over the players, and moves those of a player who leaves to another', () => {
    const ctx = context();
    let state = running(ctx);
    const feeders: (string | null | undefined)[] = [];
    for (const conn of [10, 11, 12, 13]) {
      const step = lobbyMessage(state, ctx, conn, spectate(`W${conn}`));
      feeders.push(spectating(step, conn)?.feeder);
      state = step.state;
    }
    expect(feeders).toEqual(['peer1', 'peer2', 'peer3', 'peer1']);
    // Ada's page closes mid-match: her two spectators go to the least busy players left.
    const step = lobbyDisconnect(state, 1, ctx);
    expect(spectating(step, 10)?.feeder).toBe('peer2');
    expect(spectating(step, 13)?.feeder).toBe('peer3');
    expect(to(step, 2)).toContainEqual({ type: 'feed', peerId: 'peer4' });
    expect(to(step, 3)).toContainEqual({ type: 'feed', peerId: 'peer7' });
    expect(spectating(step, 11)).toBeUndefined();
  });

  it('a player who quits mid-match (match-over) hands its spectators on; the last match-over moves no one', () => {
    const ctx = context();
    let state = lobbyMessage(running(ctx), ctx, 10, spectate('W')).state;
    const quit = lobbyMessage(state, ctx, 1, { type: 'match-over' });
    expect(spectating(quit, 10)?.feeder).toBe('peer2');
    expect(to(quit, 2)).toContainEqual({ type: 'feed', peerId: 'peer4' });
    state = lobbyMessage(quit.state, ctx, 2, { type: 'match-over' }).state;
    const last = lobbyMessage(state, ctx, 3, { type: 'match-over' });
    expect(last.state.phase).toBe('lobby');
    expect(spectating(last, 10)).toBeUndefined();
  });

  it('a spectator before the start waits with no feeder, and gets one at the start', () => {
    const ctx = context();
    let state = createLobbyState('m', 'M');
    state = lobbyMessage(state, ctx, 1, join('Ada')).state;
    state = lobbyMessage(state, ctx, 2, join('Bo')).state;
    const early = lobbyMessage(state, ctx, 10, spectate('Early'));
    expect(spectating(early, 10)).toMatchObject({ start: null, feeder: null, peerServer: { key: '' } });
    state = lobbyMessage(early.state, ctx, 2, { type: 'set-ready', ready: true }).state;
    const start = lobbyMessage(state, ctx, 1, { type: 'start' });
    expect(spectating(start, 10)).toMatchObject({ feeder: 'peer1', start: { matchNumber: 1 } });
    // The player hears `start` before `feed`: it feeds a match it runs.
    expect(to(start, 1).map((m) => m.type)).toEqual(['start', 'feed']);
  });

  it('admits a spectator\'s peer id with its own token and the running match\'s key only', () => {
    const ctx = context();
    const step = lobbyMessage(running(ctx), ctx, 10, spectate('W'));
    const msg = spectating(step, 10);
    const token = msg?.peerServer.token ?? '';
    expect(admitPeer(step.state, 'peer4', token, msg?.peerServer.key ?? '')).toEqual({ ok: true, member: 'peer4' });
    expect(admitPeer(step.state, 'peer4', 'wrong', msg?.peerServer.key ?? '')).toMatchObject({ ok: false, status: 403 });
    expect(admitPeer(step.state, 'peer4', token, 'other-key')).toMatchObject({ ok: false, status: 401 });
  });

  it('turns down a player who spectates, a second spectate, another build, and more than the cap', () => {
    const ctx = context();
    let state = running(ctx);
    expect(to(lobbyMessage(state, ctx, 1, spectate('Ada')), 1)).toEqual([{ type: 'error', message: 'You are playing in this match.' }]);
    state = lobbyMessage(state, ctx, 10, spectate('W')).state;
    expect(to(lobbyMessage(state, ctx, 10, spectate('W')), 10)).toEqual([{ type: 'error', message: 'You are already watching.' }]);
    expect(to(lobbyMessage(state, ctx, 11, { ...spectate('X'), buildId: 'old' } as ClientMessage), 11)).toMatchObject([{ type: 'refused', reason: 'version-mismatch' }]);
    for (let conn = 11; conn < 10 + MAX_SPECTATORS; conn++) state = lobbyMessage(state, ctx, conn, spectate(`W${conn}`)).state;
    expect(state.spectators).toHaveLength(MAX_SPECTATORS);
    expect(to(lobbyMessage(state, ctx, 99, spectate('Late')), 99)).toMatchObject([{ type: 'refused', reason: 'full' }]);
  });

  it('a spectator that leaves is no longer counted; one that joins once the lobby reopens takes a free slot', () => {
    const ctx = context();
    let state = lobbyMessage(running(ctx), ctx, 10, spectate('W')).state;
    state = lobbyMessage(state, ctx, 11, spectate('V')).state;
    const gone = lobbyDisconnect(state, 11, ctx);
    expect(rosterOf(gone.state).watching).toBe(1);
    state = gone.state;
    for (const conn of [1, 2, 3]) state = lobbyMessage(state, ctx, conn, { type: 'match-over' }).state;
    expect(state.phase).toBe('lobby');
    const joined = lobbyMessage(state, ctx, 10, join('W'));
    expect(to(joined, 10)[0]).toMatchObject({ type: 'welcome' });
    expect(rosterOf(joined.state)).toMatchObject({ watching: 0, slots: [{ name: 'Ada' }, { name: 'Bo' }, { name: 'Cy' }, { name: 'W' }] });
  });

  it('validates spectate messages like joins: unknown keys and bad names are refused whole', () => {
    expect(parseClientMessage(JSON.stringify(spectate('W')))).toMatchObject({ ok: true });
    expect(parseClientMessage(JSON.stringify({ ...spectate('W'), token: 'x' }))).toEqual({ ok: false, error: 'malformed spectate message: unknown key "token"' });
    expect(parseClientMessage(JSON.stringify({ ...spectate(' ') }))).toMatchObject({ ok: false, error: expect.stringMatching(/"name" must be/) });
  });
});
