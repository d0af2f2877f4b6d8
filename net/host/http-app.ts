/**
 * The host's HTTP routes: the built game, `/health`, `/api/info`, `/api/qr.svg` and the
 * `/api/matches` SSE stream. The PeerJS server and the lobby WebSocket are mounted by host.ts.
 */
import express, { type Express, type Request, type Response } from 'express';
import QRCode from 'qrcode';
import type { Health, MatchListing } from '../lobby/index.js';
import { serveBuilt } from './static-files.js';
import { ownHostName, type HostNames } from './upgrade-guard.js';

/** What the routes read from the running host. */
export interface HttpAppSources {
  readonly distDir: string;
  health(): Health;
  /** The URLs players can open, main one first. */
  urls(): readonly string[];
  /**
   * The same with the PIN in them, if there is one: answered only to a page on this machine (the
   * host's own "Invite a phone" card), never to the LAN.
   */
  inviteUrls?(): readonly string[];
  subscribeMatches(cb: (list: MatchListing[]) => void): () => void;
  /** The PeerJS server's HTTP side, mounted at `/peerjs` (before the 404 that keeps our headers). */
  readonly peerjs?: express.RequestHandler;
  /** The names this host answers to: the CSP names the page's own host for ws:. */
  readonly self?: HostNames;
}

/**
 * The page is a Vite build: module scripts and assets from this host, one inline <style>, Phaser
 * drawing to a canvas (WebGL), images and sounds possibly from data: or blob: URLs. It talks to
 * this host only: fetch, SSE and WebSocket. WebRTC is not governed by CSP.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/**
 * `connect-src`: 'self' covers ws: to the same host in current browsers, but not in every one, so
 * the host the page came by is named too, when it is one of ours (never an echo of any Host).
 */
function cspFor(req: Request, self: HostNames | undefined): string {
  const name = self ? ownHostName(req.headers.host, self) : null;
  const port = req.headers.host?.match(/:(\d+)$/)?.[1];
  const ws = name ? ` ws://${name}${port ? `:${port}` : ''}` : '';
  return [...CSP, `connect-src 'self'${ws} data: blob:`].join('; ');
}

function securityHeaders(self: HostNames | undefined): express.RequestHandler {
  return (req, res, next) => {
    res.set({
      'content-security-policy': cspFor(req, self),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    });
    next();
  };
}

/** Keep idle SSE streams open through proxies and tell a dead client apart. */
const SSE_KEEPALIVE_MS = 15_000;

function streamMatches(res: Response, sources: HttpAppSources): void {
  res.status(200).set({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  res.write('retry: 1000\n\n');
  const unsubscribe = sources.subscribeMatches((matches) => res.write(`data: ${JSON.stringify({ matches })}\n\n`));
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), SSE_KEEPALIVE_MS);
  res.on('close', () => {
    clearInterval(keepalive);
    unsubscribe();
  });
}

/** Loopback, or this machine's own LAN address: the request comes from the host's own screen. */
export function fromThisMachine(req: Pick<Request, 'socket' | 'headers'>, self: HostNames): boolean {
  const remote = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  const local = remote === '::1' || remote.startsWith('127.') || self.names().has(remote);
  // A DNS-rebound page in the host's own browser names a foreign Host: it gets no PIN either.
  return local && ownHostName(req.headers.host, self) !== null;
}

/** The URLs to show to `req`: with the PIN only for a page on this machine. */
function urlsFor(req: Request, sources: HttpAppSources): readonly string[] {
  const invite = sources.inviteUrls && sources.self && fromThisMachine(req, sources.self);
  return invite && sources.inviteUrls ? sources.inviteUrls() : sources.urls();
}

/** Build the express app. */
export function createHttpApp(sources: HttpAppSources): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders(sources.self));
  app.get('/health', (_req, res) => {
    res.set('cache-control', 'no-store').json(sources.health());
  });
  app.get('/api/info', (req, res) => {
    const health = sources.health();
    res.set('cache-control', 'no-store').json({ matchName: health.matchName, matchId: health.matchId, urls: urlsFor(req, sources) });
  });
  app.get('/api/qr.svg', (req, res, next) => {
    const url = urlsFor(req, sources)[0] ?? '';
    QRCode.toString(url, { type: 'svg', margin: 2 })
      .then((svg) => res.set({ 'content-type': 'image/svg+xml', 'cache-control': 'no-store' }).send(svg))
      .catch(next);
  });
  app.get('/api/matches', (_req, res) => streamMatches(res, sources));
  if (sources.peerjs) app.use('/peerjs', sources.peerjs);
  // Precompressed, hashed assets cached for a year, index.html always fresh (see static-files.ts).
  app.use(serveBuilt(sources.distDir));
  // Our own 404 and 500: express's default ones replace the CSP above with one that lacks frame-ancestors.
  app.use((_req, res) => res.status(404).type('text/plain').send('Not found'));
  app.use((_error: unknown, _req: Request, res: Response, _next: express.NextFunction) => res.status(500).type('text/plain').send('Server error'));
  return app;
}
