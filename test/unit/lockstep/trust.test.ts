import { describe, expect, it } from 'vitest';
import type { LockstepEvent } from '../../../net/lockstep/engine-types';
import { createLockstep } from '../../../net/lockstep/lockstep';
import type { Transport, TransportEvent } from '../../../net/lockstep/transport';
import { decodeEngine, encodeEngine } from '../../../net/protocol/engine-codec';
import type { EngineMessage, InputRun } from '../../../net/protocol/engine-messages';
import { voteCount } from '../../../net/protocol/input-runs';
import { expectAgreement } from '../../simnet/agreement';
import { PROFILES } from '../../simnet/profiles';
import { inject } from '../../simnet/inject';
import { runMatch, type MatchOutcome, type MatchPlan } from '../../simnet/run-match';
import { createDriftingGame, mixGame, type MixSetup, type MixState } from '../../simnet/test-games';

// Issue 9, finding 5: one peer's word alone (here p0's, injected into what p1 receives) must not
// drop a live peer, freeze the match, make others simulate forged inputs, or end the match.
const plan: MatchPlan<MixState, MixSetup> = { peers: 3, frames: 1200, seed: 31, profile: PROFILES.wifi!, setup: { slots: 3, seed: 5 }, gameFor: () => mixGame };
const forged = (startFrame: number, length: number): InputRun => ({ slot: 2, startFrame, inputs: Array<number>(length).fill(1000), votes: Array<number>(voteCount(startFrame, length)).fill(3) });
const from = (peer: string, m: EngineMessage): TransportEvent => ({ type: 'message', from: peer, data: encodeEngine(m), channel: 'reliable' });
const ofType = <T extends LockstepEvent['type']>(events: readonly LockstepEvent[], type: T) => events.filter((e): e is Extract<LockstepEvent, { type: T }> => e.type === type);

/** Injects the messages `at(frame)` returns into p1's inbox, once, when p1 reaches frame 300. */
function onceAtP1(at: (frame: number) => TransportEvent[]): MatchPlan<MixState, MixSetup>['wrapTransport'] {
  let done = false;
  return (i, t) =>
    i !== 1
      ? t
      : inject(t, (frame) => {
          if (done || frame < 300) return [];
          done = true;
          return at(frame);
        });
}

/** Every peer finished, nobody was dropped, and the run is the reference run, frame for frame. */
function expectUntouched(attacked: MatchOutcome<MixState>): void {
  const reference = runMatch(plan);
  expectAgreement(attacked, 39);
  attacked.peers.forEach((peer, i) => {
    expect(peer.engine.frame()).toBe(plan.frames);
    expect(peer.events.filter((e) => e.type.startsWith('peer-drop') || e.type === 'self-dropped')).toEqual([]);
    expect(peer.engine.inputLog()).toEqual(reference.peers[i]!.engine.inputLog());
  });
}

