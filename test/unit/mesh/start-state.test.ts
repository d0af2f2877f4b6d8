import { describe, expect, test } from 'vitest';
import type { HandshakeMessage as HandshakeMessage } from '../../../net/protocol';
import {
  createStartState,
  missingPeers,
  outcomeOf,
  PINGS,
  reduceStart,
  REMATCH_ACK_RETRY_MS,
  type StartEffect,
  type StartEvent,
  type StartPlan,
  type StartState,
} from '../../../net/mesh/start-state';

// Slots: 0 = b, 1 = a, 2 = c. 'a' sorts lowest: it coordinates.
const plan: StartPlan = {
  slotOwners: ['b', 'a', 'c'], names: ['Bo', 'Ada', 'Cy'], seed: 42,
  matchId: 'm1', buildId: 'build-1', countdownMs: 1000, mode: 'first',
};

/** Feeds `events` in order at `nowMs`; returns the last state, every send, and each `consumed`. */
function feed(state: StartState, events: readonly StartEvent[], nowMs = 0) {
  const effects: StartEffect[] = [];
  const consumed: boolean[] = [];
  for (const event of events) {
    const step = reduceStart(state, event, nowMs);
    state = step.state;
    effects.push(...step.effects);
    consumed.push(step.consumed);
  }
  return { state, effects, consumed };
}

const msg = (from: string, m: HandshakeMessage): StartEvent => ({ type: 'message', from, msg: m });
const helloFrom = (from: string, slot: number, over: Partial<Extract<HandshakeMessage, { kind: 'hello' }>> = {}): StartEvent =>
  msg(from, { kind: 'hello', buildId: 'build-1', matchId: 'm1', name: 'x', slot, ...over });
const sentTo = (effects: readonly StartEffect[], to: string): HandshakeMessage['kind'][] => effects.filter((e) => e.to === to).map((e) => e.msg.kind);

