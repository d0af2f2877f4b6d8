import { describe, expect, it } from 'vitest';
import { ricochetGame } from '../../../game/sim/index';
import type { Transport, TransportEvent } from '../../../net/lockstep/transport';
import { decodeEngine, encodeEngine } from '../../../net/protocol/engine-codec';
import type { EngineMessage } from '../../../net/protocol/engine-messages';
import { expectAgreement } from '../../simnet/agreement';
import { PROFILES } from '../../simnet/profiles';
import { runMatch } from '../../simnet/run-match';

const FRAMES = 900;
const plan = { peers: 3, frames: FRAMES, seed: 78, profile: PROFILES.wifi!, setup: { seed: 5, players: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] }, gameFor: () => ricochetGame };
const msg = (from: string, m: EngineMessage): TransportEvent => ({ type: 'message', from, data: encodeEngine(m), channel: 'reliable' });

/**
 * Wraps p0's transport: after every drain, p1 asks for the state of every checkpoint frame so far
 * (again and again) and sends a chunk nobody asked for; p0's snapshot chunks are counted.
 */
function attack(inner: Transport, sent: Map<string, number>): Transport {
  let tick = 0;
  return {
    self: inner.self,
    send(to, data, channel) {
      const decoded = decodeEngine(data);
      if (decoded.ok && decoded.msg.kind === 'snapshotChunk') sent.set(`${to}@${decoded.msg.frame}`, (sent.get(`${to}@${decoded.msg.frame}`) ?? 0) + 1);
      inner.send(to, data, channel);
    },
    drain() {
      tick += 1;
      const frames = Array.from({ length: Math.floor(tick / 30) }, (_, i) => 30 * (i + 1));
      return [
        ...inner.drain(),
        ...frames.map((frame) => msg('p1', { kind: 'snapshotRequest', frame })),
        msg('p1', { kind: 'snapshotChunk', frame: 30, totalBytes: 10, index: 0, data: new Uint8Array(10) }),
      ];
    },
  };
}

describe('snapshots under hostile messages', () => {
  it('a peer asking for every state again and again gets each kept one once, and unasked chunks change nothing', () => {
    const sent = new Map<string, number>();
    const attacked = runMatch({ ...plan, wrapTransport: (i, t) => (i === 0 ? attack(t, sent) : t) });
    // The answers travel on the simulated network and change its timing, so the match is not the
    // one without the attack: what matters is that everyone agrees and plays on.
    expectAgreement(attacked, 29);
    for (const peer of attacked.peers) expect(peer.engine.frame()).toBe(FRAMES);
    // One snapshot (3 chunks at most of a 3-player state) per checkpoint frame asked for while kept, and only to p1.
    expect([...sent.keys()].every((key) => key.startsWith('p1@'))).toBe(true);
    // (The last checkpoint may come too late for a request before the run stops.)
    expect(sent.size).toBeGreaterThanOrEqual(FRAMES / 30 - 1);
    expect(sent.size).toBeLessThanOrEqual(FRAMES / 30);
    for (const chunks of sent.values()) expect(chunks).toBeLessThanOrEqual(3);
    const rejected = attacked.peers[0]!.engine.stats().rejected;
    expect(rejected.duplicate).toBeGreaterThan(1000);
    expect(rejected.stale).toBeGreaterThan(1000);
    expect(attacked.peers[0]!.events.filter((e) => e.type !== 'delay-changed')).toEqual([]);
  });
});
