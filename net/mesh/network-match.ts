/**
 * The page's entry point for a networked match, from the lobby's start to "play again":
 *
 *   lobby.onStart(async (start) => {
 *     const r = await startNetworkMatch({ start, welcome, runMatch, playBot: params.bot });
 *     if (!r.ok) showError(r.error.message, r.error.hint);
 *     // results screen: "Play again" -> await r.match.rematch()
 *   });
 *
 * It connects the mesh (connect-match.ts), then hands the match to the page's `runMatch` (game/app)
 * with everything it needs. A rematch reuses the same mesh: every player asks for it, the
 * coordinator (lowest peer id) draws the new seed, and the players still connected play again in
 * their original slot order. The game is injected (`runMatch`), so net/ stays game-agnostic.
 */
import type { Colour, StartInfo, Welcome } from '../lobby';
import type { PeerId, Transport } from '../lockstep';
import { realClock, type MeshClock } from './mesh-clock';
import { MESH_ERROR, meshError, type MeshError } from './mesh-errors';
import {
  connected,
  connectMatch,
  runHandshake,
  type ConnectedMatch,
  type ConnectMatchOptions,
} from './connect-match';
import type { MeshStatus, PeerjsTransport } from './peerjs-transport';
import type { HandshakeConfig } from './start-handshake';

/** What `runMatch` gets (structurally game/app's RunMatchOptions). */
export interface NetworkMatchRun {
  readonly transport: Transport;
  readonly slotOwners: readonly PeerId[];
  readonly localSlots: readonly number[];
  readonly setup: { readonly seed: number; readonly players: { readonly name: string }[] };
  readonly botSlots: readonly number[];
  readonly startAtMs: number;
  readonly colours: readonly string[];
  readonly mode: 'network';
}

/** What `runMatch` returns, as far as the mesh cares: stop it, and tell the others we leave. */
export interface RunningMatch {
  stop(): void;
  readonly engine?: { leave(nowMs: number): void };
}

/** Options of `startNetworkMatch`. */
export interface NetworkMatchOptions<S extends RunningMatch> {
  readonly start: StartInfo;
  readonly welcome: Welcome;
  /** Starts and shows one match (game/app's runMatch). */
  readonly runMatch: (run: NetworkMatchRun) => S;
  /** `bot=1`: a bot plays this page's own player slot too. */
  readonly playBot?: boolean;
  readonly connect?: ConnectMatchOptions;
  /** How long a rematch waits for every player to ask for it. */
  readonly rematchTimeoutMs?: number;
}

/** A networked match on a live mesh. */
export interface NetworkMatch<S> {
  /** The match being played (or just finished). */
  session(): S;
  /** The latest connection figures (mesh time, RTT to the coordinator, start time). */
  connection(): ConnectedMatch;
  status(): MeshStatus;
  /** Play again with the players still connected: resolves once the new match runs. */
  rematch(): Promise<{ readonly ok: true } | { readonly ok: false; readonly error: MeshError }>;
  /** The host saw `peerId`'s page close (tab closed or crashed): drop it now. */
  peerGone(peerId: string): void;
  /** The host asks this page to feed the spectator `peerId`: connect to it too (net/spectate feeds it). */
  feed(peerId: string): void;
  /**
   * Leave for good: tell the peers (they drop us at once instead of after a silence), stop the
   * match, close the mesh. The page calls it from its one pagehide handler too.
   */
  close(): void;
}

/** What `startNetworkMatch` resolves to. */
export type StartNetworkMatchResult<S> =
  | { readonly ok: true; readonly match: NetworkMatch<S> }
  | { readonly ok: false; readonly error: MeshError };

/** The original slots kept in a layout of `owners` (the survivors, in original slot order). */
export function keptSlots(original: readonly PeerId[], owners: readonly PeerId[]): number[] | null {
  const set = new Set(owners);
  const kept = original.flatMap((owner, slot) => (set.has(owner) ? [slot] : []));
  return kept.length === owners.length && kept.every((slot, i) => original[slot] === owners[i])
    ? kept
    : null;
}

/** Builds `runMatch`'s options for a connection, mapping each slot back to its original slot. */
export function runOptions(start: StartInfo, c: ConnectedMatch, playBot: boolean): NetworkMatchRun {
  const kept = keptSlots(start.slotOwners, c.slotOwners) ?? [];
  const ownSlot = c.localSlots.find((slot) => !start.botSlots.includes(kept[slot] ?? -1));
  const botSlots = c.localSlots.filter(
    (slot) => start.botSlots.includes(kept[slot] ?? -1) || (playBot && slot === ownSlot),
  );
  return {
    transport: c.transport,
    slotOwners: c.slotOwners,
    localSlots: c.localSlots,
    setup: { seed: c.seed, players: c.names.map((name) => ({ name })) },
    botSlots,
    startAtMs: c.startAtMs,
    colours: kept.map((slot) => start.colours[slot] ?? ('#FFFFFF' satisfies Colour)),
    mode: 'network',
  };
}

