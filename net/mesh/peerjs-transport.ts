/**
 * The browser mesh: a lockstep `Transport` over PeerJS data connections, one to every other peer
 * of the match (a full mesh).
 *
 * Algorithm:
 * - Every peer registers its id at the host's PeerJS server. To avoid two connections per pair,
 *   only the peer whose id sorts lower dials (matchbox does the same); the other accepts. A dial
 *   that fails because the remote is not registered yet (`peer-unavailable`), or that does not
 *   open within `dialTimeoutMs`, is retried every `dialRetryMs` until the caller gives up.
 * - Once a connection opens, both ends create the negotiated unreliable channel on it. A peer is
 *   "up" only when both channels are open; messages that arrive earlier are held back and
 *   delivered right after its `peer-up`, so the consumer never hears from a peer that is not up.
 * - Unreliable sends fall back to the reliable connection while the unreliable channel is not
 *   open (never the other way round).
 * - A peer goes down, once and for good, when its connection closes or fails, its unreliable
 *   channel closes, ICE fails, or ICE stays `disconnected` longer than `disconnectGraceMs` (a short
 *   Wi-Fi cut recovers by itself: ICE goes back to `connected`).
 * - Losing the signalling server (the host process stopped) is not a peer-down: open connections
 *   carry the match on.
 *
 * Every rule lives in the pure reducer of link-state.ts. This file is its shell: it owns the
 * PeerJS objects (through the ports of mesh-ports.ts), the clock and the timers, turns their
 * callbacks into events for the reducer, and carries out the effects it returns. Events are
 * handled one at a time, run to completion: a callback that fires while effects run (a channel
 * that is open at once, a close that reports itself) is queued behind them.
 *
 * Invariants: `send` never throws; `peer-up` precedes every message from that peer, and `peer-down`
 * ends them; each peer has at most one `peer-up` and one `peer-down`.
 */
import type { Channel, PeerId, Transport, TransportEvent } from '../lockstep';
import {
  canSend,
  createMeshState,
  isUp,
  reduceMesh,
  type LinkPhase,
  type MeshEffect,
  type MeshEvent,
  type MeshState,
  type SignallingState,
} from './link-state';
import { realClock, type MeshClock } from './mesh-clock';
import type { ChannelLike, ConnLike, CreatePeer, IceServerParams, PeerLike, PeerServerParams } from './mesh-ports';
import { createPeerjsPeer } from './peerjs-adapter';

/** Defined with the reducer, and re-exported here, where the mesh's other public types live. */
export type { SignallingState };

/** How to reach the other peers of a match. */
export interface PeerjsTransportOptions {
  /** Our PeerJS id (the lobby's welcome gives it). */
  readonly self: PeerId;
  /** Every peer of the match (ours may be included: it is skipped). */
  readonly peers: readonly PeerId[];
  readonly server: PeerServerParams;
  /** Empty on a LAN (the default): no STUN/TURN traffic leaves the network. */
  readonly iceServers?: readonly IceServerParams[];
  readonly createPeer?: CreatePeer;
  readonly clock?: MeshClock;
  /** Default 100 ms: a peer that is not registered yet usually is a moment later. */
  readonly dialRetryMs?: number;
  /** Default 8 s: a LAN connection opens in well under a second, a stuck one never does. */
  readonly dialTimeoutMs?: number;
  /** Default 3 s: how long ICE may stay `disconnected` before the peer is taken down. */
  readonly disconnectGraceMs?: number;
}

/** One remote peer's link, for diagnostics and error messages. */
export interface LinkStatus {
  readonly peer: PeerId;
  readonly state: 'connecting' | 'up' | 'down';
  /** The finer phase behind `state` (see link-state.ts): why a link is still connecting. */
  readonly phase: LinkPhase;
  readonly attempts: number;
  readonly lastError: string;
  /** Last ICE connection state seen ('' before any). */
  readonly ice: string;
}

