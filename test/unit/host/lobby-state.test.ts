import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_OPTIONS, PALETTE, type ClientMessage, type HostMessage } from '../../../net/lobby/messages.js';
import { decodeHandshake, encodeHandshake, MAX_NAME_BYTES } from '../../../net/protocol/index.js';
import { createLobbyState, lobbyConnect, lobbyDisconnect, lobbyMessage, rosterOf, type LobbyContext, type LobbyState, type Step } from '../../../net/host/lobby-state.js';

const facts = {
  protocolVersion: 3,
  buildId: 'index-abc',
  peerServer: { host: '0.0.0.0', port: 8080, path: '/peerjs', secure: false },
  iceServers: [],
  startWhen: null,
};
const ctxWith = (startWhen: number | null = null): LobbyContext => {
  let n = 0;
  let secrets = 0;
  return { facts: { ...facts, startWhen }, random: { seed: () => 12345, peerId: () => `peer${++n}`, secret: () => `secret${++secrets}` } };
};
const joinMsg = (name: string, extra: Partial<Extract<ClientMessage, { type: 'join' }>> = {}): ClientMessage => ({
  type: 'join', protocolVersion: 3, buildId: 'index-abc', name, ...extra,
});
const to = (step: Step, conn: number): HostMessage[] => step.effects.filter((e) => e.to === conn).map((e) => e.msg);

/** Joins players on connections 1..n and returns the state. */
function lobbyOf(names: string[], ctx = ctxWith()): LobbyState {
  return names.reduce((s, name, i) => lobbyMessage(s, ctx, i + 1, joinMsg(name)).state, createLobbyState('m1', 'Test match'));
}

