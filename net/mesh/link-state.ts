/**
 * The mesh's links as a pure state machine. `reduceMesh(state, event, nowMs)` takes what the
 * transport knows (the signalling server, one record per remote peer), one event (a PeerJS
 * callback, a timer, a call of the API) and the time, and returns the next state and the effects
 * that the shell (peerjs-transport.ts) carries out. No PeerJS object, clock or timer lives here, so
 * every rule is unit-tested on plain data.
 *
 * A link's phase (the lower id dials, the other accepts: one connection per pair):
 *   waiting     no connection: a dialer waits for the signalling server, an acceptor to be dialled
 *               (and after a failure, since only the dialer retries).
 *   retrying    a dialer's connection failed before the peer came up: it dials again when the
 *               retry timer (`dialRetryMs`) fires.
 *   connecting  a data connection exists but is not open; the dialer gives up on it after
 *               `dialTimeoutMs` and retries.
 *   opening     the connection is open, the negotiated unreliable channel not yet. Messages that
 *               arrive are held back, so that the consumer never hears from a peer that is not up.
 *   up          both channels are open: `peer-up` went out, then the held messages.
 *   interrupted up, but ICE reports `disconnected`: a short Wi-Fi cut recovers by itself (ICE goes
 *               back to `connected`, and so does the link to `up`), so only the grace timer's end
 *               (`graceMs`) takes it down.
 *   down        final. `peer-down` goes out if the peer was up and the mesh is not closed.
 * Any failure of the connection, of its channel or of ICE takes an up link down, and sends a link
 * that is not up yet back to retrying (dialer) or waiting (acceptor).
 *
 * A link has at most one timer, and its phase says what it means (dial timeout, retry, grace), so a
 * timer event names only the peer. Each dial or accepted connection increments `attempts`, and the
 * shell tags the connection's callbacks with that number: the late callbacks of a retired
 * connection do not match and are ignored.
 *
 * Losing the signalling server is not a peer-down: open connections carry the match on.
 */
import type { Channel, PeerId, TransportEvent } from '../lockstep';

/** Where one link stands; see the file header for the transitions. */
export type LinkPhase = 'waiting' | 'retrying' | 'connecting' | 'opening' | 'up' | 'interrupted' | 'down';

/** `connecting` to the signalling server, `open`, `lost` after open, `failed` before open. */
export type SignallingState = 'connecting' | 'open' | 'lost' | 'failed';

/** One remote peer, as the reducer tracks it. */
export interface LinkState {
  readonly peer: PeerId;
  /** Our id sorts lower: we dial (matchbox's rule, so both ends agree without talking). */
  readonly dialer: boolean;
  readonly phase: LinkPhase;
  /** Dials made or connections accepted; the latest numbers the current connection. */
  readonly attempts: number;
  readonly lastError: string;
  /** Last ICE connection state seen ('' before any). */
  readonly ice: string;
  /** Messages that came before `peer-up`; empty in every phase but connecting and opening. */
  readonly held: readonly TransportEvent[];
}

/** The transport's tunables, in milliseconds. */
export interface LinkTimings {
  readonly dialRetryMs: number;
  readonly dialTimeoutMs: number;
  readonly graceMs: number;
}

/** The whole mesh as the reducer sees it. Plain data. */
export interface MeshState {
  readonly startedAtMs: number;
  readonly timings: LinkTimings;
  readonly signalling: SignallingState;
  readonly signallingError: { readonly type: string; readonly message: string } | null;
  /** From creation to registration at the signalling server; null until then. */
  readonly signallingMs: number | null;
  /** From creation to the moment every peer was up; null until then. */
  readonly meshMs: number | null;
  /** `close()` was called: nothing more is dialled or reported. */
  readonly closed: boolean;
  /** In the order of the match's peer list. */
  readonly links: readonly LinkState[];
}

/** Names the connection (by its attempt number) that a callback came from. */
interface FromWire {
  readonly peer: PeerId;
  readonly attempt: number;
}

