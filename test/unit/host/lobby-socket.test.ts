/**
 * The browser lobby client against the host's real lobby endpoint and HTTP routes, over loopback
 * in this process (no mDNS: that is the LAN suite's job). Node 20 has no WebSocket global, so the
 * client gets `ws`'s, which speaks the same protocol.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connectLobby, type LobbyClient } from '../../../net/lobby/lobby-client.js';
import type { Health, MatchListing, StartInfo } from '../../../net/lobby/messages.js';
import { createHttpApp } from '../../../net/host/http-app.js';
import { createLobbyServer, type LobbyServer } from '../../../net/host/lobby-server.js';
import { reconnectDelay } from '../../../net/lobby/lobby-socket.js';
import { createLobbyState } from '../../../net/host/lobby-state.js';
import { TEST_HOST_FACTS } from '../../fixtures/host-facts.js';

const facts = TEST_HOST_FACTS;

let server: Server | null = null;
/** The test host's lobby endpoint; `restartLobby` swaps in a new one that starts from its state. */
let lobbyServer: LobbyServer | null = null;
const clients: LobbyClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  server = null;
});

async function startTestHost(pin: string | null = null): Promise<string> {
  const dist = mkdtempSync(join(tmpdir(), 'lobby-test-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html>');
  let n = 0;
  const lobby = createLobbyServer(createLobbyState('m1', 'Loopback'), { facts, random: { seed: () => 99, peerId: () => `peer${++n}`, secret: () => 'key1' } }, () => undefined, { pin });
  lobbyServer = lobby;
  const health = (): Health => ({ app: 'ricochet', ok: true, matchId: 'm1', matchName: 'Loopback', protocolVersion: 7, buildId: 'index-test', phase: lobby.state().phase, players: lobby.state().members.length, capacity: 8, pinRequired: pin !== null });
  const self: MatchListing = { matchId: 'm1', name: 'Loopback', players: 0, capacity: 8, phase: 'lobby', url: 'http://x/', protocolVersion: 7, alive: true, self: true, pinRequired: false };
  const app = createHttpApp({ distDir: dist, health, urls: () => ['http://x/'], subscribeMatches: (cb) => (cb([self]), () => undefined) });
  server = createServer(app);
  server.on('upgrade', (req, socket, head) => lobbyServer?.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function client(origin: string, buildId = 'index-test', protocolVersion = 7): Promise<LobbyClient> {
  const c = await connectLobby({ origin, protocolVersion, buildId, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket });
  clients.push(c);
  return c;
}

describe('the lobby client with the host', () => {
  it('reports no-host when nothing answers /health as a Ricochet host', async () => {
    const c = await client('http://127.0.0.1:9', 'dev');
    expect(c.state().status).toBe('no-host');
    expect(await c.join('Ada')).toMatchObject({ ok: false, reason: 'no-host' });
  });

  it('joins, gets a welcome with the peer server at the page origin, and sees the roster', async () => {
    const origin = await startTestHost();
    const ada = await client(origin);
    const joined = await ada.join('Ada');
    expect(joined).toMatchObject({ ok: true, welcome: { playerId: 'player-1', peerId: 'peer1', isCreator: true, matchName: 'Loopback' } });
    expect(joined.ok && joined.welcome.peerServer).toEqual({ host: '127.0.0.1', port: Number(new URL(origin).port), path: '/peerjs', key: 'key1', secure: false, token: 'key1' });
    const bo = await client(origin);
    await bo.join('Ada');
    await expect.poll(() => ada.state().roster?.slots.map((s) => s.name)).toEqual(['Ada', 'Ada (2)']);
  });

  it('knows from /health that the host needs a PIN, is refused without it, and joins with it', async () => {
    const origin = await startTestHost('4821');
    const ada = await client(origin);
    expect(ada.state().pinRequired).toBe(true);
    expect(await ada.join('Ada')).toMatchObject({ ok: false, reason: 'pin-required' });
    expect(await ada.join('Ada', undefined, '0000')).toMatchObject({ ok: false, reason: 'wrong-pin' });
    expect(await ada.join('Ada', undefined, '4821')).toMatchObject({ ok: true });
    expect(ada.state().refusal).toBeNull();
  });

  it('is refused with a reload hint when its build differs from the host\'s', async () => {
    const origin = await startTestHost();
    const stale = await client(origin, 'index-old');
    const result = await stale.join('Ada');
    expect(result).toMatchObject({ ok: false, reason: 'version-mismatch', message: expect.stringMatching(/reload/) });
    expect(stale.state().refusal?.reason).toBe('version-mismatch');
  });

  it('delivers the same start to every player once the creator starts', async () => {
    const origin = await startTestHost();
    const [ada, bo] = [await client(origin), await client(origin)];
    await ada.join('Ada');
    await bo.join('Bo');
    const starts: StartInfo[] = [];
    ada.onStart((s) => starts.push(s));
    bo.onStart((s) => starts.push(s));
    ada.addBot();
    bo.setReady(true);
    await expect.poll(() => ada.state().roster?.slots.length).toBe(3);
    await expect.poll(() => ada.state().roster?.slots[1]?.ready).toBe(true);
    ada.start();
    await expect.poll(() => starts.length).toBe(2);
    expect(starts[0]).toEqual(starts[1]);
    expect(starts[0]).toMatchObject({ seed: 99, slotOwners: ['peer1', 'peer2', 'peer1'], botSlots: [2] });
    const late = await client(origin);
    expect(await late.join('Cy')).toMatchObject({ ok: false, reason: 'started' });
  });

  it('shows a lobby screen that has not joined names, slots and ready flags, but no peer id nor secret', async () => {
    const origin = await startTestHost();
    const observer = new WebSocket(`${origin.replace('http', 'ws')}/api/lobby`);
    const seen: string[] = [];
    observer.on('message', (data) => seen.push(String(data)));
    await new Promise((resolve) => observer.once('open', resolve));
    const [ada, bo] = [await client(origin), await client(origin)];
    await ada.join('Ada');
    await bo.join('Bo');
    bo.setReady(true);
    await expect.poll(() => ada.state().roster?.slots[1]?.ready).toBe(true);
    ada.start();
    await expect.poll(() => bo.state().start).not.toBeNull();
    bo.close();
    await expect.poll(() => seen.some((m) => m.includes('"slots":[{') && !m.includes('Bo'))).toBe(true);
    expect(seen.some((m) => m.includes('"name":"Bo"') && m.includes('"ready":true'))).toBe(true);
    expect(seen.filter((m) => /peer\d|key1/.test(m))).toEqual([]);
    observer.close();
  });

  it('answers a malformed message with an error and keeps the connection', async () => {
    const origin = await startTestHost();
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/api/lobby`);
    const replies: string[] = [];
    ws.on('message', (d) => replies.push(d.toString()));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send('{"type":"join","name":42}');
    await expect.poll(() => replies.some((r) => r.includes('Bad lobby message'))).toBe(true);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('serves the page\'s QR code of the main URL, and the URLs themselves', async () => {
    const origin = await startTestHost();
    const qr = await fetch(`${origin}/api/qr.svg`);
    expect(qr.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(await qr.text()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(await (await fetch(`${origin}/api/info`)).json()).toEqual({ matchName: 'Loopback', matchId: 'm1', urls: ['http://x/'] });
    expect(await (await fetch(`${origin}/health`)).json()).toMatchObject({ app: 'ricochet', buildId: 'index-test', players: 0 });
  });

  it('streams the match list over SSE', async () => {
    const origin = await startTestHost();
    const c = await client(origin);
    const lists: (readonly MatchListing[])[] = [];
    const stop = c.subscribeMatches((l) => lists.push(l));
    await expect.poll(() => lists.length).toBeGreaterThan(0);
    stop();
    expect(lists[0]?.[0]).toMatchObject({ name: 'Loopback', self: true });
  });
});

describe('the lobby heartbeat', () => {
  it('drops a player whose connection went silent (no pong), so the roster does not keep ghosts', async () => {
    const { connect } = await import('node:net');
    let n = 0;
    const lobby = createLobbyServer(createLobbyState('m2', 'Ghosts'), { facts, random: { seed: () => 1, peerId: () => `p${++n}`, secret: () => 'key1' } }, () => undefined, { heartbeatMs: 100 });
    server = createServer();
    server.on('upgrade', (req, socket, head) => lobby.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    // A raw TCP client: completes the WebSocket handshake, sends one masked join frame, then never answers pings.
    const raw = connect(port, '127.0.0.1');
    raw.on('error', () => undefined);
    raw.write(`GET /api/lobby HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    const payload = Buffer.from(JSON.stringify({ type: 'join', protocolVersion: 7, buildId: 'index-test', name: 'Ghost' }));
    const mask = Buffer.from([1, 2, 3, 4]);
    const frame = Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!))]);
    raw.write(frame);
    await expect.poll(() => lobby.state().members.length).toBe(1);
    await expect.poll(() => lobby.state().members.length, { timeout: 3000 }).toBe(0);
    raw.destroy();
    lobby.close();
  });
});

