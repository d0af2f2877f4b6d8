/**
 * LAN discovery between host processes on the virtual LAN (real bonjour-service, real multicast
 * inside namespaces): announce, list, goodbye, crash, and two hosts with one name.
 */
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../net/protocol/index.js';
import { createVirtualLan, type VirtualLan } from './virtual-lan.js';
import { standInDist, startHostIn, watchMatches, type MatchWatcher } from './host-rig.js';
import type { MatchListing } from '../../net/lobby/messages.js';

const named = (name: string) => (list: readonly MatchListing[]) => list.some((m) => m.name === name && !m.self);
const notNamed = (name: string) => (list: readonly MatchListing[]) => !list.some((m) => m.name === name);

describe('LAN discovery between hosts', () => {
  let lan: VirtualLan;
  let watcher: MatchWatcher;
  const dist = standInDist();
  const ip = (i: number): string => lan.laptops[i]!.ip;

  beforeAll(async () => {
    lan = await createVirtualLan({ laptops: 4 });
    // Laptop 1 runs the host whose list we follow.
    const observer = startHostIn(lan, 1, ['--name', 'Observer'], dist);
    watcher = watchMatches(lan, 1, await observer.url(60_000));
  });
  afterAll(async () => {
    await lan?.destroy();
    rmSync(dist, { recursive: true, force: true });
  });

  it('lists a new host within 2 s of its banner, with the right TXT record', async () => {
    const browse = lan.spawnNode(3, 'test/lan/mdns-browse.mjs');
    const announced: { name: string; txt: Record<string, string> }[] = [];
    createInterface({ input: browse.stdout! }).on('line', (line) => announced.push(JSON.parse(line) as (typeof announced)[number]));
    const alpha = startHostIn(lan, 0, ['--name', 'Alpha', '--port', '9000'], dist);
    const url = await alpha.url(60_000);
    const bannerAt = Date.now();
    expect(url).toBe(`http://${ip(0)}:9000/`);
    // Listed at once from its announcement (the banner comes after it), alive once /health answered.
    const listed = await watcher.waitFor(named('Alpha'), 10_000);
    expect(listed.at - bannerAt).toBeLessThan(2000);
    const { matches } = await watcher.waitFor((l) => l.some((m) => m.name === 'Alpha' && m.alive), 10_000);
    expect(matches.find((m) => m.name === 'Alpha')).toMatchObject({
      players: 0, capacity: 8, phase: 'lobby', url, protocolVersion: PROTOCOL_VERSION, alive: true, self: false,
    });
    await expect.poll(() => announced.find((a) => a.name === 'Alpha'), { timeout: 5000 }).toBeDefined();
    expect(announced.find((a) => a.name === 'Alpha')?.txt).toEqual({
      v: String(PROTOCOL_VERSION), id: expect.stringMatching(/^[0-9a-f]{8}$/), n: 'Alpha', p: '0', c: '8', s: 'lobby', pin: '0',
    });
    // A player joining re-announces the TXT record with the new count.
    const joinScript = `const { WebSocket } = require('ws'); const ws = new WebSocket(process.argv[1].replace('http', 'ws') + 'api/lobby');
      ws.on('open', () => ws.send(JSON.stringify({ type: 'join', protocolVersion: ${PROTOCOL_VERSION}, buildId: 'index-standin1', name: 'Ada' })));
      setTimeout(() => process.exit(0), 30000);`;
    const player = lan.exec(2, process.execPath, ['-e', joinScript, url]);
    await expect.poll(() => announced.filter((a) => a.name === 'Alpha').at(-1)?.txt.p, { timeout: 5000 }).toBe('1');
    await watcher.waitFor((l) => l.some((m) => m.name === 'Alpha' && m.players === 1), 5000);
    player.kill('SIGKILL');
    browse.kill('SIGKILL');

    // Its shutdown (SIGTERM: mDNS goodbye) removes it, and it exits 0 within 2 s.
    const stopAt = Date.now();
    alpha.child.kill('SIGTERM');
    const exit = await alpha.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - stopAt).toBeLessThan(2000);
    expect(alpha.log()).toMatch(/goodbye/);
    await watcher.waitFor(notNamed('Alpha'), 5000);
  });

  it('lists a host with a PIN with a lock, and gives the LAN neither the PIN nor a URL with it', async () => {
    const locked = startHostIn(lan, 0, ['--name', 'Locked', '--pin', '4821'], dist);
    const url = await locked.url(60_000);
    // The banner, for the person at the host, carries it.
    expect(url).toMatch(/\?pin=4821$/);
    const { matches } = await watcher.waitFor((l) => l.some((m) => m.name === 'Locked' && m.alive), 10_000);
    const listed = matches.find((m) => m.name === 'Locked');
    expect(listed).toMatchObject({ pinRequired: true, url: `http://${ip(0)}:8080/` });
    expect(JSON.stringify(matches)).not.toContain('4821');
    locked.child.kill('SIGKILL');
    await watcher.waitFor(notNamed('Locked'), 8000);
  });

  it('drops a host killed with SIGKILL (no goodbye) within 5 s', async () => {
    const crashy = startHostIn(lan, 0, ['--name', 'Crashy'], dist);
    await crashy.url(60_000);
    await watcher.waitFor(named('Crashy'), 10_000);
    const killedAt = Date.now();
    crashy.child.kill('SIGKILL');
    const gone = await watcher.waitFor(notNamed('Crashy'), 8000);
    expect(gone.at - killedAt).toBeLessThan(5000);
  });

  it('keeps two hosts with the same name listed, under distinct names', async () => {
    const first = startHostIn(lan, 0, ['--name', 'Twin'], dist);
    await first.url(60_000);
    await watcher.waitFor(named('Twin'), 10_000);
    // The second one also binds and announces one address only (--interface).
    const second = startHostIn(lan, 2, ['--name', 'Twin', '--interface', ip(2)], dist);
    await second.url(60_000);
    expect(second.log()).toMatch(/"Twin" is already used by another match on this network, so this one is called "Twin \(2\)"/);
    const both = await watcher.waitFor((l) => named('Twin')(l) && named('Twin (2)')(l), 10_000);
    expect(both.matches.find((m) => m.name === 'Twin')?.url).toContain(ip(0));
    expect(both.matches.find((m) => m.name === 'Twin (2)')?.url).toContain(ip(2));
    // And they stay listed: no goodbye for the shared name went out.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(named('Twin')(watcher.latest()) && named('Twin (2)')(watcher.latest())).toBe(true);
  });
});
