import { describe, expect, it } from 'vitest';
import { describeEngineEvent } from '../../../game/app/engine-events';
import { ricochetGame } from '../../../game/sim/index';
import type { LockstepEvent } from '../../../net/lockstep/engine-types';
import { createLockstep, ROLLBACK_OPTIONS } from '../../../net/lockstep/lockstep';
import type { Transport } from '../../../net/lockstep/transport';
import { decodeEngine, encodeEngine } from '../../../net/protocol/engine-codec';
import { PROFILES } from '../../simnet/profiles';
import { runMatch, type MatchPlan, type PeerOutcome } from '../../simnet/run-match';
import { createSimNetwork } from '../../simnet/sim-network';

type Ev<T extends LockstepEvent['type']> = Extract<LockstepEvent, { type: T }>;
const all = <T extends LockstepEvent['type']>(peer: PeerOutcome<unknown>, type: T): Ev<T>[] => peer.events.filter((e): e is Ev<T> => e.type === type);
const timeOf = (peer: PeerOutcome<unknown>, found: LockstepEvent | undefined): number => peer.eventTimes[peer.events.indexOf(found as LockstepEvent)] as number;

const FRAMES = 1500;
const RELOAD_AT = 8000;
const BACK_AT = 10_000;
const setupOf = (players: number) => ({ seed: 41, players: Array.from({ length: players }, (_, i) => ({ name: `p${i}` })) });

/** `players` pages of the real game; the last one is reloaded at 8 s and runs again at 10 s. */
function plan(players: number, profile = 'lan'): MatchPlan<unknown, unknown> {
  return {
    peers: players, frames: FRAMES, seed: 43, profile: PROFILES[profile]!, setup: setupOf(players),
    gameFor: () => ricochetGame as never, reloads: [{ peer: players - 1, atMs: RELOAD_AT, backMs: BACK_AT }], maxVirtualMs: FRAMES * 17 + 20_000,
  };
}

/** Every checkpoint frame `restored` has in common with each other peer hashes the same; returns how many it has. */
function expectSharedCheckpointsAgree(outcome: { peers: PeerOutcome<unknown>[] }, restored: PeerOutcome<unknown>): number {
  const own = restored.engine.checkpoints();
  for (const other of outcome.peers) {
    if (other === restored) continue;
    const theirs = new Map(other.engine.checkpoints());
    for (const [frame, hash] of own) if (theirs.has(frame)) expect(hash, `${other.id} at frame ${frame}`).toBe(theirs.get(frame));
  }
  return own.length;
}

/** `transport` with every snapshot chunk it sends altered by `alter`. */
function alterChunks(transport: Transport, alter: (data: Uint8Array) => Uint8Array): Transport {
  return {
    ...transport,
    send(to, data, channel) {
      const decoded = decodeEngine(data);
      if (!decoded.ok || decoded.msg.kind !== 'snapshotChunk') return transport.send(to, data, channel);
      transport.send(to, encodeEngine({ ...decoded.msg, data: alter(decoded.msg.data) }), channel);
    },
  };
}

