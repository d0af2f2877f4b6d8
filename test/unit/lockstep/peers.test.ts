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

  it('does not count time it was not polled as silence: a frozen page must not drop everyone on waking', () => {
    const peers = new Peers(['a', 'b'], 'a');
    peers.listened(1000, 250);
    peers.heard('b', 1000);
    peers.listened(7000, 250); // frozen for 6 s: only 250 ms of it was listening
    expect(peers.silentLongerThan(['b'], 5000, 7000)).toEqual([]);
    // Polled steadily since, so the silence counts: 250 ms before the freeze, the rest after it.
    for (let t = 7100; t <= 11_700; t += 100) peers.listened(t, 250);
    expect(peers.silentLongerThan(['b'], 5000, 11_700)).toEqual([]);
    for (let t = 11_800; t <= 12_000; t += 100) peers.listened(t, 250);
    expect(peers.silentLongerThan(['b'], 5000, 12_000)).toEqual([{ peer: 'b', silentMs: 5250 }]);
  });

  it('a hidden tab polling once a second still drops a dead peer, later', () => {
    const peers = new Peers(['a', 'b'], 'a');
    peers.listened(0, 250);
    peers.heard('b', 0);
    let t = 0;
    while (peers.silentLongerThan(['b'], 5000, t).length === 0) peers.listened((t += 1000), 250);
    expect(t).toBe(21_000); // 250 ms of listening a second: 5 s of silence take 20 s and a bit
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
    expect(peers.onPong('b', 999, 0, 1040)).toBe('duplicate');
    expect(peers.onPong('b', 1000, 0, 1040)).toBe('ok');
    expect(peers.onPong('b', 1000, 0, 1041)).toBe('duplicate');
    expect(peers.rtts()).toEqual({ ewma: { b: 40 }, p90: { b: 40 }, median: { b: 40 }, jitter: { b: 0 }, loss: { b: 0 } });
  });

  it('a pong claiming an RTT over a minute is refused', () => {
    const peers = new Peers(['a', 'b'], 'a');
    const time = peers.tryPing('b', 250, 0) as number;
    expect(peers.onPong('b', time, 0, 60_001)).toBe('invalid');
  });

  it('takes the hold time out of the RTT, exactly, with the sent time kept to the fraction of a ms', () => {
    const peers = new Peers(['a', 'b'], 'a');
    const time = peers.tryPing('b', 250, 1000.25) as number;
    expect(peers.onPong('b', time, 14.5, 1016.05)).toBe('ok');
    expect(peers.rtts().median.b).toBeCloseTo(1.3, 9);
  });

  it('refuses a pong whose hold is longer than its round trip (a lie), and records nothing', () => {
    const peers = new Peers(['a', 'b'], 'a');
    const time = peers.tryPing('b', 250, 1000) as number;
    expect(peers.onPong('b', time, 10_000, 1040)).toBe('invalid');
    expect(peers.onPong('b', time, 41, 1040)).toBe('invalid');
    expect(peers.rtts().median).toEqual({});
    expect(peers.onPong('b', time, 39, 1040)).toBe('ok');
    expect(peers.rtts().median.b).toBeCloseTo(1, 9);
  });

  it('counts a ping unanswered for a second as lost', () => {
    const peers = new Peers(['a', 'b'], 'a');
    const first = peers.tryPing('b', 250, 0) as number;
    peers.tryPing('b', 250, 250);
    expect(peers.onPong('b', first, 0, 10)).toBe('ok');
    peers.tryPing('b', 250, 1300); // the ping of 250 is now over a second old
    expect(peers.rtts().loss.b).toBeCloseTo(0.5, 9);
  });
});
