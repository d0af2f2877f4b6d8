import { describe, expect, test } from 'vitest';
import { DEFAULT_MATCH_OPTIONS, type StartInfo, type Welcome } from '../../../net/lobby/messages';
import { connectMatch, runHandshake, type ConnectMatchResult, type ConnectMatchOptions } from '../../../net/mesh/connect-match';
import { createFakePeerNetwork } from '../../harness/fake-peer-network';
import type { CreatePeer } from '../../../net/mesh/mesh-ports';
import { createVirtualClock } from '../../harness/virtual-clock';
import { fromLobbyRefusal, meshError, MESH_ERROR } from '../../../net/mesh/mesh-errors';
import { encodeEngine } from '../../../net/protocol';
import type { PeerjsTransport } from '../../../net/mesh/peerjs-transport';

const server = { host: '10.0.0.1', port: 8080, path: '/peerjs', key: 'peerjs', secure: false };

function startInfo(slotOwners: string[], seed = 1234): StartInfo {
  return {
    matchId: 'm1', matchNumber: 1, seed, slotOwners,
    names: slotOwners.map((_, i) => `player${i}`),
    colours: slotOwners.map(() => '#E69F00' as const),
    botSlots: [],
    peerKey: 'peerjs', options: DEFAULT_MATCH_OPTIONS,
  };
}

function welcome(peerId: string, buildId = 'build-1'): Welcome {
  return {
    playerId: `pl-${peerId}`, peerId, matchId: 'm1', matchName: 'test', isCreator: false,
    peerServer: server, iceServers: [], protocolVersion: 1, buildId,
  };
}

interface Joiner {
  readonly peer: string;
  readonly start?: StartInfo;
  readonly buildId?: string;
}

async function connectAll(owners: string[], joiners: Joiner[], tweak: (net: ReturnType<typeof createFakePeerNetwork>) => void = () => {}, options: ConnectMatchOptions = {}) {
  const clock = createVirtualClock(500);
  const net = createFakePeerNetwork(clock, 4);
  tweak(net);
  const pending = joiners.map((j) =>
    connectMatch(j.start ?? startInfo(owners), welcome(j.peer, j.buildId), { createPeer: net.createPeer, clock, timeoutMs: 5000, countdownMs: 1000, pollMs: 1, ...options }),
  );
  let settled = false;
  const all = Promise.all(pending).then((r) => ((settled = true), r));
  for (let t = 0; t < 7000 && !settled; t += 10) {
    clock.advance(10);
    await Promise.resolve();
  }
  return { results: await all, clock, net };
}

const ok = (r: ConnectMatchResult) => (r.ok ? r : expect.unreachable(`not ok: ${JSON.stringify(r)}`));

