import { describe, expect, it } from 'vitest';
import type { LockstepEvent } from '../../../net/lockstep/engine-types';
import { createLockstep, DEFAULT_LOCKSTEP_OPTIONS, LISTEN_GAP_MS } from '../../../net/lockstep/lockstep';
import { createNullTransport } from '../../../net/lockstep/null-transport';
import { expectAgreement } from '../../simnet/agreement';
import { PROFILES } from '../../simnet/profiles';
import { runMatch, type PeerOutcome } from '../../simnet/run-match';
import { createDriftingGame, mixGame, type MixState } from '../../simnet/test-games';

const dropsOf = (peer: PeerOutcome<unknown>): Extract<LockstepEvent, { type: 'peer-dropped' }>[] =>
  peer.events.filter((e): e is Extract<LockstepEvent, { type: 'peer-dropped' }> => e.type === 'peer-dropped');
const survivors = <S>(peers: PeerOutcome<S>[], gone: readonly string[]): PeerOutcome<S>[] => peers.filter((p) => !gone.includes(p.id));

/**
 * With silence-based away turned on, silence makes a peer away first (away.test.ts); these tests
 * are about the permanent drop that a long silence ends in, so they keep away out and drop at 5 s
 * whatever the defaults.
 */
const SILENCE_DROPS = { awayAfterMs: 1e9, dropAfterMs: 5000 };

function expectSameDrop(peers: PeerOutcome<unknown>[], dropped: string): number {
  const frames = peers.map((p) => dropsOf(p).find((e) => e.peer === dropped)?.frame);
  expect(frames.every((f) => f !== undefined && f === frames[0]), `drop frames ${frames.join(',')}`).toBe(true);
  for (const p of peers) expect(p.engine.inputLog().leaves).toEqual(peers[0]?.engine.inputLog().leaves);
  return frames[0] as number;
}