/** Everything the shell feeds the reducer. */
export type MeshEvent =
  | { readonly type: 'signalling-open' }
  | { readonly type: 'signalling-error'; readonly errorType: string; readonly message: string; readonly peer?: PeerId }
  | { readonly type: 'signalling-lost' }
  /** `peer` dialled us; the shell keeps the connection until the reducer accepts or refuses it. */
  | { readonly type: 'incoming'; readonly peer: PeerId }
  | ({ readonly type: 'conn-open' } & FromWire)
  | ({ readonly type: 'conn-closed'; readonly reason: string } & FromWire)
  | ({ readonly type: 'ice'; readonly state: string } & FromWire)
  | ({ readonly type: 'channel-open' } & FromWire)
  | ({ readonly type: 'channel-closed' } & FromWire)
  /** The connection had no RTCPeerConnection left to open the unreliable channel on. */
  | ({ readonly type: 'channel-missing' } & FromWire)
  | ({ readonly type: 'data'; readonly channel: Channel; readonly data: Uint8Array } & FromWire)
  | { readonly type: 'timer'; readonly peer: PeerId }
  /** Someone we trust (the host) says the peer's page is gone. */
  | { readonly type: 'gone'; readonly peer: PeerId; readonly reason: string }
  /** A peer to connect to besides the match's (a spectator the host asks us to feed); `dialer` as for the others. */
  | { readonly type: 'add-peer'; readonly peer: PeerId; readonly dialer: boolean }
  | { readonly type: 'close' };

/** What the shell must do. `set-timer` replaces the link's timer, if it has one. */
export type MeshEffect =
  | { readonly kind: 'dial'; readonly peer: PeerId; readonly attempt: number }
  | { readonly kind: 'accept'; readonly peer: PeerId; readonly attempt: number }
  | { readonly kind: 'refuse' }
  | { readonly kind: 'open-channel'; readonly peer: PeerId; readonly attempt: number }
  | { readonly kind: 'retire'; readonly peer: PeerId }
  | { readonly kind: 'set-timer'; readonly peer: PeerId; readonly ms: number }
  | { readonly kind: 'clear-timer'; readonly peer: PeerId }
  | { readonly kind: 'emit'; readonly event: TransportEvent }
  /** After `close`: drop undelivered events and leave the signalling server. */
  | { readonly kind: 'shut-down' };

/** A reducer's result. */
export interface MeshStep {
  readonly state: MeshState;
  readonly effects: readonly MeshEffect[];
}

/** A fresh mesh: every other peer of `peers` (duplicates and `self` skipped) waiting. */
export function createMeshState(
  self: PeerId,
  peers: readonly PeerId[],
  startedAtMs: number,
  timings: LinkTimings,
): MeshState {
  const links = [...new Set(peers)]
    .filter((peer) => peer !== self)
    .map((peer): LinkState => ({ peer, dialer: self < peer, phase: 'waiting', attempts: 0, lastError: '', ice: '', held: [] }));
  // With nobody to connect to, the mesh is complete from the start.
  const meshMs = links.length === 0 ? 0 : null;
  return {
    startedAtMs, timings, signalling: 'connecting', signallingError: null, signallingMs: null, meshMs, closed: false, links,
  };
}

/** Up as far as the consumer knows: `interrupted` may still recover. */
export const isUp = (phase: LinkPhase): boolean => phase === 'up' || phase === 'interrupted';
/** The shell holds a connection for the link in these phases. */
const hasWire = (phase: LinkPhase): boolean => phase === 'connecting' || phase === 'opening' || isUp(phase);

/** Whether `send` may use the link: its connection is open (the unreliable channel may not be). */
export function canSend(state: MeshState, peer: PeerId): boolean {
  const phase = state.links.find((l) => l.peer === peer)?.phase;
  return phase === 'opening' || (phase !== undefined && isUp(phase));
}

interface LinkStep {
  readonly link: LinkState;
  readonly effects: readonly MeshEffect[];
}

const same = (link: LinkState): LinkStep => ({ link, effects: [] });
const emit = (event: TransportEvent): MeshEffect => ({ kind: 'emit', event });
const retireIfWired = (link: LinkState): MeshEffect[] => (hasWire(link.phase) ? [{ kind: 'retire', peer: link.peer }] : []);

function goDown(link: LinkState, reason: string, closed: boolean): LinkStep {
  if (link.phase === 'down') return same(link);
  const effects: MeshEffect[] = [{ kind: 'clear-timer', peer: link.peer }, ...retireIfWired(link)];
  if (isUp(link.phase) && !closed) effects.push(emit({ type: 'peer-down', peer: link.peer, reason }));
  return { link: { ...link, phase: 'down', lastError: reason, held: [] }, effects };
}

