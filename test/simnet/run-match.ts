/**
 * The test driver: N lockstep engines in one match over the simulated network, on the virtual
 * clock. Each peer runs its own 60 Hz loop (with its own phase and, optionally, clock drift):
 * set its local inputs (random, from the seed), poll, then advance as far as its clock allows
 * (a few frames at most per tick, as a real page catches up after a stall). A peer that reached
 * the last frame keeps polling, so the others still get its inputs and checkpoints.
 */
import { createLockstep } from '../../net/lockstep/lockstep';
import { FRAME_MS, type AdvanceResult, type LockstepEngine, type LockstepEvent, type LockstepOptions, type LockstepStats } from '../../net/lockstep/engine-types';
import type { Game } from '../../net/lockstep/game';
import type { Transport } from '../../net/lockstep/transport';
import { createPrng } from './prng';

/** Frames a page steps per 60 Hz tick at most while it lags the others: 20x real time (game/app's match loop does the same). */
export const CATCH_UP_PER_TICK = 20;
import type { NetProfile } from './profiles';
import { createSimNetwork, type SimNetwork } from './sim-network';

/** What to run. */
export interface MatchPlan<State, Setup> {
  readonly peers: number;
  /** Slot owners by peer index (default: one slot per peer). */
  readonly slotOwnerIndex?: readonly number[];
  readonly frames: number;
  readonly seed: number;
  readonly profile: NetProfile;
  readonly setup: Setup;
  readonly gameFor: (peer: number) => Game<State, Setup>;
  readonly options?: Partial<LockstepOptions>;
  /** Options of one peer on top of `options` (e.g. one peer that votes for a larger delay). */
  readonly optionsFor?: (peer: number) => Partial<LockstepOptions> | undefined;
  /** Max clock drift per peer, parts per million. */
  readonly driftPpm?: number;
  readonly crashes?: readonly { readonly peer: number; readonly atMs: number; readonly noticeMs?: number }[];
  /**
   * Pages reloaded mid-match: at `atMs` the page dies (what it had in flight is lost), the host
   * tells the others `noticeMs` later (`pageGone`, default 100), and at `backMs` a new engine with
   * `restore` runs on the same peer id (the lobby gave the reloaded tab its slot back).
   */
  readonly reloads?: readonly { readonly peer: number; readonly atMs: number; readonly backMs: number; readonly noticeMs?: number }[];
  /** Peers that leave on purpose (engine.leave, then the page is gone) at a virtual time. */
  readonly leaves?: readonly { readonly peer: number; readonly atMs: number }[];
  /**
   * Pages that stop running during [fromMs, toMs) (a locked phone, a frozen tab): no tick at all.
   * `announce`: the page says `away` first and `back` when it runs again (a hidden tab).
   */
  readonly freezes?: readonly { readonly peer: number; readonly fromMs: number; readonly toMs: number; readonly announce?: boolean }[];
  /** Things to do to the network at given virtual times (e.g. change its profile). */
  readonly schedule?: readonly { readonly atMs: number; readonly run: (net: SimNetwork) => void }[];
  /** Called on the network before the run (to add partitions etc.). */
  readonly prepare?: (net: SimNetwork) => void;
  readonly maxVirtualMs?: number;
  /** Frames a peer may run per tick when catching up (more while it lags the others: see CATCH_UP_PER_TICK). */
  readonly catchUp?: number;
  /** Called with every result of a peer's `advance`. */
  readonly onAdvance?: (peer: number, result: AdvanceResult<State>) => void;
  /** Called after each peer's tick with the frame its clock asked for (to measure latency, lag). */
  readonly onTick?: (peer: number, engine: LockstepEngine<State>, target: number) => void;
  /** Replace a peer's transport (to inject hostile traffic). */
  readonly wrapTransport?: (peer: number, transport: Transport) => Transport;
  /** Keep each peer's stats as they are at this frame (e.g. the end of a warm-up), in `statsAtFrame`. */
  readonly statsAtFrame?: number;
}

