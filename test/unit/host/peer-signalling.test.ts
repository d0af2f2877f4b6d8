/**
 * The PeerJS signalling endpoint under hostile input, against a real host in a child process:
 * nothing a client sends may end the process, big messages are refused, and only a member's own
 * token registers its id.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION } from '../../../net/protocol/index.js';
import { clientFrame, healthOk, rawUpgrade, startChildHost, type ChildHost } from '../../harness/host-child.js';

let host: ChildHost;
// A fresh host for each test: one that a test crashes must not fail the next ones.
beforeEach(async () => {
  host = await startChildHost();
}, 60_000);
afterEach(async () => host?.stop());

/** A joined player: the match's key, its peer id and its secret token, from its welcome. */
interface Joined {
  readonly key: string;
  readonly peerId: string;
  readonly token: string;
  readonly lobby: WebSocket;
}

/** Join the lobby as a player. */
async function joinLobby(): Promise<Joined> {
  const lobby = new WebSocket(`ws://127.0.0.1:${host.port}/api/lobby`);
  return new Promise((resolve, reject) => {
    lobby.on('error', reject);
    lobby.on('open', () => lobby.send(JSON.stringify({ type: 'join', protocolVersion: PROTOCOL_VERSION, buildId: 'index-standin1', name: 'Sig' })));
    lobby.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { type: string; peerId: string; peerServer: { key: string; token: string } };
      if (msg.type === 'welcome') resolve({ key: msg.peerServer.key, peerId: msg.peerId, token: msg.peerServer.token, lobby });
    });
  });
}