describe('start handshake state', () => {
  test('a peer coming up is sent our hello, and the coordinator a ping on the unreliable channel', () => {
    const { state, effects } = feed(createStartState('b', plan), [{ type: 'peer-up', peer: 'a' }], 100);
    expect(effects).toEqual([
      { kind: 'send', to: 'a', channel: 'reliable', msg: { kind: 'hello', buildId: 'build-1', matchId: 'm1', name: 'Bo', slot: 0 } },
      { kind: 'send', to: 'a', channel: 'unreliable', msg: { kind: 'ping', time: 1 } },
    ]);
    expect(state.peers).toEqual([{ peer: 'a', shake: 'up' }, { peer: 'c', shake: 'pending' }]);
  });

  test('a good hello is acked at once, except by a non-coordinator to the coordinator', () => {
    const b = feed(createStartState('b', plan), [{ type: 'peer-up', peer: 'c' }, helloFrom('c', 2), { type: 'peer-up', peer: 'a' }, helloFrom('a', 1)]);
    expect(sentTo(b.effects, 'c')).toEqual(['hello', 'helloAck']);
    expect(sentTo(b.effects, 'a')).toEqual(['hello', 'ping']);
    expect(b.state.peers.map((p) => p.shake)).toEqual(['greeted', 'greeted']);
    const a = feed(createStartState('a', plan), [{ type: 'peer-up', peer: 'b' }, helloFrom('b', 0)]);
    expect(sentTo(a.effects, 'b')).toEqual(['hello', 'helloAck']);
  });

  test('a hello claiming a slot the roster does not give that peer is refused and fails the handshake', () => {
    const { state, effects, consumed } = feed(createStartState('a', plan), [{ type: 'peer-up', peer: 'b' }, helloFrom('b', 1)]);
    expect(effects.at(-1)).toEqual({ kind: 'send', to: 'b', channel: 'reliable', msg: { kind: 'refuse', reason: 'slotMismatch' } });
    expect(outcomeOf(state)).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(consumed).toEqual([false, true]);
  });

  test('a hello of another build fails as a version mismatch', () => {
    const { state } = feed(createStartState('a', plan), [helloFrom('b', 0, { buildId: 'build-2' })]);
    expect(outcomeOf(state)).toMatchObject({ ok: false, error: { code: 'version-mismatch' } });
  });

  test('a non-coordinator acks the coordinator only once it has every hello and ack', () => {
    const greeted = feed(createStartState('b', plan), [
      { type: 'peer-up', peer: 'a' }, { type: 'peer-up', peer: 'c' },
      helloFrom('a', 1), msg('a', { kind: 'helloAck', slot: 1 }), helloFrom('c', 2),
    ]);
    expect(sentTo(greeted.effects, 'a')).not.toContain('helloAck');
    expect(missingPeers(greeted.state)).toEqual(['c']);
    const ready = feed(greeted.state, [msg('c', { kind: 'helloAck', slot: 2 })]);
    expect(ready.effects).toEqual([{ kind: 'send', to: 'a', channel: 'reliable', msg: { kind: 'helloAck', slot: 0 } }]);
    expect(ready.state.stage).toEqual({ name: 'acked', atMs: 0 });
    expect(feed(ready.state, [msg('c', { kind: 'helloAck', slot: 2 })]).effects).toEqual([]);
  });

  test('the coordinator sends the start once every peer acked, and starts after the countdown', () => {
    const { state, effects } = feed(
      createStartState('a', plan),
      ['b', 'c'].flatMap((p, i): StartEvent[] => [{ type: 'peer-up', peer: p }, helloFrom(p, i * 2), msg(p, { kind: 'helloAck', slot: i * 2 })]),
      500,
    );
    const start = { kind: 'start', seed: 42, countdownMs: 1000, slotOwners: plan.slotOwners, names: plan.names };
    expect(effects.filter((e) => e.msg.kind === 'start')).toEqual(['b', 'c'].map((to) => ({ kind: 'send', to, channel: 'reliable', msg: start })));
    expect(outcomeOf(state)).toEqual({ ok: true, start: { seed: 42, slotOwners: plan.slotOwners, names: plan.names, startAtMs: 1500, rttMs: 0 } });
  });

  test('a receiver starts at receipt plus countdown minus half the least RTT', () => {
    const pinged = feed(createStartState('b', plan), [{ type: 'peer-up', peer: 'a' }], 100).state;
    const ponged = feed(pinged, [msg('a', { kind: 'pong', time: 1, holdUs: 0 })], 120);
    expect(ponged.effects).toEqual([{ kind: 'send', to: 'a', channel: 'unreliable', msg: { kind: 'ping', time: 2 } }]);
    const started = feed(ponged.state, [msg('a', { kind: 'start', seed: 42, countdownMs: 1000, slotOwners: plan.slotOwners, names: plan.names })], 200);
    expect(outcomeOf(started.state)).toMatchObject({ ok: true, start: { startAtMs: 1190, rttMs: 20 } });
  });

  test('pings stop after enough pongs; a ping unanswered past the retry time is sent again', () => {
    let state = feed(createStartState('b', plan), [{ type: 'peer-up', peer: 'a' }], 0).state;
    expect(feed(state, [{ type: 'tick' }], 100).effects).toEqual([]);
    expect(feed(state, [{ type: 'tick' }], 151).effects.map((e) => e.msg)).toEqual([{ kind: 'ping', time: 2 }]);
    for (let time = 1; time <= PINGS; time += 1) state = feed(state, [msg('a', { kind: 'pong', time, holdUs: 0 })], 10 * time).state;
    expect(state.probe.pongs).toBe(PINGS);
    expect(feed(state, [{ type: 'tick' }], 5000).effects).toEqual([]);
  });

  test('a start that differs from the lobby\'s, or comes from a non-coordinator, fails', () => {
    const b = createStartState('b', plan);
    const other = { kind: 'start', seed: 43, countdownMs: 1000, slotOwners: plan.slotOwners, names: plan.names } as const;
    expect(outcomeOf(feed(b, [msg('a', other)]).state)).toMatchObject({ ok: false, error: { code: 'start-mismatch' } });
    expect(outcomeOf(feed(b, [msg('c', { ...other, seed: 42 })]).state)).toMatchObject({ ok: false, error: { code: 'start-mismatch' } });
  });

  test('a peer leaving during the handshake fails it; the first outcome sticks', () => {
    const { state } = feed(createStartState('b', plan), [{ type: 'peer-down', peer: 'c', reason: 'closed' }, { type: 'peer-down', peer: 'a', reason: 'gone' }]);
    expect(outcomeOf(state)).toMatchObject({ ok: false, error: { code: 'peer-left', message: expect.stringContaining('c: closed') } });
  });

  test('a fault of the shell fails the handshake, even a start the reducer had made, but not an earlier failure', () => {
    const start = msg('a', { kind: 'start', seed: 42, countdownMs: 1000, slotOwners: plan.slotOwners, names: plan.names });
    const started = feed(createStartState('b', plan), [start]).state;
    expect(outcomeOf(started)?.ok).toBe(true);
    const faulted = feed(started, [{ type: 'fault', detail: 'name too long' }]);
    expect(faulted.consumed).toEqual([true]);
    expect(outcomeOf(faulted.state)).toMatchObject({ ok: false, error: { code: 'start-failed', message: expect.stringContaining('name too long') } });
    const left = feed(createStartState('b', plan), [{ type: 'peer-down', peer: 'c', reason: 'closed' }, { type: 'fault', detail: 'x' }]).state;
    expect(outcomeOf(left)).toMatchObject({ ok: false, error: { code: 'peer-left' } });
  });

  test('engine traffic is left for the engine, and so is everything once the handshake is over', () => {
    const early = feed(createStartState('b', plan), [{ type: 'undecodable', from: 'a', code: 'wrong-protocol', detail: 'checkpoint' }, { type: 'undecodable', from: 'a', code: 'truncated', detail: '' }]);
    expect(early.consumed).toEqual([false, false]);
    const over = feed(createStartState('b', plan), [{ type: 'peer-down', peer: 'a', reason: 'x' }, helloFrom('c', 2)]);
    expect(over.consumed).toEqual([false, false]);
    expect(over.effects).toEqual([]);
  });

  test('a message of another protocol version fails the handshake', () => {
    const { state, consumed } = feed(createStartState('b', plan), [{ type: 'undecodable', from: 'a', code: 'version-mismatch', detail: 'v2' }]);
    expect(consumed).toEqual([true]);
    expect(outcomeOf(state)).toMatchObject({ ok: false, error: { code: 'version-mismatch' } });
  });

  test('a page that owns no slot fails at once', () => {
    expect(outcomeOf(createStartState('z', plan))).toMatchObject({ ok: false, error: { code: 'not-in-match' } });
  });

  test('in a rematch, non-coordinators ack and ping at begin, and old-match traffic is consumed', () => {
    const rematch: StartPlan = { ...plan, mode: 'rematch', seed: 0 };
    const b = feed(createStartState('b', rematch), [{ type: 'begin' }, { type: 'undecodable', from: 'c', code: 'wrong-protocol', detail: 'checkpoint' }], 0);
    expect(b.effects.map((e) => [e.to, e.msg.kind])).toEqual([['a', 'ping'], ['a', 'helloAck']]);
    expect(b.consumed).toEqual([false, true]);
    const a = feed(createStartState('a', { ...rematch, seed: 777 }), [{ type: 'begin' }, msg('b', { kind: 'helloAck', slot: 0 })]);
    expect(missingPeers(a.state)).toEqual(['c']);
    const started = feed(a.state, [msg('c', { kind: 'helloAck', slot: 2 })]);
    expect(outcomeOf(started.state)).toMatchObject({ ok: true, start: { seed: 777 } });
  });

  test('in a rematch, the ack goes again every 500 ms until the start (the coordinator may still be playing the last match)', () => {
    const b = feed(createStartState('b', { ...plan, mode: 'rematch', seed: 0 }), [{ type: 'begin' }], 0);
    const acks = (events: StartEffect[]): number => events.filter((e) => e.to === 'a' && e.msg.kind === 'helloAck').length;
    expect(acks(b.effects)).toBe(1);
    expect(acks(feed(b.state, [{ type: 'tick' }], REMATCH_ACK_RETRY_MS - 1).effects)).toBe(0);
    const again = feed(b.state, [{ type: 'tick' }], REMATCH_ACK_RETRY_MS);
    expect(acks(again.effects)).toBe(1);
    expect(acks(feed(again.state, [{ type: 'tick' }], REMATCH_ACK_RETRY_MS + 100).effects)).toBe(0);
    const started = feed(again.state, [msg('a', { kind: 'start', seed: 9, countdownMs: 500, slotOwners: ['a', 'b', 'c'], names: ['A', 'B', 'C'] })], 600);
    expect(acks(feed(started.state, [{ type: 'tick' }], 5000).effects)).toBe(0);
    // The coordinator takes a second ack from a peer already ready as nothing new.
    const a = feed(createStartState('a', { ...plan, mode: 'rematch', seed: 7 }), [{ type: 'begin' }, msg('b', { kind: 'helloAck', slot: 1 }), msg('b', { kind: 'helloAck', slot: 1 })]);
    expect(missingPeers(a.state)).toEqual(['c']);
    expect(outcomeOf(a.state)).toBeNull();
  });

  test('a rematch receiver adopts the coordinator\'s new seed and layout if it is in it', () => {
    const b = createStartState('b', { ...plan, mode: 'rematch', seed: 0 });
    const start = { kind: 'start', seed: 9, countdownMs: 500, slotOwners: ['b', 'a'], names: ['Bo', 'Ada'] } as const;
    expect(outcomeOf(feed(b, [msg('a', start)]).state)).toMatchObject({ ok: true, start: { seed: 9, slotOwners: ['b', 'a'] } });
    expect(outcomeOf(feed(b, [msg('a', { ...start, slotOwners: ['a', 'c'] })]).state)).toMatchObject({ ok: false });
  });
});
