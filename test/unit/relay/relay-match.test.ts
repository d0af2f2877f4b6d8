import { describe, expect, it } from 'vitest';
import type { RelayTransport } from '../../../net/relay';
import { decodeRelay, encodeRelay } from '../../../net/protocol/relay-messages';
import { expectAgreement } from '../../simnet/agreement';
import { PROFILES } from '../../simnet/profiles';
import { relayPeer, type SendHook } from '../../simnet/relay-rig';
import { runMatch } from '../../simnet/run-match';
import type { SimNetwork } from '../../simnet/sim-network';
import { mixGame } from '../../simnet/test-games';

const FRAMES = 10_000;

/** 8 peers whose pages 2 and 5 have no link all match long; `relay` wraps every peer in the relay layer. */
function cutPairMatch(profile: string, relay: boolean, hooks: Record<number, SendHook> = {}, cut: readonly [number, number] = [0, Infinity]) {
  let net: SimNetwork | undefined;
  const relays: RelayTransport[] = [];
  const outcome = runMatch({
    peers: 8, frames: FRAMES, seed: 1313, profile: PROFILES[profile]!, setup: { slots: 8, seed: 5 }, gameFor: () => mixGame, driftPpm: 300,
    maxVirtualMs: FRAMES * 17 * 2,
    prepare: (n) => {
      net = n;
      n.cutPair(2, 5, cut[0], cut[1]);
    },
    wrapTransport: (i, transport) => {
      if (!relay || !net) return transport;
      relays[i] = relayPeer(net, i, hooks[i]);
      return relays[i].transport;
    },
  });
  return { outcome, relays };
}

describe('a pair with no link, relayed through a peer', () => {
  it.each(['clean', 'lan', 'wifi', 'bad-wifi'])('8 peers play %s to the end, every checkpoint agreeing, with no one dropped', (profile) => {
    const { outcome, relays } = cutPairMatch(profile, true);
    for (const peer of outcome.peers) expect(peer.engine.frame()).toBe(FRAMES);
    expectAgreement(outcome, Math.floor(FRAMES / 30));
    for (const peer of outcome.peers) expect(peer.events.filter((e) => e.type === 'peer-dropped' || e.type === 'peer-away')).toEqual([]);
    // The pair's traffic went through relays, and only theirs was relayed.
    expect(relays[2]!.stats().relayedIn).toBeGreaterThan(FRAMES / 2);
    expect(relays[5]!.stats().relayedIn).toBeGreaterThan(FRAMES / 2);
    expect(relays[2]!.links().filter((l) => l.via !== 'direct')).toEqual([{ peer: 'p5', via: expect.stringMatching(/^p[013467]$/), rttMs: null }]);
    expect(relays[0]!.stats().relayedOut).toBe(0);
  }, 120_000);

  it('counts the extra hop in the engine’s RTT, and no more: relayed about twice a direct link’s', () => {
    const { outcome } = cutPairMatch('wifi', true);
    const rtts = outcome.peers[2]!.engine.stats().rttMedianByPeer;
    const direct = ['p0', 'p1', 'p3', 'p4', 'p6', 'p7'].map((p) => rtts[p]!).sort((a, b) => a - b);
    const median = direct[3]!;
    // wifi: 4-12 ms a hop, so about 16 ms a round trip direct and 32 through a relay.
    expect(rtts['p5']!).toBeGreaterThan(median * 1.5);
    expect(rtts['p5']!).toBeLessThan(median * 2.5);
  }, 120_000);

  it('catches relays that forge what they carry, and plays on through the honest one', () => {
    // Every peer but p7 flips a bit in each envelope it forwards for others.
    const forge = (self: string): SendHook => (to, data, channel, send) => {
      const msg = decodeRelay(data);
      if (!msg.ok || msg.msg.kind !== 'relay' || msg.msg.from === self) return send(to, data, channel);
      const payload = Uint8Array.from(msg.msg.payload);
      payload[payload.length - 1]! ^= 1;
      send(to, encodeRelay({ ...msg.msg, payload }), channel);
    };
    const hooks = Object.fromEntries([0, 1, 3, 4, 6].map((i) => [i, forge(`p${i}`)]));
    const { outcome, relays } = cutPairMatch('wifi', true, hooks);
    for (const peer of outcome.peers) expect(peer.engine.frame()).toBe(FRAMES);
    expectAgreement(outcome, Math.floor(FRAMES / 30));
    const caught = [...relays[2]!.notices(), ...relays[5]!.notices()];
    expect(caught.length).toBeGreaterThan(0);
    for (const notice of caught) expect(notice).toMatchObject({ type: 'relay-forged', relay: expect.stringMatching(/^p[01346]$/) });
    expect(relays[2]!.links().find((l) => l.peer === 'p5')?.via).toBe('p7');
    expect(relays[5]!.links().find((l) => l.peer === 'p2')?.via).toBe('p7');
  }, 120_000);

  it('falls back to a relay when the direct link dies mid-match, and back to direct when it heals', () => {
    const seen: { atMs: number; via: string }[] = [];
    let net: SimNetwork | undefined;
    const relays: RelayTransport[] = [];
    const outcome = runMatch({
      peers: 8, frames: FRAMES, seed: 1313, profile: PROFILES.wifi!, setup: { slots: 8, seed: 5 }, gameFor: () => mixGame,
      prepare: (n) => {
        net = n;
        n.cutPair(2, 5, 60_000, 120_000);
      },
      wrapTransport: (i) => (relays[i] = relayPeer(net!, i)).transport,
      onTick: (i) => {
        if (i !== 2) return;
        const via = relays[2]!.links().find((l) => l.peer === 'p5')!.via;
        if (seen.at(-1)?.via !== via) seen.push({ atMs: net!.now(), via });
      },
    });
    for (const peer of outcome.peers) expect(peer.engine.frame()).toBe(FRAMES);
    expectAgreement(outcome, Math.floor(FRAMES / 30));
    // Direct, then relayed (through one relay or, as the round trips move, another), then direct again.
    const kinds = seen.map((s) => ({ ...s, via: s.via === 'direct' ? 'direct' : 'relay' })).filter((s, i, all) => i === 0 || all[i - 1]!.via !== s.via);
    expect(kinds.map((s) => s.via)).toEqual(['direct', 'relay', 'direct']);
    // Silence of 400 ms, noticed at the next tick; a healed link is heard at the next announcement.
    expect(kinds[1]!.atMs - 60_000).toBeLessThan(500);
    expect(kinds[2]!.atMs - 120_000).toBeLessThan(300);
    for (const peer of outcome.peers) expect(peer.events.filter((e) => e.type === 'peer-dropped' || e.type === 'peer-away')).toEqual([]);
  }, 120_000);

  it('without the relay layer the same match stalls: no one can drop either end of the broken link', () => {
    const { outcome } = cutPairMatch('lan', false);
    expect(outcome.peers.every((p) => p.engine.frame() < FRAMES)).toBe(true);
  }, 120_000);
});
