import { describe, expect, it } from 'vitest';
import { createLockstep, FRAME_MS } from '../../../net/lockstep';
import type { PeerId, Transport, TransportEvent } from '../../../net/lockstep/transport';
import { decodeEngine } from '../../../net/protocol/engine-codec';
import { mixGame } from '../../simnet/test-games';

/** Two transports wired back to back with no delay, counting the inputs packets each sends. */
function createLinkedPair(a: PeerId, b: PeerId) {
  const inbox = new Map<PeerId, TransportEvent[]>([
    [a, [{ type: 'peer-up', peer: b }]],
    [b, [{ type: 'peer-up', peer: a }]],
  ]);
  const inputsSent = new Map<PeerId, number>([[a, 0], [b, 0]]);
  const make = (self: PeerId): Transport => ({
    self,
    send(to, data, channel) {
      const decoded = decodeEngine(data);
      if (decoded.ok && decoded.msg.kind === 'inputs') inputsSent.set(self, (inputsSent.get(self) ?? 0) + 1);
      inbox.get(to)?.push({ type: 'message', from: self, data, channel });
    },
    drain: () => inbox.get(self)?.splice(0) ?? [],
  });
  return { transports: [make(a), make(b)] as const, inputsSent: (peer: PeerId) => inputsSent.get(peer) ?? 0 };
}

describe('inputs packets', () => {
  const setup = { slots: 2, seed: 1 };
  const owners = ['a', 'b'];

  it('go out once per frame of new local input, however often the caller polls', () => {
    const { transports, inputsSent } = createLinkedPair('a', 'b');
    const engines = transports.map((transport, slot) =>
      createLockstep({ game: mixGame, transport, setup, slotOwners: owners, localSlots: [slot] }),
    );
    let now = 0;
    for (let frame = 0; frame < 120; frame++) {
      // A 144 Hz display polls about 2.4 times a frame, a catch-up burst many more: 6 here.
      for (let i = 0; i < 6; i++) {
        now += FRAME_MS / 6;
        for (const [slot, engine] of engines.entries()) {
          if (i === 0) engine.setLocalInput(slot, frame & 7);
          engine.poll(now);
          if (i === 0) engine.advance(now);
        }
      }
    }
    expect(engines[0]?.frame()).toBeGreaterThan(100);
    // About one packet a frame, not six.
    expect(inputsSent('a')).toBeGreaterThanOrEqual(115);
    expect(inputsSent('a')).toBeLessThanOrEqual(125);
  });

  it('keep going every 1.5 frames while stalled, so acks still flow', () => {
    const { transports, inputsSent } = createLinkedPair('a', 'b');
    // Only a runs: b never answers, so a stalls after its first few frames.
    // With silence-based away on, a (the lower slot of two) would take b for away after 1 s and play on.
    const options = { awayAfterMs: Number.POSITIVE_INFINITY };
    const engine = createLockstep({ game: mixGame, transport: transports[0], setup, slotOwners: owners, localSlots: [0], options });
    engine.setLocalInput(0, 1);
    engine.poll(0);
    const before = inputsSent('a');
    for (let i = 1; i <= 60; i++) engine.poll(i * FRAME_MS);
    // 60 frames = 1000 ms: a keepalive every 2nd poll (25 ms) would be 30; one per poll would be 60.
    expect(inputsSent('a') - before).toBe(30);
  });
});
