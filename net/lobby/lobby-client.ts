/**
 * The page's side of the lobby: talks to the host process that served the page (same origin) over
 * the `/api/lobby` WebSocket, and follows the LAN match list at `/api/matches`.
 *
 * `connectLobby()` first asks `/health`. When nothing answers as a Ricochet host (the page was
 * served by `npm run dev`, or the host is gone), the client reports status `no-host`: the page
 * can still offer practice. Every message from the host is validated; bad ones are dropped.
 *
 * Usage:
 *   const lobby = await connectLobby({ protocolVersion: PROTOCOL_VERSION });
 *   if (lobby.state().status === 'no-host') ...practice only...
 *   lobby.onRoster(render); lobby.onStart((start) => connectMatch(start, lobby.state().welcome!));
 *   const joined = await lobby.join('Ada');  // { ok: true, welcome } | { ok: false, reason, message }
 */
import type { Colour, MatchListing, RefusalReason, Roster, StartInfo, Welcome, ClientMessage } from './messages.js';
import { parseHealth, parseHostMessage } from './validate.js';
import { openMatchFeed } from './match-feed.js';
import { resolvePeerServer, pageBuildId } from './page-origin.js';
import { createListeners } from './listeners.js';

/** `connecting`: asking the host. `no-host`: no Ricochet host behind this page. `open`: connected. */
export type LobbyStatus = 'connecting' | 'no-host' | 'open' | 'closed';

/** A snapshot of everything the client knows; what a lobby screen renders. */
export interface LobbyState {
  readonly status: LobbyStatus;
  /** Set once `join` succeeded. Its peer server params are resolved against the page's origin. */
  readonly welcome: Welcome | null;
  readonly refusal: { readonly reason: RefusalReason; readonly message: string } | null;
  /** The latest roster (sent by the host on connect and after every change, joined or not). */
  readonly roster: Roster | null;
  /** Set when the host announced the start of a match. */
  readonly start: StartInfo | null;
  /** The host's answer to the latest turned-down action, if any. */
  readonly lastError: string | null;
  /** This page's own build id, as sent in `join`. */
  readonly buildId: string;
}

/** Result of `join`. `no-host` and `closed` are not refusals from a host but the lack of one. */
export type JoinResult =
  | { readonly ok: true; readonly welcome: Welcome }
  | { readonly ok: false; readonly reason: RefusalReason | 'no-host' | 'closed'; readonly message: string };

/** The lobby client. Methods that send do nothing before the socket is open. */
export interface LobbyClient {
  state(): LobbyState;
  join(name: string, colour?: Colour): Promise<JoinResult>;
  setReady(ready: boolean): void;
  setColour(colour: Colour): void;
  /** Creator only: add a bot (played on the creator's page). */
  addBot(): void;
  /** Creator only: remove the bot in `slot`. */
  removeBot(slot: number): void;
  /** Creator only. The host answers with `start` to everyone, or an error. */
  start(): void;
  /** Tell the host this page's match ended, so the lobby can reopen for a rematch. */
  matchOver(): void;
  onRoster(cb: (roster: Roster) => void): () => void;
  onStart(cb: (start: StartInfo) => void): () => void;
  /** Any change of `state()`. */
  onChange(cb: (state: LobbyState) => void): () => void;
  /** Follow the LAN match list (this host included). Returns an unsubscribe function. */
  subscribeMatches(cb: (matches: readonly MatchListing[]) => void): () => void;
  close(): void;
}

/** Options of `connectLobby`. The defaults suit a page served by the host. */
export interface LobbyClientOptions {
  /** The wire protocol version of this build (net/protocol's PROTOCOL_VERSION). */
  readonly protocolVersion: number;
  /** Origin of the host, e.g. `http://10.0.0.2:8080`. Default: the page's own origin. */
  readonly origin?: string;
  /** This build's id. Default: derived from the page's entry script (see page-origin.ts). */
  readonly buildId?: string;
  /** Give up on `/health` after this long. */
  readonly healthTimeoutMs?: number;
  /** For Node tests: a WebSocket constructor (browsers have one). */
  readonly WebSocketImpl?: typeof WebSocket;
  readonly fetchImpl?: typeof fetch;
}

