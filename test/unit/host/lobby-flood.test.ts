/**
 * The lobby socket under abuse, over loopback in this process: silent sockets that send
 * unsolicited pongs, message floods, crowds of observers, slow readers and random messages.
 * Assertions are on outcomes (who got closed, what the host still answers, memory), never on speed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Health } from '../../../net/lobby/messages.js';
import { createHttpApp } from '../../../net/host/http-app.js';
import { createLobbyServer, LOBBY_MAX_OBSERVERS, type LobbyServer, type LobbyServerOptions } from '../../../net/host/lobby-server.js';
import { createLobbyState } from '../../../net/host/lobby-state.js';
import { TEST_HOST_FACTS } from '../../fixtures/host-facts.js';
import { clientFrame, healthOk, rawUpgrade } from '../../harness/host-child.js';

const facts = TEST_HOST_FACTS;
const JOIN = JSON.stringify({ type: 'join', protocolVersion: 7, buildId: 'index-test', name: 'Flood' });

let server: Server | null = null;
let lobby: LobbyServer | null = null;
const sockets: { destroy?: () => void; terminate?: () => void }[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) (s.terminate ?? s.destroy)?.call(s);
  lobby?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  server = null;
});

/** The lobby and /health on 127.0.0.1; `changes` counts onChange calls. */
async function start(options: LobbyServerOptions = {}): Promise<{ port: number; base: string; changes: () => number }> {
  const dist = mkdtempSync(join(tmpdir(), 'lobby-flood-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html>');
  let n = 0;
  let changes = 0;
  const l = createLobbyServer(createLobbyState('m1', 'Flood'), { facts, random: { seed: () => 1, peerId: () => `peer${++n}`, secret: () => 'key1' } }, () => changes++, options);
  lobby = l;
  const health = (): Health => ({ app: 'ricochet', ok: true, matchId: 'm1', matchName: 'Flood', protocolVersion: 7, buildId: 'index-test', phase: l.state().phase, players: l.state().members.length, capacity: 8 });
  server = createServer(createHttpApp({ distDir: dist, health, urls: () => [], subscribeMatches: () => () => undefined }));
  server.on('upgrade', (req, socket, head) => l.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, base: `http://127.0.0.1:${port}`, changes: () => changes };
}

/** A `ws` client that has opened; its messages are collected. */
async function open(port: number): Promise<{ ws: WebSocket; got: string[]; closed: () => boolean }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/lobby`);
  sockets.push(ws);
  const got: string[] = [];
  let closed = false;
  ws.on('message', (d) => got.push(String(d)));
  ws.on('close', () => (closed = true));
  ws.on('error', () => undefined);
  await new Promise((resolve) => (ws.once('open', resolve), ws.once('close', resolve)));
  return { ws, got, closed: () => closed };
}

describe('lobby liveness', () => {
  it('drops a silent socket even if it sends unsolicited pongs', async () => {
    const { port } = await start({ heartbeatMs: 100 });
    const { socket } = await rawUpgrade(port, '/api/lobby');
    sockets.push(socket);
    socket.write(clientFrame(0x1, Buffer.from(JOIN)));
    await expect.poll(() => lobby!.state().members.length).toBe(1);
    // Pongs that answer no ping; the real pings (with their nonce) are never answered.
    const pongs = setInterval(() => socket.write(clientFrame(0xa, Buffer.from('alive'))), 30);
    try {
      await expect.poll(() => lobby!.state().members.length, { timeout: 3000 }).toBe(0);
    } finally {
      clearInterval(pongs);
    }
  });
});

describe('lobby message rate', () => {
  it('warns, then closes a socket that floods set-ready, and changes nothing for a repeat', async () => {
    const { port, changes } = await start();
    const flooder = await open(port);
    flooder.ws.send(JOIN);
    await expect.poll(() => lobby!.state().members.length).toBe(1);
    const before = changes();
    flooder.ws.send(JSON.stringify({ type: 'set-ready', ready: false }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(changes()).toBe(before);
    for (let i = 0; i < 400; i++) flooder.ws.send(JSON.stringify({ type: 'set-ready', ready: i % 2 === 0 }));
    await expect.poll(() => flooder.closed(), { timeout: 5000 }).toBe(true);
    expect(flooder.got.some((m) => /too many/i.test(m))).toBe(true);
    expect(changes() - before).toBeLessThan(100);
  });
});

describe('lobby observers', () => {
  it('caps the sockets that have not joined, and /health still answers', async () => {
    const { port, base } = await start();
    const crowd = await Promise.all(Array.from({ length: 200 }, () => open(port)));
    await expect.poll(() => crowd.filter((c) => !c.closed()).length, { timeout: 5000 }).toBeLessThanOrEqual(LOBBY_MAX_OBSERVERS);
    expect(await healthOk(base)).toBe(true);
    const late = await open(port);
    await expect.poll(() => late.closed()).toBe(true);
  });
});

describe('slow readers', () => {
  it('closes a socket that does not read once too much is queued for it, and memory stays bounded', async () => {
    const { port } = await start({ maxBufferedBytes: 64 * 1024, rate: { perSecond: 1e6, burst: 1e6 } });
    const flooder = await open(port);
    flooder.ws.send(JOIN);
    await expect.poll(() => lobby!.state().members.length).toBe(1);
    for (let i = 0; i < 7; i++) flooder.ws.send(JSON.stringify({ type: 'add-bot' }));
    const readers = await Promise.all(Array.from({ length: 5 }, () => rawUpgrade(port, '/api/lobby')));
    for (const r of readers) {
      sockets.push(r.socket);
      r.socket.pause();
    }
    const rss = process.memoryUsage().rss;
    for (let i = 0; i < 10_000; i++) flooder.ws.send(JSON.stringify({ type: 'set-ready', ready: i % 2 === 0 }));
    // The readers are gone (the flooder, which this busy test process does not read either, may be too).
    await expect.poll(() => lobby!.connections(), { timeout: 20_000 }).toBeLessThanOrEqual(1);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
  });
});

describe('lobby fuzz', () => {
  it('stays up and consistent under random messages', async () => {
    const { port, base } = await start();
    const field = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('join', 'set-ready', 'set-colour', 'add-bot', 'remove-bot', 'start', 'match-over'));
    const message = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.dictionary(fc.constantFrom('type', 'name', 'ready', 'colour', 'slot', 'protocolVersion', 'buildId'), field).map((o) => JSON.stringify(o)),
      fc.constantFrom(JOIN, '{"type":"add-bot"}', '{"type":"start"}', '{"type":"set-ready","ready":true}', '{"type":"remove-bot","slot":1}'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 20 }), async (messages) => {
        const c = await open(port);
        for (const m of messages) c.ws.send(m);
        await new Promise((resolve) => setTimeout(resolve, 10));
        c.ws.terminate();
      }),
      { numRuns: 80 },
    );
    expect(await healthOk(base)).toBe(true);
    await expect.poll(() => lobby!.state().members.length).toBe(0);
  });
});
