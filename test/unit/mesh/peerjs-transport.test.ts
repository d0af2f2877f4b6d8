import { describe, expect, test } from 'vitest';
import type { TransportEvent } from '../../../net/lockstep/transport';
import { createFakePeerNetwork } from '../../harness/fake-peer-network';
import { createPeerjsTransport, type PeerjsTransport, type PeerjsTransportOptions } from '../../../net/mesh/peerjs-transport';
import { createVirtualClock } from '../../harness/virtual-clock';

const server = { host: '10.0.0.1', port: 8080, path: '/peerjs', key: 'peerjs', secure: false };

function setup(ids: string[], extra: Partial<PeerjsTransportOptions> = {}) {
  const clock = createVirtualClock(1000);
  const net = createFakePeerNetwork(clock, 5);
  const make = (self: string): PeerjsTransport =>
    createPeerjsTransport({ self, peers: ids, server, createPeer: net.createPeer, clock, ...extra });
  const transports = new Map(ids.map((id) => [id, make(id)]));
  const events = new Map<string, TransportEvent[]>(ids.map((id) => [id, []]));
  const pump = (ms: number): void => {
    for (let t = 0; t < ms; t += 5) {
      clock.advance(5);
      for (const [id, tr] of transports) events.get(id)?.push(...tr.drain());
    }
  };
  const of = (id: string): PeerjsTransport => transports.get(id) ?? expect.unreachable();
  const seen = (id: string, type: TransportEvent['type']): TransportEvent[] =>
    (events.get(id) ?? []).filter((e) => e.type === type);
  return { clock, net, transports, events, pump, of, seen, make };
}

