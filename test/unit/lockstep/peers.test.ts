import { describe, expect, it } from 'vitest';
import { Peers } from '../../../net/lockstep/peers';

describe('peers', () => {
  it('lists every remote owner once, in order of its first slot, with all its slots', () => {
    const peers = new Peers(['b', 'a', 'c', 'b'], 'a');
    expect(peers.ids()).toEqual(['b', 'c']);
    expect(peers.slotsOf('b')).toEqual([0, 3]);
    expect(peers.has('a')).toBe(false);
    expect(peers.slotsOf('nobody')).toEqual([]);
  });

  it('counts silence from the first check, and a message resets it', () => {
    const peers = new Peers(['a', 'b'], 'a');
    expect(peers.silentLongerThan(['b'], 100, 1000)).toEqual([]);
    expect(peers.silentLongerThan(['b'], 100, 1101)).toEqual([{ peer: 'b', silentMs: 101 }]);
    peers.heard('b', 1100);
    expect(peers.silentLongerThan(['b'], 100, 1150)).toEqual([]);
  });

  it('acks only move forward, and never past what is held', () => {
    const peers = new Peers(['a', 'b'], 'a');
    const held = { frontier: () => 40 };
    peers.onAcks('b', [{ slot: 0, frame: 30 }], held);
    peers.onAcks('b', [{ slot: 0, frame: 10 }], held);
    expect(peers.ackOf('b', 0)).toBe(30);
    peers.onAcks('b', [{ slot: 0, frame: 1000 }, { slot: 9, frame: 10 }], held);
    expect(peers.ackOf('b', 0)).toBe(40);
    expect(peers.ackOf('b', 9)).toBe(0);
  });

  it('pings once per interval, and only a pong echoing a ping in flight is an RTT sample, once', () => {
    const peers = new Peers(['a', 'b'], 'a');
    const time = peers.tryPing('b', 250, 1000);
    expect(time).toBe(1000);
    expect(peers.tryPing('b', 250, 1100)).toBeUndefined();
    expect(peers.onPong('b', 999, 1040)).toBe(false);
    expect(peers.onPong('b', 1000, 1040)).toBe(true);
    expect(peers.onPong('b', 1000, 1041)).toBe(false);
    expect(peers.rtts()).toEqual({ ewma: { b: 40 }, p90: { b: 40 } });
    expect(peers.worstRttP90(['b'])).toBe(40);
    expect(peers.worstRttP90([])).toBeUndefined();
  });

  it('a pong claiming an RTT over a minute is refused', () => {
    const peers = new Peers(['a', 'b'], 'a');
    const time = peers.tryPing('b', 250, 0) as number;
    expect(peers.onPong('b', time, 60_001)).toBe(false);
  });
});