describe('lockstep faults', () => {
  it('a page that froze (not polled for 6 s) does not drop its peers when it wakes, before their queued messages arrive', () => {
    // Silence-based away off, so that the silence ends in a drop (with it on, `you` would be away).
    const options = { awayAfterMs: Number.POSITIVE_INFINITY };
    const engine = createLockstep({ game: mixGame, transport: createNullTransport('me'), setup: { slots: 2, seed: 1 }, slotOwners: ['me', 'you'], localSlots: [0], options });
    for (let t = 0; t <= 1000; t += 16) engine.poll(t);
    engine.poll(7000);
    expect(engine.drainEvents().filter((e) => e.type === 'peer-dropping')).toEqual([]);
    // Listening again, the silence goes on counting: the peer is dropped once it adds up to 5 s.
    let t = 7000;
    while (!engine.drainEvents().some((e) => e.type === 'peer-dropping')) engine.poll((t += 16));
    expect(t).toBeGreaterThan(7000 + DEFAULT_LOCKSTEP_OPTIONS.liveDropAfterMs - 1000 - LISTEN_GAP_MS);
  });

  it('a non-deterministic game raises desync on every peer within one checkpoint interval', () => {
    const outcome = runMatch({ peers: 3, frames: 900, seed: 5, profile: PROFILES.lan!, setup: { slots: 3, seed: 1 }, gameFor: (i) => createDriftingGame(500, i + 1) });
    for (const peer of outcome.peers) {
      const desync = peer.events.find((e) => e.type === 'desync');
      expect(desync?.type === 'desync' && desync.frame).toBeGreaterThan(500);
      expect(desync?.type === 'desync' && desync.frame).toBeLessThanOrEqual(530);
      expect(peer.engine.stats().lastCheckpoint?.status).toBe('desync');
    }
  });

  it('a peer that crashes mid-match is dropped at one agreed frame and the survivors stay in agreement', () => {
    const outcome = runMatch({ peers: 4, frames: 3000, seed: 9, profile: PROFILES.wifi!, setup: { slots: 4, seed: 2 }, gameFor: () => mixGame, crashes: [{ peer: 2, atMs: 20_000 }] });
    const alive = survivors(outcome.peers, ['p2']);
    for (const peer of alive) expect(peer.engine.frame()).toBe(3000);
    const frame = expectSameDrop(alive, 'p2');
    expect(frame).toBeGreaterThan(1100);
    expect(frame).toBeLessThan(1300);
    expect((alive[0]?.engine.state() as MixState).left).toEqual([2]);
    expectAgreement(outcome, 100);
  });

  it('a peer that goes silent (no transport notice) is dropped after dropAfterMs, under partitions and loss', () => {
    const outcome = runMatch({
      peers: 8, frames: 3000, seed: 11, profile: PROFILES['partition-heal']!, setup: { slots: 8, seed: 4 }, gameFor: () => mixGame,
      crashes: [{ peer: 5, atMs: 30_000, noticeMs: 1e9 }], options: SILENCE_DROPS,
    });
    const alive = survivors(outcome.peers, ['p5']);
    for (const peer of alive) expect(peer.engine.frame()).toBe(3000);
    expectSameDrop(alive, 'p5');
    for (const peer of alive) {
      const at = peer.eventTimes[peer.events.findIndex((e) => e.type === 'peer-dropped' && e.peer === 'p5')] as number;
      expect(at - 30_000, 'the others continue soon after the silence threshold').toBeLessThan(SILENCE_DROPS.dropAfterMs + 500);
    }
    const reasons = alive.flatMap((p) => p.events.flatMap((e) => (e.type === 'peer-dropping' && e.peer === 'p5' ? [e.reason] : [])));
    expect(reasons.some((r) => /silent/.test(r))).toBe(true);
    expectAgreement(outcome, 100);
  });

  it('two peers crashing at once are both dropped and the survivors agree', () => {
    const outcome = runMatch({
      peers: 6, frames: 2500, seed: 12, profile: PROFILES.lan!, setup: { slots: 6, seed: 4 }, gameFor: () => mixGame,
      crashes: [{ peer: 1, atMs: 15_000 }, { peer: 4, atMs: 15_000, noticeMs: 1e9 }], options: SILENCE_DROPS,
    });
    const alive = survivors(outcome.peers, ['p1', 'p4']);
    for (const peer of alive) expect(peer.engine.frame()).toBe(2500);
    expectSameDrop(alive, 'p1');
    expectSameDrop(alive, 'p4');
    expectAgreement(outcome, 80);
  });

  it('an outage under 3 s only stalls, then recovers with no drop and no desync', () => {
    const outcome = runMatch({
      peers: 4, frames: 2000, seed: 13, profile: PROFILES.lan!, setup: { slots: 4, seed: 5 }, gameFor: () => mixGame,
      prepare: (net) => net.partition(10_000, 12_900, [3]),
    });
    for (const peer of outcome.peers) {
      expect(peer.engine.frame()).toBe(2000);
      expect(peer.events.filter((e) => e.type.startsWith('peer-drop'))).toEqual([]);
      expect(peer.engine.stats().stalls).toBeGreaterThan(50);
    }
    expectAgreement(outcome, 66);
  });

  it('a peer cut off for longer than the threshold is dropped, and stays dropped when its link comes back', () => {
    const outcome = runMatch({
      peers: 4, frames: 2000, seed: 14, profile: PROFILES.lan!, setup: { slots: 4, seed: 6 }, gameFor: () => mixGame,
      prepare: (net) => net.partition(10_000, 16_000, [0]), options: SILENCE_DROPS,
    });
    const alive = survivors(outcome.peers, ['p0']);
    for (const peer of alive) expect(peer.engine.frame()).toBe(2000);
    expectSameDrop(alive, 'p0');
    expect(alive.some((p) => p.engine.stats().rejected.fromDropped > 0)).toBe(true);
    expect(outcome.peers[0]?.events.some((e) => e.type === 'self-dropped')).toBe(true);
    expectAgreement({ ...outcome, peers: alive }, 66);
  });
});

describe('leaving on purpose', () => {
  it('a peer that calls leave() is dropped by the others at once (no silence timeout), at one agreed frame', () => {
    const outcome = runMatch({ peers: 4, frames: 1500, seed: 15, profile: PROFILES.lan!, setup: { slots: 4, seed: 7 }, gameFor: () => mixGame, leaves: [{ peer: 3, atMs: 10_000 }] });
    const alive = survivors(outcome.peers, ['p3']);
    for (const peer of alive) expect(peer.engine.frame()).toBe(1500);
    const frame = expectSameDrop(alive, 'p3');
    // 10 s is frame 600: the drop lands within a few frames, well before a 3 s silence would.
    expect(frame).toBeGreaterThanOrEqual(600);
    expect(frame).toBeLessThan(620);
    for (const peer of alive) expect(peer.events.some((e) => e.type === 'peer-dropping' && /left/.test(e.reason))).toBe(true);
    expectAgreement(outcome, 50);
  });
});