describe('a reloaded page takes its slot back (restore)', () => {
  it.each([
    ['clean', 'lockstep'],
    ['lan', 'lockstep'],
    ['wifi', 'lockstep'],
    ['wifi', 'rollback'],
  ] as const)('over %s (%s): it loads a snapshot both others agree on, catches up, rejoins at one agreed frame, and every checkpoint agrees', (profile, netcode) => {
    const roles: string[] = [];
    const lag = [0, 0, 0];
    let before: unknown;
    let caughtUpAtMs: number | undefined;
    const outcome = runMatch({
      ...plan(3, profile),
      ...(netcode === 'rollback' ? { options: ROLLBACK_OPTIONS } : {}),
      onTick: (peer, engine, target) => {
        lag[peer] = Math.max(lag[peer] as number, target - engine.frame());
        // The reloaded page's roles from its first tick on, and when its frame is its clock's again.
        if (peer !== 2 || (before ??= engine) === engine) return;
        roles.push(engine.role());
        if (target - engine.frame() <= 12) caughtUpAtMs ??= target * (1000 / 60);
      },
    });
    const [p0, p1, page] = outcome.peers as [PeerOutcome<unknown>, PeerOutcome<unknown>, PeerOutcome<unknown>];
    const restored = all(page, 'restored')[0];
    expect(restored, JSON.stringify(all(page, 'restore-failed'))).toBeDefined();
    expect([...restored!.agreeing].sort()).toEqual(['p0', 'p1']);
    expect(restored!.frame % 30).toBe(0);
    // The others took the slot as away (not dropped), at one agreed frame, and back at one agreed frame.
    const aways = [p0, p1].map((p) => all(p, 'peer-away').find((e) => e.peer === 'p2')!.frame);
    const backs = [p0, p1].map((p) => all(p, 'peer-back').find((e) => e.peer === 'p2')!.frame);
    expect(aways[0]).toBe(aways[1]);
    expect(backs[0]).toBe(backs[1]);
    expect(restored!.frame).toBeGreaterThanOrEqual(aways[0]!);
    expect(all(page, 'peer-back').find((e) => e.peer === 'p2')?.frame).toBe(backs[0]);
    for (const peer of outcome.peers) expect(peer.events.filter((e) => e.type.startsWith('peer-drop') || e.type === 'desync' || e.type === 'peer-desynced')).toEqual([]);
    for (const peer of outcome.peers) expect(peer.engine.frame()).toBe(FRAMES);
    // Its slot played input 0 from the away frame to the rejoin frame, everywhere.
    for (const peer of [p0, p1]) for (let f = aways[0]!; f < backs[0]!; f++) expect(peer.engine.inputLog().inputs[f]![2]).toBe(0);
    // Away while it loads and catches up, then a player again; back within 10 s (a hang detector).
    expect(roles[0]).toBe('away');
    expect(roles.indexOf('player')).toBeGreaterThan(0);
    expect(page.engine.role()).toBe('player');
    expect(timeOf(page, all(page, 'peer-back')[0])).toBeGreaterThan(timeOf(page, restored));
    expect(caughtUpAtMs! - BACK_AT).toBeLessThan(10_000);
    // Its checkpoints (all after the snapshot) agree with the others' on every shared frame.
    expect(expectSharedCheckpointsAgree(outcome, page)).toBeGreaterThan(10);
    expect(page.engine.checkpoints()[0]![0]).toBeGreaterThan(restored!.frame);
    // The others never waited long on it: the host's word makes it away at once (3 s is generous).
    expect(lag[0]).toBeLessThan(180);
    expect(lag[1]).toBeLessThan(180);
    expect(describeEngineEvent(restored!, ['a', 'b', 'c'])?.fatal).toBe(false);
  });

  it('with four players, one peer sending a forged snapshot is outvoted: the page loads the other two', () => {
    const outcome = runMatch({
      ...plan(4),
      wrapTransport: (peer, transport) => (peer === 0 ? alterChunks(transport, (data) => data.map((byte, i) => (i === 40 ? byte ^ 1 : byte))) : transport),
    });
    const page = outcome.peers[3]!;
    const restored = all(page, 'restored')[0];
    expect(restored).toBeDefined();
    expect([...restored!.agreeing].sort()).toEqual(['p1', 'p2']);
    expect(expectSharedCheckpointsAgree(outcome, page)).toBeGreaterThan(10);
    for (const peer of outcome.peers) expect(peer.engine.frame()).toBe(FRAMES);
  });

  it('with three players, a forged snapshot leaves no majority: the page gives up with a clear error and leaves, and the others drop its slot and play on', () => {
    const outcome = runMatch({
      ...plan(3),
      wrapTransport: (peer, transport) => (peer === 0 ? alterChunks(transport, (data) => data.map((byte, i) => (i === 40 ? byte ^ 1 : byte))) : transport),
    });
    const page = outcome.peers[2]!;
    expect(all(page, 'restored')).toEqual([]);
    const failed = all(page, 'restore-failed')[0];
    expect(failed?.reason).toMatch(/snapshot(s of frame \d+ disagree| that is not a state)/);
    expect(describeEngineEvent(failed!, ['a', 'b', 'c'])).toEqual({ text: `This page could not take its place back in the match (${failed!.reason}).`, fatal: true });
    expect(page.engine.role()).toBe('away');
    for (const peer of outcome.peers.slice(0, 2)) {
      // Its leave starts the drop at once (the run stops as the page learns it is dropped).
      expect(all(peer, 'peer-dropping').map((e) => [e.peer, e.reason])).toEqual([['p2', 'left the match']]);
      expect(peer.engine.frame()).toBe(FRAMES);
    }
  });
});

