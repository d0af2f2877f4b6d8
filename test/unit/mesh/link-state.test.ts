import { describe, expect, test } from 'vitest';
import {
  canSend,
  createMeshState,
  reduceMesh,
  type LinkState,
  type MeshEffect,
  type MeshEvent,
  type MeshState,
} from '../../../net/mesh/link-state';

const timings = { dialRetryMs: 100, dialTimeoutMs: 8000, graceMs: 3000 };

/** Feeds `events` in order at `nowMs`; returns the last state and every effect on the way. */
function feed(state: MeshState, events: readonly MeshEvent[], nowMs = 0): { state: MeshState; effects: MeshEffect[] } {
  const effects: MeshEffect[] = [];
  for (const event of events) {
    const step = reduceMesh(state, event, nowMs);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

const linkOf = (state: MeshState, peer: string): LinkState => state.links.find((l) => l.peer === peer) ?? expect.unreachable();
const bytes = Uint8Array.of(1, 2);

/** 'a' (dialer of 'b') with its dial to 'b' in progress: attempt 1. */
const dialling = (): MeshState => feed(createMeshState('a', ['a', 'b'], 1000, timings), [{ type: 'signalling-open' }], 1010).state;
/** 'a' with 'b' up over attempt 1. */
const upWithB = (): MeshState =>
  feed(dialling(), [
    { type: 'conn-open', peer: 'b', attempt: 1 },
    { type: 'channel-open', peer: 'b', attempt: 1 },
  ]).state;

describe('mesh link state', () => {
  test('a new mesh has one waiting link per other peer, skipping itself and duplicates', () => {
    const state = createMeshState('b', ['a', 'b', 'c', 'a'], 0, timings);
    expect(state.links.map((l) => [l.peer, l.dialer, l.phase])).toEqual([
      ['a', false, 'waiting'],
      ['c', true, 'waiting'],
    ]);
    expect(state.meshMs).toBeNull();
    expect(createMeshState('a', ['a'], 0, timings).meshMs).toBe(0);
  });

  test('once the signalling server is open, only the lower id dials, with a dial timeout', () => {
    const { state, effects } = feed(createMeshState('b', ['a', 'b', 'c'], 1000, timings), [{ type: 'signalling-open' }], 1040);
    expect(state.signallingMs).toBe(40);
    expect(effects).toEqual([
      { kind: 'dial', peer: 'c', attempt: 1 },
      { kind: 'set-timer', peer: 'c', ms: 8000 },
    ]);
    expect(linkOf(state, 'c')).toMatchObject({ phase: 'connecting', attempts: 1 });
    expect(linkOf(state, 'a').phase).toBe('waiting');
  });

  test('a link that fails to open retries after the backoff', () => {
    const failed = feed(dialling(), [{ type: 'signalling-error', errorType: 'peer-unavailable', message: 'Could not connect to peer b', peer: 'b' }]);
    expect(linkOf(failed.state, 'b')).toMatchObject({ phase: 'retrying', lastError: 'Could not connect to peer b' });
    expect(failed.effects).toEqual([{ kind: 'retire', peer: 'b' }, { kind: 'set-timer', peer: 'b', ms: 100 }]);
    expect(failed.state.signalling).toBe('open');
    const retried = feed(failed.state, [{ type: 'timer', peer: 'b' }]);
    expect(linkOf(retried.state, 'b')).toMatchObject({ phase: 'connecting', attempts: 2 });
    expect(retried.effects).toContainEqual({ kind: 'dial', peer: 'b', attempt: 2 });
  });

  test('a dial that does not open within the dial timeout is retired and retried', () => {
    const { state, effects } = feed(dialling(), [{ type: 'timer', peer: 'b' }]);
    expect(linkOf(state, 'b')).toMatchObject({ phase: 'retrying', lastError: 'no connection after 8000 ms' });
    expect(effects).toEqual([{ kind: 'retire', peer: 'b' }, { kind: 'set-timer', peer: 'b', ms: 100 }]);
  });

  test('a retry that finds the signalling server lost waits instead of dialling', () => {
    const { state, effects } = feed(dialling(), [
      { type: 'timer', peer: 'b' },
      { type: 'signalling-lost' },
      { type: 'timer', peer: 'b' },
    ]);
    expect(linkOf(state, 'b').phase).toBe('waiting');
    expect(effects.filter((e) => e.kind === 'dial')).toEqual([]);
  });

  test('the accepting side takes the designated dialer, and waits again with no timer after a failure', () => {
    const accepted = feed(createMeshState('b', ['a', 'b'], 0, timings), [{ type: 'incoming', peer: 'a' }]);
    expect(accepted.effects).toEqual([{ kind: 'accept', peer: 'a', attempt: 1 }]);
    const failed = feed(accepted.state, [{ type: 'conn-closed', peer: 'a', attempt: 1, reason: 'negotiation-failed' }]);
    expect(linkOf(failed.state, 'a')).toMatchObject({ phase: 'waiting', lastError: 'negotiation-failed' });
    expect(failed.effects).toEqual([{ kind: 'retire', peer: 'a' }, { kind: 'clear-timer', peer: 'a' }]);
  });

  test('a stranger, a peer we dial ourselves, or a peer already up is refused', () => {
    const lone = createMeshState('b', ['a', 'b', 'c'], 0, timings);
    expect(feed(lone, [{ type: 'incoming', peer: 'z' }]).effects).toEqual([{ kind: 'refuse' }]);
    expect(feed(lone, [{ type: 'incoming', peer: 'c' }]).effects).toEqual([{ kind: 'refuse' }]);
    const up = feed(lone, [
      { type: 'incoming', peer: 'a' },
      { type: 'conn-open', peer: 'a', attempt: 1 },
      { type: 'channel-open', peer: 'a', attempt: 1 },
    ]).state;
    expect(feed(up, [{ type: 'incoming', peer: 'a' }]).effects).toEqual([{ kind: 'refuse' }]);
  });

  test('an open connection stops the dial timer and opens the unreliable channel', () => {
    const { state, effects } = feed(dialling(), [{ type: 'conn-open', peer: 'b', attempt: 1 }]);
    expect(linkOf(state, 'b').phase).toBe('opening');
    expect(effects).toEqual([{ kind: 'clear-timer', peer: 'b' }, { kind: 'open-channel', peer: 'b', attempt: 1 }]);
    expect(canSend(state, 'b')).toBe(true);
    expect(canSend(dialling(), 'b')).toBe(false);
  });

  test('messages before peer-up are held, then delivered right after it; the mesh time is stamped', () => {
    const { state, effects } = feed(
      dialling(),
      [
        { type: 'conn-open', peer: 'b', attempt: 1 },
        { type: 'data', peer: 'b', attempt: 1, channel: 'reliable', data: bytes },
        { type: 'channel-open', peer: 'b', attempt: 1 },
        { type: 'data', peer: 'b', attempt: 1, channel: 'unreliable', data: bytes },
      ],
      1250,
    );
    expect(effects.filter((e) => e.kind === 'emit')).toEqual([
      { kind: 'emit', event: { type: 'peer-up', peer: 'b' } },
      { kind: 'emit', event: { type: 'message', from: 'b', data: bytes, channel: 'reliable', atMs: 1250 } },
      { kind: 'emit', event: { type: 'message', from: 'b', data: bytes, channel: 'unreliable', atMs: 1250 } },
    ]);
    expect(linkOf(state, 'b')).toMatchObject({ phase: 'up', held: [] });
    expect(state.meshMs).toBe(250);
  });

  test('the callbacks of a retired connection are ignored', () => {
    const retried = feed(dialling(), [
      { type: 'timer', peer: 'b' },
      { type: 'timer', peer: 'b' },
    ]).state;
    const { state, effects } = feed(retried, [
      { type: 'conn-open', peer: 'b', attempt: 1 },
      { type: 'conn-closed', peer: 'b', attempt: 1, reason: 'closed' },
      { type: 'ice', peer: 'b', attempt: 1, state: 'failed' },
    ]);
    expect(effects).toEqual([]);
    expect(linkOf(state, 'b')).toMatchObject({ phase: 'connecting', attempts: 2 });
  });

  test('ICE disconnected starts the grace timer; connected again cancels it', () => {
    const cut = feed(upWithB(), [{ type: 'ice', peer: 'b', attempt: 1, state: 'disconnected' }]);
    expect(linkOf(cut.state, 'b')).toMatchObject({ phase: 'interrupted', ice: 'disconnected' });
    expect(cut.effects).toEqual([{ kind: 'set-timer', peer: 'b', ms: 3000 }]);
    expect(canSend(cut.state, 'b')).toBe(true);
    const healed = feed(cut.state, [{ type: 'ice', peer: 'b', attempt: 1, state: 'connected' }]);
    expect(linkOf(healed.state, 'b').phase).toBe('up');
    expect(healed.effects).toEqual([{ kind: 'clear-timer', peer: 'b' }]);
  });

  test('a peer whose ICE stays disconnected past the grace period goes down', () => {
    const { state, effects } = feed(upWithB(), [
      { type: 'ice', peer: 'b', attempt: 1, state: 'disconnected' },
      { type: 'timer', peer: 'b' },
    ]);
    expect(linkOf(state, 'b')).toMatchObject({ phase: 'down', lastError: 'ICE disconnected for 3000 ms' });
    expect(effects).toContainEqual({ kind: 'emit', event: { type: 'peer-down', peer: 'b', reason: 'ICE disconnected for 3000 ms' } });
  });

  test('ICE failing before the peer is up is a retry, after it a departure', () => {
    const early = feed(dialling(), [{ type: 'ice', peer: 'b', attempt: 1, state: 'failed' }]);
    expect(linkOf(early.state, 'b')).toMatchObject({ phase: 'retrying', lastError: 'ICE failed', ice: 'failed' });
    const late = feed(upWithB(), [{ type: 'ice', peer: 'b', attempt: 1, state: 'failed' }]);
    expect(linkOf(late.state, 'b').phase).toBe('down');
  });

  test('an up peer goes down exactly once, and nothing of it is delivered afterwards', () => {
    const { state, effects } = feed(upWithB(), [
      { type: 'gone', peer: 'b', reason: 'its page closed' },
      { type: 'channel-closed', peer: 'b', attempt: 1 },
      { type: 'gone', peer: 'b', reason: 'again' },
      { type: 'data', peer: 'b', attempt: 1, channel: 'reliable', data: bytes },
    ]);
    expect(effects).toEqual([
      { kind: 'clear-timer', peer: 'b' },
      { kind: 'retire', peer: 'b' },
      { kind: 'emit', event: { type: 'peer-down', peer: 'b', reason: 'its page closed' } },
    ]);
    expect(canSend(state, 'b')).toBe(false);
  });

  test('a link that was never up goes down silently', () => {
    const { effects } = feed(dialling(), [{ type: 'gone', peer: 'b', reason: 'left' }]);
    expect(effects.filter((e) => e.kind === 'emit')).toEqual([]);
  });

  test('closing takes every link down without a peer-down, then shuts the shell down', () => {
    const { state, effects } = feed(upWithB(), [{ type: 'close' }, { type: 'close' }]);
    expect(state.closed).toBe(true);
    expect(linkOf(state, 'b').phase).toBe('down');
    expect(effects).toEqual([{ kind: 'clear-timer', peer: 'b' }, { kind: 'retire', peer: 'b' }, { kind: 'shut-down' }]);
  });

  test('a signalling error before registration fails it; losing it after is only "lost"', () => {
    const fresh = createMeshState('a', ['a', 'b'], 0, timings);
    const failed = feed(fresh, [{ type: 'signalling-error', errorType: 'network', message: 'Lost connection to server.' }]).state;
    expect(failed).toMatchObject({ signalling: 'failed', signallingError: { type: 'network', message: 'Lost connection to server.' } });
    const lost = feed(upWithB(), [{ type: 'signalling-lost' }]);
    expect(lost.state.signalling).toBe('lost');
    expect(linkOf(lost.state, 'b').phase).toBe('up');
    expect(lost.effects).toEqual([]);
  });

  test('a peer added later (a spectator to feed) is dialled at once by the lower id, awaited by the higher, and added once', () => {
    const added = feed(upWithB(), [{ type: 'add-peer', peer: 'z', dialer: true }]);
    expect(linkOf(added.state, 'z')).toMatchObject({ phase: 'connecting', attempts: 1, dialer: true });
    expect(added.effects).toContainEqual({ kind: 'dial', peer: 'z', attempt: 1 });
    expect(linkOf(added.state, 'b').phase).toBe('up');
    expect(added.state.meshMs).not.toBeNull();
    const again = feed(added.state, [{ type: 'add-peer', peer: 'z', dialer: true }]);
    expect(again.effects).toEqual([]);
    const waiting = feed(upWithB(), [{ type: 'add-peer', peer: '0', dialer: false }, { type: 'incoming', peer: '0' }]);
    expect(linkOf(waiting.state, '0')).toMatchObject({ phase: 'connecting', dialer: false });
    expect(waiting.effects).toContainEqual({ kind: 'accept', peer: '0', attempt: 1 });
    const closed = feed(upWithB(), [{ type: 'close' }, { type: 'add-peer', peer: 'z', dialer: true }]);
    expect(closed.state.links.map((l) => l.peer)).toEqual(['b']);
  });
});