describe('peerjs transport', () => {
  test('four peers build a full mesh: everyone sees every other peer up exactly once', () => {
    const ids = ['p3', 'p1', 'p4', 'p2'];
    const { pump, of, seen } = setup(ids);
    pump(200);
    for (const id of ids) {
      const ups = seen(id, 'peer-up').map((e) => (e.type === 'peer-up' ? e.peer : ''));
      expect(ups.sort()).toEqual(ids.filter((x) => x !== id).sort());
      expect(of(id).status().meshMs).toBeGreaterThan(0);
      expect(of(id).status().links.every((l) => l.state === 'up')).toBe(true);
    }
  });

  test('only the lower id dials, so each pair has a single connection', () => {
    const { pump, of } = setup(['a', 'b', 'c']);
    pump(200);
    // 'a' dialled b and c once each; 'c' never dialled but accepted two connections.
    expect(of('a').status().links.map((l) => l.attempts)).toEqual([1, 1]);
    expect(of('c').status().links.map((l) => l.attempts)).toEqual([1, 1]);
  });

  test('a dial that gets peer-unavailable retries and the mesh still completes', () => {
    const clock = createVirtualClock();
    const net = createFakePeerNetwork(clock, 5);
    const a = createPeerjsTransport({ self: 'a', peers: ['a', 'b'], server, createPeer: net.createPeer, clock, dialRetryMs: 50 });
    clock.advance(300);
    expect(a.status().links[0]?.lastError).toContain('Could not connect to peer b');
    const b = createPeerjsTransport({ self: 'b', peers: ['a', 'b'], server, createPeer: net.createPeer, clock });
    clock.advance(300);
    expect(a.drain()).toEqual([{ type: 'peer-up', peer: 'b' }]);
    expect(b.drain()).toEqual([{ type: 'peer-up', peer: 'a' }]);
    expect(a.status().links[0]?.attempts).toBeGreaterThan(2);
  });

  test('messages arrive on the channel they were sent on, as bytes, after peer-up', () => {
    const { pump, of, seen } = setup(['a', 'b']);
    pump(100);
    of('a').send('b', new Uint8Array([1, 2, 3]), 'unreliable');
    of('b').send('a', new Uint8Array([9]), 'reliable');
    pump(50);
    expect(seen('b', 'message')).toMatchObject([{ type: 'message', from: 'a', data: new Uint8Array([1, 2, 3]), channel: 'unreliable' }]);
    expect(seen('a', 'message')).toMatchObject([{ type: 'message', from: 'b', data: new Uint8Array([9]), channel: 'reliable' }]);
  });

  test('a message is stamped with the clock when it arrives, not when it is drained', () => {
    const { clock, pump, of } = setup(['a', 'b']);
    pump(100);
    of('b').drain();
    const sentAt = clock.now();
    of('a').send('b', new Uint8Array([7]), 'unreliable');
    clock.advance(40); // the fake network delivers after 5 ms; the drain comes 35 ms after that
    expect(of('b').drain()).toEqual([{ type: 'message', from: 'a', data: new Uint8Array([7]), channel: 'unreliable', atMs: sentAt + 5 }]);
  });

  test('sending to an unknown, not yet connected or departed peer does nothing and never throws', () => {
    const { pump, of, net, seen } = setup(['a', 'b']);
    expect(() => of('a').send('b', new Uint8Array([1]), 'reliable')).not.toThrow();
    pump(100);
    expect(() => of('a').send('zz', new Uint8Array([1]), 'reliable')).not.toThrow();
    net.crash('b');
    pump(50);
    expect(() => of('a').send('b', new Uint8Array([1]), 'unreliable')).not.toThrow();
    expect(seen('a', 'message')).toEqual([]);
  });

  test('a crashed peer is reported down exactly once, with a reason', () => {
    const { pump, net, seen } = setup(['a', 'b', 'c']);
    pump(100);
    net.crash('b');
    pump(100);
    for (const id of ['a', 'c']) {
      const downs = seen(id, 'peer-down');
      expect(downs).toHaveLength(1);
      expect(downs[0]).toMatchObject({ type: 'peer-down', peer: 'b', reason: expect.stringContaining('closed') });
    }
  });

  test('a peer the host reports gone is down at once, exactly once, and gets nothing more', () => {
    const { pump, of, seen } = setup(['a', 'b', 'c']);
    pump(100);
    of('a').markGone('b', 'its page closed its connection to the host');
    of('a').markGone('b', 'again');
    pump(10);
    expect(seen('a', 'peer-down')).toEqual([{ type: 'peer-down', peer: 'b', reason: 'its page closed its connection to the host' }]);
    of('b').send('a', new Uint8Array([1]), 'reliable');
    pump(50);
    expect(seen('a', 'message').filter((e) => e.type === 'message' && e.from === 'b')).toEqual([]);
    expect(seen('c', 'peer-down')).toEqual([]);
  });

  test('ICE disconnected for less than the grace period is not a departure; longer is', () => {
    const { pump, net, seen } = setup(['a', 'b'], { disconnectGraceMs: 3000 });
    pump(100);
    net.setIce('a', 'b', 'disconnected');
    pump(2000);
    net.setIce('a', 'b', 'connected');
    pump(3000);
    expect(seen('a', 'peer-down')).toEqual([]);
    net.setIce('a', 'b', 'disconnected');
    pump(3100);
    expect(seen('a', 'peer-down')).toEqual([{ type: 'peer-down', peer: 'b', reason: 'ICE disconnected for 3000 ms' }]);
  });

  test('losing the signalling server keeps the mesh: no peer-down, messages still flow', () => {
    const { pump, net, of, seen } = setup(['a', 'b']);
    pump(100);
    net.stopServer();
    pump(100);
    of('b').send('a', new Uint8Array([7]), 'unreliable');
    pump(50);
    expect(of('a').status().signalling).toBe('lost');
    expect(seen('a', 'peer-down')).toEqual([]);
    expect(seen('a', 'message')).toHaveLength(1);
  });

  test('a pair whose ICE always fails never comes up and says why', () => {
    const { pump, net, of, seen } = setup(['a', 'b'], { dialRetryMs: 100 });
    net.block('a', 'b');
    pump(1000);
    expect(seen('a', 'peer-up')).toEqual([]);
    expect(seen('b', 'peer-up')).toEqual([]);
    const link = of('a').status().links[0];
    expect(link?.state).toBe('connecting');
    expect(link?.attempts).toBeGreaterThan(1);
    expect(link?.lastError).toContain('ICE failed');
    expect(of('a').status().meshMs).toBeNull();
  });

  test('a stranger dialling in is refused', () => {
    const { pump, net, clock, seen, of } = setup(['b', 'c']);
    const stranger = createPeerjsTransport({ self: 'a', peers: ['a', 'b'], server, createPeer: net.createPeer, clock });
    pump(200);
    expect(stranger.drain()).toEqual([]);
    expect(seen('b', 'peer-up')).toEqual([{ type: 'peer-up', peer: 'c' }]);
    expect(of('b').status().links).toHaveLength(1);
  });

  test('close stops all events and reports nothing more', () => {
    const { pump, of, seen } = setup(['a', 'b']);
    pump(100);
    of('a').close();
    pump(100);
    expect(of('a').drain()).toEqual([]);
    expect(seen('b', 'peer-down')).toHaveLength(1);
  });
});
