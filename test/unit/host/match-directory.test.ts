import { describe, expect, it } from 'vitest';
import type { MatchListing } from '../../../net/lobby/messages.js';
import type { DiscoveredHost } from '../../../net/host/discovery.js';
import { createMatchDirectory, FORGET_MS, GONE_MS, HEALTH_MAX_BYTES, listingsOf, MAX_KNOWN_HOSTS, MAX_LISTED_MATCHES, NOT_ALIVE_MS, type DirectoryEntry } from '../../../net/host/match-directory.js';
import { planServe } from '../../../net/host/lan-addresses.js';
import { nextMatchName } from '../../../net/host/mdns-probe.js';
import { MAX_NAME_BYTES } from '../../../net/protocol/index.js';

const self: MatchListing = { matchId: 'me', name: 'Mine', players: 1, capacity: 8, phase: 'lobby', url: 'http://10.0.0.1:8080/', protocolVersion: 1, alive: true, self: true, pinRequired: false };
const entry = (name: string, lastOk: number | null, firstSeen = 0, matchId = name): DirectoryEntry => ({
  host: { fqdn: `${name}._ricochet._tcp.local`, address: '10.0.0.9', port: 8080, advert: { protocolVersion: 1, matchId, name, players: 2, capacity: 8, phase: 'lobby', pinRequired: false } },
  firstSeen,
  lastOk,
  health: null,
});

describe('the LAN match list', () => {
  it('puts this host first, then the others by name', () => {
    const list = listingsOf([entry('Zed', 1000), entry('Abe', 1000)], self, 1000);
    expect(list.map((m) => m.name)).toEqual(['Mine', 'Abe', 'Zed']);
    expect(list[1]).toMatchObject({ url: 'http://10.0.0.9:8080/', players: 2, alive: true, self: false });
  });

  it('marks a host not alive when its health stops answering, then drops it', () => {
    const e = entry('Old', 0);
    expect(listingsOf([e], self, NOT_ALIVE_MS - 1)[1]?.alive).toBe(true);
    expect(listingsOf([e], self, NOT_ALIVE_MS)[1]?.alive).toBe(false);
    expect(listingsOf([e], self, GONE_MS)).toHaveLength(1);
  });

  it('lists a just-announced host before its first health answer, not yet alive', () => {
    expect(listingsOf([entry('New', null, 500)], self, 600)[1]).toMatchObject({ name: 'New', alive: false });
  });

  it('does not list its own announcement twice', () => {
    expect(listingsOf([entry('Mine', 0, 0, 'me')], self, 0)).toEqual([self]);
  });

  it('prefers the health answer\'s fresher counts over the TXT record', () => {
    const e = { ...entry('A', 0), health: { app: 'ricochet', ok: true, matchId: 'A', matchName: 'A', protocolVersion: 1, buildId: 'b', phase: 'playing', players: 5, capacity: 8 } as const };
    expect(listingsOf([e], self, 0)[1]).toMatchObject({ players: 5, phase: 'playing' });
  });

  it('shows another host\'s match name by the one name rule: announcements can be spoofed', () => {
    const spoofed = { ...entry('x', 0), health: { app: 'ricochet', ok: true, matchId: 'x', matchName: `\u202E${'鳥'.repeat(22)}`, protocolVersion: 1, buildId: 'b', phase: 'lobby', players: 1, capacity: 8 } as const };
    const list = listingsOf([spoofed, entry('\u2066\u200B', 0, 0, 'y')], self, 0);
    expect(list.slice(1).map((m) => m.name)).toEqual(['Ricochet match', '鳥'.repeat(10)]);
  });
});

