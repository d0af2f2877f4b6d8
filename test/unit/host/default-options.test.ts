import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_OPTIONS, type ClientMessage, type HostMessage } from '../../../net/lobby/messages.js';
import { defaultMatchOptions } from '../../../net/host/default-options.js';
import { createLobbyState, lobbyMessage, type LobbyContext } from '../../../net/host/lobby-state.js';

const facts = { protocolVersion: 3, buildId: 'b', peerServer: { host: '0.0.0.0', port: 8080, path: '/peerjs', secure: false }, iceServers: [], startWhen: null };
const join = (name: string): ClientMessage => ({ type: 'join', protocolVersion: 3, buildId: 'b', name });

describe('the default match options a host starts with', () => {
  it('are DEFAULT_MATCH_OPTIONS unless RICOCHET_DEFAULT_NETCODE names a netcode', () => {
    expect(defaultMatchOptions({})).toEqual(DEFAULT_MATCH_OPTIONS);
    expect(defaultMatchOptions({ RICOCHET_DEFAULT_NETCODE: 'warp' })).toEqual(DEFAULT_MATCH_OPTIONS);
    expect(defaultMatchOptions({ RICOCHET_DEFAULT_NETCODE: 'rollback' })).toEqual({ ...DEFAULT_MATCH_OPTIONS, netcode: 'rollback' });
  });

  it('go out in the start message', () => {
    const ctx: LobbyContext = { facts, random: { seed: () => 1, peerId: () => 'p', secret: () => 's' }, defaultOptions: defaultMatchOptions({ RICOCHET_DEFAULT_NETCODE: 'rollback' }) };
    let state = lobbyMessage(createLobbyState('m', 'M'), ctx, 1, join('Ada')).state;
    state = lobbyMessage(state, ctx, 1, { type: 'set-ready', ready: true }).state;
    const start = lobbyMessage(state, ctx, 1, { type: 'start' }).effects.map((e) => e.msg).find((m): m is Extract<HostMessage, { type: 'start' }> => m.type === 'start');
    expect(start?.start.options.netcode).toBe('rollback');
  });
});
