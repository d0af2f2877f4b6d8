/**
 * The netcode figures of one match on the simulated network, for the benchmark table: the delay
 * chosen against the physical limit, the local input latency, stalls, CPU and bytes.
 *
 * Every peer runs its own 60 Hz tick at a seeded phase (as real pages do) and changes its input
 * now and then. An input's latency is the ticks from the one where it was set to the one where the
 * frame carrying it was stepped: in lockstep, the input delay plus any stall in between. The
 * engine comes from `engine.create` (default: the lockstep engine), so another mode (rollback,
 * with `predictionFrames`) can be measured by the same code and add its own columns.
 */
import { createLockstep } from '../../net/lockstep/lockstep';
import { FRAME_MS, type LockstepConfig, type LockstepEngine, type LockstepOptions } from '../../net/lockstep/engine-types';
import { profileLimit, profileLimitWithLoss } from '../simnet/profile-limit';
import type { NetProfile } from '../simnet/profiles';
import { createPrng } from '../simnet/prng';
import { createSimNetwork } from '../simnet/sim-network';
import { mixGame, type MixSetup, type MixState } from '../simnet/test-games';

/** Which engine to measure, and how. */
export interface EngineConfig {
  /** A name for the table ('lockstep', later 'rollback'). */
  readonly mode: string;
  /** Frames the engine may run ahead of the inputs it holds (0 for lockstep). */
  readonly predictionFrames: number;
  readonly options?: Partial<LockstepOptions>;
  /** Builds one peer's engine (default: createLockstep). */
  readonly create?: (config: LockstepConfig<MixState, MixSetup>) => LockstepEngine<MixState>;
}

/** One match to measure. */
export interface NetcodeRun {
  readonly profile: NetProfile;
  readonly peers: number;
  readonly engine: EngineConfig;
  /** Frames measured, after `warmUpFrames` that are not (the delay settles in those). */
  readonly frames: number;
  readonly warmUpFrames: number;
  readonly seed: number;
}

/** What one run measured. */
export interface NetcodeFigures {
  readonly delay: number;
  /** The latency frames of the profile's configured figures (profile-limit.ts). */
  readonly limit: number;
  /** The limit as issue #12 defines it: `limit` plus one frame if the profile loses packets. */
  readonly limitWithLoss: number;
  readonly latencyMean: number;
  readonly latencyP99: number;
  /** The worst peer's stalls per 1000 measured frames. */
  readonly stallsPer1000: number;
  /** CPU time (all of the run: engines, game, simulated network) per peer per frame, µs. */
  readonly cpuUsPerFrame: number;
  /** Bytes sent per second per peer, all messages, over the measured frames. */
  readonly bytesPerSecond: number;
  /** Rollback (0 in lockstep): corrections per second per peer, over the measured frames. */
  readonly rollbacksPerSecond: number;
  /** Rollback: mean frames re-simulated per correction (0 if none). */
  readonly meanRollbackFrames: number;
  /** Rollback: share of the measured frames first stepped on at least one guessed input. */
  readonly predictedShare: number;
}

interface Pending {
  readonly setTick: number;
  frame: number;
  used: boolean;
}

interface Peer {
  readonly engine: LockstepEngine<MixState>;
  readonly phase: number;
  readonly random: () => number;
  pending: Pending[];
}

/** Ticks one peer: maybe a new input, poll, advance as far as its clock allows; returns the latencies seen. */
function tickPeer(peer: Peer, slot: number, tick: number, t: number): number[] {
  const { engine } = peer;
  if (peer.random() < 0.15) {
    // An input not yet scheduled is overwritten by this one: it was never played.
    peer.pending = peer.pending.filter((p) => p.used);
    engine.setLocalInput(slot, Math.floor(peer.random() * 32));
    peer.pending.push({ setTick: tick, frame: engine.scheduledUntil(), used: false });
  }
  engine.poll(t);
  for (const p of peer.pending) if (!p.used && engine.scheduledUntil() > p.frame) p.used = true;
  for (let n = 0; n < 8 && engine.frame() <= tick; n++) if (engine.advance(t).kind === 'stalled') break;
  const done = peer.pending.filter((p) => p.used && engine.frame() > p.frame);
  peer.pending = peer.pending.filter((p) => !done.includes(p));
  return done.map((p) => tick - p.setTick);
}

/** Runs one match and measures it. */
export function measureNetcode(run: NetcodeRun): NetcodeFigures {
  const { profile, peers: count, engine: config, frames, warmUpFrames, seed } = run;
  const net = createSimNetwork(count, profile, seed);
  const random = createPrng(seed ^ 0x2b2b);
  const create = config.create ?? createLockstep;
  const peers: Peer[] = net.peers.map((_, i) => ({
    engine: create({ game: mixGame, transport: net.transport(i), setup: { slots: count, seed }, slotOwners: net.peers, localSlots: [i], options: config.options ?? {} }),
    phase: random() * FRAME_MS,
    random: createPrng(seed * 31 + i),
    pending: [],
  }));
  const latencies: number[] = [];
  let statsAtWarmUp: ReturnType<LockstepEngine<MixState>['stats']>[] = [];
  let bytesAtWarmUp: number[] = [];
  let cpuAtWarmUp = process.cpuUsage();
  for (let tick = 0; tick < warmUpFrames + frames; tick++) {
    if (tick === warmUpFrames) {
      statsAtWarmUp = peers.map((p) => p.engine.stats());
      bytesAtWarmUp = peers.map((_, i) => net.bytesSent(i));
      cpuAtWarmUp = process.cpuUsage();
    }
    // Peers tick in phase order within each frame period, on one virtual clock.
    const order = peers.map((p, i) => [p.phase, i] as const).sort((a, b) => a[0] - b[0]);
    for (const [phase, i] of order) {
      const t = tick * FRAME_MS + phase;
      net.advanceTo(t);
      const seen = tickPeer(peers[i] as Peer, i, tick, t);
      if (tick >= warmUpFrames) latencies.push(...seen);
    }
  }
  const cpu = process.cpuUsage(cpuAtWarmUp);
  // Each counter over the measured frames only, per peer.
  const since = (pick: (s: (typeof statsAtWarmUp)[number]) => number): number[] => peers.map((p, i) => pick(p.engine.stats()) - (statsAtWarmUp[i] ? pick(statsAtWarmUp[i]) : 0));
  const total = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
  const stalls = since((s) => s.stalls);
  const rollbacks = total(since((s) => s.rollbacks));
  const seconds = (frames * FRAME_MS) / 1000;
  const bytes = peers.map((_, i) => net.bytesSent(i) - (bytesAtWarmUp[i] ?? 0));
  latencies.sort((a, b) => a - b);
  return {
    delay: peers[0]!.engine.stats().delay,
    limit: profileLimit(profile),
    limitWithLoss: profileLimitWithLoss(profile),
    latencyMean: latencies.reduce((s, x) => s + x, 0) / Math.max(1, latencies.length),
    latencyP99: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0,
    stallsPer1000: (Math.max(...stalls) / frames) * 1000,
    cpuUsPerFrame: (cpu.user + cpu.system) / (frames * count),
    bytesPerSecond: total(bytes) / count / seconds,
    rollbacksPerSecond: rollbacks / count / seconds,
    meanRollbackFrames: rollbacks === 0 ? 0 : total(since((s) => s.rollbackFrames)) / rollbacks,
    predictedShare: total(since((s) => s.predictedFrames)) / count / frames,
  };
}
