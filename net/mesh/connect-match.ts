/**
 * `connectMatch`: from the lobby's start to a mesh ready for frame 0. Builds the PeerJS mesh for
 * the roster the host sent, runs the start handshake (start-handshake.ts) over it, and hands back
 * the transport with the agreed start time, or a typed error the page can show.
 */
import type { StartInfo, Welcome } from '../lobby';
import type { PeerId, Transport, TransportEvent } from '../lockstep';
import { realClock, type MeshClock } from './mesh-clock';
import { MESH_ERROR, meshError, thrownText, type MeshError } from './mesh-errors';
import type { CreatePeer } from './mesh-ports';
import { createPeerjsTransport, type MeshStatus, type PeerjsTransport } from './peerjs-transport';
import { createStartHandshake, type AgreedStart, type HandshakeConfig, type HandshakeOutcome } from './start-handshake';

/** Tunables and seams; the defaults suit a page. */
export interface ConnectMatchOptions {
  readonly createPeer?: CreatePeer;
  readonly clock?: MeshClock;
  /** Frame 0 begins this long after the coordinator's start. */
  readonly countdownMs?: number;
  /** Give up if the mesh and handshake are not done by then. */
  readonly timeoutMs?: number;
  /** How often the transport is drained during the handshake. */
  readonly pollMs?: number;
  /** This page's build id (default: the welcome's, i.e. the host's). */
  readonly buildId?: string;
}

/** A connected match, ready for `runMatch`. */
export interface ConnectedMatch {
  readonly ok: true;
  /** The lockstep transport (the mesh, with anything the handshake did not consume replayed first). */
  readonly transport: Transport;
  /** The mesh itself: status, and `close()` when the page leaves the match for good. */
  readonly mesh: PeerjsTransport;
  readonly slotOwners: readonly PeerId[];
  readonly localSlots: readonly number[];
  readonly names: readonly string[];
  readonly seed: number;
  /** When frame 0 begins, on the page's `performance.now()` clock. */
  readonly startAtMs: number;
  /** From the start of connecting to a full mesh. */
  readonly meshMs: number | null;
  readonly rttMs: number | null;
}

/** What `connectMatch` resolves to: never a rejection for network reasons. */
export type ConnectMatchResult = ConnectedMatch | { readonly ok: false; readonly error: MeshError };

/** A transport that first replays `events`, then drains `inner`. */
export function withLeftovers(inner: Transport, events: readonly TransportEvent[]): Transport {
  let pending = [...events];
  return {
    self: inner.self,
    send: (to, data, channel) => inner.send(to, data, channel),
    drain() {
      const out = [...pending, ...inner.drain()];
      pending = [];
      return out;
    },
  };
}

/** Why a handshake that timed out did not finish, from what the mesh saw. */
export function classifyTimeout(status: MeshStatus, missing: readonly PeerId[]): MeshError {
  if (status.signalling === 'failed' || (status.signalling !== 'open' && status.meshMs === null)) {
    return meshError(MESH_ERROR.hostUnreachable, status.signallingError?.message ?? `signalling ${status.signalling}`);
  }
  const notUp = status.links.filter((l) => l.state !== 'up');
  const unreached = notUp.filter((l) => l.lastError.includes('Could not connect to peer'));
  const failed = notUp.filter((l) => !unreached.includes(l) && l.attempts > 0);
  if (failed.length > 0) {
    return meshError(MESH_ERROR.webrtcFailed, failed.map((l) => `${l.peer}: ${l.lastError || `ICE ${l.ice || 'new'}`}`).join('; '));
  }
  const who = notUp.length > 0 ? notUp.map((l) => l.peer) : missing;
  return meshError(MESH_ERROR.timeout, `waiting for ${who.join(', ') || 'nobody'}`);
}

/**
 * Runs a start handshake over `mesh` until it has an outcome or `timeoutMs` passes. Resolves with
 * the outcome and the events the handshake did not consume (to replay to the engine).
 */
