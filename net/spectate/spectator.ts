/**
 * A spectator's engine: it watches a running match without being a peer of its lockstep. It asks
 * one player (its feeder, chosen by the host) to `watch`, loads the snapshot that player sends (a
 * confirmed checkpoint's state, checked against that checkpoint's hash), then plays the confirmed
 * inputs that follow at the page's 60 Hz, a few frames behind, faster when it falls behind
 * (playback.ts). Its own checkpoints are compared with the feeder's; a mismatch is a `desync`
 * event. When the feeder leaves, `switchFeeder` asks another player to go on from the frames it
 * holds: no second snapshot.
 *
 * It implements the lockstep engine's interface (`role()` is 'spectator'), so the page's match
 * loop, scene and test surface run it as they run a player's engine, with no local slot.
 */
import { DEFAULT_LOCKSTEP_OPTIONS, SnapshotAssembly } from '../lockstep';
import type { AdvanceResult, Game, LockstepEngine, LockstepEvent, LockstepStats, PeerId, Transport, TransportEvent } from '../lockstep';
import { decodeSpectate, encodeSpectate, type SpectateMessage } from '../protocol';
import { Playback } from './playback';

/** What a spectator needs. */
export interface SpectatorConfig<State> {
  /** The match's game; it must decode states (`decodeState`). */
  readonly game: Game<State, unknown>;
  readonly transport: Transport;
  /** The player that feeds this spectator (the host says which). */
  readonly feeder: PeerId;
  /** The match's slot count. */
  readonly slots: number;
  /** The players' checkpoint interval (frames); the engine's default if absent. */
  readonly checkpointInterval?: number;
  /** Frames held before playing again after the feed ran dry (default 6, 100 ms). */
  readonly bufferFrames?: number;
  /** Ask only once the transport reports the feeder up (the mesh does; the simulated network does not). */
  readonly waitForPeerUp?: boolean;
}

/** Where a spectator stands. */
export type SpectatorPhase = 'connecting' | 'loading' | 'watching' | 'feeder-lost' | 'failed';

/** A spectator's figures, for the page and `window.ricochet`. */
export interface SpectatorStatus {
  readonly phase: SpectatorPhase;
  readonly feeder: PeerId;
  /** Why it failed, or the last message it refused. */
  readonly problem: string | null;
  /** The snapshot it loaded: its frame and size; null before. */
  readonly snapshot: { readonly frame: number; readonly bytes: number } | null;
  /** Checkpoints compared with the feeder's and equal, and those that differed. */
  readonly agreed: number;
  readonly mismatches: number;
}

/** The spectator's engine: a lockstep engine that plays no slot, plus its own status. */
export interface SpectatorEngine<State> extends LockstepEngine<State> {
  /** True once the snapshot is loaded: `state()` has something to show. */
  ready(): boolean;
  status(): SpectatorStatus;
  /** The feeder left: ask `peer` to go on from the frames this page holds. */
  switchFeeder(peer: PeerId): void;
}

/** Counters of what came and went. */
interface Counts {
  stalls: number;
  bytesReceived: number;
  packetsReceived: number;
  bytesSent: number;
  packetsSent: number;
  invalid: number;
  spoofed: number;
}

/** The spectator's state and rules; `createSpectator` wraps it in the engine's interface. */
class Spectator<State> {
  feeder: PeerId;
  phase: SpectatorPhase = 'connecting';
  problem: string | null = null;
  playback: Playback<State> | null = null;
  snapshot: SpectatorStatus['snapshot'] = null;
  readonly events: LockstepEvent[] = [];
  readonly counts: Counts = { stalls: 0, bytesReceived: 0, packetsReceived: 0, bytesSent: 0, packetsSent: 0, invalid: 0, spoofed: 0 };
  private asked = false;
  private assembly: { readonly parts: SnapshotAssembly; readonly hash: number } | null = null;
  private readonly up = new Set<PeerId>();
  private readonly interval: number;
  private readonly bufferFrames: number;

