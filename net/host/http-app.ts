/**
 * The host's HTTP routes: the built game, `/health`, `/api/info`, `/api/qr.svg` and the
 * `/api/matches` SSE stream. The PeerJS server and the lobby WebSocket are mounted by host.ts.
 */
import express, { type Express, type Response } from 'express';
import QRCode from 'qrcode';
import type { Health, MatchListing } from '../lobby/messages.js';

/** What the routes read from the running host. */
export interface HttpAppSources {
  readonly distDir: string;
  health(): Health;
  /** The URLs players can open, main one first. */
  urls(): readonly string[];
  subscribeMatches(cb: (list: MatchListing[]) => void): () => void;
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

/** Build the express app. */
export function createHttpApp(sources: HttpAppSources): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.set('cache-control', 'no-store').json(sources.health());
  });
  app.get('/api/info', (_req, res) => {
    const health = sources.health();
    res.set('cache-control', 'no-store').json({ matchName: health.matchName, matchId: health.matchId, urls: sources.urls() });
  });
  app.get('/api/qr.svg', (_req, res, next) => {
    const url = sources.urls()[0] ?? '';
    QRCode.toString(url, { type: 'svg', margin: 2 })
      .then((svg) => res.set({ 'content-type': 'image/svg+xml', 'cache-control': 'no-store' }).send(svg))
      .catch(next);
  });
  app.get('/api/matches', (_req, res) => streamMatches(res, sources));
  // Hashed assets never change; index.html must always be fresh (it names the current build).
  app.use(
    express.static(sources.distDir, {
      index: 'index.html',
      setHeaders: (res, path) => res.set('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable'),
    }),
  );
  return app;
}
