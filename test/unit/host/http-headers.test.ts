/**
 * The HTTP edge: every answer carries the security headers, and the CSP lets the page talk to
 * its own host over WebSocket (ws: is not always covered by 'self').
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Health } from '../../../net/lobby/messages.js';
import { createHttpApp } from '../../../net/host/http-app.js';

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  server = null;
});

async function start(): Promise<string> {
  const dist = mkdtempSync(join(tmpdir(), 'headers-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html>');
  const health = (): Health => ({ app: 'ricochet', ok: true, matchId: 'm1', matchName: 'H', protocolVersion: 1, buildId: 'b', phase: 'lobby', players: 0, capacity: 8 });
  server = createServer();
  const names = new Set(['127.0.0.1', 'localhost']);
  const app = createHttpApp({ distDir: dist, health, urls: () => [], subscribeMatches: () => () => undefined, self: { names: () => names, ports: new Set([0]) } });
  server.on('request', app);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('security headers', () => {
  it('are on the page, the API and a missing file, with no X-Powered-By', async () => {
    const base = await start();
    for (const path of ['/', '/health', '/api/info', '/nope.js']) {
      const res = await fetch(`${base}${path}`);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-powered-by'), path).toBeNull();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/frame-ancestors 'none'/);
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(csp, path).toMatch(/object-src 'none'/);
    }
  });

  it('lets the page open a WebSocket to the host it came from, and only to it', async () => {
    const base = await start();
    const port = new URL(base).port;
    const csp = (await fetch(base)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    const rebound = await fetch(base, { headers: { host: `evil.example:${port}` } }).catch(() => null);
    expect(rebound?.headers.get('content-security-policy') ?? '').not.toContain('evil.example');
  });
});
