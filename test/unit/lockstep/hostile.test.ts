import { describe, expect, it } from 'vitest';
import type { Transport, TransportEvent } from '../../../net/lockstep/transport';
import { encode } from '../../../net/protocol/codec';
import { voteCount } from '../../../net/protocol/input-runs';
import { PROTOCOL_VERSION, type InputRun, type Message } from '../../../net/protocol/messages';
import { expectAgreement } from '../../simnet/agreement';
import { createPrng } from '../../simnet/prng';
import { PROFILES } from '../../simnet/profiles';
import { runMatch } from '../../simnet/run-match';
import { mixGame } from '../../simnet/test-games';

const plan = { peers: 3, frames: 1500, seed: 77, profile: PROFILES.wifi!, setup: { slots: 3, seed: 9 }, gameFor: () => mixGame };
const run = (slot: number, startFrame: number, inputs: number[]): InputRun => ({ slot, startFrame, inputs, votes: Array(voteCount(startFrame, inputs.length)).fill(3) });
const msg = (from: string, m: Message): TransportEvent => ({ type: 'message', from, data: encode(m), channel: 'unreliable' });

/** Wraps p0's transport: after every real drain, adds one hostile message of each kind. */
function attack(inner: Transport): Transport {
  const random = createPrng(1);
  const captured: TransportEvent[] = [];
  let tick = 0;
  return {
    self: inner.self,
    send: (to, data, channel) => inner.send(to, data, channel),
    drain() {
      const real = inner.drain();
      captured.push(...real.filter((e) => e.type === 'message' && e.channel === 'reliable'));
      tick += 1;
      const frame = tick; // roughly p0's frame: hostile frames sit far behind it or far ahead
      const garbage = Uint8Array.from({ length: 1 + Math.floor(random() * 30) }, () => Math.floor(random() * 256));
      const hostile: TransportEvent[] = [
        { type: 'message', from: 'p1', data: garbage, channel: 'unreliable' },
        { type: 'message', from: 'p1', data: Uint8Array.from([PROTOCOL_VERSION + 1, 6, 0, 0, 0]), channel: 'unreliable' },
        msg('p1', { kind: 'inputs', frame, runs: [run(0, frame, [31, 31])], acks: [] }),
        msg('p2', { kind: 'inputs', frame, runs: [run(1, frame, [7])], acks: [] }),
        msg('mallory', { kind: 'inputs', frame, runs: [], acks: [] }),
        msg('p1', { kind: 'inputs', frame, runs: [run(1, frame + 100_000, [1])], acks: [] }),
        msg('p2', { kind: 'hello', buildId: 'x', matchId: 'y', name: 'z', slot: 2 }),
        msg('p1', { kind: 'pong', time: Math.floor(random() * 2 ** 32) }),
      ];
      if (frame > 200) {
        const old = frame - 150;
        hostile.push(msg('p1', { kind: 'inputs', frame: old, runs: [run(1, old, [30, 29, 28])], acks: [] }));
        hostile.push(msg('p2', { kind: 'checkpoint', frame: 30, hash: 12345 }));
      }
      const replay = captured[Math.floor(random() * captured.length)];
      if (replay) hostile.push(replay);
      return [...real, ...hostile];
    },
  };
}

describe('lockstep under hostile messages', () => {
  it('counts garbage, spoofed, stale, out-of-range and duplicate messages, and they change nothing, not even the stalls', () => {
    const reference = runMatch(plan);
    const attacked = runMatch({ ...plan, wrapTransport: (i, t) => (i === 0 ? attack(t) : t) });
    expectAgreement(attacked, 45);
    attacked.peers.forEach((peer, i) => {
      const ref = reference.peers[i]!.engine;
      expect(peer.engine.frame()).toBe(1500);
      expect(peer.engine.checkpoints()).toEqual(ref.checkpoints());
      expect(peer.engine.inputLog()).toEqual(ref.inputLog());
      expect(peer.engine.stats().stalls).toBe(ref.stats().stalls);
    });
    const rejected = attacked.peers[0]!.engine.stats().rejected;
    expect(rejected.invalid).toBeGreaterThan(2000);
    expect(rejected.spoofed).toBeGreaterThan(3000);
    expect(rejected.stale).toBeGreaterThan(1000);
    expect(rejected.duplicate).toBeGreaterThan(1000);
    expect(attacked.peers[0]!.events.filter((e) => e.type !== 'delay-changed')).toEqual([]);
  });
});
