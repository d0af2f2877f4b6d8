import { describe, expect, it } from 'vitest';
import { describeEngineEvent } from '../../../game/app/engine-events';
import { desyncReport } from '../../../game/app/desync-report';
import { ricochetGame, type SimState } from '../../../game/sim/index';
import type { LockstepEvent, LockstepOptions } from '../../../net/lockstep/engine-types';
import { ROLLBACK_OPTIONS } from '../../../net/lockstep/lockstep';
import { PROFILES } from '../../simnet/profiles';
import { runMatch, type PeerOutcome } from '../../simnet/run-match';
import { createTamperedGame } from '../../simnet/test-games';

const setup = { seed: 31, players: Array.from({ length: 4 }, (_, i) => ({ name: `p${i}` })) };
const CORRUPT_AT = 400;
const FRAMES = 600;

/** The first event of `type` a peer drained. */
const first = <T extends LockstepEvent['type']>(peer: PeerOutcome<unknown>, type: T): Extract<LockstepEvent, { type: T }> | undefined =>
  peer.events.find((e): e is Extract<LockstepEvent, { type: T }> => e.type === type);

/** 4 peers of the real sim on wifi; the peers in `tampered` pass the state after frame CORRUPT_AT through `tamper`. */
function play(tampered: readonly number[], tamper: (s: SimState) => SimState, options?: Partial<LockstepOptions>) {
  const planted = createTamperedGame(ricochetGame, (s) => (s.frame === CORRUPT_AT ? tamper(s) : s));
  // The odd peer, once dropped, never reaches the last frame: the time limit ends its run.
  return runMatch({ peers: 4, frames: FRAMES, seed: 77, profile: PROFILES.wifi!, setup, gameFor: (i) => (tampered.includes(i) ? planted : ricochetGame), maxVirtualMs: FRAMES * 17 + 3000, ...(options ? { options } : {}) });
}

describe('a desync planted in one peer of four', () => {
  it.each([
    ['prng', 'lockstep', (s: SimState) => ({ ...s, rng: (s.rng ^ 1) >>> 0 }), undefined],
    ['shells', 'rollback', (s: SimState) => ({ ...s, nextShellId: s.nextShellId + 1 }), ROLLBACK_OPTIONS],
  ] as const)('is caught at the next checkpoint and named (%s, %s): the odd peer leaves with a report of it, the majority plays on', (section, _netcode, tamper, options) => {
    const outcome = play([3], tamper, options);
    const [odd, ...majority] = [outcome.peers[3]!, ...outcome.peers.slice(0, 3)];
    const caughtAt = Math.ceil((CORRUPT_AT + 1) / 30) * 30;
    expect(first(odd, 'desync')).toMatchObject({ frame: caughtAt, outvoted: true, sections: [section] });
    expect(describeEngineEvent(first(odd, 'desync')!, setup.players.map((p) => p.name), outcome.net.peers)?.text).toBe(`Out of sync at frame ${caughtAt}: ${section} differ from the majority. This page leaves the match.`);
    for (const peer of majority) {
      expect(first(peer, 'peer-desynced')).toEqual({ type: 'peer-desynced', peer: 'p3', frame: caughtAt, sections: [section] });
      expect(first(peer, 'desync')).toBeUndefined();
      expect(first(peer, 'peer-dropped')?.peer).toBe('p3');
      expect(peer.engine.frame()).toBe(FRAMES);
    }
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