describe('the lobby client after its socket drops', () => {
  it('waits 0.5 s doubling to 5 s between attempts, jittered down to half at most', () => {
    const policy = { firstMs: 500, maxMs: 5000 };
    expect([0, 1, 2, 3, 4, 5, 20].map((n) => reconnectDelay(policy, n, () => 1))).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
    expect([0, 3, 9].map((n) => reconnectDelay(policy, n, () => 0))).toEqual([250, 2000, 2500]);
  });

  it('says it is reconnecting, reopens, and a join then takes its member back with its token', async () => {
    const origin = await startTestHost();
    const ada = await connectLobby({ origin, protocolVersion: 7, buildId: 'index-test', WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket, reconnect: { firstMs: 20, maxMs: 80 } });
    clients.push(ada);
    expect(await ada.join('Ada')).toMatchObject({ ok: true, welcome: { playerId: 'player-1' } });
    const statuses: string[] = [];
    ada.onChange((s) => void (statuses.at(-1) === s.status || statuses.push(s.status)));
    // The endpoint goes away (every socket cut, upgrades refused for a while), then comes back
    // remembering the lobby, as a host whose network blinked does.
    const before = lobbyServer!;
    before.close();
    await expect.poll(() => ada.state().status).toBe('reconnecting');
    expect(ada.state().welcome).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 100));
    let n = 10;
    lobbyServer = createLobbyServer(before.state(), { facts, random: { seed: () => 99, peerId: () => `peer${++n}`, secret: () => 'key2' } }, () => undefined);
    await expect.poll(() => ada.state().status).toBe('open');
    expect(statuses).toEqual(['reconnecting', 'open']);
    // The token of the first welcome comes along: the same member, not "Ada (2)" nor player-2.
    expect(await ada.join('Ada')).toMatchObject({ ok: true, welcome: { playerId: 'player-1', peerId: 'peer1' } });
    await expect.poll(() => ada.state().roster?.slots.map((s) => s.name)).toEqual(['Ada']);
  });

  it('closes for good the socket of a tab whose player another page took over with its token (a duplicated tab)', async () => {
    const origin = await startTestHost();
    const Ws = WebSocket as unknown as typeof globalThis.WebSocket;
    const first = await connectLobby({ origin, protocolVersion: 7, buildId: 'index-test', WebSocketImpl: Ws, reconnect: { firstMs: 10, maxMs: 10 } });
    clients.push(first);
    const joined = await first.join('Ada');
    const token = joined.ok ? joined.welcome.peerServer.token : undefined;
    const copy = await connectLobby({ origin, protocolVersion: 7, buildId: 'index-test', WebSocketImpl: Ws, token });
    clients.push(copy);
    expect(await copy.join('Ada')).toMatchObject({ ok: true, welcome: { playerId: 'player-1' } });
    await expect.poll(() => first.state().status).toBe('closed');
    expect(first.state()).toMatchObject({ welcome: null, lastError: 'This player went on in another tab.' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // No reconnection took the player back: one socket, one Ada, on the copy.
    expect(first.state().status).toBe('closed');
    expect(lobbyServer!.connections()).toBe(1);
    expect(copy.state().roster?.slots.map((s) => s.name)).toEqual(['Ada']);
  });

  it('stays closed once the page closes it', async () => {
    const origin = await startTestHost();
    const ada = await connectLobby({ origin, protocolVersion: 7, buildId: 'index-test', WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket, reconnect: { firstMs: 10, maxMs: 10 } });
    ada.close();
    await expect.poll(() => ada.state().status).toBe('closed');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ada.state().status).toBe('closed');
    expect(lobbyServer!.connections()).toBe(0);
  });

  it('stays closed when the host closed it for a policy (5 wrong PINs)', async () => {
    const origin = await startTestHost('4821');
    const bo = await connectLobby({ origin, protocolVersion: 7, buildId: 'index-test', WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket, reconnect: { firstMs: 10, maxMs: 10 } });
    clients.push(bo);
    for (let i = 0; i < 5; i++) await bo.join('Bo', undefined, '0000');
    await expect.poll(() => bo.state().status).toBe('closed');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bo.state().status).toBe('closed');
    expect(lobbyServer!.connections()).toBe(0);
  });
});
