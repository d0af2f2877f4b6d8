import { describe, expect, it } from 'vitest';
import type { TransportEvent } from '../../../net/lockstep/transport';
import { expectAgreement } from '../../simnet/agreement';
import { PROFILES } from '../../simnet/profiles';
import { runMatch } from '../../simnet/run-match';
import type { SimNetwork } from '../../simnet/sim-network';
import { mixGame } from '../../simnet/test-games';

// After a cut, a data channel's unreliable packets flow again at once, but its reliable ones wait
// for SCTP's retransmission timer, which backed off during the cut. The page that was cut off
// then hears the others' inputs seconds before their proposals that it was away, and catches up on
// its own inputs meanwhile, far past its away frame. Seen on the virtual LAN (bad Wi-Fi, 2 s cut):
// with only 64 frames of states kept, it could not step back to that frame and left the match.
const CUT_FROM = 10_000;
const CUT_TO = 12_000;
const RELIABLE_LATE_MS = 3_000;

describe('a page cut off that hears the others again before their proposals', () => {
  it('steps back to its away frame, plays on and agrees, with no one dropped', () => {
    let net: SimNetwork | undefined;
    const outcome = runMatch({
      peers: 3, frames: 1800, seed: 9, profile: PROFILES.wifi!, setup: { slots: 3, seed: 9 }, gameFor: () => mixGame,
      prepare: (n) => {
        net = n;
        n.partition(CUT_FROM, CUT_TO, [1]);
      },
      wrapTransport: (i, inner) => {
        if (i !== 1) return inner;
        const late: TransportEvent[] = [];
        return {
          self: inner.self,
          send: (to, data, channel) => inner.send(to, data, channel),
          drain() {
            const now = net!.now();
            const events = inner.drain();
            const holding = now >= CUT_TO && now < CUT_TO + RELIABLE_LATE_MS;
            if (holding) late.push(...events.filter((e) => e.type === 'message' && e.channel === 'reliable'));
            const passed = holding ? events.filter((e) => !(e.type === 'message' && e.channel === 'reliable')) : events;
            return holding ? passed : [...late.splice(0), ...passed];
          },
        };
      },
    });
    for (const peer of outcome.peers) expect(peer.engine.frame(), `${peer.id}: ${JSON.stringify(peer.events.filter((e) => e.type !== "delay-changed"))}`).toBe(1800);
    for (const peer of outcome.peers) expect(peer.events.filter((e) => e.type === 'self-dropped' || e.type.startsWith('peer-drop')), peer.id).toEqual([]);
    const aways = outcome.peers.map((p) => p.events.find((e) => e.type === 'peer-away')).map((e) => (e && 'frame' in e ? e.frame : undefined));
    expect(new Set(aways).size, `away frames ${aways.join()}`).toBe(1);
    expect(aways[0]).toBeGreaterThan(CUT_FROM / 1000 * 60);
    expectAgreement(outcome, 50);
  });
});
