import { describe, expect, it } from 'vitest';
import { describeEngineEvent } from '../../../game/app/engine-events';
import { desyncReport } from '../../../game/app/desync-report';
import { ricochetGame, type SimState } from '../../../game/sim/index';
import type { AdvanceResult, Correction, LockstepEvent, LockstepOptions } from '../../../net/lockstep/engine-types';
import { ROLLBACK_OPTIONS } from '../../../net/lockstep/lockstep';
import { PROFILES } from '../../simnet/profiles';
import { runMatch, type PeerOutcome } from '../../simnet/run-match';
import { createTamperedGame } from '../../simnet/test-games';
import type { Transport } from '../../../net/lockstep/transport';
import { decodeEngine, encodeEngine } from '../../../net/protocol/engine-codec';

const setup = { seed: 31, players: Array.from({ length: 4 }, (_, i) => ({ name: `p${i}` })) };
const CORRUPT_AT = 400;
const FRAMES = 900;

/** The first event of `type` a peer drained. */
const first = <T extends LockstepEvent['type']>(peer: PeerOutcome<unknown>, type: T): Extract<LockstepEvent, { type: T }> | undefined =>
  peer.events.find((e): e is Extract<LockstepEvent, { type: T }> => e.type === type);

/**
 * 4 peers of the real sim on wifi; the peers in `tampered` pass the state after frame CORRUPT_AT
 * (or each frame of `at`) through `tamper`. `onLag` hears how far each peer's frame is behind its clock after each tick.
 */
function play(
  tampered: readonly number[],
  tamper: (s: SimState) => SimState,
  options?: Partial<LockstepOptions>,
  onLag?: (peer: number, lag: number) => void,
  wrapTransport?: (peer: number, transport: Transport) => Transport,
  at: readonly number[] = [CORRUPT_AT],
  onAdvance?: (peer: number, result: AdvanceResult<SimState>) => void,
) {
  const planted = createTamperedGame(ricochetGame, (s) => (at.includes(s.frame) ? tamper(s) : s));
  // A peer that leaves never reaches the last frame: the time limit ends its run.
  return runMatch({
    peers: 4,
    frames: FRAMES,
    seed: 77,
    profile: PROFILES.wifi!,
    setup,
    gameFor: (i) => (tampered.includes(i) ? planted : ricochetGame),
    maxVirtualMs: FRAMES * 17 + 6000,
    ...(options ? { options } : {}),
    ...(onLag ? { onTick: (peer: number, engine: { frame(): number }, target: number) => onLag(peer, target - engine.frame()) } : {}),
    ...(wrapTransport ? { wrapTransport } : {}),
    ...(onAdvance ? { onAdvance } : {}),
  });
}

/** `transport` with the data of every snapshot chunk it sends passed through `alter` (null: not sent). */
function alterChunks(transport: Transport, alter: (data: Uint8Array) => Uint8Array | null): Transport {
  return {
    ...transport,
    send(to, data, channel) {
      const decoded = decodeEngine(data);
      if (!decoded.ok || decoded.msg.kind !== 'snapshotChunk') return transport.send(to, data, channel);
      const altered = alter(decoded.msg.data);
      if (altered) transport.send(to, encodeEngine({ ...decoded.msg, data: altered }), channel);
    },
  };
}