export function runHandshake(
  mesh: PeerjsTransport,
  config: Omit<HandshakeConfig, 'transport'>,
  clock: MeshClock,
  timeoutMs: number,
  pollMs: number,
): Promise<{ outcome: HandshakeOutcome; leftovers: TransportEvent[] }> {
  const handshake = createStartHandshake({ ...config, transport: mesh });
  const deadline = clock.now() + timeoutMs;
  // Events drained before the outcome that were not the handshake's stay for the engine.
  const leftovers: TransportEvent[] = [];
  const poll = (): HandshakeOutcome | null => {
    for (const event of mesh.drain()) {
      const done = handshake.outcome() !== null;
      if (done || !handshake.handle(event, clock.now())) leftovers.push(event);
    }
    handshake.tick(clock.now());
    const outcome = handshake.outcome();
    if (outcome || clock.now() < deadline) return outcome;
    return { ok: false, error: classifyTimeout(mesh.status(), handshake.missing()) };
  };
  return new Promise((resolve) => {
    const tick = (): void => {
      let outcome: HandshakeOutcome | null;
      try {
        outcome = poll();
      } catch (thrown) {
        // The handshake turns its own throws into an outcome; anything else (the mesh) must not
        // stop the loop silently either: the page would wait forever for a start or a timeout.
        outcome = { ok: false, error: meshError(MESH_ERROR.startFailed, thrownText(thrown)) };
      }
      if (outcome) resolve({ outcome, leftovers });
      else clock.setTimeout(tick, pollMs);
    };
    handshake.begin(clock.now());
    tick();
  });
}

/** The slots `self` plays (its player's, and the bots it runs). */
export function localSlotsOf(slotOwners: readonly PeerId[], self: PeerId): number[] {
  return slotOwners.flatMap((owner, slot) => (owner === self ? [slot] : []));
}

/**
 * Connects this page to the match the lobby just started: full mesh, hello handshake, then a
 * synchronised start. Resolves before frame 0; never rejects for network reasons.
 */
export async function connectMatch(start: StartInfo, welcome: Welcome, options: ConnectMatchOptions = {}): Promise<ConnectMatchResult> {
  const self = welcome.peerId;
  if (!start.slotOwners.includes(self)) return { ok: false, error: meshError(MESH_ERROR.notInMatch, self) };
  const clock = options.clock ?? realClock;
  const { createPeer } = options;
  const mesh = createPeerjsTransport({
    self,
    peers: start.slotOwners,
    // The welcome's key was the key of the match being gathered then; a later match has its own.
    server: { ...welcome.peerServer, key: start.peerKey },
    iceServers: welcome.iceServers,
    clock,
    ...(createPeer ? { createPeer } : {}),
  });
  const config = {
    slotOwners: start.slotOwners,
    names: start.names,
    seed: start.seed,
    matchId: start.matchId,
    buildId: options.buildId ?? welcome.buildId,
    countdownMs: options.countdownMs ?? 1000,
    mode: 'first',
  } as const;
  const { outcome, leftovers } = await runHandshake(mesh, config, clock, options.timeoutMs ?? 20_000, options.pollMs ?? 5);
  if (!outcome.ok) {
    mesh.close();
    return outcome;
  }
  return connected(mesh, outcome.start, leftovers);
}

/** The success result for an agreed start on `mesh`. */
export function connected(mesh: PeerjsTransport, start: AgreedStart, leftovers: readonly TransportEvent[]): ConnectedMatch {
  return {
    ok: true,
    transport: withLeftovers(mesh, leftovers),
    mesh,
    slotOwners: start.slotOwners,
    localSlots: localSlotsOf(start.slotOwners, mesh.self),
    names: start.names,
    seed: start.seed,
    startAtMs: start.startAtMs,
    meshMs: mesh.status().meshMs,
    rttMs: start.rttMs,
  };
}
