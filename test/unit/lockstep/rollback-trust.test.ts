import { describe, expect, it } from 'vitest';
import { ROLLBACK_OPTIONS } from '../../../net/lockstep/lockstep';
import type { LockstepEvent } from '../../../net/lockstep/engine-types';
import type { Transport, TransportEvent } from '../../../net/lockstep/transport';
import { encodeEngine } from '../../../net/protocol/engine-codec';
import type { EngineMessage, InputRun } from '../../../net/protocol/engine-messages';
import { voteCount } from '../../../net/protocol/input-runs';
import { expectAgreement } from '../../simnet/agreement';
import { inject } from '../../simnet/inject';
import { createPrng } from '../../simnet/prng';
import { PROFILES } from '../../simnet/profiles';
import { runMatch, type MatchPlan } from '../../simnet/run-match';
import { createDriftingGame, mixGame, type MixSetup, type MixState } from '../../simnet/test-games';

// The trust rules of trust.test.ts and hostile.test.ts, with a prediction window: a guess is
// never a peer's word, so nothing a hostile peer sends reaches the confirmed frames either.
const plan: MatchPlan<MixState, MixSetup> = { peers: 3, frames: 1500, seed: 31, profile: PROFILES.wifi!, setup: { slots: 3, seed: 5 }, gameFor: () => mixGame, options: ROLLBACK_OPTIONS };
const run = (slot: number, startFrame: number, inputs: number[]): InputRun => ({ slot, startFrame, inputs, votes: Array<number>(voteCount(startFrame, inputs.length)).fill(3) });
const msg = (from: string, m: EngineMessage): TransportEvent => ({ type: 'message', from, data: encodeEngine(m), channel: 'unreliable' });
const ofType = <T extends LockstepEvent['type']>(events: readonly LockstepEvent[], type: T) => events.filter((e): e is Extract<LockstepEvent, { type: T }> => e.type === type);

/** Wraps p1's transport: after each drain, hostile messages claiming to come from p0 and p2. */
function attack(inner: Transport): Transport {
  const random = createPrng(3);
  return inject(inner, (frame) => {
    const hostile: TransportEvent[] = [
      // p0 claims p2's slot, for frames inside p1's prediction window: spoofed, never a guess.
      msg('p0', { kind: 'inputs', frame, runs: [run(2, frame, [31, 31, 31, 31])], acks: [] }),
      { type: 'message', from: 'p0', data: Uint8Array.from({ length: 12 }, () => Math.floor(random() * 256)), channel: 'unreliable' },
      msg('p2', { kind: 'inputs', frame, runs: [run(2, frame + 100_000, [1])], acks: [] }),
    ];
    // p2 rewrites its own past (held frames): the first value stays.
    if (frame > 200) hostile.push(msg('p2', { kind: 'inputs', frame: frame - 150, runs: [run(2, frame - 150, [30, 29, 28])], acks: [] }));
    return hostile;
  });
}

describe('rollback takes no one\'s word alone', () => {
  it('spoofed, garbage, out-of-range and rewritten inputs change nothing: the same confirmed inputs and checkpoints as without them', () => {
    const reference = runMatch(plan);
    const attacked = runMatch({ ...plan, wrapTransport: (i, t) => (i === 1 ? attack(t) : t) });
    expectAgreement(attacked, 45);
    attacked.peers.forEach((peer, i) => {
      const ref = reference.peers[i]!.engine;
      expect(peer.engine.checkpoints()).toEqual(ref.checkpoints());
      expect(peer.engine.inputLog()).toEqual(ref.inputLog());
    });
    const rejected = attacked.peers[1]!.engine.stats().rejected;
    expect(rejected.spoofed).toBeGreaterThan(1000);
    expect(rejected.invalid).toBeGreaterThan(1000);
    expect(rejected.stale).toBeGreaterThan(500);
    expect(attacked.peers[1]!.engine.stats().rollbacks).toBeGreaterThan(0);
  });

  it('a peer whose game goes astray is still the odd one out: it reports the desync and leaves, the majority plays on', () => {
    const outcome = runMatch({ ...plan, gameFor: (i) => (i === 2 ? createDriftingGame(500, 7) : mixGame) });
    const [p0, p1, p2] = outcome.peers;
    for (const peer of [p0!, p1!]) {
      // Whoever confirms frame 510 after the odd peer already left sees no odd one, only the leave.
      for (const odd of ofType(peer.events, 'peer-desynced')) expect(odd.peer).toBe('p2');
      expect(ofType(peer.events, 'peer-dropping').map((e) => e.reason)).toEqual(['left the match']);
      const dropped = ofType(peer.events, 'peer-dropped');
      expect(dropped.map((e) => e.peer)).toEqual(['p2']);
      expect(dropped[0]!.frame).toBeGreaterThan(500);
      expect(dropped[0]!.frame).toBeLessThanOrEqual(540);
      expect(peer.engine.stats().rollbacks).toBeGreaterThan(0);
    }
    expect(ofType(p0!.events, 'peer-dropped')).toEqual(ofType(p1!.events, 'peer-dropped'));
    expect(ofType(p2!.events, 'desync')).toHaveLength(1);
    expectAgreement({ ...outcome, peers: [p0!, p1!] }, 49);
  });
});