describe('a desync planted in one peer of four', () => {
  it.each([
    ['prng', 'lockstep', (s: SimState) => ({ ...s, rng: (s.rng ^ 1) >>> 0 }), undefined],
    ['shells', 'rollback', (s: SimState) => ({ ...s, nextShellId: s.nextShellId + 1 }), ROLLBACK_OPTIONS],
  ] as const)('is caught at the next checkpoint and named (%s, %s): the odd peer loads the majority state and all agree again; the majority never waits for it', (section, _netcode, tamper, options) => {
    const lags = new Map<number, number>();
    const corrections: Correction<SimState>[] = [];
    const onAdvance = (peer: number, result: AdvanceResult<SimState>): void => void (peer === 3 && result.corrected && corrections.push(result.corrected));
    const outcome = play([3], tamper, options, (peer, lag) => lags.set(peer, Math.max(lags.get(peer) ?? 0, lag)), undefined, [CORRUPT_AT], onAdvance);
    const baseline = new Map<number, number>();
    play([], tamper, options, (peer, lag) => baseline.set(peer, Math.max(baseline.get(peer) ?? 0, lag)));
    const [odd, ...majority] = [outcome.peers[3]!, ...outcome.peers.slice(0, 3)];
    const caughtAt = Math.ceil((CORRUPT_AT + 1) / 30) * 30;
    expect(first(odd, 'desync')).toMatchObject({ frame: caughtAt, outvoted: true, recovering: true, sections: [section] });
    expect(describeEngineEvent(first(odd, 'desync')!, setup.players.map((p) => p.name), outcome.net.peers)).toEqual({ text: `Out of sync at frame ${caughtAt}: ${section} differ from the majority. Loading the majority's state…`, fatal: false });
    const resynced = first(odd, 'resynced');
    expect(resynced).toMatchObject({ frame: caughtAt, bytes: expect.any(Number) as number });
    expect(resynced!.ms).toBeLessThan(200);
    expect(first(odd, 'resync-failed')).toBeUndefined();
    // The page sees the frames simulated again from the loaded state as a correction, as after a rollback.
    const fromResync = corrections.find((c) => c.from === caughtAt);
    expect(fromResync?.states.length).toBeGreaterThan(0);
    expect(fromResync!.states.map((s) => s.frame)).toEqual(fromResync!.states.map((_, i) => caughtAt + i + 1));
    for (const peer of majority) {
      expect(first(peer, 'peer-desynced')).toEqual({ type: 'peer-desynced', peer: 'p3', frame: caughtAt, sections: [section] });
      expect(first(peer, 'desync')).toBeUndefined();
      expect(first(peer, 'peer-dropped')).toBeUndefined();
      // At most a frame more behind its clock than in the same match with no desync.
      const index = outcome.peers.indexOf(peer);
      expect(lags.get(index)!).toBeLessThanOrEqual(baseline.get(index)! + 1);
    }
    // All four play to the end and agree on every checkpoint from the resync on.
    const lists = outcome.peers.map((p) => p.engine.checkpoints().filter(([frame]) => frame >= caughtAt));
    expect(lists[0]!.map(([frame]) => frame)).toEqual(Array.from({ length: (FRAMES - caughtAt) / 30 + 1 }, (_, i) => caughtAt + 30 * i));
    for (const list of lists) expect(list).toEqual(lists[0]);
    for (const peer of outcome.peers) {
      expect(peer.engine.frame()).toBe(FRAMES);
      expect(peer.engine.stats().lastCheckpoint?.status).not.toBe('desync');
    }
    // The report of what happened stays available.
    const evidence = odd.engine.desync();
    expect(evidence).toMatchObject({ kind: 'outvoted', frame: caughtAt, diverged: [section] });
    const report = desyncReport({ build: 'test', self: 'p3', slotOwners: outcome.net.peers, setup }, evidence!, odd.engine.inputLog());
    expect(report.diverged).toEqual([section]);
    expect(Object.keys(report.dump)).toEqual([section]);
    expect([...(report.sections.find((s) => s.name === section)?.differsFrom ?? [])].sort()).toEqual(['p0', 'p1', 'p2']);
    expect(report.sections.filter((s) => s.differsFrom.length > 0)).toHaveLength(1);
    expect(report.state.frame).toBe(caughtAt);
    // Any page can report: the majority's evidence names the odd peer and the same section.
    expect(majority[0]!.engine.desync()).toMatchObject({ kind: 'odd', peer: 'p3', frame: caughtAt, diverged: [section] });
  });

  it.each([
    ['lockstep', undefined],
    ['rollback', ROLLBACK_OPTIONS],
  ] as const)('is recovered from on bad Wi-Fi with 5 peers too (%s): all agree again and play to the end', (_netcode, options) => {
    const five = { seed: 33, players: Array.from({ length: 5 }, (_, i) => ({ name: `p${i}` })) };
    const planted = createTamperedGame(ricochetGame, (s) => (s.frame === CORRUPT_AT ? { ...s, rng: (s.rng ^ 1) >>> 0 } : s));
    const outcome = runMatch({ peers: 5, frames: FRAMES, seed: 79, profile: PROFILES['bad-wifi']!, setup: five, gameFor: (i) => (i === 1 ? planted : ricochetGame), maxVirtualMs: FRAMES * 17 + 6000, ...(options ? { options } : {}) });
    expect(first(outcome.peers[1]!, 'resynced')?.frame).toBe(420);
    // The last checkpoints may not be confirmed everywhere yet when the run stops.
    const lists = outcome.peers.map((p) => p.engine.checkpoints().filter(([frame]) => frame >= 420 && frame <= FRAMES - 60));
    for (const list of lists) expect(list).toEqual(lists[0]);
    expect(lists[0]).toHaveLength((FRAMES - 60 - 420) / 30 + 1);
    for (const peer of outcome.peers) {
      expect(peer.engine.frame()).toBe(FRAMES);
      expect(first(peer, 'peer-dropped')).toBeUndefined();
    }
  });

  it.each([
    ['sends no snapshot', () => null, /^p\d sent no snapshot within 1\.5 s$/],
    ['sends a snapshot of another state', (data: Uint8Array) => data.map((byte) => (byte === 0x31 ? 0x32 : byte)), /^p\d sent a snapshot (of hash \d+, not the majority's \d+|that is not a state)$/],
  ] as const)('that cannot load the majority state (the majority %s) leaves, and the others play on without it', (_what, alter, reason) => {
    const outcome = play([3], (s) => ({ ...s, rng: (s.rng ^ 1) >>> 0 }), undefined, undefined, (peer, transport) => (peer === 3 ? transport : alterChunks(transport, alter)));
    const [odd, ...majority] = [outcome.peers[3]!, ...outcome.peers.slice(0, 3)];
    const failed = first(odd, 'resync-failed');
    expect(failed?.frame).toBe(420);
    expect(failed?.reason).toMatch(reason);
    expect(describeEngineEvent(failed!, setup.players.map((p) => p.name))?.fatal).toBe(true);
    expect(first(odd, 'resynced')).toBeUndefined();
    for (const peer of majority) {
      expect(first(peer, 'peer-dropped')?.peer).toBe('p3');
      expect(peer.engine.frame()).toBe(FRAMES);
    }
  });

  it('a page outvoted again within 10 s of its resync leaves instead of resyncing at every checkpoint', () => {
    const outcome = play([3], (s) => ({ ...s, rng: (s.rng ^ 1) >>> 0 }), undefined, undefined, undefined, [CORRUPT_AT, CORRUPT_AT + 100]);
    const [odd, ...majority] = [outcome.peers[3]!, ...outcome.peers.slice(0, 3)];
    expect(odd.events.filter((e) => e.type === 'desync')).toMatchObject([
      { frame: 420, outvoted: true, recovering: true },
      { frame: 510, outvoted: true, recovering: false },
    ]);
    expect(first(odd, 'resynced')?.frame).toBe(420);
    for (const peer of majority) {
      expect(first(peer, 'peer-dropped')?.peer).toBe('p3');
      expect(peer.engine.frame()).toBe(FRAMES);
    }
  });

  it('a 2-2 split has no majority: every peer raises desync, and the notice ends the match saying so', () => {
    const outcome = play([2, 3], (s) => ({ ...s, rng: (s.rng ^ 1) >>> 0 }));
    for (const peer of outcome.peers) {
      const desync = first(peer, 'desync');
      expect(desync).toMatchObject({ frame: 420, outvoted: false, sections: ['prng'] });
      const notice = describeEngineEvent(desync!, setup.players.map((p) => p.name), outcome.net.peers);
      expect(notice?.fatal).toBe(true);
      expect(notice?.text).toMatch(/^Out of sync at frame 420: prng differ from p\d's, and no majority agrees\. This match can no longer be trusted\.$/);
      expect(peer.engine.stats().lastCheckpoint?.status).toBe('desync');
      expect(peer.engine.desync()?.kind).toBe('desync');
    }
  });
});
