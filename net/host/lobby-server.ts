/**
 * The lobby's WebSocket endpoint (`/api/lobby`): wires sockets to the pure state machine in
 * lobby-state.ts. Each socket is a connection id; every inbound text is validated
 * (parseClientMessage) and a bad one is answered with an error, never thrown.
 *
 * Anyone on the guest Wi-Fi can open this socket, so each one is bounded (see flow-guard.ts):
 *   - a message rate (token bucket): past it, one error, then dropped messages, then closed;
 *   - unread bytes: a socket that does not read its rosters is closed, not buffered for;
 *   - liveness: only a pong that echoes the nonce of our latest ping counts;
 *   - sockets that have not joined (lobby screens) are capped;
 *   - a step that changes nothing (the reducer returns the same state) sends nothing;
 *   - with a match PIN, a join must carry it, and wrong guesses are bounded (pin-guard.ts).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_REPLACED, parseClientMessage } from '../lobby/index.js';
import { fullBucket, overBuffered, takeToken, type Bucket, type Rate } from './flow-guard.js';
import { createPinGuard } from './pin-guard.js';
import {
  lobbyConnect,
  lobbyDisconnect,
  lobbyMessage,
  lobbyRename,
  type LobbyContext,
  type LobbyState,
  type Step,
} from './lobby-state.js';

/** Lobby messages are small; anything bigger is not one of ours. */
const MAX_PAYLOAD = 16 * 1024;

/**
 * A laptop that sleeps or leaves the Wi-Fi never closes its TCP connection: without a heartbeat
 * its player would stay in the roster, and a finished match would never reopen the lobby.
 */
export const HEARTBEAT_MS = 10_000;
/** A page sends a message per click: 20/s with a burst of 40 is far above any person. */
export const LOBBY_RATE: Rate = { perSecond: 20, burst: 40 };
/** Messages dropped over the rate before the socket is closed (the first one gets an error). */
export const LOBBY_MAX_STRIKES = 20;
/** Unread bytes a lobby socket may leave queued in this process (a roster is about 1 kB). */
export const LOBBY_MAX_BUFFERED = 256 * 1024;
/** Open sockets that have not joined (lobby screens, observers). */
export const LOBBY_MAX_OBSERVERS = 32;

/** Limits of `createLobbyServer`; the defaults are the exported constants. */
export interface LobbyServerOptions {
  readonly heartbeatMs?: number;
  readonly rate?: Rate;
  readonly maxBufferedBytes?: number;
  readonly maxObservers?: number;
  readonly now?: () => number;
  /** The match PIN (`--pin`); null: anyone may join. */
  readonly pin?: string | null;
}

/** The running lobby endpoint. */
export interface LobbyServer {
  /** Take over an HTTP upgrade for `/api/lobby`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  state(): LobbyState;
  /** Open lobby sockets, joined or not. */
  connections(): number;
  /** Rename the match (mDNS name conflict) and tell every page. */
  rename(matchName: string): void;
  /** Close every lobby socket (shutdown). */
  close(): void;
}

/** One lobby socket and its limits' bookkeeping. */
interface Conn {
  readonly ws: WebSocket;
  bucket: Bucket;
  strikes: number;
  /** The payload of our latest ping; only a pong that echoes it proves the page alive. */
  nonce: Buffer | null;
  answered: boolean;
}

type Limits = Required<Omit<LobbyServerOptions, 'pin'>>;