/** A connection that failed before the peer came up: the dialer tries again, the other waits. */
function failBeforeUp(link: LinkState, reason: string, timings: LinkTimings): LinkStep {
  if (isUp(link.phase) || link.phase === 'down') return same(link);
  const { peer } = link;
  const timer: MeshEffect = link.dialer ? { kind: 'set-timer', peer, ms: timings.dialRetryMs } : { kind: 'clear-timer', peer };
  const phase: LinkPhase = link.dialer ? 'retrying' : 'waiting';
  return { link: { ...link, phase, lastError: reason, held: [] }, effects: [...retireIfWired(link), timer] };
}

/** The connection, its channel or ICE failed: down if the peer was up, else try again. */
const lose = (state: MeshState, link: LinkState, reason: string): LinkStep =>
  isUp(link.phase) ? goDown(link, reason, state.closed) : failBeforeUp(link, reason, state.timings);

function dial(state: MeshState, link: LinkState): LinkStep {
  if (state.closed || isUp(link.phase) || link.phase === 'down') return same(link);
  const attempt = link.attempts + 1;
  const effects: MeshEffect[] = [
    ...retireIfWired(link),
    { kind: 'dial', peer: link.peer, attempt },
    { kind: 'set-timer', peer: link.peer, ms: state.timings.dialTimeoutMs },
  ];
  return { link: { ...link, phase: 'connecting', attempts: attempt, held: [] }, effects };
}

function connOpened(link: LinkState): LinkStep {
  if (link.phase !== 'connecting') return same(link);
  const { peer, attempts: attempt } = link;
  return { link: { ...link, phase: 'opening' }, effects: [{ kind: 'clear-timer', peer }, { kind: 'open-channel', peer, attempt }] };
}

function comeUp(link: LinkState): LinkStep {
  if (link.phase !== 'opening') return same(link);
  return { link: { ...link, phase: 'up', held: [] }, effects: [emit({ type: 'peer-up', peer: link.peer }), ...link.held.map(emit)] };
}

function iceChanged(state: MeshState, link: LinkState): LinkStep {
  const { ice, peer, phase } = link;
  if (ice === 'failed') return lose(state, link, 'ICE failed');
  if (ice === 'disconnected' && phase === 'up') {
    return { link: { ...link, phase: 'interrupted' }, effects: [{ kind: 'set-timer', peer, ms: state.timings.graceMs }] };
  }
  if ((ice === 'connected' || ice === 'completed') && phase === 'interrupted') {
    return { link: { ...link, phase: 'up' }, effects: [{ kind: 'clear-timer', peer }] };
  }
  return same(link);
}

/** What a link's timer means depends on its phase. */
const onTimer: { readonly [P in LinkPhase]?: (state: MeshState, link: LinkState) => LinkStep } = {
  // A retry that finds the signalling server gone cannot dial: the link waits.
  retrying: (state, link) => (state.signalling === 'open' ? dial(state, link) : { link: { ...link, phase: 'waiting' }, effects: [] }),
  connecting: (state, link) => failBeforeUp(link, `no connection after ${state.timings.dialTimeoutMs} ms`, state.timings),
  interrupted: (state, link) => goDown(link, `ICE disconnected for ${state.timings.graceMs} ms`, state.closed),
};

function withLink(state: MeshState, peer: PeerId, change: (link: LinkState) => LinkStep): MeshStep {
  const link = state.links.find((l) => l.peer === peer);
  if (!link) return { state, effects: [] };
  const next = change(link);
  if (next.link === link) return { state, effects: next.effects };
  return { state: { ...state, links: state.links.map((l) => (l === link ? next.link : l)) }, effects: next.effects };
}

/** Applies `change` to the link only if the callback came from its current connection. */
const fromWire = (state: MeshState, event: FromWire, change: (link: LinkState) => LinkStep): MeshStep =>
  withLink(state, event.peer, (link) => (hasWire(link.phase) && link.attempts === event.attempt ? change(link) : same(link)));

function everyLink(state: MeshState, change: (state: MeshState, link: LinkState) => LinkStep): MeshStep {
  const effects: MeshEffect[] = [];
  const links = state.links.map((link) => {
    const next = change(state, link);
    effects.push(...next.effects);
    return next.link;
  });
  return { state: { ...state, links }, effects };
}

function stampMesh(step: MeshStep, nowMs: number): MeshStep {
  const { state } = step;
  if (state.meshMs !== null || !state.links.every((l) => isUp(l.phase))) return step;
  return { ...step, state: { ...state, meshMs: nowMs - state.startedAtMs } };
}