/** Open a PeerJS signalling socket; resolves with its first message (or the close). */
function signal(query: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; first: string }> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/peerjs/peerjs?${query}`, { headers });
  return new Promise((resolve) => {
    ws.on('error', () => resolve({ ws, first: 'error' }));
    ws.on('unexpected-response', (_req, res) => resolve({ ws, first: `http ${res.statusCode}` }));
    ws.on('message', (m) => resolve({ ws, first: String(m) }));
    ws.on('close', () => resolve({ ws, first: 'closed' }));
    setTimeout(() => resolve({ ws, first: 'silent' }), 5000);
  });
}

/** The close code of `ws`, or 0 if it is still open after 5 s. */
const closed = (ws: WebSocket): Promise<number> =>
  new Promise((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve(-1);
    ws.on('close', (code) => resolve(code));
    setTimeout(() => resolve(0), 5000);
  });

describe('the PeerJS signalling endpoint', () => {
  it('survives a frame with a reserved opcode, on a keyless socket and on a registered one', async () => {
    const { key, peerId, token, lobby } = await joinLobby();
    for (const path of ['/peerjs/peerjs', `/peerjs/peerjs?key=${key}&id=${peerId}&token=${token}`]) {
      const { socket } = await rawUpgrade(host.port, path);
      socket.write(clientFrame(0x3, Buffer.from('x')));
      await new Promise((resolve) => setTimeout(resolve, 300));
      socket.destroy();
      expect(await healthOk(host.base), host.log()).toBe(true);
    }
    lobby.close();
  });

  it('survives a text frame that is not JSON from a registered page', async () => {
    const { key, peerId, token, lobby } = await joinLobby();
    const { ws, first } = await signal(`key=${key}&id=${peerId}&token=${token}`);
    expect(first).toContain('OPEN');
    ws.send('this is not json {');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await healthOk(host.base), host.log()).toBe(true);
    ws.terminate();
    lobby.close();
  });

  it('refuses a 1 MB signalling message by closing that socket, and stays up', async () => {
    const { key, peerId, token, lobby } = await joinLobby();
    const { ws } = await signal(`key=${key}&id=${peerId}&token=${token}`);
    ws.send(JSON.stringify({ type: 'OFFER', dst: 'nobody', payload: 'x'.repeat(1 << 20) }));
    expect(await closed(ws)).toBe(1009);
    expect(await healthOk(host.base)).toBe(true);
    lobby.close();
  });

  it('registers an id only with its member\'s token: another member\'s token, a made-up one or the wrong key is refused', async () => {
    const ada = await joinLobby();
    const bo = await joinLobby();
    const attempts = [
      `key=${ada.key}&id=${ada.peerId}&token=${bo.token}`,
      `key=${ada.key}&id=${ada.peerId}&token=made-up`,
      `key=${bo.key}&id=${bo.peerId}&token=${ada.token}`,
    ];
    for (const query of attempts) expect((await signal(query)).first).toBe('http 403');
    expect((await signal(`key=not-the-key&id=${ada.peerId}&token=${ada.token}`)).first).toBe('http 401');
    const real = await signal(`key=${bo.key}&id=${bo.peerId}&token=${bo.token}`);
    expect(real.first).toContain('OPEN');
    real.ws.terminate();
    ada.lobby.close();
    bo.lobby.close();
  });

  it('keeps one registration per member: a new one replaces the old, and is told it is open', async () => {
    const { key, peerId, token, lobby } = await joinLobby();
    const query = `key=${key}&id=${peerId}&token=${token}`;
    const first = await signal(query);
    expect(first.first).toContain('OPEN');
    const gone = closed(first.ws);
    // Without the replacement, peer would move the id silently: no OPEN, and the old socket open.
    const second = await signal(query);
    expect(second.first).toContain('OPEN');
    expect(await gone).not.toBe(0);
    const third = await signal(query);
    expect(third.first).toContain('OPEN');
    expect(await closed(second.ws)).not.toBe(0);
    third.ws.terminate();
    lobby.close();
  });

  it('lets only the ids the lobby handed out register, so bogus ones cannot use up the limit', async () => {
    const { key, peerId, token, lobby } = await joinLobby();
    const bogus = await Promise.all(Array.from({ length: 70 }, (_, i) => signal(`key=${key}&id=bogus${i}&token=t`)));
    expect(bogus.filter((b) => b.first.includes('OPEN'))).toHaveLength(0);
    for (const b of bogus) b.ws.terminate();
    const real = await signal(`key=${key}&id=${peerId}&token=${token}`);
    expect(real.first).toContain('OPEN');
    real.ws.terminate();
    lobby.close();
  });

  it('stays up under random frames (fuzz)', async () => {
    const { key, peerId, token, lobby } = await joinLobby();
    const frame = fc.record({ opcode: fc.integer({ min: 0, max: 15 }), payload: fc.uint8Array({ maxLength: 300 }), fin: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 6 }), fc.boolean(), async (frames, keyed) => {
        const path = keyed ? `/peerjs/peerjs?key=${key}&id=${peerId}&token=${token}` : '/peerjs/peerjs';
        const { socket } = await rawUpgrade(host.port, path);
        for (const f of frames) socket.write(clientFrame(f.opcode, Buffer.from(f.payload), f.fin));
        await new Promise((resolve) => setTimeout(resolve, 20));
        socket.destroy();
      }),
      { numRuns: 60 },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(host.exited(), host.log()).toBe(false);
    expect(await healthOk(host.base)).toBe(true);
    lobby.close();
  });
});

describe('the upgrade edge (Origin and Host)', () => {
  it('refuses a lobby or signalling upgrade from a foreign page or a rebound host name', async () => {
    for (const path of ['/api/lobby', '/peerjs/peerjs']) {
      expect((await rawUpgrade(host.port, path, { Origin: 'http://evil.example' })).status).toMatch(/ 403 /);
      expect((await rawUpgrade(host.port, path, { Host: `evil.example:${host.port}`, Origin: `http://evil.example:${host.port}` })).status).toMatch(/ 403 /);
    }
  });

  it('accepts the page\'s own origin, localhost, and clients that send no Origin', async () => {
    for (const origin of [host.base, `http://localhost:${host.port}`]) {
      const host_ = new URL(origin).host;
      expect((await rawUpgrade(host.port, '/api/lobby', { Host: host_, Origin: origin })).status).toMatch(/ 101 /);
    }
    expect((await rawUpgrade(host.port, '/api/lobby')).status).toMatch(/ 101 /);
  });
});