/** What the mesh looks like now. */
export interface MeshStatus {
  readonly signalling: SignallingState;
  readonly signallingError: { readonly type: string; readonly message: string } | null;
  readonly links: readonly LinkStatus[];
  /** Milliseconds from creation to the moment every peer was up; null until then. */
  readonly meshMs: number | null;
  /** Milliseconds from creation to registration at the signalling server; null until then. */
  readonly signallingMs: number | null;
}

/** The PeerJS mesh: a `Transport`, plus status and teardown. */
export interface PeerjsTransport extends Transport {
  status(): MeshStatus;
  /**
   * Someone we trust says `peer` is gone (the host saw its page close its lobby connection): end
   * its link now with a peer-down, rather than wait for the lockstep engine's silence threshold.
   */
  markGone(peer: PeerId, reason: string): void;
  /**
   * Connect to `peer` too, though it is not of the match (a spectator this page feeds): the lower
   * id dials, as for the others. Its events come through `drain` like any peer's.
   */
  addPeer(peer: PeerId): void;
  /** Closes every connection and leaves the signalling server. Events stop. */
  close(): void;
}

function meshStatus(state: MeshState): MeshStatus {
  const { signalling, signallingError, meshMs, signallingMs } = state;
  const links = state.links.map(({ peer, phase, attempts, lastError, ice }): LinkStatus => {
    const coarse = isUp(phase) ? 'up' : phase === 'down' ? 'down' : 'connecting';
    return { peer, state: coarse, phase, attempts, lastError, ice };
  });
  return { signalling, signallingError, meshMs, signallingMs, links };
}

/** The live objects behind a link's current connection. */
interface Wire {
  readonly attempt: number;
  readonly conn: ConnLike;
  channel: ChannelLike | null;
}

/** An event waiting its turn, with the incoming connection it is about, if any. */
interface Queued {
  readonly event: MeshEvent;
  readonly incoming?: ConnLike;
}

/** The shell's mutable half: the reducer's latest state, and the live objects it stands for. */
interface Shell {
  state: MeshState;
  outbox: TransportEvent[];
  running: boolean;
  readonly inbox: Queued[];
  readonly wires: Map<PeerId, Wire>;
  readonly timers: Map<PeerId, unknown>;
  readonly clock: MeshClock;
  readonly peer: PeerLike;
}

/** Feeds `event` to the reducer and carries out its effects, one event at a time. */
function dispatch(shell: Shell, event: MeshEvent, incoming?: ConnLike): void {
  shell.inbox.push({ event, ...(incoming ? { incoming } : {}) });
  if (shell.running) return;
  shell.running = true;
  try {
    for (let next = shell.inbox.shift(); next; next = shell.inbox.shift()) {
      const step = reduceMesh(shell.state, next.event, shell.clock.now());
      shell.state = step.state;
      for (const effect of step.effects) perform(shell, effect, next.incoming);
    }
  } finally {
    shell.running = false;
  }
}

function attach(shell: Shell, peer: PeerId, attempt: number, conn: ConnLike): void {
  shell.wires.set(peer, { attempt, conn, channel: null });
  conn.listen({
    open: () => dispatch(shell, { type: 'conn-open', peer, attempt }),
    data: (data) => dispatch(shell, { type: 'data', peer, attempt, data, channel: 'reliable' }),
    close: (reason) => dispatch(shell, { type: 'conn-closed', peer, attempt, reason }),
    ice: (state) => dispatch(shell, { type: 'ice', peer, attempt, state }),
  });
}

function openChannel(shell: Shell, peer: PeerId, attempt: number): void {
  const wire = shell.wires.get(peer);
  if (!wire || wire.attempt !== attempt) return;
  const channel = wire.conn.openUnreliable();
  if (!channel) return dispatch(shell, { type: 'channel-missing', peer, attempt });
  wire.channel = channel;
  channel.listen({
    open: () => channel.isOpen && dispatch(shell, { type: 'channel-open', peer, attempt }),
    data: (data) => dispatch(shell, { type: 'data', peer, attempt, data, channel: 'unreliable' }),
    close: () => dispatch(shell, { type: 'channel-closed', peer, attempt }),
  });
}

function retire(shell: Shell, peer: PeerId): void {
  const wire = shell.wires.get(peer);
  shell.wires.delete(peer);
  wire?.channel?.close();
  wire?.conn.close();
}

