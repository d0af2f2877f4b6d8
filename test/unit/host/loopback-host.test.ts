/**
 * `--interface 127.0.0.1`: the real host, in-process, binds loopback only and never starts mDNS
 * (the discovery starter it is given records any call instead of opening a socket).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../net/protocol/index.js';
import { parseArgs } from '../../../net/host/args.js';
import { startHost, type HostEvent } from '../../../net/host/host.js';
import type { startDiscovery } from '../../../net/host/discovery.js';

const dist = mkdtempSync(join(tmpdir(), 'loopback-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><script type="module" crossorigin src="./assets/index-standin1.js"></script>');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('a host on loopback', () => {
  it('binds 127.0.0.1, gives the localhost URL, and starts no mDNS even with discovery on', async () => {
    process.env.RICOCHET_DIST_DIR = dist;
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const parsed = parseArgs(['--interface', '127.0.0.1', '--port', String(port), '--pin', '4821'], 'ada');
    if (parsed.kind !== 'run') throw new Error('flags refused');
    expect(parsed.config.discovery).toBe(true);
    const discoveryCalls: unknown[] = [];
    const discover: typeof startDiscovery = (options) => {
      discoveryCalls.push(options);
      return Promise.resolve({ on: false, reason: 'recorded' });
    };
    const events: HostEvent[] = [];
    const host = await startHost({ config: parsed.config, root: process.cwd(), protocolVersion: PROTOCOL_VERSION, say: (e) => events.push(e), interfaces: {}, discover });
    try {
      expect(discoveryCalls).toEqual([]);
      expect(host.discovery).toBeNull();
      expect(host.loopback).toBe(true);
      expect(host.localOnly).toBe(false);
      expect(host.urls).toEqual([`http://127.0.0.1:${host.port}/`]);
      expect(host.localUrl).toBe(`http://localhost:${host.port}/?pin=4821`);
      expect(events.map((e) => e.text).join('\n')).not.toMatch(/discovery/i);
      const health = (await (await fetch(`http://127.0.0.1:${host.port}/health`)).json()) as { app: string };
      expect(health.app).toBe('ricochet');
    } finally {
      await host.close();
    }
  });
});
