import { describe, expect, test } from 'vitest';
import type { TransportEvent } from '../../../net/lockstep/transport';
import type { PeerHandlers } from '../../../net/mesh/mesh-ports';
import { createPeerjsTransport, type PeerjsTransport } from '../../../net/mesh/peerjs-transport';
import { keepRegistered } from '../../../net/mesh/signalling-retry';
import { createFakePeerNetwork } from '../../harness/fake-peer-network';
import { createVirtualClock } from '../../harness/virtual-clock';

const server = { host: '10.0.0.1', port: 8080, path: '/peerjs', key: 'k', secure: false };
const timings = { firstMs: 100, maxMs: 400 };

function watched() {
  const clock = createVirtualClock(0);
  const net = createFakePeerNetwork(clock, 5);
  const seen: string[] = [];
  const handlers: PeerHandlers = {
    open: () => void seen.push('open'),
    connection: () => undefined,
    error: (type) => void seen.push(`error ${type}`),
    disconnected: () => void seen.push('disconnected'),
  };
  const peer = keepRegistered(net.createPeer('x', server, []), clock, timings);
  peer.listen(handlers);
  clock.advance(10);
  return { clock, net, seen, peer };
}

describe('re-registering after a signalling drop', () => {
  test('a dropped peer registers again after the first delay, and hears open again', () => {
    const { clock, net, seen } = watched();
    net.dropSignalling('x');
    expect(seen).toEqual(['open', 'disconnected']);
    clock.advance(99);
    expect(net.reconnects('x')).toBe(0);
    clock.advance(10);
    expect(net.reconnects('x')).toBe(1);
    expect(seen).toEqual(['open', 'disconnected', 'open']);
    expect(net.registered()).toEqual(['x', 'x']);
  });

  test('while the server is gone it backs off (100, 200, 400, 400 ms), and starts over once back', () => {
    const { clock, net, seen } = watched();
    net.stopServer();
    const attemptsAt = (ms: number): number => {
      clock.advance(ms);
      return net.reconnects('x');
    };
    // Each failed attempt reports `disconnected` one hop (5 ms) after it.
    expect([attemptsAt(100), attemptsAt(205), attemptsAt(405), attemptsAt(405)]).toEqual([1, 2, 3, 4]);
    // The server is back before the 4th attempt is answered.
    net.startServer();
    clock.advance(10);
    expect(seen.filter((e) => e === 'open')).toHaveLength(2);
    net.dropSignalling('x');
    expect(attemptsAt(100)).toBe(5);
  });

  test('a destroyed peer tries no more', () => {
    const { clock, net, peer } = watched();
    net.dropSignalling('x');
    peer.destroy();
    clock.advance(1000);
    expect(net.reconnects('x')).toBe(0);
  });

  test('a mesh peer keeps its links through the drop, and once back it reaches a peer that came later', () => {
    const clock = createVirtualClock(0);
    const net = createFakePeerNetwork(clock, 5);
    const ids = ['a', 'b', 'c'];
    const createPeer = (...args: Parameters<typeof net.createPeer>) => keepRegistered(net.createPeer(...args), clock, timings);
    const make = (self: string): PeerjsTransport => createPeerjsTransport({ self, peers: ids, server, createPeer, clock });
    const [a, b] = [make('a'), make('b')];
    const events: TransportEvent[] = [];
    const pump = (ms: number, ...ts: PeerjsTransport[]): void => {
      for (let t = 0; t < ms; t += 5) {
        clock.advance(5);
        for (const tr of ts) events.push(...tr.drain());
      }
    };
    pump(200, a, b);
    expect(b.status().links.find((l) => l.peer === 'a')?.state).toBe('up');
    net.dropSignalling('b');
    pump(20, a, b);
    expect(b.status().signalling).toBe('lost');
    // 'c' arrives while b is off the server: b (the lower id) is the one to dial it.
    const c = make('c');
    pump(400, a, b, c);
    expect(b.status().signalling).toBe('open');
    expect(b.status().links.map((l) => l.state)).toEqual(['up', 'up']);
    expect(c.status().links.map((l) => l.state)).toEqual(['up', 'up']);
    expect(events.filter((e) => e.type === 'peer-down')).toEqual([]);
  });
});