function clearTimer(shell: Shell, peer: PeerId): void {
  shell.clock.clearTimeout(shell.timers.get(peer));
  shell.timers.delete(peer);
}

function setTimer(shell: Shell, peer: PeerId, ms: number): void {
  clearTimer(shell, peer);
  const fire = (): void => {
    shell.timers.delete(peer);
    dispatch(shell, { type: 'timer', peer });
  };
  shell.timers.set(peer, shell.clock.setTimeout(fire, ms));
}

type Performer<K extends MeshEffect['kind']> = (
  shell: Shell,
  effect: Extract<MeshEffect, { kind: K }>,
  incoming: ConnLike | undefined,
) => void;

const performers: { readonly [K in MeshEffect['kind']]: Performer<K> } = {
  dial: (shell, e) => attach(shell, e.peer, e.attempt, shell.peer.connect(e.peer)),
  accept: (shell, e, incoming) => incoming && attach(shell, e.peer, e.attempt, incoming),
  refuse: (_shell, _e, incoming) => incoming?.close(),
  'open-channel': (shell, e) => openChannel(shell, e.peer, e.attempt),
  retire: (shell, e) => retire(shell, e.peer),
  'set-timer': (shell, e) => setTimer(shell, e.peer, e.ms),
  'clear-timer': (shell, e) => clearTimer(shell, e.peer),
  emit: (shell, e) => void shell.outbox.push(e.event),
  'shut-down': (shell) => {
    shell.outbox = [];
    shell.peer.destroy();
  },
};

function perform(shell: Shell, effect: MeshEffect, incoming: ConnLike | undefined): void {
  (performers[effect.kind] as Performer<typeof effect.kind>)(shell, effect as never, incoming);
}

function listenToPeer(shell: Shell): void {
  shell.peer.listen({
    open: () => dispatch(shell, { type: 'signalling-open' }),
    connection: (conn) => dispatch(shell, { type: 'incoming', peer: conn.peer }, conn),
    error: (errorType, message, peer) =>
      dispatch(shell, { type: 'signalling-error', errorType, message, ...(peer === undefined ? {} : { peer }) }),
    disconnected: () => dispatch(shell, { type: 'signalling-lost' }),
  });
}

/** Unreliable sends fall back to the reliable connection until the unreliable channel is open. */
function send(shell: Shell, to: PeerId, data: Uint8Array, channel: Channel): void {
  const wire = shell.wires.get(to);
  if (!wire || !canSend(shell.state, to)) return;
  try {
    if (channel === 'unreliable' && wire.channel?.isOpen) wire.channel.send(data);
    else wire.conn.send(data);
  } catch {
    // A channel that is closing throws; its close event reports the peer down.
  }
}

/** Creates the mesh and starts connecting at once. */
export function createPeerjsTransport(options: PeerjsTransportOptions): PeerjsTransport {
  const clock = options.clock ?? realClock;
  const { self } = options;
  const timings = {
    dialRetryMs: options.dialRetryMs ?? 100,
    dialTimeoutMs: options.dialTimeoutMs ?? 8000,
    graceMs: options.disconnectGraceMs ?? 3000,
  };
  const shell: Shell = {
    state: createMeshState(self, options.peers, clock.now(), timings),
    outbox: [], running: false, inbox: [], wires: new Map(), timers: new Map(), clock,
    peer: (options.createPeer ?? createPeerjsPeer)(self, options.server, options.iceServers ?? []),
  };
  listenToPeer(shell);
  return {
    self,
    send: (to, data, channel) => send(shell, to, data, channel),
    markGone: (peer, reason) => dispatch(shell, { type: 'gone', peer, reason }),
    addPeer: (peer) => (peer === self ? undefined : dispatch(shell, { type: 'add-peer', peer, dialer: self < peer })),
    drain() {
      const events = shell.outbox;
      shell.outbox = [];
      return events;
    },
    status: () => meshStatus(shell.state),
    close: () => dispatch(shell, { type: 'close' }),
  };
}
