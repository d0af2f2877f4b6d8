/**
 * The lobby's WebSocket endpoint (`/api/lobby`): wires sockets to the pure state machine in
 * lobby-state.ts. Each socket is a connection id; every inbound text is validated
 * (parseClientMessage) and a bad one is answered with an error, never thrown.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseClientMessage } from '../lobby/validate.js';
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

/** The running lobby endpoint. */
export interface LobbyServer {
  /** Take over an HTTP upgrade for `/api/lobby`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  state(): LobbyState;
  /** Rename the match (mDNS name conflict) and tell every page. */
  rename(matchName: string): void;
  /** Close every lobby socket (shutdown). */
  close(): void;
}

/** Create the endpoint around `initial`; `onChange` hears every new state (for TXT and the list). */
export function createLobbyServer(
  initial: LobbyState,
  ctx: LobbyContext,
  onChange: (state: LobbyState) => void,
  options: { readonly heartbeatMs?: number } = {},
): LobbyServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  const sockets = new Map<number, WebSocket>();
  let state = initial;
  let nextConn = 1;

  const apply = (step: Step): void => {
    const before = state;
    state = step.state;
    for (const effect of step.effects) {
      const text = JSON.stringify(effect.msg);
      const targets = effect.to === 'all' ? [...sockets.values()] : [sockets.get(effect.to)];
      for (const ws of targets) if (ws && ws.readyState === ws.OPEN) ws.send(text);
    }
    if (state !== before) onChange(state);
  };

  const alive = new WeakSet<WebSocket>();
  const heartbeat = startHeartbeat(sockets, alive, options.heartbeatMs ?? HEARTBEAT_MS);

  wss.on('connection', (ws: WebSocket) => {
    const connId = nextConn++;
    sockets.set(connId, ws);
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      const parsed = isBinary ? ({ ok: false, error: 'binary frame' } as const) : parseClientMessage(data.toString());
      if (parsed.ok) apply(lobbyMessage(state, ctx, connId, parsed.msg));
      else ws.send(JSON.stringify({ type: 'error', message: `Bad lobby message: ${parsed.error}` }));
    });
    ws.on('close', () => {
      sockets.delete(connId);
      apply(lobbyDisconnect(state, connId));
    });
    apply(lobbyConnect(state, connId));
  });

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    state: () => state,
    rename: (matchName) => apply(lobbyRename(state, matchName)),
    close() {
      clearInterval(heartbeat);
      for (const ws of sockets.values()) ws.terminate();
      wss.close();
    },
  };
}

/** Pings every socket each period; one that did not answer the previous ping is cut. */
function startHeartbeat(sockets: ReadonlyMap<number, WebSocket>, alive: WeakSet<WebSocket>, periodMs: number): ReturnType<typeof setInterval> {
  const heartbeat = setInterval(() => {
    for (const ws of sockets.values()) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, periodMs);
  heartbeat.unref();
  return heartbeat;
}