/** The figures of a connection, as plain JSON. */
export function connectionFigures(c: ConnectedMatch) {
  const { slotOwners, localSlots, names, seed, startAtMs, meshMs, rttMs } = c;
  return { slotOwners, localSlots, names, seed, startAtMs, meshMs, rttMs };
}

/** What a rematch resolves to. */
type RematchResult = Awaited<ReturnType<NetworkMatch<unknown>['rematch']>>;

/** The match on this page: the latest connection and session, replaced by each rematch. */
interface Live<S extends RunningMatch> {
  readonly options: NetworkMatchOptions<S>;
  readonly mesh: PeerjsTransport;
  readonly clock: MeshClock;
  current: ConnectedMatch;
  session: S;
}

/** The players still connected (and this page), in original slot order. */
function survivors(mesh: PeerjsTransport, slotOwners: readonly PeerId[]): PeerId[] {
  const up = new Set(mesh.status().links.filter((l) => l.state === 'up').map((l) => l.peer));
  up.add(mesh.self);
  return slotOwners.filter((p) => up.has(p));
}

/** A rematch of `owners`: same match id and build; the coordinator draws the seed. */
function rematchConfig(
  options: NetworkMatchOptions<RunningMatch>,
  owners: readonly PeerId[],
): Omit<HandshakeConfig, 'transport'> {
  const { start, welcome, connect } = options;
  const kept = keptSlots(start.slotOwners, owners) ?? [];
  return {
    slotOwners: owners,
    names: kept.map((slot) => start.names[slot] ?? ''),
    seed: 0,
    matchId: start.matchId,
    buildId: connect?.buildId ?? welcome.buildId,
    countdownMs: connect?.countdownMs ?? 1000,
    mode: 'rematch',
    newSeed: () => Math.floor(Math.random() * 0x1_0000_0000),
  };
}

/** Stops the finished match, agrees on the next one with the players still connected, runs it. */
async function rematch<S extends RunningMatch>(live: Live<S>): Promise<RematchResult> {
  const { options, mesh, clock } = live;
  const { start } = options;
  live.session.stop();
  const owners = survivors(mesh, start.slotOwners);
  if (new Set(owners).size < 2) return { ok: false, error: meshError(MESH_ERROR.peerLeft, 'nobody left to play with') };
  const timeoutMs = options.rematchTimeoutMs ?? 300_000;
  const handshake = await runHandshake(mesh, rematchConfig(options, owners), clock, timeoutMs, options.connect?.pollMs ?? 5);
  const { outcome, leftovers } = handshake;
  if (!outcome.ok) return outcome;
  if (!keptSlots(start.slotOwners, outcome.start.slotOwners)) {
    return { ok: false, error: meshError(MESH_ERROR.startMismatch, 'rematch layout') };
  }
  live.current = connected(mesh, outcome.start, leftovers);
  live.session = options.runMatch(runOptions(start, live.current, options.playBot ?? false));
  return { ok: true };
}

/** Leaving for good: tell the others (they drop us at once), stop, close the connections. */
function leave(live: Live<RunningMatch>): void {
  live.session.engine?.leave(live.clock.now());
  live.session.stop();
  live.mesh.close();
}

/** Connects the match the lobby started and runs it. Never rejects for network reasons. */
export async function startNetworkMatch<S extends RunningMatch>(
  options: NetworkMatchOptions<S>,
): Promise<StartNetworkMatchResult<S>> {
  const first = await connectMatch(options.start, options.welcome, options.connect);
  if (!first.ok) return first;
  const session = options.runMatch(runOptions(options.start, first, options.playBot ?? false));
  const live: Live<S> = { options, mesh: first.mesh, clock: options.connect?.clock ?? realClock, current: first, session };
  const match: NetworkMatch<S> = {
    session: () => live.session,
    connection: () => live.current,
    status: () => live.mesh.status(),
    rematch: () => rematch(live),
    peerGone: (peerId) => live.mesh.markGone(peerId, 'its page closed its connection to the host'),
    feed: (peerId) => live.mesh.addPeer(peerId),
    close: () => leave(live),
  };
  return { ok: true, match };
}
