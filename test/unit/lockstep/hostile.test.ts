import { describe, expect, it } from 'vitest';
import { createLockstep } from '../../../net/lockstep';
import type { Transport, TransportEvent } from '../../../net/lockstep/transport';
import { encodeEngine } from '../../../net/protocol/engine-codec';
import { encodeHandshake } from '../../../net/protocol/handshake-codec';
import { voteCount } from '../../../net/protocol/input-runs';
import type { EngineMessage, InputRun } from '../../../net/protocol/engine-messages';
import { PROTOCOL_VERSION } from '../../../net/protocol/wire-format';
import { expectAgreement } from '../../simnet/agreement';
import { createPrng } from '../../simnet/prng';
import { PROFILES } from '../../simnet/profiles';
import { runMatch } from '../../simnet/run-match';
import { mixGame } from '../../simnet/test-games';

const plan = { peers: 3, frames: 1500, seed: 77, profile: PROFILES.wifi!, setup: { slots: 3, seed: 9 }, gameFor: () => mixGame };
const run = (slot: number, startFrame: number, inputs: number[]): InputRun => ({ slot, startFrame, inputs, votes: Array(voteCount(startFrame, inputs.length)).fill(3) });
const msg = (from: string, m: EngineMessage): TransportEvent => ({ type: 'message', from, data: encodeEngine(m), channel: 'unreliable' });

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
        // A handshake message is another protocol's: invalid to the engine, and harmless.
        { type: 'message', from: 'p2', data: encodeHandshake({ kind: 'hello', buildId: 'x', matchId: 'y', name: 'z', slot: 2 }), channel: 'unreliable' },
        msg('p1', { kind: 'pong', time: Math.floor(random() * 2 ** 32), holdUs: Math.floor(random() * 10_000_001) }),
      ];
      if (frame > 200) {
        const old = frame - 150;
        hostile.push(msg('p1', { kind: 'inputs', frame: old, runs: [run(1, old, [30, 29, 28])], acks: [] }));
        hostile.push(msg('p2', { kind: 'checkpoint', frame: 30, hash: 12345, sections: [] }));
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

  it('counts a handshake message (another protocol) as invalid, and it changes nothing', () => {
    const inbox: TransportEvent[] = [
      { type: 'peer-up', peer: 'b' },
      { type: 'message', from: 'b', data: encodeHandshake({ kind: 'helloAck', slot: 1 }), channel: 'reliable' },
      { type: 'message', from: 'b', data: encodeHandshake({ kind: 'start', seed: 1, countdownMs: 0, slotOwners: ['a', 'b'], names: ['x', 'y'] }), channel: 'reliable' },
    ];
    const transport: Transport = { self: 'a', send: () => undefined, drain: () => inbox.splice(0) };
    const engine = createLockstep({ game: mixGame, transport, setup: { slots: 2, seed: 1 }, slotOwners: ['a', 'b'], localSlots: [0] });
    engine.poll(0);
    expect(engine.stats().rejected).toEqual({ invalid: 2, spoofed: 0, stale: 0, duplicate: 0, fromDropped: 0 });
    expect(engine.frame()).toBe(0);
  });
});
