/**
 * Issue #11 part 4: the majority is told when the odd page recovered. After a resync the odd
 * page's checkpoints agree again; each page of the majority then reports it (`peer-resynced`) and
 * its notice says so, instead of "went out of sync…; the others play on" for the rest of the match.
 */
import { describe, expect, it } from 'vitest';
import { describeEngineEvent } from '../../../game/app/engine-events';
import { ricochetGame, type SimState } from '../../../game/sim/index';
import { CheckpointBook, type Checkpoint, type LocalCheckpoint } from '../../../net/lockstep/checkpoint-book';
import type { LockstepEvent, LockstepOptions } from '../../../net/lockstep/engine-types';
import { ROLLBACK_OPTIONS } from '../../../net/lockstep/lockstep';
import { PROFILES } from '../../simnet/profiles';
import { runMatch, type PeerOutcome } from '../../simnet/run-match';
import { createTamperedGame } from '../../simnet/test-games';

const setup = { seed: 31, players: Array.from({ length: 4 }, (_, i) => ({ name: `p${i}` })) };
const names = setup.players.map((p) => p.name);
const FRAMES = 900;

const ofType = <T extends LockstepEvent['type']>(peer: PeerOutcome<unknown>, type: T): Extract<LockstepEvent, { type: T }>[] =>
  peer.events.filter((e): e is Extract<LockstepEvent, { type: T }> => e.type === type);

/** 4 peers of the real sim on wifi; peer 3's state goes astray after each frame of `at`. */
function play(at: readonly number[], options?: Partial<LockstepOptions>) {
  const planted = createTamperedGame(ricochetGame, (s: SimState) => (at.includes(s.frame) ? { ...s, rng: (s.rng ^ 1) >>> 0 } : s));
  return runMatch({
    peers: 4,
    frames: FRAMES,
    seed: 77,
    profile: PROFILES.wifi!,
    setup,
    gameFor: (i) => (i === 3 ? planted : ricochetGame),
    maxVirtualMs: FRAMES * 17 + 6000,
    ...(options ? { options } : {}),
  });
}

describe('the majority hears that the odd page recovered', () => {
  it.each([
    ['lockstep', undefined],
    ['rollback', ROLLBACK_OPTIONS],
  ] as const)('%s: after its resync the odd page agrees again, and every other page reports peer-resynced at the next checkpoint, once', (_netcode, options) => {
    const outcome = play([400], options);
    const odd = outcome.peers[3]!;
    const resynced = ofType(odd, 'resynced')[0];
    expect(resynced?.frame).toBe(420);
    for (const peer of outcome.peers.slice(0, 3)) {
      expect(ofType(peer, 'peer-desynced')).toMatchObject([{ peer: 'p3', frame: 420 }]);
      const back = ofType(peer, 'peer-resynced');
      // The first checkpoint the odd page computes from the loaded state: the one after 420.
      expect(back).toEqual([{ type: 'peer-resynced', peer: 'p3', frame: 450 }]);
      // Told after it was told of the desync, and by the page's notice.
      expect(peer.events.indexOf(back[0]!)).toBeGreaterThan(peer.events.indexOf(ofType(peer, 'peer-desynced')[0]!));
      expect(describeEngineEvent(back[0]!, names, outcome.net.peers)).toEqual({ text: "p3 is back in sync at frame 450: it loaded the majority's state, and all agree again.", fatal: false });
    }
    // The odd page reports no one: it was not the majority's.
    expect(ofType(odd, 'peer-resynced')).toEqual([]);
  });

  it('a page that diverges again and leaves is never reported back in sync', () => {
    // Outvoted again within 10 s of its resync: it leaves (desync.test.ts); between the two
    // verdicts its checkpoints agreed for a while, so the majority heard it back once, and then
    // of its second divergence.
    const outcome = play([400, 500]);
    for (const peer of outcome.peers.slice(0, 3)) {
      expect(ofType(peer, 'peer-desynced').map((e) => e.frame).slice(0, 2)).toEqual([420, 510]);
      expect(ofType(peer, 'peer-resynced').map((e) => e.frame)).toEqual([450]);
      expect(ofType(peer, 'peer-dropped')[0]?.peer).toBe('p3');
    }
  });

  it('with no desync at all, nobody is reported back in sync', () => {
    const outcome = play([]);
    for (const peer of outcome.peers) expect(ofType(peer, 'peer-resynced')).toEqual([]);
  });
});

describe('checkpoint book: back in agreement', () => {
  const cp = (hash: number): Checkpoint => ({ hash, sections: [] });
  const mine = (hash: number): LocalCheckpoint => ({ hash, sections: [], state: null });
  const judge = (book: CheckpointBook, frame: number, local: number, remote: Record<string, number>) => {
    const live = Object.keys(remote);
    for (const [peer, hash] of Object.entries(remote)) book.addRemote(peer, frame, cp(hash), live);
    return book.addLocal(frame, mine(local), live);
  };

  it('reports an odd peer once when its hash is the majority\'s again, and nobody who never was odd', () => {
    const book = new CheckpointBook(30);
    expect(judge(book, 30, 1, { b: 1, c: 1, d: 1 })).toEqual([]);
    expect(judge(book, 60, 2, { b: 2, c: 9, d: 2 })).toMatchObject([{ kind: 'odd', frame: 60, peer: 'c' }]);
    // Still odd: no news.
    expect(judge(book, 90, 3, { b: 3, c: 8, d: 3 })).toMatchObject([{ kind: 'odd', frame: 90, peer: 'c' }]);
    expect(judge(book, 120, 4, { b: 4, c: 4, d: 4 })).toEqual([{ kind: 'agrees-again', frame: 120, peer: 'c' }]);
    expect(judge(book, 150, 5, { b: 5, c: 5, d: 5 })).toEqual([]);
  });

  it('reports it beside another peer going odd at the same frame', () => {
    const book = new CheckpointBook(30);
    judge(book, 30, 1, { b: 1, c: 9, d: 1, e: 1 });
    expect(judge(book, 60, 2, { b: 2, c: 2, d: 7, e: 2 })).toMatchObject([
      { kind: 'agrees-again', frame: 60, peer: 'c' },
      { kind: 'odd', frame: 60, peer: 'd' },
    ]);
  });

  it('does not report a peer that agrees with us when we are the ones outvoted', () => {
    const book = new CheckpointBook(30);
    judge(book, 30, 1, { b: 1, c: 9, d: 1, e: 1 });
    // c's hash is ours again, but three of five say otherwise: we are the odd one now.
    const verdicts = judge(book, 60, 2, { b: 3, c: 2, d: 3, e: 3 });
    expect(verdicts).toHaveLength(1);
    expect(verdicts).toMatchObject([{ kind: 'outvoted', frame: 60 }]);
  });
});