  constructor(private readonly config: SpectatorConfig<State>) {
    this.feeder = config.feeder;
    this.interval = config.checkpointInterval ?? DEFAULT_LOCKSTEP_OPTIONS.checkpointInterval;
    this.bufferFrames = config.bufferFrames ?? 6;
  }

  /** Drains the transport, asks the feeder if not yet, and reports new mismatches. */
  poll(): void {
    for (const event of this.config.transport.drain()) this.onEvent(event);
    this.ask();
    this.reportMismatches();
  }

  /** Steps one frame if it may. */
  advance(): AdvanceResult<State> {
    const { playback } = this;
    const frame = playback?.frame ?? 0;
    if (!playback || this.phase === 'failed' || !playback.step()) {
      this.counts.stalls += 1;
      return { kind: 'stalled', frame, waitingFor: [this.feeder] };
    }
    this.reportMismatches();
    return { kind: 'advanced', frame, state: playback.state, inputs: [] };
  }

  switchFeeder(peer: PeerId): void {
    this.feeder = peer;
    this.asked = false;
    if (this.phase === 'failed') return;
    // Mid-snapshot: start over with the new feeder.
    if (!this.playback) {
      this.assembly = null;
      this.phase = 'connecting';
    } else this.phase = 'watching';
    this.ask();
  }

  status(): SpectatorStatus {
    const verdicts = this.playback?.verdicts();
    const { phase, feeder, problem, snapshot } = this;
    return { phase, feeder, problem, snapshot, agreed: verdicts?.agreed ?? 0, mismatches: verdicts?.mismatches.length ?? 0 };
  }

  private send(msg: SpectateMessage): void {
    const bytes = encodeSpectate(msg);
    this.counts.bytesSent += bytes.length;
    this.counts.packetsSent += 1;
    this.config.transport.send(this.feeder, bytes, 'reliable');
  }

  private ask(): void {
    if (this.asked || (this.config.waitForPeerUp && !this.up.has(this.feeder))) return;
    this.asked = true;
    this.send({ kind: 'watch', from: this.playback ? this.playback.heldUntil() : null });
  }

  private refuse(reason: string): void {
    this.counts.invalid += 1;
    this.problem = `The player feeding this view sent ${reason}.`;
  }

  private fail(reason: string): void {
    this.phase = 'failed';
    this.problem = reason;
  }

  private onEvent(event: TransportEvent): void {
    if (event.type === 'peer-up') this.up.add(event.peer);
    if (event.type === 'peer-down') this.up.delete(event.peer);
    if (event.type === 'peer-down' && event.peer === this.feeder && this.phase !== 'failed') this.phase = 'feeder-lost';
    if (event.type !== 'message') return;
    this.counts.bytesReceived += event.data.length;
    this.counts.packetsReceived += 1;
    if (event.from !== this.feeder) return void (this.counts.spoofed += 1);
    if (this.phase === 'failed') return;
    const decoded = decodeSpectate(event.data);
    if (!decoded.ok) return this.refuse(`a message that is not the spectate protocol's: ${decoded.error.message}`);
    const handler = this.handlers[decoded.msg.kind] as (msg: SpectateMessage) => void;
    handler(decoded.msg);
  }

  private readonly handlers: { readonly [K in SpectateMessage['kind']]: (msg: Extract<SpectateMessage, { kind: K }>) => void } = {
    watch: () => this.refuse('a watch, which only a spectator sends'),
    feedStart: (msg) => {
      if (this.phase !== 'connecting') return this.refuse(`a second snapshot (frame ${msg.frame})`);
      this.assembly = { parts: new SnapshotAssembly(this.feeder, msg.frame), hash: msg.hash };
      this.phase = 'loading';
    },
    snapshotChunk: (msg) => {
      const { assembly } = this;
      if (!assembly || this.phase !== 'loading') return this.refuse('a snapshot chunk it did not announce');
      const result = assembly.parts.add(this.feeder, msg);
      if (result.kind === 'refused') return result.fatal ? this.fail(`The match's state could not be loaded: ${result.reason}.`) : this.refuse(result.reason);
      if (result.kind === 'complete') this.load(result.bytes, msg.frame, assembly.hash);
    },
    feedInputs: (msg) => {
      if (!this.playback) return this.refuse(`inputs (frame ${msg.startFrame}) before a snapshot`);
      if (msg.slots !== this.config.slots) return this.refuse(`inputs for ${msg.slots} slots, not ${this.config.slots}`);
      const error = this.playback.addInputs(msg.startFrame, msg.rows, msg.leaves);
      if (error !== null) this.fail(`The player feeding this view sent ${error}.`);
    },
    checkpoint: (msg) => {
      const error = this.playback ? this.playback.addCheckpoint(msg.frame, msg.hash) : 'a checkpoint before a snapshot';
      if (error !== null) this.refuse(error);
    },
  };

