/**
 * The built game over HTTP: the precompressed copy the request accepts (brotli, then gzip, else
 * identity), the right type and caching, and nothing from outside the build, compressed or not.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Health } from '../../../net/lobby/messages.js';
import { createHttpApp } from '../../../net/host/http-app.js';
import { acceptedCodings, isHashedAsset } from '../../../net/host/static-files.js';

const MAIN = `console.log(${JSON.stringify('ricochet '.repeat(200))});`;
const ONLY_GZ = `export const x = ${JSON.stringify('gz '.repeat(200))};`;
const HTML = `<!doctype html><title>Ricochet</title>${'<p>lobby</p>'.repeat(50)}`;
const SECRET = 'top secret outside the build';

/** Write `text` at `path` with the .br and .gz copies the build makes (or only some). */
function withCopies(path: string, text: string, copies: readonly ('br' | 'gz')[] = ['br', 'gz']): void {
  writeFileSync(path, text);
  if (copies.includes('br')) writeFileSync(`${path}.br`, brotliCompressSync(text));
  if (copies.includes('gz')) writeFileSync(`${path}.gz`, gzipSync(text));
}

let server: Server;
let port = 0;
beforeAll(async () => {
  const top = mkdtempSync(join(tmpdir(), 'static-'));
  const dist = join(top, 'dist');
  mkdirSync(join(dist, 'assets', 'gen'), { recursive: true });
  mkdirSync(join(top, 'outside'));
  withCopies(join(dist, 'index.html'), HTML);
  withCopies(join(dist, 'assets', 'index-AbCd_f12.js'), MAIN);
  withCopies(join(dist, 'assets', 'lazy-Gz1234zz.js'), ONLY_GZ, ['gz']);
  writeFileSync(join(dist, 'assets', 'gen', 'floor.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(dist, '.env'), SECRET);
  withCopies(join(top, 'outside', 'secret.txt'), SECRET);
  withCopies(join(top, 'dist-secret.txt'), SECRET);
  const health = (): Health => ({ app: 'ricochet', ok: true, matchId: 'm1', matchName: 'H', protocolVersion: 1, buildId: 'b', phase: 'lobby', players: 0, capacity: 8 });
  const names = new Set(['127.0.0.1', 'localhost']);
  server = createServer(createHttpApp({ distDir: dist, health, urls: () => [], subscribeMatches: () => () => undefined, self: { names: () => names, ports: new Set([0]) } }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw GET (no automatic decoding, the path sent exactly as written). */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('content negotiation', () => {
  it('sends the brotli copy when brotli is accepted, even listed last', async () => {
    const res = await get('/assets/index-AbCd_f12.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(brotliDecompressSync(res.body).toString()).toBe(MAIN);
  });

  it('sends the gzip copy when only gzip is accepted, or brotli is refused', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip', '*, br;q=0', 'x-gzip']) {
      const res = await get('/assets/index-AbCd_f12.js', { 'accept-encoding': accept });
      expect(res.headers['content-encoding'], accept).toBe('gzip');
      expect(gunzipSync(res.body).toString(), accept).toBe(MAIN);
    }
  });

  it('sends the file itself when no coding is accepted', async () => {
    for (const headers of [{} as Record<string, string>, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }, { 'accept-encoding': 'deflate' }]) {
      const res = await get('/assets/index-AbCd_f12.js', headers);
      expect(res.headers['content-encoding'], JSON.stringify(headers)).toBeUndefined();
      expect(res.headers.vary, JSON.stringify(headers)).toMatch(/Accept-Encoding/i);
      expect(res.body.toString(), JSON.stringify(headers)).toBe(MAIN);
    }
  });

  it('falls back to gzip when a file has no .br copy', async () => {
    const res = await get('/assets/lazy-Gz1234zz.js', { 'accept-encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toBe(ONLY_GZ);
    const plain = await get('/assets/lazy-Gz1234zz.js', { 'accept-encoding': 'br' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(ONLY_GZ);
  });

  it('reads Accept-Encoding weights, wildcards and case', () => {
    expect([...acceptedCodings('gzip, deflate, br, zstd')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedCodings('BR;Q=0.5')]).toEqual(['br']);
    expect([...acceptedCodings('*;q=0.1')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedCodings('*;q=0, gzip')]).toEqual(['gzip']);
    expect([...acceptedCodings('br;q=zero')]).toEqual([]);
    expect([...acceptedCodings(undefined)]).toEqual([]);
  });
});

describe('caching and the page', () => {
  it('caches hashed assets for a year, and revalidates index.html and unhashed files', async () => {
    expect((await get('/assets/index-AbCd_f12.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/?pin=4821', '/index.html', '/assets/gen/floor.png']) {
      expect((await get(path, { 'accept-encoding': 'br' })).headers['cache-control'], path).toBe('no-cache');
    }
    expect(isHashedAsset('assets/phaser-C831z-fk.js')).toBe(true);
    expect(isHashedAsset('assets/gen/floor.png')).toBe(false);
    expect(isHashedAsset('index.html')).toBe(false);
  });

  it('serves the page compressed, as HTML, with the security headers, and answers a revalidation with 304', async () => {
    const res = await get('/?pin=4821', { 'accept-encoding': 'gzip, br' });
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(res.body).toString()).toBe(HTML);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const etag = String(res.headers.etag);
    expect((await get('/', { 'accept-encoding': 'gzip, br', 'if-none-match': etag })).status).toBe(304);
    const head = await get('/', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('sends an uncompressed file with its own type and no Content-Encoding', async () => {
    const res = await get('/assets/gen/floor.png', { 'accept-encoding': 'br, gzip' });
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-encoding']).toBeUndefined();
  });
});

describe('nothing outside the build', () => {
  it('refuses traversal, plain or encoded, with or without a compressed copy', async () => {
    const paths = ['/../outside/secret.txt', '/..%2foutside%2fsecret.txt', '/%2e%2e/outside/secret.txt', '/assets/..%2f..%2foutside/secret.txt', '/%2e%2e%2fdist-secret.txt', '/..%5coutside%5csecret.txt', '/index.html%00.br', '/.env', '/%2eenv'];
    for (const path of paths) {
      for (const accept of ['br', 'gzip', '']) {
        const res = await get(path, accept ? { 'accept-encoding': accept } : {});
        expect(res.status, `${path} ${accept}`).toBe(404);
        expect(res.headers['content-encoding'], `${path} ${accept}`).toBeUndefined();
        expect(res.body.toString(), `${path} ${accept}`).not.toContain('secret');
      }
    }
  });

  it('answers 404 with the security headers for a missing file, and leaves other methods alone', async () => {
    const missing = await get('/assets/nope-12345678.js', { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect((await get('/index.html', {}, 'POST')).status).toBe(404);
  });
});
