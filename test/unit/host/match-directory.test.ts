import { describe, expect, it } from 'vitest';
import type { MatchListing } from '../../../net/lobby/messages.js';
import { GONE_MS, listingsOf, NOT_ALIVE_MS, type DirectoryEntry } from '../../../net/host/match-directory.js';
import { planServe } from '../../../net/host/lan-addresses.js';
import { nextMatchName } from '../../../net/host/mdns-probe.js';

const self: MatchListing = { matchId: 'me', name: 'Mine', players: 1, capacity: 8, phase: 'lobby', url: 'http://10.0.0.1:8080/', protocolVersion: 1, alive: true, self: true };
const entry = (name: string, lastOk: number | null, firstSeen = 0, matchId = name): DirectoryEntry => ({
  host: { fqdn: `${name}._ricochet._tcp.local`, address: '10.0.0.9', port: 8080, advert: { protocolVersion: 1, matchId, name, players: 2, capacity: 8, phase: 'lobby' } },
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
});

describe('serving addresses', () => {
  const ifs = {
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
    eth0: [{ address: '192.168.1.20', family: 'IPv4', internal: false }, { address: 'fe80::1', family: 'IPv6', internal: false }],
    wlan0: [{ address: '10.0.0.7', family: 'IPv4', internal: false }],
  } as unknown as Parameters<typeof planServe>[0];

  it('serves on every interface and prints each IPv4 LAN address', () => {
    expect(planServe(ifs, null)).toEqual({ ok: true, bind: '0.0.0.0', localOnly: false, addresses: [{ iface: 'eth0', address: '192.168.1.20' }, { iface: 'wlan0', address: '10.0.0.7' }] });
  });

  it('binds only the --interface address, and refuses an unknown one', () => {
    expect(planServe(ifs, '10.0.0.7')).toMatchObject({ ok: true, bind: '10.0.0.7', addresses: [{ iface: 'wlan0' }] });
    expect(planServe(ifs, '10.9.9.9')).toMatchObject({ ok: false, error: expect.stringContaining('192.168.1.20 (eth0)') });
  });

  it('falls back to 127.0.0.1 with no LAN interface', () => {
    expect(planServe({ lo: ifs.lo }, null)).toMatchObject({ ok: true, bind: '127.0.0.1', localOnly: true });
  });
});

describe('renaming after a name conflict', () => {
  it('counts up and keeps within the name length', () => {
    expect(nextMatchName('Alpha')).toBe('Alpha (2)');
    expect(nextMatchName('Alpha (2)')).toBe('Alpha (3)');
    expect(nextMatchName('x'.repeat(24))).toBe(`${'x'.repeat(20)} (2)`);
  });
});