describe('the others answer a snapshot request only from a page the host said is gone', () => {
  /** Two engines over a clean network; `b` asks `a` for a snapshot of frame 60 at frame ~120. */
  function ask(gone: boolean, hidden: boolean, framesBack = 0) {
    const net = createSimNetwork(2, PROFILES.clean!, 5);
    const make = (i: number) => createLockstep({ game: ricochetGame, transport: net.transport(i), setup: setupOf(2), slotOwners: ['p0', 'p1'], localSlots: [i] });
    const [a, b] = [make(0), make(1)];
    let t = 0;
    let chunks = 0;
    const step = (both: boolean): void => {
      t += 1000 / 60;
      net.advanceTo(t);
      a.poll(t);
      a.advance(t);
      if (!both) return;
      b.poll(t);
      b.advance(t);
    };
    for (let i = 0; i < 130; i++) step(true);
    if (hidden) b.away(t);
    if (gone) a.pageGone('p1', t);
    for (let i = 0; i < 60; i++) step(!gone && !hidden);
    net.transport(1).send('p0', encodeEngine({ kind: 'snapshotRequest', frame: a.frame() - (a.frame() % 30) - framesBack }), 'reliable');
    for (let i = 0; i < 40; i++) step(false);
    for (const event of net.transport(1).drain()) if (event.type === 'message' && decodeEngine(event.data).ok && (decodeEngine(event.data) as { msg: { kind: string } }).msg.kind === 'snapshotChunk') chunks++;
    return { chunks, rejected: a.stats().rejected, events: a.drainEvents() };
  }

  it('a page that is gone (its slot kept) is away, not dropped, and gets its snapshot', () => {
    const { chunks, events } = ask(true, false);
    expect(chunks).toBeGreaterThan(0);
    expect(events.find((e) => e.type === 'peer-away')).toMatchObject({ peer: 'p1' });
    expect(events.filter((e) => e.type.startsWith('peer-drop'))).toEqual([]);
  });

  it('a page that is gone gets nothing of a frame before its absence (its own inputs there died with it)', () => {
    const { chunks, rejected } = ask(true, false, 150);
    expect(chunks).toBe(0);
    expect(rejected.invalid).toBe(1);
  });

  it('a page that only hid (the host said nothing) gets nothing', () => {
    const { chunks, rejected } = ask(false, true);
    expect(chunks).toBe(0);
    expect(rejected.invalid).toBeGreaterThan(0);
  });
});

describe('a reloaded page that is hidden while it loads', () => {
  it('loads its state but stays silent (away) until shown, then comes back; pageGone about an unknown peer changes nothing', () => {
    const net = createSimNetwork(2, PROFILES.lan!, 7);
    const make = (i: number, restore: boolean) => createLockstep({ game: ricochetGame, transport: net.transport(i), setup: setupOf(2), slotOwners: ['p0', 'p1'], localSlots: [i], restore });
    const a = make(0, false);
    let b = make(1, false);
    let t = 0;
    const events: LockstepEvent[] = [];
    const run = (ticks: number): void => {
      for (let i = 0; i < ticks; i++) {
        t += 1000 / 60;
        net.advanceTo(t);
        for (const engine of [a, b]) {
          engine.poll(t);
          // Up to 20 frames a tick, never past the clock (as a page's loop does).
          for (let n = 0; n < 20 && engine.frame() < (t * 60) / 1000 && engine.advance(t).kind === 'advanced'; n++);
        }
        events.push(...a.drainEvents(), ...b.drainEvents());
      }
    };
    run(130);
    a.pageGone('nobody', t);
    a.pageGone('p0', t);
    expect(a.drainEvents()).toEqual([]);
    a.pageGone('p1', t);
    net.transport(1).drain();
    b = make(1, true);
    b.away(t);
    // Back at once: its first round asks for a checkpoint before its absence, which is refused, so the next one (2 s later) loads.
    run(240);
    expect(events.find((e) => e.type === 'restored')).toBeDefined();
    expect(b.role()).toBe('away');
    expect(events.filter((e) => e.type === 'peer-back')).toEqual([]);
    b.back(t);
    run(120);
    expect(events.filter((e) => e.type === 'peer-back').map((e) => (e as Ev<'peer-back'>).peer)).toEqual(['p1', 'p1']);
    expect(b.role()).toBe('player');
    expect(b.frame()).toBeGreaterThan(a.frame() - 12);
  });
});