/** What one peer ended with. */
export interface PeerOutcome<State> {
  readonly id: string;
  readonly engine: LockstepEngine<State>;
  readonly events: LockstepEvent[];
  /** Virtual time (ms) at which each event was drained, parallel to `events`. */
  readonly eventTimes: number[];
  readonly crashed: boolean;
  /** Its stats when it first reached `plan.statsAtFrame`, if asked and reached. */
  readonly statsAtFrame?: LockstepStats;
}

/** The whole run. */
export interface MatchOutcome<State> {
  readonly peers: PeerOutcome<State>[];
  readonly net: SimNetwork;
  readonly virtualMs: number;
}

/** Run a match to `plan.frames` frames on every surviving peer (or until the time limit). */
export function runMatch<State, Setup>(plan: MatchPlan<State, Setup>): MatchOutcome<State> {
  const net = createSimNetwork(plan.peers, plan.profile, plan.seed);
  plan.prepare?.(net);
  const random = createPrng(plan.seed ^ 0x5151);
  const ownerIndex = plan.slotOwnerIndex ?? Array.from({ length: plan.peers }, (_, i) => i);
  const slotOwners = ownerIndex.map((i) => net.peers[i] as string);
  const peers = net.peers.map((id, i) => {
    const localSlots = ownerIndex.flatMap((owner, slot) => (owner === i ? [slot] : []));
    const transport = plan.wrapTransport?.(i, net.transport(i)) ?? net.transport(i);
    const engine = createLockstep({ game: plan.gameFor(i), transport, setup: plan.setup, slotOwners, localSlots, options: { ...plan.options, ...plan.optionsFor?.(i) } });
    const drift = 1 + ((random() * 2 - 1) * (plan.driftPpm ?? 0)) / 1e6;
    net.setClock(i, (ms) => ms * drift);
    return { id, engine, localSlots, drift, phase: random() * FRAME_MS, next: 0, events: [] as LockstepEvent[], eventTimes: [] as number[], crashed: false, statsAtFrame: undefined as LockstepStats | undefined, inputs: createPrng(plan.seed + i * 7919) };
  });
  for (const p of peers) p.next = p.phase / p.drift;
  const crashes = [...(plan.crashes ?? [])];
  const leaves = [...(plan.leaves ?? [])];
  const reloads = reloadSteps(plan, net, peers, slotOwners);
  const schedule = [...(plan.schedule ?? [])];
  const limit = plan.maxVirtualMs ?? plan.frames * FRAME_MS * 3 + 60_000;
  const catchUp = plan.catchUp ?? 8;
  let t = 0;
  const running = (): boolean => peers.some((p) => !p.crashed && !selfDropped(p.events) && p.engine.frame() < plan.frames);
  while (running() && t < limit) {
    const peer = peers.filter((p) => !p.crashed).reduce((a, b) => (b.next < a.next ? b : a));
    t = peer.next;
    net.advanceTo(t);
    for (const crash of crashes.filter((c) => c.atMs <= t)) {
      crashes.splice(crashes.indexOf(crash), 1);
      net.crash(crash.peer, crash.noticeMs);
      (peers[crash.peer] as { crashed: boolean }).crashed = true;
    }
    for (const item of schedule.filter((s) => s.atMs <= t)) {
      schedule.splice(schedule.indexOf(item), 1);
      item.run(net);
    }
    for (const step of reloads.filter((r) => r.atMs <= t)) {
      reloads.splice(reloads.indexOf(step), 1);
      step.run(t);
    }
    for (const leave of leaves.filter((l) => l.atMs <= t)) {
      leaves.splice(leaves.indexOf(leave), 1);
      const leaver = peers[leave.peer] as (typeof peers)[number];
      leaver.engine.leave(t * leaver.drift);
      leaver.crashed = true; // the page is gone: it neither sends nor receives any more
    }
    if (peer.crashed) continue;
    const local = t * peer.drift;
    if (frozen(plan.freezes, peers.indexOf(peer), t, peer.engine, local)) {
      peer.next = t + FRAME_MS / peer.drift;
      continue;
    }
    for (const slot of peer.localSlots) if (peer.inputs() < 0.15) peer.engine.setLocalInput(slot, Math.floor(peer.inputs() * 32));
    peer.engine.poll(local);
    const target = Math.min(plan.frames, Math.floor((local - peer.phase) / FRAME_MS) + 1);
    const burst = Math.max(catchUp, Math.min(CATCH_UP_PER_TICK, peer.engine.lag()));
    for (let n = 0; n < burst && peer.engine.frame() < target; n++) {
      const result = peer.engine.advance(local);
      plan.onAdvance?.(peers.indexOf(peer), result);
      if (result.kind === 'stalled') break;
    }
    if (plan.statsAtFrame !== undefined && peer.statsAtFrame === undefined && peer.engine.frame() >= plan.statsAtFrame) peer.statsAtFrame = peer.engine.stats();
    plan.onTick?.(peers.indexOf(peer), peer.engine, target);
    for (const event of peer.engine.drainEvents()) {
      peer.events.push(event);
      peer.eventTimes.push(t);
    }
    peer.next = t + FRAME_MS / peer.drift;
  }
  return {
    peers: peers.map(({ id, engine, events, eventTimes, crashed, statsAtFrame }) => ({ id, engine, events, eventTimes, crashed, ...(statsAtFrame ? { statsAtFrame } : {}) })),
    net,
    virtualMs: t,
  };
}

