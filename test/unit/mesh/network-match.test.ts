import { describe, expect, test } from 'vitest';
import { DEFAULT_MATCH_OPTIONS, type StartInfo, type Welcome } from '../../../net/lobby/messages';
import { createFakePeerNetwork } from '../../harness/fake-peer-network';
import { keptSlots, startNetworkMatch, type NetworkMatchRun, type StartNetworkMatchResult } from '../../../net/mesh/network-match';
import { createVirtualClock } from '../../harness/virtual-clock';

const server = { host: '10.0.0.1', port: 8080, path: '/peerjs', key: 'peerjs', secure: false };
// Slots: 0 = b, 1 = a, 2 = c, 3 = a bot run by a.
const start: StartInfo = {
  matchId: 'm1', matchNumber: 1, seed: 99,
  slotOwners: ['b', 'a', 'c', 'a'],
  names: ['Bo', 'Ada', 'Cy', 'Bot'],
  colours: ['#E69F00', '#56B4E9', '#009E73', '#F0E442'],
  botSlots: [3],
  peerKey: 'peerjs', options: DEFAULT_MATCH_OPTIONS,
};
const welcome = (peerId: string): Welcome => ({
  playerId: peerId, peerId, matchId: 'm1', matchName: 't', isCreator: peerId === 'a',
  peerServer: server, iceServers: [], protocolVersion: 1, buildId: 'b1',
});

interface FakeSession {
  readonly run: NetworkMatchRun;
  stopped: boolean;
  stop(): void;
}

function setup() {
  const clock = createVirtualClock(100);
  const net = createFakePeerNetwork(clock, 3);
  const runs = new Map<string, FakeSession[]>();
  const pending = ['a', 'b', 'c'].map((peer) =>
    startNetworkMatch<FakeSession>({
      start, welcome: welcome(peer), playBot: peer === 'b',
      connect: { createPeer: net.createPeer, clock, pollMs: 1, countdownMs: 300, timeoutMs: 5000 },
      rematchTimeoutMs: 5000,
      runMatch: (run) => {
        const session: FakeSession = { run, stopped: false, stop: () => void (session.stopped = true) };
        runs.set(peer, [...(runs.get(peer) ?? []), session]);
        return session;
      },
    }),
  );
  const settle = async <T>(promises: Promise<T>[], ms = 3000): Promise<T[]> => {
    for (let t = 0; t < ms; t += 10) {
      clock.advance(10);
      await Promise.resolve();
    }
    return Promise.all(promises);
  };
  return { clock, net, runs, pending, settle };
}

const matchOf = <S>(r: StartNetworkMatchResult<S> | undefined) => (r?.ok ? r.match : expect.unreachable('not connected'));

describe('network match', () => {
  test('runs the match with the lobby layout: lobby bots and bot=1 slots are bot-played on their owner', async () => {
    const { runs, pending, settle } = setup();
    const results = await settle(pending);
    expect(results.every((r) => r.ok)).toBe(true);
    const a = runs.get('a')?.[0]?.run;
    const b = runs.get('b')?.[0]?.run;
    expect(a).toMatchObject({ localSlots: [1, 3], botSlots: [3], slotOwners: start.slotOwners, colours: start.colours, mode: 'network' });
    expect(a?.setup).toEqual({ seed: 99, players: [{ name: 'Bo' }, { name: 'Ada' }, { name: 'Cy' }, { name: 'Bot' }] });
    expect(b).toMatchObject({ localSlots: [0], botSlots: [0] });
    expect(runs.get('c')?.[0]?.run.botSlots).toEqual([]);
  });

  test('play again after a player left: the others agree on one new seed and keep their colours', async () => {
    const { runs, pending, settle, net } = setup();
    const [ma, mb] = (await settle(pending)).map(matchOf);
    net.crash('c');
    await settle([]);
    const again = await settle([ma?.rematch(), mb?.rematch()].map((p) => p ?? Promise.reject(new Error('no match'))));
    expect(again).toEqual([{ ok: true }, { ok: true }]);
    const ra = runs.get('a')?.[1]?.run;
    const rb = runs.get('b')?.[1]?.run;
    expect(runs.get('a')?.[0]?.stopped).toBe(true);
    expect(ra?.setup.seed).toBe(rb?.setup.seed);
    expect(ra?.slotOwners).toEqual(['b', 'a', 'a']);
    expect(ra?.colours).toEqual(['#E69F00', '#56B4E9', '#F0E442']);
    expect(ra).toMatchObject({ localSlots: [1, 2], botSlots: [2] });
    expect(rb).toMatchObject({ localSlots: [0], botSlots: [0] });
  });

  test('keptSlots maps a survivors layout back to the original slots, and rejects anything else', () => {
    expect(keptSlots(['b', 'a', 'c', 'a'], ['b', 'a', 'a'])).toEqual([0, 1, 3]);
    expect(keptSlots(['b', 'a', 'c', 'a'], ['a', 'b', 'a'])).toBeNull();
    expect(keptSlots(['b', 'a'], ['b', 'z'])).toBeNull();
  });
});
