/**
 * The PeerJS signalling server (the real `peer` package) behind the host's own upgrade router,
 * hardened for a room of strangers:
 *
 *   - `peer` re-emits every socket error and every unparsable message as an `error` event on its
 *     app; with no listener, Node ends the process. We listen on the app, the WebSocket server and
 *     every socket.
 *   - Messages are bounded (PEER_MAX_PAYLOAD; an SDP offer is a few kB) and rate-limited per
 *     socket; a socket whose reader leaves more than PEER_MAX_BUFFERED unread is cut.
 *   - A registration is checked before the WebSocket exists (`admit`): the key, then the id. The
 *     host admits only the peer ids its lobby handed out, so made-up ids cannot use up
 *     `concurrent_limit`. This is the seam for per-member registration tokens.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ExpressPeerServer } from 'peer';
import { WebSocketServer, type ServerOptions, type WebSocket } from 'ws';
import { fullBucket, overBuffered, takeToken, type Rate } from './flow-guard.js';
import { rejectUpgrade } from './upgrade-guard.js';

/** Largest signalling message: an offer with its candidates is a few kB. */
export const PEER_MAX_PAYLOAD = 64 * 1024;
/** Registrations at once: 8 slots, with room for reloads and tabs not yet timed out. */
export const PEER_CONCURRENT_LIMIT = 64;
/** Signalling messages a socket may send: a mesh of 8 trickles a few dozen candidates a peer. */
export const PEER_RATE: Rate = { perSecond: 50, burst: 200 };
/** Unread bytes a signalling socket may leave queued in this process before it is cut. */
export const PEER_MAX_BUFFERED = 512 * 1024;
const SWEEP_MS = 1000;

/** Options of `createPeerServer`. */
export interface PeerServerOptions {
  readonly key: string;
  /**
   * May `id` register now? Called before the WebSocket is accepted. Today: "is it a peer id the
   * lobby handed out?"; per-member registration tokens will be checked here too.
   */
  readonly admit: (id: string, token: string, req: IncomingMessage) => boolean;
  /** A socket or protocol error (already handled: the socket is dropped); for logging. */
  readonly onError?: (error: Error) => void;
  readonly now?: () => number;
}

/** The running signalling server. */
export interface PeerServer {
  /** Mount at `/peerjs`. */
  readonly app: ReturnType<typeof ExpressPeerServer>;
  /** Take the upgrade if `path` is the signalling socket's (refusing it if not admitted). */
  tryUpgrade(path: string, req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): void;
}

/** Why an upgrade to the signalling socket is refused, or null. Pure. */
export function peerUpgradeRefusal(
  url: string | undefined,
  open: number,
  options: Pick<PeerServerOptions, 'key' | 'admit'>,
  req: IncomingMessage,
): { status: number; reason: string } | null {
  const query = new URL(url ?? '/', 'http://host').searchParams;
  const [id, token, key] = [query.get('id'), query.get('token'), query.get('key')];
  if (!id || !token || !key) return { status: 400, reason: 'id, token and key are required' };
  if (key !== options.key) return { status: 401, reason: 'wrong key' };
  if (open >= PEER_CONCURRENT_LIMIT) return { status: 503, reason: 'too many signalling connections' };
  if (!options.admit(id, token, req)) return { status: 403, reason: 'this id was not handed out by the lobby' };
  return null;
}

/** Create the server; `server` is the HTTP server it is mounted on. */
export function createPeerServer(server: Server, options: PeerServerOptions): PeerServer {
  let wss: WebSocketServer | null = null;
  const onError = (error: Error): void => options.onError?.(error);
  const app = ExpressPeerServer(server, {
    path: '/',
    key: options.key,
    alive_timeout: 60_000,
    concurrent_limit: PEER_CONCURRENT_LIMIT,
    allow_discovery: false,
    createWebSocketServer: (wsOptions: ServerOptions) => {
      wss = new WebSocketServer({ ...wsOptions, server: undefined, noServer: true, maxPayload: PEER_MAX_PAYLOAD });
      wss.on('error', onError);
      return wss;
    },
  });
  // `peer` re-emits socket errors and JSON errors here: without a listener they end the process.
  app.on('error', onError);
  const sweep = setInterval(() => {
    for (const ws of wss?.clients ?? []) if (overBuffered(ws, PEER_MAX_BUFFERED)) ws.terminate();
  }, SWEEP_MS);
  sweep.unref();
  return {
    app,
    tryUpgrade(path, req, socket, head) {
      const target = wss;
      if (!target || path !== target.options.path) return false;
      const refusal = peerUpgradeRefusal(req.url, target.clients.size, options, req);
      if (refusal) rejectUpgrade(socket, refusal.status, refusal.reason);
      else target.handleUpgrade(req, socket, head, (ws) => target.emit('connection', guard(ws, options.now ?? Date.now), req));
      return true;
    },
    close() {
      clearInterval(sweep);
      for (const client of wss?.clients ?? []) client.terminate();
    },
  };
}

/** Rate-limit one socket; its listeners run before `peer`'s, which are added on 'connection'. */
function guard(ws: WebSocket, now: () => number): WebSocket {
  let bucket = fullBucket(PEER_RATE, now());
  ws.on('error', () => ws.terminate());
  ws.on('message', () => {
    const taken = takeToken(bucket, PEER_RATE, now());
    bucket = taken.bucket;
    // A page never comes near the rate; a socket past it is a flood, and is cut.
    if (!taken.ok) ws.terminate();
  });
  return ws;
}