describe('connectMatch', () => {
  test('three peers (one running a bot slot too) agree on seed, owners and names, and start within a few ms', async () => {
    const owners = ['pb', 'pa', 'pc', 'pa'];
    const { results } = await connectAll(owners, [{ peer: 'pa' }, { peer: 'pb' }, { peer: 'pc' }]);
    const all = results.map(ok);
    const [a, b, c] = all;
    for (const r of all) {
      expect(r.seed).toBe(1234);
      expect(r.slotOwners).toEqual(owners);
      expect(r.names).toEqual(['player0', 'player1', 'player2', 'player3']);
      expect(r.meshMs).toBeGreaterThan(0);
    }
    expect(a?.localSlots).toEqual([1, 3]);
    expect(b?.localSlots).toEqual([0]);
    expect(c?.localSlots).toEqual([2]);
    const starts = all.map((r) => r?.startAtMs ?? NaN);
    // One hop is 4 ms and the poll 1 ms: RTT/2 compensation leaves at most a poll's worth of skew.
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThanOrEqual(2);
    expect(a?.rttMs).toBe(0); // 'pa' has the lowest id: it coordinates
    expect(b?.rttMs).toBeGreaterThanOrEqual(8);
  });

  test('a peer of another build is refused on both sides with "reload from the host"', async () => {
    const { results } = await connectAll(['a', 'b'], [{ peer: 'a' }, { peer: 'b', buildId: 'build-2' }]);
    for (const r of results) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('version-mismatch');
        expect(r.error.hint).toMatch(/reload/i);
      }
    }
  });

  test('a slot claimed that does not match the roster entry of that connection is refused', async () => {
    // 'b' believes it owns slot 0; everyone else's roster gives it slot 1.
    const { results } = await connectAll(['a', 'b'], [{ peer: 'a' }, { peer: 'b', start: startInfo(['b', 'a']) }]);
    expect(results.every((r) => !r.ok)).toBe(true);
    const codes = results.map((r) => (r.ok ? '' : r.error.code));
    expect(codes).toContain('refused');
  });

  test('a member claiming another member\'s slot in its hello is refused by the others, who never start with it', async () => {
    // 'c' owns slot 2 but says it plays slot 0, b's. Its connections carry its own registered id,
    // which only its token could register, so the roster entry of that id is what counts.
    const owners = ['b', 'a', 'c'];
    const { results } = await connectAll(owners, [{ peer: 'a' }, { peer: 'b' }, { peer: 'c', start: startInfo(['c', 'a', 'b']) }]);
    const [a, b] = results;
    for (const r of [a, b]) {
      expect(r?.ok).toBe(false);
      if (r && !r.ok) expect(r.error).toMatchObject({ code: 'refused', message: expect.stringContaining('c sent a bad hello: slotMismatch') });
    }
  });

  test('peers that cannot reach each other over WebRTC get a client-isolation hint', async () => {
    const { results } = await connectAll(['a', 'b'], [{ peer: 'a' }, { peer: 'b' }], (net) => net.block('a', 'b'));
    const r = results[0];
    expect(r?.ok).toBe(false);
    if (r && !r.ok) {
      expect(r.error.code).toBe('webrtc-failed');
      expect(r.error.hint).toMatch(/client isolation/);
    }
  });

  test('a signalling server that cannot be reached is "host unreachable"', async () => {
    const clock = createVirtualClock();
    const deadServer: CreatePeer = () => ({
      listen: (h) => void clock.setTimeout(() => h.error('network', 'Lost connection to server.'), 50),
      connect: () => expect.unreachable('no dial without a server'),
      reconnect: () => {},
      destroy: () => {},
    });
    const pending = connectMatch(startInfo(['a', 'b']), welcome('a'), { createPeer: deadServer, clock, timeoutMs: 2000 });
    clock.advance(2100);
    const r = await pending;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'host-unreachable', message: expect.stringContaining('Lost connection') });
  });

  test('a player who never shows up times out, naming it', async () => {
    const { results } = await connectAll(['a', 'b', 'c'], [{ peer: 'a' }, { peer: 'b' }]);
    for (const r of results) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'timeout', message: expect.stringContaining('c') });
    }
  });

  test('a peer registered on the welcome (before the start) is taken over by connectMatch', async () => {
    const clock = createVirtualClock();
    const net = createFakePeerNetwork(clock, 4);
    // What the page's lobby link does on the welcome: register now, hand the peer over at the start.
    const early = new Map(['pa', 'pb'].map((p) => [p, net.createPeer(p, welcome(p).peerServer, [])]));
    clock.advance(50);
    expect(net.registered()).toEqual(['pa', 'pb']);
    const pending = ['pa', 'pb'].map((p) => connectMatch(startInfo(['pa', 'pb']), welcome(p), { createPeer: () => early.get(p)!, clock, pollMs: 1 }));
    clock.advance(2000);
    const results = await Promise.all(pending);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(net.registered()).toEqual(['pa', 'pb']);
  });

  test('a name too long for the wire fails the start on every page with a clear error, instead of a hang', async () => {
    // Over the lobby's head (it cleans names now): a bot's name, on the wire only in the coordinator's
    // start, and a player's own, in its hello. Each encode used to throw inside the poll loop, which
    // then stopped: no start, and no timeout either.
    const long = '鳥'.repeat(22); // 66 bytes
    for (const [owners, names, failing] of [
      [['pa', 'pb', 'pa'], ['Ada', 'Bo', long], 'pa'],
      [['pa', 'pb'], ['Ada', long], 'pb'],
    ] as const) {
      const clock = createVirtualClock(500);
      const net = createFakePeerNetwork(clock, 4);
      const peers = [...new Set(owners)];
      const pending = peers.map((p) =>
        connectMatch({ ...startInfo([...owners]), names: [...names] }, welcome(p), { createPeer: net.createPeer, clock, timeoutMs: 5000, pollMs: 1 }),
      );
      const results: (ConnectMatchResult | 'hung')[] = peers.map(() => 'hung');
      pending.forEach((p, i) => void p.then((r) => (results[i] = r)));
      // Well before the 5 s timeout: the failure is immediate, and the page that left frees the others.
      for (let t = 0; t < 1000 && results.includes('hung'); t += 10) {
        clock.advance(10);
        await Promise.resolve();
      }
      const byPeer = new Map(peers.map((p, i) => [p, results[i]]));
      expect(byPeer.get(failing)).toMatchObject({
        ok: false,
        error: { code: 'start-failed', message: expect.stringMatching(/could not take its part.*at most 32 UTF-8 bytes \(it has 66\)/), hint: expect.stringMatching(/lobby/) },
      });
      const other = byPeer.get(failing === 'pa' ? 'pb' : 'pa');
      expect(other).toMatchObject({ ok: false, error: { code: 'peer-left' } });
    }
  });

  test('a mesh that throws while the handshake polls it ends the handshake with an error, not a stopped loop', async () => {
    const clock = createVirtualClock();
    const mesh = { self: 'a', send: () => {}, drain: () => { throw new Error('drain broke'); } } as unknown as PeerjsTransport;
    const config = { slotOwners: ['a', 'b'], names: ['x', 'y'], seed: 1, matchId: 'm1', buildId: 'build-1', countdownMs: 500, mode: 'first' as const };
    const pending = runHandshake(mesh, config, clock, 3000, 1);
    clock.advance(10);
    expect((await pending).outcome).toMatchObject({ ok: false, error: { code: 'start-failed', message: expect.stringContaining('drain broke') } });
  });

  test('a page that is not in the started match is told so at once', async () => {
    const r = await connectMatch(startInfo(['a', 'b']), welcome('z'));
    expect(r).toMatchObject({ ok: false, error: { code: 'not-in-match' } });
  });

  test('a rematch on the same mesh agrees on the coordinator\'s new seed, dropping old-match traffic', async () => {
    const { results, clock } = await connectAll(['a', 'b', 'c'], [{ peer: 'a' }, { peer: 'b' }, { peer: 'c' }]);
    const meshes = results.map((r) => ok(r).mesh);
    // A stale packet of the finished match must not reach the next match's engine.
    meshes[1]?.send('c', encodeEngine({ kind: 'checkpoint', frame: 60, hash: 1, sections: [] }), 'reliable');
    clock.advance(20);
    const config = { slotOwners: ['a', 'b', 'c'], names: ['x', 'y', 'z'], seed: 0, matchId: 'm1', buildId: 'build-1', countdownMs: 500, mode: 'rematch' as const };
    let n = 0;
    const pending = meshes.map((m) => runHandshake(m, { ...config, newSeed: () => 777 + n++ }, clock, 3000, 1));
    clock.advance(200);
    const done = await Promise.all(pending);
    for (const { outcome, leftovers } of done) {
      expect(outcome).toMatchObject({ ok: true, start: { seed: 777, slotOwners: ['a', 'b', 'c'] } });
      expect(leftovers.filter((e) => e.type === 'message')).toEqual([]);
    }
    expect(n).toBe(1);
  });
});

describe('mesh errors', () => {
  test('the lobby refusals read the same as the mesh ones, each with a hint', () => {
    expect(fromLobbyRefusal('version-mismatch')).toMatchObject({ code: 'version-mismatch', hint: expect.stringMatching(/reload/i) });
    expect(fromLobbyRefusal('full').code).toBe('full');
    expect(fromLobbyRefusal('started').code).toBe('started');
    expect(fromLobbyRefusal('no-host').code).toBe('host-unreachable');
    expect(fromLobbyRefusal('bad-request', 'name too long')).toMatchObject({ code: 'refused', message: expect.stringContaining('name too long') });
    for (const code of Object.values(MESH_ERROR)) expect(meshError(code).hint.length).toBeGreaterThan(10);
  });
});
