/**
 * The PeerJS signalling server (the real `peer` package) behind the host's own upgrade router,
 * hardened for a room of strangers:
 *
 *   - `peer` re-emits every socket error and every unparsable message as an `error` event on its
 *     app; with no listener, Node ends the process. We listen on the app, the WebSocket server and
 *     every socket.
 *   - Messages are bounded (PEER_MAX_PAYLOAD; an SDP offer is a few kB) and rate-limited per
 *     socket; a socket whose reader leaves more than PEER_MAX_BUFFERED unread is cut.
 *   - A registration is checked before the WebSocket exists (`admit`, peer-admission.ts): the id
 *     must be a lobby member's, the token that member's secret, the key its match's. Made-up ids
 *     cannot use up `concurrent_limit`, and nobody can take another player's id.
 *   - One registration per member: a new one replaces the old. `peer` itself, given an id that is
 *     registered with the same token, silently moves the id to the new socket, sends it no OPEN
 *     (so the page never hears that it is registered again) and leaves the old socket open. So the
 *     old socket is closed first, and the new one registers afresh once they are gone.
 *   - The key a page sends is the match's (checked by `admit`); `peer` is configured with a key of
 *     its own, never handed out, which the admitted request is rewritten to carry.
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

/** The verdict of `admit`: the member a registration is for (its peer id), or why not. */
export type PeerAdmission = { readonly ok: true; readonly member: string } | { readonly ok: false; readonly status: number; readonly reason: string };

/** Options of `createPeerServer`. */
export interface PeerServerOptions {
  /** The key `peer` is configured with; pages never see it (they send their match's key). */
  readonly key: string;
  /** May `id` register with this token and key now? Called before the WebSocket is accepted. */
  readonly admit: (id: string, token: string, key: string, req: IncomingMessage) => PeerAdmission;
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

/** Whether an upgrade to the signalling socket is admitted, and for which member. Pure. */
export function peerUpgradeVerdict(url: string | undefined, open: number, options: Pick<PeerServerOptions, 'admit'>, req: IncomingMessage): PeerAdmission {
  const query = new URL(url ?? '/', 'http://host').searchParams;
  const [id, token, key] = [query.get('id'), query.get('token'), query.get('key')];
  if (!id || !token || !key) return { ok: false, status: 400, reason: 'id, token and key are required' };
  if (open >= PEER_CONCURRENT_LIMIT) return { ok: false, status: 503, reason: 'too many signalling connections' };
  return options.admit(id, token, key, req);
}

/** The request as `peer` must see it: with its own key in place of the match's. */
function withServerKey(req: IncomingMessage, key: string): IncomingMessage {
  const url = new URL(req.url ?? '/', 'http://host');
  url.searchParams.set('key', key);
  req.url = `${url.pathname}${url.search}`;
  return req;
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
  const members = new Map<string, WebSocket>();
  return {
    app,
    tryUpgrade(path, req, socket, head) {
      const target = wss;
      if (!target || path !== target.options.path) return false;
      const verdict = peerUpgradeVerdict(req.url, target.clients.size, options, req);
      if (!verdict.ok) rejectUpgrade(socket, verdict.status, verdict.reason);
      else {
        const accepted = withServerKey(req, options.key);
        target.handleUpgrade(accepted, socket, head, (ws) => {
          const hand = (): void => void (ws.readyState === ws.OPEN && target.emit('connection', guard(ws, options.now ?? Date.now), accepted));
          replaceRegistration(members, verdict.member, ws, hand);
        });
      }
      return true;
    },
    close() {
      clearInterval(sweep);
      for (const client of wss?.clients ?? []) client.terminate();
    },
  };
}

/**
 * Make `ws` the member's one registration: close the one before it (if any) and hand `ws` to
 * `peer` once that one is gone, so that `peer` registers it afresh (see the file header).
 */
function replaceRegistration(members: Map<string, WebSocket>, member: string, ws: WebSocket, hand: () => void): void {
  const old = members.get(member);
  members.set(member, ws);
  ws.on('close', () => {
    if (members.get(member) === ws) members.delete(member);
  });
  if (!old || old.readyState === old.CLOSED) return hand();
  old.once('close', hand);
  old.terminate();
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