  private load(bytes: Uint8Array, frame: number, hash: number): void {
    const { game } = this.config;
    const state = game.decodeState?.(bytes) ?? null;
    if (state === null) return this.fail(`The match's state from ${this.feeder} could not be read.`);
    if (game.hash(state) !== hash) return this.fail(`The match's state from ${this.feeder} does not match its checkpoint at frame ${frame}.`);
    this.playback = new Playback(game, state, frame, this.interval, this.bufferFrames, hash);
    this.snapshot = { frame, bytes: bytes.length };
    this.phase = 'watching';
  }

  private reportMismatches(): void {
    for (const m of this.playback?.drainMismatches() ?? []) {
      this.events.push({ type: 'desync', frame: m.frame, peer: this.feeder, localHash: m.localHash, remoteHash: m.remoteHash, outvoted: false, recovering: false, sections: [] });
    }
  }
}

/** Builds a spectator; it asks its feeder as soon as it can. */
export function createSpectator<State>(config: SpectatorConfig<State>): SpectatorEngine<State> {
  const s = new Spectator(config);
  const current = (): Playback<State> => {
    if (!s.playback) throw new Error('a spectator has no state before its snapshot (check ready())');
    return s.playback;
  };
  return {
    setLocalInput: () => undefined,
    poll: () => s.poll(),
    advance: () => s.advance(),
    state: () => current().state,
    frame: () => s.playback?.frame ?? 0,
    confirmedFrame: () => s.playback?.frame ?? 0,
    scheduledUntil: () => Number.MAX_SAFE_INTEGER,
    stats: () => spectatorStats(s.counts, s.playback),
    drainEvents: () => s.events.splice(0),
    checkpoints: () => s.playback?.checkpoints() ?? [],
    inputLog: () => ({ inputs: [], leaves: [] }),
    desync: () => null,
    leave: () => undefined,
    away: () => undefined,
    back: () => undefined,
    pageGone: () => undefined, // plays no slot and keeps none
    role: () => 'spectator',
    lag: () => s.playback?.lag() ?? 0,
    checkpointState: () => null,
    ready: () => s.playback !== null,
    status: () => s.status(),
    switchFeeder: (peer) => s.switchFeeder(peer),
  };
}

/** The engine's stats shape, with what a spectator has. */
function spectatorStats<State>(counts: Counts, playback: Playback<State> | null): LockstepStats {
  const verdicts = playback?.verdicts();
  const last = playback?.checkpoints().at(-1);
  const status = verdicts && verdicts.mismatches.length > 0 ? 'desync' : 'agreed';
  return {
    delay: 0,
    rttByPeer: {},
    rttP90ByPeer: {},
    rttMedianByPeer: {},
    jitterByPeer: {},
    pingLossByPeer: {},
    stalls: counts.stalls,
    bytesSent: counts.bytesSent,
    bytesReceived: counts.bytesReceived,
    packetsSent: counts.packetsSent,
    packetsReceived: counts.packetsReceived,
    rejected: { invalid: counts.invalid, spoofed: counts.spoofed, stale: 0, duplicate: 0, fromDropped: 0 },
    lastCheckpoint: last ? { frame: last[0], status } : null,
    rollbacks: 0,
    rollbackFrames: 0,
    predictedFrames: 0,
    predictionDepth: 0,
  };
}