describe('lockstep takes no one\'s word alone: drops', () => {
  it('a forged proposal to drop a live peer, or the receiver itself, drops no one', () => {
    const attacked = runMatch({
      ...plan,
      wrapTransport: onceAtP1((frame) => [
        from('p0', { kind: 'dropPropose', peerSlot: 2, dropFrame: frame + 2, runs: [] }),
        from('p0', { kind: 'dropPropose', peerSlot: 1, dropFrame: frame + 2, runs: [] }),
      ]),
    });
    expectUntouched(attacked);
  });

  it('a drop frame of 2^31 - 1 freezes no one: the peer that really leaves is dropped at a frame all agree on', () => {
    const attacked = runMatch({
      ...plan,
      leaves: [{ peer: 2, atMs: 10_000 }],
      wrapTransport: (i, t) => (i === 1 ? inject(t, () => [from('p0', { kind: 'dropPropose', peerSlot: 2, dropFrame: 2 ** 31 - 1, runs: [] })]) : t),
    });
    const [p0, p1] = attacked.peers;
    for (const peer of [p0!, p1!]) expect(peer.engine.frame()).toBe(plan.frames);
    const frames = [p0!, p1!].map((peer) => ofType(peer.events, 'peer-dropped').map((e) => [e.peer, e.frame]));
    expect(frames[1]).toEqual(frames[0]);
    expect(frames[0]).toHaveLength(1);
    expect(frames[0]![0]![1]).toBeLessThan(620);
    expect(p1!.engine.stats().rejected.invalid).toBeGreaterThan(1000);
    expectAgreement({ ...attacked, peers: [p0!, p1!] }, 39);
  });

  it('forged relayed inputs for a live slot are never simulated, and one that contradicts the owner is reported', () => {
    // Frames before `frame` are held from p2 itself (a provable lie); the rest is just not believed.
    const attacked = runMatch({
      ...plan,
      wrapTransport: onceAtP1((frame) => [from('p0', { kind: 'dropPropose', peerSlot: 2, dropFrame: frame + 4, runs: [forged(frame - 20, 24)] })]),
    });
    expectUntouched(attacked);
    expect(ofType(attacked.peers[1]!.events, 'peer-misbehaved')).toEqual([{ type: 'peer-misbehaved', peer: 'p0', reason: expect.stringMatching(/differ/) }]);
  });

  it('once caught, a relayer\'s relays are ignored: a later drop frame only its relays would reach is refused', () => {
    const run = (slot: number, startFrame: number, value: number, length: number): InputRun => ({ slot, startFrame, inputs: Array<number>(length).fill(value), votes: Array<number>(voteCount(startFrame, length)).fill(3) });
    const inputs = (peer: string, r: InputRun): TransportEvent => from(peer, { kind: 'inputs', frame: 0, runs: [r], acks: [] });
    const inbox: TransportEvent[] = [
      inputs('b', run(1, 0, 5, 20)),
      inputs('c', run(2, 0, 7, 10)),
      inputs('d', run(3, 0, 8, 10)),
      // c is live, and b's relay contradicts what c sent: b lied.
      from('b', { kind: 'dropPropose', peerSlot: 2, dropFrame: 10, runs: [run(2, 0, 9, 10)] }),
      from('c', { kind: 'leave', frame: 0 }),
      from('d', { kind: 'dropPropose', peerSlot: 2, dropFrame: 10, runs: [] }),
      from('d', { kind: 'leave', frame: 0 }),
      // True or not, b's relay of d's frames 10 and 11 is not believed: nobody else holds them.
      from('b', { kind: 'dropPropose', peerSlot: 3, dropFrame: 12, runs: [run(3, 10, 8, 2)] }),
    ];
    const transport: Transport = { self: 'a', send: () => undefined, drain: () => inbox.splice(0) };
    const engine = createLockstep({ game: mixGame, transport, setup: { slots: 4, seed: 1 }, slotOwners: ['a', 'b', 'c', 'd'], localSlots: [0] });
    engine.poll(0);
    const events = engine.drainEvents();
    expect(ofType(events, 'peer-misbehaved').map((e) => e.peer)).toEqual(['b']);
    expect(ofType(events, 'peer-dropped').map((e) => [e.peer, e.frame])).toEqual([['c', 10]]);
    expect(engine.stats().rejected.invalid).toBe(1);
  });

  it('a flood of drop-agree is counted and dropped: one per survivor and peer is kept', () => {
    let sent = 0;
    const attacked = runMatch({
      ...plan,
      wrapTransport: (i, t) =>
        i !== 1
          ? t
          : inject(t, () => {
              if (sent >= 20_000) return [];
              sent += 200;
              return Array.from({ length: 200 }, (_, k) => from('p0', { kind: 'dropAgree', peerSlot: 2, dropFrame: sent + k }));
            }),
    });
    expectUntouched(attacked);
    expect(attacked.peers[1]!.engine.stats().rejected.duplicate).toBeGreaterThanOrEqual(20_000 - 1);
  });
});