function accept(state: MeshState, peer: PeerId): MeshStep {
  const link = state.links.find((l) => l.peer === peer);
  // Only the designated dialer may call us, and only until it is up: anything else is a stranger
  // or a duplicate.
  const refused = state.closed || !link || link.dialer || isUp(link.phase) || link.phase === 'down';
  if (refused) return { state, effects: [{ kind: 'refuse' }] };
  const attempt = link.attempts + 1;
  return withLink(state, peer, () => ({
    link: { ...link, phase: 'connecting', attempts: attempt, held: [] },
    effects: [...retireIfWired(link), { kind: 'accept', peer, attempt }],
  }));
}

function signallingError(state: MeshState, event: Extract<MeshEvent, { type: 'signalling-error' }>): MeshStep {
  const { peer, errorType: type, message } = event;
  if (type === 'peer-unavailable' && peer !== undefined && state.links.some((l) => l.peer === peer)) {
    return withLink(state, peer, (link) => failBeforeUp(link, message, state.timings));
  }
  const signalling = state.signalling === 'connecting' ? 'failed' : state.signalling;
  return { state: { ...state, signalling, signallingError: { type, message } }, effects: [] };
}

type Handler<T extends MeshEvent['type']> = (state: MeshState, event: Extract<MeshEvent, { type: T }>, nowMs: number) => MeshStep;

const handlers: { readonly [T in MeshEvent['type']]: Handler<T> } = {
  'signalling-open': (state, _event, nowMs) => {
    // Registered again after a drop (signalling-retry.ts): links still waiting are dialled now.
    const opened: MeshState = { ...state, signalling: 'open', signallingMs: state.signallingMs ?? nowMs - state.startedAtMs };
    return everyLink(opened, (s, link) => (link.dialer ? dial(s, link) : same(link)));
  },
  'signalling-error': signallingError,
  'signalling-lost': (state) => ({ state: state.signalling === 'open' ? { ...state, signalling: 'lost' } : state, effects: [] }),
  incoming: (state, event) => accept(state, event.peer),
  'conn-open': (state, event) => fromWire(state, event, connOpened),
  'conn-closed': (state, event) => fromWire(state, event, (link) => lose(state, link, event.reason)),
  ice: (state, event) => fromWire(state, event, (link) => iceChanged(state, { ...link, ice: event.state })),
  'channel-open': (state, event, nowMs) => stampMesh(fromWire(state, event, comeUp), nowMs),
  'channel-closed': (state, event) => fromWire(state, event, (link) => lose(state, link, 'unreliable channel closed')),
  'channel-missing': (state, event) => fromWire(state, event, (link) => lose(state, link, 'no peer connection for the unreliable channel')),
  data: (state, event, nowMs) =>
    fromWire(state, event, (link) => {
      // Stamped on arrival (the shell's clock is the page's performance.now(), the engine's too).
      const message: TransportEvent = { type: 'message', from: link.peer, data: event.data, channel: event.channel, atMs: nowMs };
      return isUp(link.phase) ? { link, effects: [emit(message)] } : { link: { ...link, held: [...link.held, message] }, effects: [] };
    }),
  timer: (state, event) => withLink(state, event.peer, (link) => onTimer[link.phase]?.(state, link) ?? same(link)),
  gone: (state, event) => withLink(state, event.peer, (link) => goDown(link, event.reason, state.closed)),
  'add-peer': (state, event) => {
    const { peer } = event;
    if (state.closed || state.links.some((l) => l.peer === peer)) return { state, effects: [] };
    const link: LinkState = { peer, dialer: event.dialer, phase: 'waiting', attempts: 0, lastError: '', ice: '', held: [] };
    const added: MeshState = { ...state, links: [...state.links, link] };
    return link.dialer && state.signalling === 'open' ? withLink(added, peer, (l) => dial(added, l)) : { state: added, effects: [] };
  },
  close: (state) => {
    if (state.closed) return { state, effects: [] };
    const step = everyLink({ ...state, closed: true }, (s, link) => goDown(link, 'closed', true));
    return { state: step.state, effects: [...step.effects, { kind: 'shut-down' }] };
  },
};

/** The mesh's reducer: the next state and the effects of `event` at `nowMs`. */
export function reduceMesh(state: MeshState, event: MeshEvent, nowMs: number): MeshStep {
  const handler = handlers[event.type] as Handler<typeof event.type>;
  return handler(state, event as never, nowMs);
}