describe('the lobby state machine', () => {
  it('sends the roster to a new connection before it joins', () => {
    const step = lobbyConnect(lobbyOf(['Ada']), 9);
    expect(to(step, 9)).toMatchObject([{ type: 'roster', roster: { slots: [{ name: 'Ada' }] } }]);
  });

  it('welcomes the first player as creator, in slot 0, with the peer server params', () => {
    const ctx = ctxWith();
    const step = lobbyMessage(createLobbyState('m1', 'Test'), ctx, 1, joinMsg('Ada'));
    // The match's key is drawn first, then the member's token.
    expect(to(step, 1)[0]).toMatchObject({ type: 'welcome', isCreator: true, peerId: 'peer1', matchId: 'm1', peerServer: { key: 'secret1', token: 'secret2' } });
    expect(step.effects.some((e) => e.to === 'all' && e.msg.type === 'roster')).toBe(true);
    expect(rosterOf(step.state).slots[0]).toMatchObject({ slot: 0, name: 'Ada', isCreator: true, ready: false });
  });

  it('keeps slots in join order with distinct names and colours', () => {
    const state = lobbyOf(['Ada', 'ada', 'Bo', 'Ada']);
    const slots = rosterOf(state).slots;
    expect(slots.map((s) => s.name)).toEqual(['Ada', 'ada (2)', 'Bo', 'Ada (3)']);
    expect(new Set(slots.map((s) => s.colour)).size).toBe(4);
  });

  it('cleans names and keeps each, " (2)" included, within the wire\'s byte limit, so the start encodes', () => {
    const ctx = ctxWith();
    // Straight into the reducer: over-long names that validation would refuse still come out whole.
    let state = lobbyOf(['鳥'.repeat(22), '鳥'.repeat(22), '😀'.repeat(17), '😀'.repeat(17), '\u202EAda\u200B', 'Ada'], ctx);
    const names = rosterOf(state).slots.map((s) => s.name);
    expect(names).toEqual(['鳥'.repeat(10), `${'鳥'.repeat(9)} (2)`, '😀'.repeat(8), `${'😀'.repeat(7)} (2)`, 'Ada', 'Ada (2)']);
    for (const name of names) expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(MAX_NAME_BYTES);
    for (let conn = 2; conn <= 6; conn++) state = lobbyMessage(state, ctx, conn, { type: 'set-ready', ready: true }).state;
    const start = to(lobbyMessage(state, ctx, 1, { type: 'start' }), 1).find((m) => m.type === 'start');
    if (start?.type !== 'start') return expect.unreachable('no start');
    const msg = { kind: 'start', seed: start.start.seed, countdownMs: 1000, slotOwners: start.start.slotOwners, names: start.start.names } as const;
    expect(decodeHandshake(encodeHandshake(msg))).toEqual({ ok: true, msg });
  });

  it('gives a player the colour they ask for when it is free, and lets them change to a free one', () => {
    const ctx = ctxWith();
    let state = lobbyMessage(createLobbyState('m', 'M'), ctx, 1, joinMsg('Ada', { colour: PALETTE[5] })).state;
    state = lobbyMessage(state, ctx, 2, joinMsg('Bo', { colour: PALETTE[5] })).state;
    expect(rosterOf(state).slots.map((s) => s.colour)).toEqual([PALETTE[5], PALETTE[0]]);
    const taken = lobbyMessage(state, ctx, 2, { type: 'set-colour', colour: PALETTE[5] });
    expect(to(taken, 2)).toMatchObject([{ type: 'error' }]);
    const free = lobbyMessage(state, ctx, 2, { type: 'set-colour', colour: PALETTE[7] });
    expect(rosterOf(free.state).slots[1]?.colour).toBe(PALETTE[7]);
  });

  it('refuses another protocol version or build with a reload hint', () => {
    const ctx = ctxWith();
    for (const extra of [{ protocolVersion: 2 }, { buildId: 'index-old' }]) {
      const step = lobbyMessage(createLobbyState('m', 'M'), ctx, 1, joinMsg('Ada', extra));
      expect(to(step, 1)).toEqual([{ type: 'refused', reason: 'version-mismatch', message: expect.stringMatching(/reload/) }]);
      expect(step.state.members).toHaveLength(0);
    }
  });

  it('refuses a ninth player as full', () => {
    const state = lobbyOf(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    const step = lobbyMessage(state, ctxWith(), 9, joinMsg('i'));
    expect(to(step, 9)).toMatchObject([{ type: 'refused', reason: 'full' }]);
  });

  it('lets only the creator add and remove bots, which are ready and owned by the creator', () => {
    const ctx = ctxWith();
    let state = lobbyOf(['Ada', 'Bo'], ctx);
    expect(to(lobbyMessage(state, ctx, 2, { type: 'add-bot' }), 2)).toMatchObject([{ type: 'error', message: expect.stringMatching(/creator/) }]);
    state = lobbyMessage(state, ctx, 1, { type: 'add-bot' }).state;
    const bot = rosterOf(state).slots[2];
    expect(bot).toMatchObject({ kind: 'bot', name: 'Bot 1', ready: true });
    expect(state.members[2]?.peerId).toBe(state.members[0]?.peerId);
    expect(to(lobbyMessage(state, ctx, 1, { type: 'remove-bot', slot: 1 }), 1)).toMatchObject([{ type: 'error' }]);
    state = lobbyMessage(state, ctx, 1, { type: 'remove-bot', slot: 2 }).state;
    expect(state.members).toHaveLength(2);
  });

  it('starts only when the creator asks and every other player is ready', () => {
    const ctx = ctxWith();
    let state = lobbyOf(['Ada', 'Bo'], ctx);
    state = lobbyMessage(state, ctx, 1, { type: 'add-bot' }).state;
    expect(to(lobbyMessage(state, ctx, 2, { type: 'start' }), 2)).toMatchObject([{ type: 'error' }]);
    expect(to(lobbyMessage(state, ctx, 1, { type: 'start' }), 1)).toMatchObject([{ type: 'error', message: expect.stringMatching(/Bo/) }]);
    state = lobbyMessage(state, ctx, 2, { type: 'set-ready', ready: true }).state;
    const step = lobbyMessage(state, ctx, 1, { type: 'start' });
    expect(step.state.phase).toBe('playing');
    const start = to(step, 2).find((m) => m.type === 'start');
    expect(start).toEqual({
      type: 'start',
      start: { matchId: 'm1', matchNumber: 1, seed: 12345, slotOwners: ['peer1', 'peer2', 'peer1'], names: ['Ada', 'Bo', 'Bot 1'], colours: [PALETTE[0], PALETTE[1], PALETTE[2]], botSlots: [2], peerKey: 'secret1', options: DEFAULT_MATCH_OPTIONS },
    });
    expect(to(step, 1).some((m) => m.type === 'start')).toBe(true);
  });

  it('refuses joins while playing and reopens once every player reported match-over', () => {
    const ctx = ctxWith();
    let state = lobbyOf(['Ada', 'Bo'], ctx);
    state = lobbyMessage(state, ctx, 2, { type: 'set-ready', ready: true }).state;
    state = lobbyMessage(state, ctx, 1, { type: 'start' }).state;
    expect(to(lobbyMessage(state, ctx, 3, joinMsg('Cy')), 3)).toMatchObject([{ type: 'refused', reason: 'started' }]);
    state = lobbyMessage(state, ctx, 1, { type: 'match-over' }).state;
    expect(state.phase).toBe('playing');
    state = lobbyMessage(state, ctx, 2, { type: 'match-over' }).state;
    expect(state.phase).toBe('lobby');
    expect(state.members.every((m) => !m.ready)).toBe(true);
    const again = lobbyMessage(lobbyMessage(state, ctx, 2, { type: 'set-ready', ready: true }).state, ctx, 1, { type: 'start' });
    expect(to(again, 1).find((m) => m.type === 'start')).toMatchObject({ start: { matchNumber: 2 } });
  });

  it('tells the other players at once when a player\'s page disconnects mid-match, and only then', () => {
    const ctx = ctxWith();
    let state = lobbyOf(['Ada', 'Bo', 'Cy'], ctx);
    const boPeer = state.members[1]?.peerId;
    const inLobby = lobbyDisconnect(state, 3);
    expect(inLobby.effects.some((e) => e.msg.type === 'peer-gone')).toBe(false);
    for (const conn of [2, 3]) state = lobbyMessage(state, ctx, conn, { type: 'set-ready', ready: true }).state;
    state = lobbyMessage(state, ctx, 1, { type: 'start' }).state;
    const midMatch = lobbyDisconnect(state, 2);
    // Only the members hear it: a lobby screen never learns a peer id.
    expect(midMatch.effects.filter((e) => e.msg.type === 'peer-gone')).toEqual([1, 3].map((to) => ({ to, msg: { type: 'peer-gone', peerId: boPeer } })));
    // A connection that never joined is nobody's page.
    expect(lobbyDisconnect(midMatch.state, 9).effects).toEqual([]);
  });

  it('hands the creator role and the bots to the next player when the creator leaves', () => {
    const ctx = ctxWith();
    let state = lobbyOf(['Ada', 'Bo'], ctx);
    state = lobbyMessage(state, ctx, 1, { type: 'add-bot' }).state;
    state = lobbyDisconnect(state, 1).state;
    const slots = rosterOf(state).slots;
    expect(slots.map((s) => [s.slot, s.name, s.isCreator])).toEqual([[0, 'Bo', true], [1, 'Bot 1', false]]);
    expect(state.members[1]?.peerId).toBe(state.members[0]?.peerId);
    expect(lobbyDisconnect(state, 2).state.members).toEqual([]);
  });

  it('starts by itself once --start-when players are ready', () => {
    const ctx = ctxWith(2);
    let state = lobbyOf(['Ada', 'Bo'], ctx);
    state = lobbyMessage(state, ctx, 1, { type: 'set-ready', ready: true }).state;
    expect(state.phase).toBe('lobby');
    const step = lobbyMessage(state, ctx, 2, { type: 'set-ready', ready: true });
    expect(step.state.phase).toBe('playing');
    expect(to(step, 1).some((m) => m.type === 'start')).toBe(true);
  });

  it('turns down actions from a connection that has not joined', () => {
    const step = lobbyMessage(lobbyOf(['Ada']), ctxWith(), 7, { type: 'set-ready', ready: true });
    expect(to(step, 7)).toMatchObject([{ type: 'error' }]);
  });
});

describe('no-op changes', () => {
  it('returns the same state and sends nothing when a change changes nothing', () => {
    const ctx = ctxWith();
    const ready = lobbyMessage(lobbyOf(['Ada', 'Bo'], ctx), ctx, 2, { type: 'set-ready', ready: true }).state;
    const again = lobbyMessage(ready, ctx, 2, { type: 'set-ready', ready: true });
    expect(again.state).toBe(ready);
    expect(again.effects).toEqual([]);
    const colour = ready.members[1]!.colour;
    const same = lobbyMessage(ready, ctx, 2, { type: 'set-colour', colour });
    expect(same.state).toBe(ready);
    expect(same.effects).toEqual([]);
  });
});

describe('match options', () => {
  const rosterOptions = (step: Step) => step.effects.flatMap((e) => (e.to === 'all' && e.msg.type === 'roster' ? [e.msg.roster.options] : []));

  it('starts from the defaults, which every roster shows, even to a screen that has not joined', () => {
    const state = lobbyOf(['Ada']);
    expect(rosterOf(state).options).toEqual(DEFAULT_MATCH_OPTIONS);
    expect(to(lobbyConnect(state, 9), 9)).toMatchObject([{ type: 'roster', roster: { options: DEFAULT_MATCH_OPTIONS } }]);
  });

  it('lets the creator change some options, keeps the others, and tells everyone in the roster', () => {
    const ctx = ctxWith();
    const state = lobbyOf(['Ada', 'Bo'], ctx);
    const step = lobbyMessage(state, ctx, 1, { type: 'set-options', options: { targetScore: 2, maze: 'small' } });
    const expected = { ...DEFAULT_MATCH_OPTIONS, targetScore: 2, maze: 'small' };
    expect(step.state.options).toEqual(expected);
    expect(rosterOptions(step)).toEqual([expected]);
    const more = lobbyMessage(step.state, ctx, 1, { type: 'set-options', options: { botLevel: 'hard', netcode: 'rollback' } });
    expect(more.state.options).toEqual({ targetScore: 2, maze: 'small', botLevel: 'hard', netcode: 'rollback' });
  });

  it('turns down another player, and the creator once the match has started, changing nothing', () => {
    const ctx = ctxWith();
    let state = lobbyOf(['Ada', 'Bo'], ctx);
    const other = lobbyMessage(state, ctx, 2, { type: 'set-options', options: { targetScore: 9 } });
    expect(other.state).toBe(state);
    expect(other.effects).toEqual([{ to: 2, msg: { type: 'error', message: expect.stringMatching(/creator/) } }]);
    const stranger = lobbyMessage(state, ctx, 7, { type: 'set-options', options: { targetScore: 9 } });
    expect(to(stranger, 7)).toMatchObject([{ type: 'error' }]);
    expect(stranger.state.options).toEqual(DEFAULT_MATCH_OPTIONS);
    state = lobbyMessage(state, ctx, 2, { type: 'set-ready', ready: true }).state;
    state = lobbyMessage(state, ctx, 1, { type: 'start' }).state;
    const late = lobbyMessage(state, ctx, 1, { type: 'set-options', options: { maze: 'large' } });
    expect(late.state).toBe(state);
    expect(to(late, 1)).toEqual([{ type: 'error', message: expect.stringMatching(/started/) }]);
  });

  it('sends the chosen options in the start, and keeps them for the next match', () => {
    const ctx = ctxWith();
    let state = lobbyOf(['Ada', 'Bo'], ctx);
    const chosen = { targetScore: 3, maze: 'large', botLevel: 'easy', netcode: 'rollback' } as const;
    state = lobbyMessage(state, ctx, 1, { type: 'set-options', options: chosen }).state;
    state = lobbyMessage(state, ctx, 2, { type: 'set-ready', ready: true }).state;
    const step = lobbyMessage(state, ctx, 1, { type: 'start' });
    for (const conn of [1, 2]) expect(to(step, conn).find((m) => m.type === 'start')).toMatchObject({ start: { options: chosen } });
    state = lobbyMessage(lobbyMessage(step.state, ctx, 1, { type: 'match-over' }).state, ctx, 2, { type: 'match-over' }).state;
    expect(state.phase).toBe('lobby');
    expect(rosterOf(state).options).toEqual(chosen);
  });

  it('passes the options on with the creator role, and the heir may change them', () => {
    const ctx = ctxWith();
    let state = lobbyOf(['Ada', 'Bo'], ctx);
    state = lobbyMessage(state, ctx, 1, { type: 'set-options', options: { targetScore: 7 } }).state;
    state = lobbyDisconnect(state, 1).state;
    expect(state.options.targetScore).toBe(7);
    expect(lobbyMessage(state, ctx, 2, { type: 'set-options', options: { targetScore: 8 } }).state.options.targetScore).toBe(8);
  });

  it('sends nothing when the options asked for are the ones already set', () => {
    const ctx = ctxWith();
    const state = lobbyOf(['Ada'], ctx);
    for (const options of [{}, { targetScore: DEFAULT_MATCH_OPTIONS.targetScore }, { ...DEFAULT_MATCH_OPTIONS }]) {
      const step = lobbyMessage(state, ctx, 1, { type: 'set-options', options });
      expect(step.state).toBe(state);
      expect(step.effects).toEqual([]);
    }
  });
});

describe('renaming (set-name)', () => {
  it('cleans and deduplicates the new name, and tells everyone in the roster', () => {
    const ctx = ctxWith();
    const state = lobbyOf(['Ada', 'Bo'], ctx);
    const step = lobbyMessage(state, ctx, 2, { type: 'set-name', name: ' \u202Eada\u200B ' });
    expect(rosterOf(step.state).slots.map((s) => s.name)).toEqual(['Ada', 'ada (2)']);
    expect(step.effects).toMatchObject([{ to: 'all', msg: { type: 'roster' } }]);
    // A player may keep their own name in another case: it is not taken by themself.
    expect(rosterOf(lobbyMessage(state, ctx, 1, { type: 'set-name', name: 'ADA' }).state).slots[0]?.name).toBe('ADA');
  });

  it('sends nothing for the same name, and turns down a rename from a page that has not joined or mid-match', () => {
    const ctx = ctxWith();
    let state = lobbyOf(['Ada', 'Bo'], ctx);
    expect(lobbyMessage(state, ctx, 1, { type: 'set-name', name: 'Ada' })).toEqual({ state, effects: [] });
    expect(to(lobbyMessage(state, ctx, 9, { type: 'set-name', name: 'Cy' }), 9)).toEqual([{ type: 'error', message: 'Join the match first.' }]);
    state = lobbyMessage(state, ctx, 2, { type: 'set-ready', ready: true }).state;
    state = lobbyMessage(state, ctx, 1, { type: 'start' }).state;
    const step = lobbyMessage(state, ctx, 2, { type: 'set-name', name: 'Cy' });
    expect(step.state).toBe(state);
    expect(to(step, 2)).toMatchObject([{ type: 'error', message: expect.stringMatching(/already started/) }]);
  });
});

describe('taking a place back with a token', () => {
  const tokenOf = (step: Step, conn: number): string => {
    const welcome = to(step, conn).find((m) => m.type === 'welcome');
    return welcome?.type === 'welcome' ? (welcome.peerServer.token ?? '') : '';
  };

  it('gives a page whose socket dropped unnoticed its member back on the new connection', () => {
    const ctx = ctxWith();
    const first = lobbyMessage(lobbyOf(['Ada'], ctx), ctx, 2, joinMsg('Bo'));
    const token = tokenOf(first, 2);
    const step = lobbyMessage(first.state, ctx, 7, joinMsg('Bo', { token }));
    expect(to(step, 7)[0]).toMatchObject({ type: 'welcome', playerId: 'player-2', peerId: 'peer2', isCreator: false, peerServer: { token } });
    expect(rosterOf(step.state).slots.map((s) => s.name)).toEqual(['Ada', 'Bo']);
    // The old connection is to be closed; its close changes nothing, the new one acts for the member.
    expect(step.replaced).toEqual([2]);
    expect(lobbyDisconnect(step.state, 2).state.members).toHaveLength(2);
    expect(lobbyMessage(step.state, ctx, 7, { type: 'set-ready', ready: true }).state.members[1]?.ready).toBe(true);
  });

  it('puts a player who reloaded back in their old slot, with their ids, name and colour', () => {
    const ctx = ctxWith();
    const joined = lobbyMessage(lobbyOf(['Ada'], ctx), ctx, 2, joinMsg('Bo', { colour: PALETTE[4] }));
    let state = lobbyMessage(joined.state, ctx, 3, joinMsg('Cy')).state;
    state = lobbyDisconnect(state, 2).state;
    expect(rosterOf(state).slots.map((s) => s.name)).toEqual(['Ada', 'Cy']);
    const back = lobbyMessage(state, ctx, 8, joinMsg('Bo', { token: tokenOf(joined, 2), colour: PALETTE[4] }));
    expect(to(back, 8)[0]).toMatchObject({ type: 'welcome', playerId: 'player-2', peerId: 'peer2' });
    expect(back.replaced).toEqual([]);
    expect(rosterOf(back.state).slots.map((s) => [s.name, s.colour])).toEqual([['Ada', PALETTE[0]], ['Bo', PALETTE[4]], ['Cy', PALETTE[1]]]);
    // The join's name and colour win (a rename made while away), deduplicated and free as any join's.
    const renamed = lobbyMessage(state, ctx, 8, joinMsg('Cy', { token: tokenOf(joined, 2), colour: PALETTE[1] }));
    expect(rosterOf(renamed.state).slots.map((s) => [s.name, s.colour])).toEqual([['Ada', PALETTE[0]], ['Cy (2)', PALETTE[2]], ['Cy', PALETTE[1]]]);
    // Gone and back once more: still the same member.
    const again = lobbyMessage(lobbyDisconnect(back.state, 8).state, ctx, 9, joinMsg('Bo', { token: tokenOf(joined, 2) }));
    expect(to(again, 9)[0]).toMatchObject({ type: 'welcome', playerId: 'player-2' });
  });

  it('does not give back the creator role that was handed on, and forgets departures at a start', () => {
    const ctx = ctxWith();
    const first = lobbyMessage(createLobbyState('m1', 'Test'), ctx, 1, joinMsg('Ada'));
    let state = lobbyMessage(first.state, ctx, 2, joinMsg('Bo')).state;
    state = lobbyDisconnect(state, 1).state;
    const back = lobbyMessage(state, ctx, 5, joinMsg('Ada', { token: tokenOf(first, 1) }));
    expect(to(back, 5)[0]).toMatchObject({ type: 'welcome', playerId: 'player-1', isCreator: false });
    expect(rosterOf(back.state).slots.map((s) => [s.name, s.isCreator])).toEqual([['Ada', false], ['Bo', true]]);
    // Gone again, then the match starts without them: their place is not kept any longer.
    state = lobbyDisconnect(back.state, 5).state;
    state = lobbyMessage(state, ctx, 2, { type: 'start' }).state;
    state = lobbyMessage(state, ctx, 2, { type: 'match-over' }).state;
    expect(state.phase).toBe('lobby');
    expect(to(lobbyMessage(state, ctx, 6, joinMsg('Ada', { token: tokenOf(first, 1) })), 6)[0]).toMatchObject({ type: 'welcome', playerId: 'player-3' });
  });

  it('takes an unknown token (a restarted host) as a new member, and a known one still needs the right build', () => {
    const ctx = ctxWith();
    const first = lobbyMessage(createLobbyState('m1', 'Test'), ctx, 1, joinMsg('Ada'));
    expect(to(lobbyMessage(first.state, ctx, 2, joinMsg('Bo', { token: 'not-a-token' })), 2)[0]).toMatchObject({ type: 'welcome', playerId: 'player-2' });
    const stale = lobbyMessage(first.state, ctx, 3, { type: 'join', protocolVersion: 3, buildId: 'index-old', name: 'Ada', token: tokenOf(first, 1) });
    expect(to(stale, 3)).toMatchObject([{ type: 'refused', reason: 'version-mismatch' }]);
  });
});