describe('serving addresses', () => {
  const ifs = {
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
    eth0: [{ address: '192.168.1.20', family: 'IPv4', internal: false }, { address: 'fe80::1', family: 'IPv6', internal: false }],
    wlan0: [{ address: '10.0.0.7', family: 'IPv4', internal: false }],
  } as unknown as Parameters<typeof planServe>[0];

  it('serves on every interface and prints each IPv4 LAN address', () => {
    expect(planServe(ifs, null)).toEqual({ ok: true, bind: '0.0.0.0', localOnly: false, loopback: false, addresses: [{ iface: 'eth0', address: '192.168.1.20' }, { iface: 'wlan0', address: '10.0.0.7' }] });
  });

  it('binds only the --interface address, and refuses an unknown one', () => {
    expect(planServe(ifs, '10.0.0.7')).toMatchObject({ ok: true, bind: '10.0.0.7', addresses: [{ iface: 'wlan0' }] });
    expect(planServe(ifs, '10.9.9.9')).toMatchObject({ ok: false, error: expect.stringContaining('192.168.1.20 (eth0)') });
  });

  it('falls back to 127.0.0.1 with no LAN interface', () => {
    expect(planServe({ lo: ifs.lo }, null)).toMatchObject({ ok: true, bind: '127.0.0.1', localOnly: true, loopback: false });
  });

  it('serves on loopback only when --interface names a 127.x address, with or without a LAN', () => {
    const only = { ok: true, bind: '127.0.0.1', addresses: [{ iface: 'lo', address: '127.0.0.1' }], localOnly: false, loopback: true };
    expect(planServe(ifs, '127.0.0.1')).toEqual(only);
    expect(planServe({}, '127.0.0.1')).toEqual(only);
    expect(planServe(ifs, '127.0.0.2')).toMatchObject({ ok: true, bind: '127.0.0.2', loopback: true });
    expect(planServe(ifs, '10.0.0.7')).toMatchObject({ loopback: false });
  });
});

describe('renaming after a name conflict', () => {
  it('counts up and keeps within the name length', () => {
    expect(nextMatchName('Alpha')).toBe('Alpha (2)');
    expect(nextMatchName('Alpha (2)')).toBe('Alpha (3)');
    expect(nextMatchName('x'.repeat(MAX_NAME_BYTES))).toBe(`${'x'.repeat(MAX_NAME_BYTES - 4)} (2)`);
    // 10 CJK characters are 30 bytes: with " (2)" the base loses whole characters, not bytes.
    expect(nextMatchName('鳥'.repeat(10))).toBe(`${'鳥'.repeat(9)} (2)`);
  });
});

describe('bounds on what other hosts can make this one do', () => {
  const host = (i: number): DiscoveredHost => ({ fqdn: `h${i}._ricochet._tcp.local`, address: '127.0.0.1', port: 9, advert: { protocolVersion: 1, matchId: `m${i}`, name: `H${i}`, players: 1, capacity: 8, phase: 'lobby', pinRequired: false } });
  const healthBody = (matchId: string, padding = ''): string =>
    JSON.stringify({ app: 'ricochet', ok: true, matchId, matchName: 'H', protocolVersion: 1, buildId: 'b', phase: 'lobby', players: 1, capacity: 8, padding });

  it('lists at most MAX_LISTED_MATCHES, this host included', () => {
    const many = Array.from({ length: 100 }, (_, i) => entry(`N${String(i).padStart(3, '0')}`, 0));
    expect(listingsOf(many, self, 0)).toHaveLength(MAX_LISTED_MATCHES);
  });

  it('reads at most a few kB of a /health answer, and does not believe a huge one', async () => {
    let served = 0;
    const fetchImpl = (async () => {
      const chunk = new TextEncoder().encode(healthBody('m1', 'x'.repeat(1 << 20)));
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const part = chunk.subarray(served, served + 1024);
          served += part.length;
          if (part.length === 0) controller.close();
          else controller.enqueue(part);
        },
      });
      return new Response(body);
    }) as unknown as typeof fetch;
    const dir = createMatchDirectory({ self: () => self, pollMs: 10_000, fetchImpl });
    dir.up(host(1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    dir.stop();
    expect(dir.list()[1]?.alive).toBe(false);
    expect(served).toBeLessThanOrEqual(HEALTH_MAX_BYTES + 2048);
  });

  it('forgets a host that stopped answering, instead of polling it forever', async () => {
    let t = 0;
    let calls = 0;
    const fetchImpl = (async () => {
      calls += 1;
      throw new Error('unreachable');
    }) as unknown as typeof fetch;
    const dir = createMatchDirectory({ self: () => self, pollMs: 20, fetchImpl, now: () => t });
    dir.up(host(1));
    await expect.poll(() => calls).toBeGreaterThan(2);
    t = FORGET_MS + 1;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 200));
    dir.stop();
    expect(calls).toBe(after);
    expect(dir.list()).toHaveLength(1);
  });

  it('keeps at most MAX_KNOWN_HOSTS announced hosts', () => {
    const dir = createMatchDirectory({ self: () => self, pollMs: 10_000, fetchImpl: (async () => new Response(healthBody('x'))) as unknown as typeof fetch });
    for (let i = 0; i < 500; i++) dir.up(host(i));
    dir.stop();
    expect(dir.size()).toBeLessThanOrEqual(MAX_KNOWN_HOSTS);
  });
});
