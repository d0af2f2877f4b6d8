/**
 * The page's side of the lobby: talks to the host process that served the page (same origin) over
 * the `/api/lobby` WebSocket, and follows the LAN match list at `/api/matches`.
 *
 * `connectLobby()` first asks `/health`. When nothing answers as a Ricochet host (the page was
 * served by `npm run dev`, or the host is gone), the client reports status `no-host`: the page
 * can still offer practice. Every message from the host is validated; bad ones are dropped.
 * A dropped socket is reopened with backoff (lobby-socket.ts); a join after that carries the
 * member's token, so a host that still knows it gives the place back.
 *
 * Usage:
 *   const lobby = await connectLobby({ protocolVersion: PROTOCOL_VERSION });
 *   if (lobby.state().status === 'no-host') ...practice only...
 *   lobby.onRoster(render); lobby.onStart((start) => connectMatch(start, lobby.state().welcome!));
 *   const joined = await lobby.join('Ada');  // { ok: true, welcome } | { ok: false, reason, message }
 */
import type { ClientMessage, Colour, Health, MatchListing, MatchOptions, Roster, Spectating, StartInfo } from './messages.js';
import { parseHealth } from './validate.js';
import { openMatchFeed } from './match-feed.js';
import { pageBuildId } from './page-origin.js';
import { createLobbyCore, type JoinResult, type LobbyClientState } from './lobby-core.js';
import { keepLobbySocket, RECONNECT, type LobbySocket, type ReconnectPolicy } from './lobby-socket.js';

export type { JoinResult, LobbyClientState, LobbyStatus } from './lobby-core.js';

/** The lobby client. Methods that send do nothing before the socket is open. */
export interface LobbyClient {
  state(): LobbyClientState;
  /** `pin`: the host's match PIN, when it needs one (`state().pinRequired`). */
  join(name: string, colour?: Colour, pin?: string): Promise<JoinResult>;
  setReady(ready: boolean): void;
  setColour(colour: Colour): void;
  /** Joined only: rename this player (the host cleans and deduplicates it, like a join's). */
  setName(name: string): void;
  /** Creator only: add a bot (played on the creator's page). */
  addBot(): void;
  /** Creator only: remove the bot in `slot`. */
  removeBot(slot: number): void;
  /** Creator only, in the lobby: change some match options (the roster then shows them to all). */
  setOptions(options: Partial<MatchOptions>): void;
  /** Creator only. The host answers with `start` to everyone, or an error. */
  start(): void;
  /** Tell the host this page's match ended, so the lobby can reopen for a rematch. */
  matchOver(): void;
  /** Watch the match rather than play: the host answers with `spectating` (see `onSpectating`). */
  spectate(name: string, pin?: string): void;
  /** The host asks this player to feed a spectator (its peer id). */
  onFeed(cb: (peerId: string) => void): () => void;
  /** This page watches: each `spectating` from the host (a match to watch, or a new feeder). */
  onSpectating(cb: (spectating: Spectating) => void): () => void;
  onRoster(cb: (roster: Roster) => void): () => void;
  onStart(cb: (start: StartInfo) => void): () => void;
  /** A player's page left the host during the match (tab closed or crashed): its peer id. */
  onPeerGone(cb: (peerId: string) => void): () => void;
  /** Any change of `state()`. */
  onChange(cb: (state: LobbyClientState) => void): () => void;
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
  /** How a dropped lobby socket is reopened (default `RECONNECT`); false: it stays closed. */
  readonly reconnect?: ReconnectPolicy | false;
  /**
   * The member's token from an earlier visit of this tab (the page keeps it in sessionStorage): the
   * first join carries it, so a reloaded page takes its place back. Later joins carry the latest
   * welcome's token.
   */
  readonly token?: string;
  /** For Node tests: a WebSocket constructor (browsers have one). */
  readonly WebSocketImpl?: typeof WebSocket;
  readonly fetchImpl?: typeof fetch;
}

/** The host's `/health`, or null when no Ricochet host answers. */
async function askHealth(origin: string, options: LobbyClientOptions): Promise<Health | null> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.healthTimeoutMs ?? 2000);
  try {
    const response = await fetchImpl(`${origin}/health`, { signal: abort.signal });
    const parsed = parseHealth(await response.text());
    return parsed.ok ? parsed.msg : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Connect to the lobby of the host behind `origin`. Never rejects: a missing host is a status. */
export async function connectLobby(options: LobbyClientOptions): Promise<LobbyClient> {
  const origin = options.origin ?? globalThis.location?.origin ?? 'http://127.0.0.1';
  const buildId = options.buildId ?? pageBuildId();
  const health = await askHealth(origin, options);
  const hostUp = health !== null;
  const core = createLobbyCore(hostUp ? 'connecting' : 'no-host', buildId, health?.pinRequired === true);
  const socket: LobbySocket | null = hostUp
    ? keepLobbySocket(core, { url: `${origin.replace(/^http/, 'ws')}/api/lobby`, origin, Ws: options.WebSocketImpl ?? WebSocket, policy: options.reconnect ?? RECONNECT })
    : null;
  const opened = socket?.opened ?? Promise.resolve();
  const send = (msg: ClientMessage): void => socket?.send(JSON.stringify(msg));
  let token = options.token;
  core.changes.add((state) => void (token = state.welcome?.peerServer.token || token));
  return {
    state: core.state,
    async join(name, colour, pin) {
      await opened;
      if (!socket) return { ok: false, reason: 'no-host', message: 'No Ricochet host serves this page.' };
      if (core.state().status !== 'open') return { ok: false, reason: 'closed', message: 'Not connected to the host.' };
      const joined = core.state().welcome;
      if (joined) return { ok: true, welcome: joined };
      const result = core.awaitJoin();
      send({ type: 'join', protocolVersion: options.protocolVersion, buildId, name, ...(colour ? { colour } : {}), ...(pin ? { pin } : {}), ...(token ? { token } : {}) });
      return result;
    },
    setReady: (ready) => send({ type: 'set-ready', ready }),
    setColour: (colour) => send({ type: 'set-colour', colour }),
    setName: (name) => send({ type: 'set-name', name }),
    addBot: () => send({ type: 'add-bot' }),
    removeBot: (slot) => send({ type: 'remove-bot', slot }),
    setOptions: (options) => send({ type: 'set-options', options }),
    start: () => send({ type: 'start' }),
    matchOver: () => {
      core.update({ start: null });
      send({ type: 'match-over' });
    },
    spectate: (name, pin) => send({ type: 'spectate', protocolVersion: options.protocolVersion, buildId, name, ...(pin ? { pin } : {}) }),
    onFeed: core.feeds.add,
    onSpectating: core.spectatings.add,
    onRoster: core.rosters.add,
    onStart: core.starts.add,
    onPeerGone: core.peersGone.add,
    onChange: core.changes.add,
    subscribeMatches(cb) {
      if (!hostUp) {
        cb([]);
        return () => undefined;
      }
      const feed = openMatchFeed({ url: `${origin}/api/matches`, onList: cb, fetchImpl: options.fetchImpl });
      return () => feed.close();
    },
    close: () => socket?.close(),
  };
}