describe('lockstep takes no one\'s word alone: delay votes', () => {
  it('one peer voting the maximum delay does not raise it: the median of the votes counts', () => {
    const outcome = runMatch({ ...plan, peers: 4, setup: { slots: 4, seed: 5 }, profile: PROFILES.lan!, optionsFor: (i) => (i === 3 ? { delayMarginMs: 400 } : undefined) });
    const reference = ofType(outcome.peers[0]!.events, 'delay-changed');
    for (const peer of outcome.peers) {
      expect(peer.engine.stats().delay).toBeLessThanOrEqual(3);
      expect(ofType(peer.events, 'delay-changed')).toEqual(reference);
    }
    expectAgreement(outcome, 39);
  });
});

describe('lockstep takes no one\'s word alone: checkpoints', () => {
  it('one forged checkpoint among three peers: the majority plays on and names the odd one', () => {
    const next = (frame: number): number => Math.ceil((frame + 60) / 30) * 30;
    let at = 0;
    const attacked = runMatch({
      ...plan,
      wrapTransport: onceAtP1((frame) => {
        at = next(frame);
        return [from('p0', { kind: 'checkpoint', frame: at, hash: 12345, sections: [] })];
      }),
    });
    expectUntouched(attacked);
    expect(ofType(attacked.peers[1]!.events, 'peer-desynced')).toEqual([{ type: 'peer-desynced', peer: 'p0', frame: at, sections: [] }]);
    for (const peer of attacked.peers) expect(peer.engine.stats().lastCheckpoint?.status).not.toBe('desync');
  });

  it('a peer whose game goes astray is the odd one out: it reports the desync and leaves, the majority plays on', () => {
    const outcome = runMatch({ ...plan, frames: 1500, gameFor: (i) => (i === 2 ? createDriftingGame(500, 7) : mixGame) });
    const [p0, p1, p2] = outcome.peers;
    for (const peer of [p0!, p1!]) {
      expect(peer.engine.frame()).toBe(1500);
      const odd = ofType(peer.events, 'peer-desynced');
      expect(odd.map((e) => e.peer)).toEqual(['p2']);
      expect(odd[0]!.frame).toBeGreaterThan(500);
      expect(odd[0]!.frame).toBeLessThanOrEqual(530);
      expect(ofType(peer.events, 'peer-dropping').map((e) => e.reason)).toEqual(['left the match']);
    }
    expect(ofType(p0!.events, 'peer-dropped')).toEqual(ofType(p1!.events, 'peer-dropped'));
    expect(ofType(p2!.events, 'desync')).toHaveLength(1);
    expectAgreement({ ...outcome, peers: [p0!, p1!] }, 49);
  });

  it('with two peers there is no majority: a mismatch still ends the match with desync on both', () => {
    const outcome = runMatch({ ...plan, peers: 2, frames: 900, setup: { slots: 2, seed: 5 }, gameFor: (i) => (i === 1 ? createDriftingGame(500, 3) : mixGame) });
    for (const peer of outcome.peers) {
      const desync = ofType(peer.events, 'desync')[0];
      expect(desync?.frame).toBeGreaterThan(500);
      expect(desync?.frame).toBeLessThanOrEqual(530);
      expect(ofType(peer.events, 'peer-desynced')).toEqual([]);
      expect(peer.engine.stats().lastCheckpoint?.status).toBe('desync');
    }
  });

  it('a peer that withholds its checkpoints cannot hide a desync between the others', () => {
    const silent = (t: Transport): Transport => ({ ...t, send: (to, data, channel) => (decodeEngine(data).ok && data[1] === encodeEngine({ kind: 'checkpoint', frame: 30, hash: 0, sections: [] })[1] ? undefined : t.send(to, data, channel)) });
    const outcome = runMatch({ ...plan, frames: 900, gameFor: (i) => (i === 2 ? createDriftingGame(500, 7) : mixGame), wrapTransport: (i, t) => (i === 0 ? silent(t) : t) });
    const desync = ofType(outcome.peers[1]!.events, 'desync')[0];
    expect(desync?.frame).toBeGreaterThan(500);
    expect(desync?.frame).toBeLessThanOrEqual(530);
  });
});