async function askHealth(origin: string, options: LobbyClientOptions): Promise<boolean> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.healthTimeoutMs ?? 2000);
  try {
    const response = await fetchImpl(`${origin}/health`, { signal: abort.signal });
    return parseHealth(await response.text()).ok;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Connect to the lobby of the host behind `origin`. Never rejects: a missing host is a status. */
export async function connectLobby(options: LobbyClientOptions): Promise<LobbyClient> {
  const origin = options.origin ?? globalThis.location?.origin ?? 'http://127.0.0.1';
  const buildId = options.buildId ?? pageBuildId();
  const hostUp = await askHealth(origin, options);
  let state: LobbyState = {
    status: hostUp ? 'connecting' : 'no-host',
    welcome: null,
    refusal: null,
    roster: null,
    start: null,
    lastError: null,
    buildId,
  };
  const changes = createListeners<LobbyState>();
  const rosters = createListeners<Roster>();
  const starts = createListeners<StartInfo>();
  let pendingJoin: ((result: JoinResult) => void) | null = null;
  const update = (patch: Partial<LobbyState>): void => {
    state = { ...state, ...patch };
    changes.emit(state);
  };
  const settleJoin = (result: JoinResult): void => {
    pendingJoin?.(result);
    pendingJoin = null;
  };

  let socket: WebSocket | null = null;
  let opened: Promise<void> = Promise.resolve();
  if (hostUp) {
    const Ws = options.WebSocketImpl ?? WebSocket;
    const ws = new Ws(`${origin.replace(/^http/, 'ws')}/api/lobby`);
    socket = ws;
    opened = new Promise((resolve) => {
      ws.addEventListener('open', () => {
        update({ status: 'open' });
        resolve();
      });
      ws.addEventListener('close', () => {
        update({ status: 'closed' });
        settleJoin({ ok: false, reason: 'closed', message: 'The host closed the connection.' });
        resolve();
      });
    });
    ws.addEventListener('message', (event: MessageEvent) => {
      const parsed = parseHostMessage(typeof event.data === 'string' ? event.data : String(event.data));
      if (!parsed.ok) return;
      const msg = parsed.msg;
      if (msg.type === 'welcome') {
        const { type: _type, ...welcome } = msg;
        const resolved = { ...welcome, peerServer: resolvePeerServer(origin, welcome.peerServer) };
        update({ welcome: resolved, refusal: null });
        settleJoin({ ok: true, welcome: resolved });
      } else if (msg.type === 'refused') {
        update({ refusal: { reason: msg.reason, message: msg.message } });
        settleJoin({ ok: false, reason: msg.reason, message: msg.message });
      } else if (msg.type === 'roster') {
        update({ roster: msg.roster });
        rosters.emit(msg.roster);
      } else if (msg.type === 'start') {
        update({ start: msg.start });
        starts.emit(msg.start);
      } else {
        update({ lastError: msg.message });
      }
    });
  }

  const send = (msg: ClientMessage): void => {
    if (socket && socket.readyState === 1) socket.send(JSON.stringify(msg));
  };

  return {
    state: () => state,
    async join(name, colour) {
      await opened;
      if (!socket) return { ok: false, reason: 'no-host', message: 'No Ricochet host serves this page.' };
      if (state.status !== 'open') return { ok: false, reason: 'closed', message: 'Not connected to the host.' };
      if (state.welcome) return { ok: true, welcome: state.welcome };
      const result = new Promise<JoinResult>((resolve) => (pendingJoin = resolve));
      send({ type: 'join', protocolVersion: options.protocolVersion, buildId, name, ...(colour ? { colour } : {}) });
      return result;
    },
    setReady: (ready) => send({ type: 'set-ready', ready }),
    setColour: (colour) => send({ type: 'set-colour', colour }),
    addBot: () => send({ type: 'add-bot' }),
    removeBot: (slot) => send({ type: 'remove-bot', slot }),
    start: () => send({ type: 'start' }),
    matchOver: () => {
      update({ start: null });
      send({ type: 'match-over' });
    },
    onRoster: rosters.add,
    onStart: starts.add,
    onChange: changes.add,
    subscribeMatches(cb) {
      if (!hostUp) {
        cb([]);
        return () => undefined;
      }
      const feed = openMatchFeed({ url: `${origin}/api/matches`, onList: cb, fetchImpl: options.fetchImpl });
      return () => feed.close();
    },
    close() {
      socket?.close();
    },
  };
}
