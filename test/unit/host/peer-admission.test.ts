import { describe, expect, it } from 'vitest';
import { admitPeer, sameSecret } from '../../../net/host/peer-admission.js';
import { createLobbyState, lobbyMessage, rosterOf, type LobbyContext, type LobbyState } from '../../../net/host/lobby-state.js';
import type { ClientMessage, HostMessage } from '../../../net/lobby/messages.js';

const facts = { protocolVersion: 3, buildId: 'b', peerServer: { host: 'h', port: 1, path: '/peerjs', secure: false }, iceServers: [], startWhen: null };
function context(): LobbyContext {
  let n = 0;
  let secrets = 0;
  return { facts, random: { seed: () => 1, peerId: () => `peer${++n}`, secret: () => `secret${++secrets}` } };
}
const join = (name: string): ClientMessage => ({ type: 'join', protocolVersion: 3, buildId: 'b', name });

/** Ada (conn 1) and Bo (conn 2) joined; their welcomes. */
function twoMembers(ctx = context()): { state: LobbyState; welcomes: Extract<HostMessage, { type: 'welcome' }>[] } {
  let state = createLobbyState('m', 'M');
  const welcomes: Extract<HostMessage, { type: 'welcome' }>[] = [];
  for (const [conn, name] of [[1, 'Ada'], [2, 'Bo']] as const) {
    const step = lobbyMessage(state, ctx, conn, join(name));
    state = step.state;
    for (const e of step.effects) if (e.to === conn && e.msg.type === 'welcome') welcomes.push(e.msg);
  }
  return { state, welcomes };
}

describe('who may register a peer id', () => {
  it('gives each member its own token, in its own welcome only, and the match key to all', () => {
    const { state, welcomes } = twoMembers();
    const [ada, bo] = welcomes.map((w) => w.peerServer);
    expect(ada?.token).toBeTruthy();
    expect(ada?.token).not.toBe(bo?.token);
    expect(ada?.key).toBe(bo?.key);
    expect(JSON.stringify(rosterOf(state))).not.toMatch(/secret|peer\d/);
  });

  it('admits a member\'s id with its own token and the key; refuses another\'s token, a made-up one, an unknown id, the wrong key', () => {
    const { state, welcomes } = twoMembers();
    const [ada, bo] = welcomes;
    if (!ada?.peerServer.token || !bo?.peerServer.token) return expect.unreachable();
    const key = ada.peerServer.key;
    expect(admitPeer(state, ada.peerId, ada.peerServer.token, key)).toEqual({ ok: true, member: ada.peerId });
    expect(admitPeer(state, ada.peerId, bo.peerServer.token, key)).toMatchObject({ ok: false, status: 403 });
    expect(admitPeer(state, ada.peerId, 'made-up', key)).toMatchObject({ ok: false, status: 403 });
    expect(admitPeer(state, 'peer99', ada.peerServer.token, key)).toMatchObject({ ok: false, status: 403 });
    expect(admitPeer(state, ada.peerId, ada.peerServer.token, 'other-key')).toMatchObject({ ok: false, status: 401 });
  });

  it('uses a fresh key for each match: the next match\'s start and its new members get another', () => {
    const ctx = context();
    let { state } = twoMembers(ctx);
    const firstKey = state.peerKey;
    state = lobbyMessage(state, ctx, 2, { type: 'set-ready', ready: true }).state;
    const first = lobbyMessage(state, ctx, 1, { type: 'start' });
    const startOf = (effects: typeof first.effects) => effects.flatMap((e) => (e.msg.type === 'start' ? [e.msg.start] : []))[0];
    expect(startOf(first.effects)?.peerKey).toBe(firstKey);
    state = first.state;
    for (const conn of [1, 2]) state = lobbyMessage(state, ctx, conn, { type: 'match-over' }).state;
    const cy = lobbyMessage(state, ctx, 3, join('Cy'));
    const cyKey = cy.effects.flatMap((e) => (e.msg.type === 'welcome' ? [e.msg.peerServer.key] : []))[0];
    expect(cyKey).toBeTruthy();
    expect(cyKey).not.toBe(firstKey);
    state = cy.state;
    for (const conn of [2, 3]) state = lobbyMessage(state, ctx, conn, { type: 'set-ready', ready: true }).state;
    const second = lobbyMessage(state, ctx, 1, { type: 'start' });
    expect(startOf(second.effects)?.peerKey).toBe(cyKey);
    // Ada came over from the first match: her old key no longer registers her.
    const ada = second.state.members[0];
    if (!ada?.token) return expect.unreachable();
    expect(admitPeer(second.state, ada.peerId, ada.token, cyKey ?? '')).toMatchObject({ ok: true });
    expect(admitPeer(second.state, ada.peerId, ada.token, firstKey)).toMatchObject({ ok: false, status: 401 });
  });

  it('compares secrets exactly', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
  });
});