/** Create the endpoint around `initial`; `onChange` hears every new state (for TXT and the list). */
export function createLobbyServer(initial: LobbyState, ctx: LobbyContext, onChange: (state: LobbyState) => void, options: LobbyServerOptions = {}): LobbyServer {
  const limits: Limits = { heartbeatMs: HEARTBEAT_MS, rate: LOBBY_RATE, maxBufferedBytes: LOBBY_MAX_BUFFERED, maxObservers: LOBBY_MAX_OBSERVERS, now: Date.now, ...options };
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  wss.on('error', () => undefined);
  const conns = new Map<number, Conn>();
  const pins = options.pin ? createPinGuard(options.pin, limits.now) : null;
  let state = initial;
  let nextConn = 1;

  const apply = (step: Step): void => {
    const before = state;
    state = step.state;
    for (const effect of step.effects) {
      const text = JSON.stringify(effect.msg);
      const targets = effect.to === 'all' ? [...conns.values()] : [conns.get(effect.to)];
      for (const conn of targets) if (conn) sendBounded(conn.ws, text, limits.maxBufferedBytes);
    }
    for (const id of step.replaced ?? []) conns.get(id)?.ws.close(CLOSE_REPLACED, 'Another page took this player over.');
    if (state !== before) onChange(state);
  };
  const observers = (): number => conns.size - state.members.filter((m) => m.connId !== null && conns.has(m.connId)).length;
  const heartbeat = startHeartbeat(conns, limits);

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    if (observers() >= limits.maxObservers) return ws.close(1013, 'Too many open lobby screens: try again later.');
    const connId = nextConn++;
    const conn: Conn = { ws, bucket: fullBucket(limits.rate, limits.now()), strikes: 0, nonce: null, answered: true };
    conns.set(connId, conn);
    const address = req.socket.remoteAddress ?? '';
    listen(conn, limits, (text) => {
      const parsed = parseClientMessage(text);
      if (!parsed.ok) return sendBounded(ws, JSON.stringify({ type: 'error', message: `Bad lobby message: ${parsed.error}` }), limits.maxBufferedBytes);
      const joined = state.members.some((m) => m.connId === connId);
      // A spectator needs the PIN as a player does: it sees the match, names and all.
      const { msg } = parsed;
      const asks = msg.type === 'join' || msg.type === 'spectate' ? { pin: msg.pin } : null;
      const gate = pins && asks && !joined ? pins.check(address, connId, asks.pin) : null;
      if (!gate) return apply(lobbyMessage(state, ctx, connId, parsed.msg));
      sendBounded(ws, JSON.stringify({ type: 'refused', reason: gate.reason, message: gate.message }), limits.maxBufferedBytes);
      if (gate.close) ws.close(1008, 'Too many wrong PINs.');
    });
    ws.on('close', () => {
      conns.delete(connId);
      pins?.forget(connId);
      apply(lobbyDisconnect(state, connId, ctx));
    });
    apply(lobbyConnect(state, connId));
  });

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    state: () => state,
    connections: () => conns.size,
    rename: (matchName) => apply(lobbyRename(state, matchName)),
    close() {
      clearInterval(heartbeat);
      for (const conn of conns.values()) conn.ws.terminate();
      wss.close();
    },
  };
}

/** Send, unless the socket is closing; cut a socket whose reader has fallen too far behind. */
function sendBounded(ws: WebSocket, text: string, maxBuffered: number): void {
  if (ws.readyState !== ws.OPEN) return;
  ws.send(text);
  if (overBuffered(ws, maxBuffered)) ws.terminate();
}

/** A socket's inbound side: errors, pongs, and texts within the rate (handed to `onText`). */
function listen(conn: Conn, limits: Limits, onText: (text: string) => void): void {
  const { ws } = conn;
  ws.on('error', () => ws.terminate());
  ws.on('pong', (data) => {
    if (conn.nonce && data.equals(conn.nonce)) conn.answered = true;
  });
  ws.on('message', (data, isBinary) => {
    const taken = takeToken(conn.bucket, limits.rate, limits.now());
    conn.bucket = taken.bucket;
    if (!taken.ok) return overRate(conn, limits.maxBufferedBytes);
    if (isBinary) sendBounded(ws, JSON.stringify({ type: 'error', message: 'Bad lobby message: binary frame' }), limits.maxBufferedBytes);
    else onText(data.toString());
  });
}

/** A message over the rate is dropped; the first gets an error, and a socket that keeps on is closed. */
function overRate(conn: Conn, maxBuffered: number): void {
  conn.strikes += 1;
  if (conn.strikes === 1) sendBounded(conn.ws, JSON.stringify({ type: 'error', message: 'Too many messages: slow down.' }), maxBuffered);
  if (conn.strikes > LOBBY_MAX_STRIKES) conn.ws.close(1008, 'Too many messages.');
}

/**
 * Each period, cut every socket that did not answer the previous ping (or fell too far behind in
 * reading), and ping the others with a fresh nonce.
 */
function startHeartbeat(conns: ReadonlyMap<number, Conn>, limits: Limits): ReturnType<typeof setInterval> {
  const heartbeat = setInterval(() => {
    for (const conn of conns.values()) {
      if (!conn.answered || overBuffered(conn.ws, limits.maxBufferedBytes)) {
        conn.ws.terminate();
        continue;
      }
      conn.answered = false;
      conn.nonce = randomBytes(8);
      conn.ws.ping(conn.nonce);
    }
  }, limits.heartbeatMs);
  heartbeat.unref();
  return heartbeat;
}
