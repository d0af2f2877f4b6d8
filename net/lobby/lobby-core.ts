/**
 * The lobby client's inside: a small store of what the page knows (LobbyClientState), its listeners,
 * the pending join, and what each host message does to it (a dispatch table). No I/O here:
 * lobby-client.ts owns the socket and feeds validated messages in.
 */
import type { HostMessage, RefusalReason, Roster, RosterSlot, Spectating, StartInfo, Welcome } from './messages.js';
import { createListeners, type Listeners } from './listeners.js';
import { resolvePeerServer } from './page-origin.js';

/**
 * `connecting`: asking the host. `no-host`: no Ricochet host behind this page. `open`: connected.
 * `reconnecting`: the socket dropped and is being reopened. `closed`: for good.
 */
export type LobbyStatus = 'connecting' | 'no-host' | 'open' | 'reconnecting' | 'closed';

/** A snapshot of everything the client knows; what a lobby screen renders. */
export interface LobbyClientState {
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
  /** The host asks for a PIN to join (its `/health` says so, or it refused a join for want of one). */
  readonly pinRequired: boolean;
  /** Set while this page watches rather than plays (the host's latest `spectating`). */
  readonly spectating?: Spectating | null;
}

/**
 * Result of `join`. `no-host` and `closed` are not refusals from a host but the lack of one; `error`
 * is the host's answer to a join it could not take as one (its message says why).
 */
export type JoinResult =
  | { readonly ok: true; readonly welcome: Welcome }
  | { readonly ok: false; readonly reason: RefusalReason | 'no-host' | 'closed' | 'error'; readonly message: string };

/** This page's own player row in the roster, once joined (none before joining, or once left). */
export function ownSlot(state: Pick<LobbyClientState, 'roster' | 'welcome'>): RosterSlot | undefined {
  const me = state.welcome;
  return me ? state.roster?.slots.find((s) => s.kind === 'player' && s.playerId === me.playerId) : undefined;
}

/**
 * Whether this page holds the creator role now. The roster is the authority, not the welcome: the
 * host hands the role to the next player when the creator leaves, and only rosters say so.
 */
export function isCreator(state: Pick<LobbyClientState, 'roster' | 'welcome'>): boolean {
  return ownSlot(state)?.isCreator === true;
}

/** The store. */
export interface LobbyCore {
  state(): LobbyClientState;
  update(patch: Partial<LobbyClientState>): void;
  readonly changes: Listeners<LobbyClientState>;
  readonly rosters: Listeners<Roster>;
  readonly starts: Listeners<StartInfo>;
  /** Peer ids of players whose page left the host mid-match (see HostMessage 'peer-gone'). */
  readonly peersGone: Listeners<string>;
  /** Spectators the host asks this player to feed (their peer ids). */
  readonly feeds: Listeners<string>;
  /** Each `spectating` from the host: this page watches (a match to watch, or a new feeder). */
  readonly spectatings: Listeners<Spectating>;
  /** Wait for the host's answer to a join. */
  awaitJoin(): Promise<JoinResult>;
  settleJoin(result: JoinResult): void;
}

/** A fresh store. */
export function createLobbyCore(status: LobbyStatus, buildId: string, pinRequired = false): LobbyCore {
  let state: LobbyClientState = { status, welcome: null, refusal: null, roster: null, start: null, lastError: null, buildId, pinRequired, spectating: null };
  let pendingJoin: ((result: JoinResult) => void) | null = null;
  const changes = createListeners<LobbyClientState>();
  return {
    state: () => state,
    update(patch) {
      state = { ...state, ...patch };
      changes.emit(state);
    },
    changes,
    rosters: createListeners<Roster>(),
    starts: createListeners<StartInfo>(),
    peersGone: createListeners<string>(),
    feeds: createListeners<string>(),
    spectatings: createListeners<Spectating>(),
    awaitJoin: () => new Promise<JoinResult>((resolve) => (pendingJoin = resolve)),
    settleJoin(result) {
      pendingJoin?.(result);
      pendingJoin = null;
    },
  };
}

type Apply<T extends HostMessage['type']> = (core: LobbyCore, msg: Extract<HostMessage, { type: T }>, origin: string) => void;

const handlers: { [T in HostMessage['type']]: Apply<T> } = {
  welcome(core, msg, origin) {
    const { type: _type, ...welcome } = msg;
    const resolved = { ...welcome, peerServer: resolvePeerServer(origin, welcome.peerServer) };
    core.update({ welcome: resolved, refusal: null });
    core.settleJoin({ ok: true, welcome: resolved });
  },
  refused(core, msg) {
    const aboutPin = msg.reason === 'pin-required' || msg.reason === 'wrong-pin' || msg.reason === 'pin-locked';
    core.update({ refusal: { reason: msg.reason, message: msg.message }, ...(aboutPin ? { pinRequired: true } : {}) });
    core.settleJoin({ ok: false, reason: msg.reason, message: msg.message });
  },
  roster(core, msg) {
    core.update({ roster: msg.roster });
    core.rosters.emit(msg.roster);
  },
  start(core, msg) {
    core.update({ start: msg.start });
    core.starts.emit(msg.start);
  },
  error(core, msg) {
    core.update({ lastError: msg.message });
    // The host answers a join it cannot read with an error, not a refusal: a pending join ends there too.
    core.settleJoin({ ok: false, reason: 'error', message: msg.message });
  },
  'peer-gone'(core, msg) {
    core.peersGone.emit(msg.peerId);
  },
  spectating(core, msg, origin) {
    const { type: _type, ...spectating } = msg;
    const resolved = { ...spectating, peerServer: resolvePeerServer(origin, spectating.peerServer) };
    core.update({ spectating: resolved, refusal: null });
    core.spectatings.emit(resolved);
  },
  feed(core, msg) {
    core.feeds.emit(msg.peerId);
  },
};

/** Apply one validated host message to the store. */
export function applyHostMessage(core: LobbyCore, msg: HostMessage, origin: string): void {
  (handlers[msg.type] as Apply<typeof msg.type>)(core, msg as never, origin);
}
