import { describe, expect, it } from 'vitest';
import { decodeRelay, encodeRelay, type RelayMessage } from '../../../net/protocol/relay-messages';
import type { RelayTransport } from '../../../net/relay';
import type { TransportEvent } from '../../../net/lockstep/transport';
import { PROFILES, type NetProfile } from '../../simnet/profiles';
import { relayPeer, type SendHook } from '../../simnet/relay-rig';
import { createSimNetwork, type SimNetwork } from '../../simnet/sim-network';

const fixed: NetProfile = { ...PROFILES.clean!, name: 'fixed 5 ms', latencyMs: 5 };
const bytes = (...values: number[]): Uint8Array => Uint8Array.from([4, 6, ...values]);

/** Three or more relay peers, the link 0–1 cut for good, run for `ms` with every peer draining each ms. */
function rig(count: number, hooks: Record<number, SendHook> = {}): { net: SimNetwork; relays: RelayTransport[]; got: TransportEvent[][]; run(ms: number): void } {
  const net = createSimNetwork(count, fixed, 1);
  net.cutPair(0, 1, 0, Infinity);
  const relays = net.peers.map((_, i) => relayPeer(net, i, hooks[i]));
  const got: TransportEvent[][] = relays.map(() => []);
  return {
    net, relays, got,
    run(ms) {
      const end = net.now() + ms;
      for (let t = net.now() + 1; t <= end; t++) {
        net.advanceTo(t);
        relays.forEach((r, i) => got[i]!.push(...r.transport.drain()));
      }
    },
  };
}
const messagesFrom = (events: TransportEvent[], from: string): Extract<TransportEvent, { type: 'message' }>[] =>
  events.filter((e): e is Extract<TransportEvent, { type: 'message' }> => e.type === 'message' && e.from === from);

describe('the relay transport', () => {
  it('routes a pair with no link through the third peer within a second, and shows it', () => {
    const r = rig(3);
    r.run(1500);
    expect(r.relays[0]!.links()).toEqual([{ peer: 'p1', via: 'p2', rttMs: null }, { peer: 'p2', via: 'direct', rttMs: expect.closeTo(10, 0) }]);
    r.relays[0]!.transport.send('p1', bytes(1, 2, 3), 'unreliable');
    r.relays[0]!.transport.send('p1', bytes(4), 'reliable');
    r.run(50);
    expect(messagesFrom(r.got[1]!, 'p0').map((m) => [...m.data])).toEqual([[4, 6, 1, 2, 3], [4, 6, 4]]);
    expect(r.relays[2]!.stats().forwarded).toBeGreaterThanOrEqual(2);
    expect(r.relays[1]!.stats().relayedIn).toBeGreaterThanOrEqual(2);
  });

  it('forwards in the receive handler: a relayed message takes two hops, not two hops plus the relay’s next poll', () => {
    const r = rig(3);
    r.run(1500);
    const sentAt = r.net.now();
    r.relays[0]!.transport.send('p1', bytes(9), 'unreliable');
    r.run(30);
    const [arrival] = messagesFrom(r.got[1]!, 'p0').filter((m) => m.data[2] === 9);
    // Two 5 ms hops; a relay that forwarded only when its engine polls (every 16.7 ms) would add up to a frame.
    expect(arrival!.atMs! - sentAt).toBeCloseTo(10, 5);
  });

  it('refuses a message the relay altered, stops using that relay, and the sender avoids it too', () => {
    // p2 flips the last byte of every envelope it forwards; p3 is honest.
    const forge: SendHook = (to, data, channel, send) => {
      const msg = decodeRelay(data);
      if (msg.ok && msg.msg.kind === 'relay' && msg.msg.from !== 'p2') {
        const payload = Uint8Array.from(msg.msg.payload);
        payload[payload.length - 1]! ^= 1;
        return send(to, encodeRelay({ ...msg.msg, payload } as RelayMessage), channel);
      }
      send(to, data, channel);
    };
    const r = rig(4, { 2: forge });
    r.run(1500);
    for (let i = 0; i < 20; i++) {
      r.relays[0]!.transport.send('p1', bytes(i), 'unreliable');
      r.run(50);
    }
    const delivered = messagesFrom(r.got[1]!, 'p0').filter((m) => m.data.length === 3).map((m) => m.data[2]);
    // What p2 carried never arrives altered; once p1 names p2 a forger, p0 goes through p3.
    expect(delivered.length).toBeGreaterThanOrEqual(17);
    for (const value of delivered) expect(value).toBeLessThan(20);
    expect(r.relays[1]!.stats().rejected['bad-tag']).toBeGreaterThanOrEqual(1);
    expect(r.relays[1]!.notices()).toContainEqual({ type: 'relay-forged', relay: 'p2', from: 'p0' });
    expect(r.relays[0]!.links().find((l) => l.peer === 'p1')?.via).toBe('p3');
  });

  it('refuses a replayed envelope and an envelope whose sender is not the one who handed it over', () => {
    const r = rig(3, {
      // p2 forwards everything twice.
      2: (to, data, channel, send) => {
        send(to, data, channel);
        if (decodeRelay(data).ok) send(to, data, channel);
      },
    });
    r.run(1500);
    r.relays[0]!.transport.send('p1', bytes(5), 'unreliable');
    r.run(50);
    expect(messagesFrom(r.got[1]!, 'p0').filter((m) => m.data[2] === 5)).toHaveLength(1);
    expect(r.relays[1]!.stats().rejected['replayed']).toBeGreaterThanOrEqual(1);
    // p1 asks p2 to carry an envelope that claims to come from p0.
    const spoof = encodeRelay({ kind: 'relay', to: 'p0', from: 'p0', seq: 1, channel: 'unreliable', tag: new Uint8Array(16), payload: bytes(1) });
    r.net.transport(1).send('p2', spoof, 'unreliable');
    r.run(20);
    expect(r.relays[2]!.stats().rejected['spoofed']).toBe(1);
    expect(r.relays[2]!.notices()).toContainEqual({ type: 'relay-spoofed', relay: 'p1', claimed: 'p0' });
  });

  it('reports a closed link as peer-down only when no relay reaches the peer, and at once on the host’s word', () => {
    const r = rig(3);
    r.run(1500);
    r.relays[2]!.receive({ type: 'peer-down', peer: 'p0', reason: 'closed' });
    r.run(10);
    // p2 lost its link to p0, and p1 cannot hear p0 either: no relay, so the engine learns it.
    expect(r.got[2]!.filter((e) => e.type === 'peer-down')).toEqual([{ type: 'peer-down', peer: 'p0', reason: 'closed' }]);
    r.relays[0]!.gone('p1', 'host: page closed');
    expect(r.relays[0]!.transport.drain()).toContainEqual({ type: 'peer-down', peer: 'p1', reason: 'host: page closed' });
  });

  it('keeps a closed link’s peer when a relay still reaches it', () => {
    const r = rig(4);
    r.run(1500);
    // p0 loses its link to p2 (p0–p1 is cut too): p3 hears both, so p0 goes through it.
    r.relays[0]!.receive({ type: 'peer-down', peer: 'p2', reason: 'closed' });
    r.run(500);
    expect(r.got[0]!.filter((e) => e.type === 'peer-down')).toEqual([]);
    expect(r.relays[0]!.links().find((l) => l.peer === 'p2')?.via).toBe('p3');
  });
});