/** Whether peer `index` is frozen at `t`; a hidden page says `away` as it freezes and `back` once it runs (both idempotent). */
function frozen(freezes: MatchPlan<unknown, unknown>['freezes'], index: number, t: number, engine: { away(ms: number): void; back(ms: number): void }, local: number): boolean {
  const mine = (freezes ?? []).filter((f) => f.peer === index && f.announce === true && t >= f.fromMs);
  if ((freezes ?? []).some((f) => f.peer === index && t >= f.fromMs && t < f.toMs)) {
    if (mine.some((f) => t < f.toMs)) engine.away(local);
    return true;
  }
  if (mine.length > 0) engine.back(local);
  return false;
}

/** What a running peer is, as far as a reload changes it. */
interface Reloadable<State> {
  engine: LockstepEngine<State>;
  crashed: boolean;
  /** Virtual time of its next tick. */
  next: number;
  readonly drift: number;
  readonly localSlots: number[];
}

/** The timed steps of `plan.reloads`: the page dies, the host's word reaches the others, a new engine restores. */
function reloadSteps<State, Setup>(plan: MatchPlan<State, Setup>, net: SimNetwork, peers: Reloadable<State>[], slotOwners: string[]): { atMs: number; run: (t: number) => void }[] {
  return (plan.reloads ?? []).flatMap(({ peer, atMs, backMs, noticeMs = 100 }) => {
    const page = peers[peer] as Reloadable<State>;
    return [
      {
        atMs,
        run: () => {
          // The others' links notice later than the host does (its word comes first).
          net.crash(peer, noticeMs + 200);
          page.crashed = true;
        },
      },
      { atMs: atMs + noticeMs, run: (t: number) => peers.forEach((p, i) => i === peer || p.crashed || p.engine.pageGone(net.peers[peer] as string, t * p.drift)) },
      {
        atMs: backMs,
        run: (t: number) => {
          net.revive(peer);
          // Its ticks start now (a dead page's clock did not run).
          page.next = t;
          const options = { ...plan.options, ...plan.optionsFor?.(peer) };
          page.engine = createLockstep({ game: plan.gameFor(peer), transport: plan.wrapTransport?.(peer, net.transport(peer)) ?? net.transport(peer), setup: plan.setup, slotOwners, localSlots: page.localSlots, options, restore: true });
          page.crashed = false;
        },
      },
    ];
  });
}

function selfDropped(events: readonly LockstepEvent[]): boolean {
  return events.some((e) => e.type === 'self-dropped');
}
