/**
 * Recovery from a desync, as Factorio does it: a peer whose checkpoint the majority outvoted
 * loads the majority's state instead of leaving.
 *
 * Algorithm
 * 1. The checkpoint at frame F is judged and ours is outvoted (checkpoint-book.ts): the majority
 *    hash H and the peers that sent it are known. If the game can encode states
 *    (`Game.encodeState`/`decodeState`), recovery starts: our checkpoints after F are forgotten
 *    (they rest on the same wrong state), and the ones we reach meanwhile are neither judged nor
 *    sent. We keep simulating, wrong state and all, so that our inputs keep flowing: the
 *    majority never waits for us.
 * 2. The next poll asks one peer of the majority for its state after F (`snapshotRequest`, on the
 *    reliable channel); it answers with the state it kept (snapshots.ts) in chunks
 *    (snapshot-transfer.ts).
 * 3. Once reassembled, the state is decoded and verified: its hash must be H. Then it is loaded,
 *    and the frames from F to the present are simulated again from it with the inputs and leaves
 *    of the input log (lockstep holds every input of every frame it simulated), checkpointing as
 *    they pass (those checkpoints are sent and judged, and now agree), and predicted frames
 *    (rollback) are predicted again. `resynced` reports it.
 * 4. A peer that does not deliver within SNAPSHOT_REQUEST_MS, goes away, or sends a snapshot that
 *    fails (refused chunks, undecodable, another hash) is replaced by the next peer of the
 *    majority. With none left, or no verified snapshot RESYNC_TIMEOUT_MS after the verdict, the
 *    recovery fails: `resync-failed`, and this peer leaves, as before recovery existed.
 * With no majority (an even split) no one knows the right state: that stays a fatal `desync`. A
 * peer outvoted again within RESYNC_COOLDOWN_FRAMES of its last resync leaves too.
 */
import type { SnapshotChunkMessage, SnapshotRequestMessage } from '../protocol';
import { checkpoint } from './advance';
import { leaveMatch, type Engine } from './engine';
import type { Verdict } from './checkpoint-book';
import type { Correction } from './engine-types';
import { resimulate } from './rollback';
import { SnapshotAssembly, snapshotChunks } from './snapshot-transfer';
import type { PeerId } from './transport';

/** How long one peer of the majority has to deliver the whole snapshot before the next is asked. */
export const SNAPSHOT_REQUEST_MS = 1500;
/** No verified snapshot this long after the verdict: give up and leave. */
export const RESYNC_TIMEOUT_MS = 4000;

/** A recovery in progress: what to load, from whom, since when. Changed only here. */
export interface Recovery {
  /** The checkpoint frame the majority outvoted us at, and its hash. */
  readonly frame: number;
  readonly hash: number;
  /** The peers that sent that hash and were not asked yet. */
  readonly candidates: PeerId[];
  assembly: SnapshotAssembly | null;
  askedAtMs: number;
  startedAtMs: number | null;
  /** Why the last peer asked did not do (for the failure's reason). */
  lastError: string | null;
}

type E = Engine<unknown>;

/**
 * A page outvoted again this soon after loading the majority's state diverges faster than it can
 * be mended (a broken build, not a one-off): it leaves rather than resync every checkpoint.
 */
export const RESYNC_COOLDOWN_FRAMES = 600;

/** Whether an outvoted checkpoint at `frame` can be recovered from: the game can send and load states, and the last resync is not too recent. */
export function canResync(e: E, frame: number): boolean {
  if (e.resynced !== null && frame - e.resynced.frame < RESYNC_COOLDOWN_FRAMES) return false;
  return e.game.encodeState !== undefined && e.game.decodeState !== undefined;
}

/** Start recovering from `verdict`, an outvoted one (see the header). */
export function startResync(e: E, verdict: Extract<Verdict, { kind: 'outvoted' | 'desync' }>): void {
  const { frame, remoteHash } = verdict;
  e.book.rewind(frame);
  e.snapshots.forgetFrom(frame);
  const candidates = verdict.evidence.remote.flatMap(({ peer, hash }) => (hash === remoteHash ? [peer] : []));
  e.recovery = { frame, hash: remoteHash, candidates, assembly: null, askedAtMs: 0, startedAtMs: null, lastError: null };
}

/** At each poll: ask (again) for the snapshot, or give up. */
export function pollResync(e: E, nowMs: number): void {
  const recovery = e.recovery;
  if (recovery === null) return;
  recovery.startedAtMs ??= nowMs;
  if (nowMs - recovery.startedAtMs > RESYNC_TIMEOUT_MS) return fail(e, recovery.lastError ?? `no snapshot within ${RESYNC_TIMEOUT_MS / 1000} s`);
  const asked = recovery.assembly?.from;
  if (asked !== undefined && e.drops.live.includes(asked) && nowMs - recovery.askedAtMs <= SNAPSHOT_REQUEST_MS) return;
  if (asked !== undefined) recovery.lastError = `${asked} sent no snapshot within ${SNAPSHOT_REQUEST_MS / 1000} s`;
  askNext(e, recovery, nowMs);
}

/** Send our kept state after `msg.frame` frames to `from`, in chunks. */
export function onSnapshotRequest(e: E, from: PeerId, msg: SnapshotRequestMessage): void {
  const kept = e.snapshots.answer(from, msg.frame);
  const encode = e.game.encodeState;
  if (typeof kept === 'string' || encode === undefined) {
    e.counters.reject(kept === 'duplicate' ? 'duplicate' : 'stale');
    return;
  }
  for (const chunk of snapshotChunks(msg.frame, encode(kept.state))) e.out.broadcast([from], chunk, 'reliable');
}

/** A chunk of the snapshot we asked for (or a stray one, refused). */
export function onSnapshotChunk(e: E, from: PeerId, msg: SnapshotChunkMessage, nowMs: number): void {
  const recovery = e.recovery;
  const result = recovery?.assembly?.add(from, msg);
  if (recovery === null || result === undefined) {
    e.counters.reject('stale');
    return;
  }
  if (result.kind === 'incomplete') return;
  if (result.kind === 'refused') {
    e.counters.reject(result.fatal ? 'invalid' : 'stale');
    if (result.fatal) tryNext(e, recovery, `${from} sent ${result.reason}`, nowMs);
    return;
  }
  const state = e.game.decodeState?.(result.bytes) ?? null;
  if (state === null) return tryNext(e, recovery, `${from} sent a snapshot that is not a state`, nowMs);
  const hash = e.game.hash(state);
  if (hash !== recovery.hash) return tryNext(e, recovery, `${from} sent a snapshot of hash ${hash}, not the majority's ${recovery.hash}`, nowMs);
  load(e, recovery, state);
  e.events.push({ type: 'resynced', frame: recovery.frame, from, bytes: result.bytes.length, ms: Math.round(nowMs - (recovery.startedAtMs ?? nowMs)) });
}

function tryNext(e: E, recovery: Recovery, error: string, nowMs: number): void {
  recovery.lastError = error;
  askNext(e, recovery, nowMs);
}

/** Ask the next live peer of the majority, or fail if none is left. */
function askNext(e: E, recovery: Recovery, nowMs: number): void {
  let peer = recovery.candidates.shift();
  while (peer !== undefined && !e.drops.live.includes(peer)) peer = recovery.candidates.shift();
  if (peer === undefined) return fail(e, recovery.lastError ?? 'no peer of the majority is left to ask');
  recovery.assembly = new SnapshotAssembly(peer, recovery.frame);
  recovery.askedAtMs = nowMs;
  e.out.broadcast([peer], { kind: 'snapshotRequest', frame: recovery.frame }, 'reliable');
}

/** This peer cannot recover: it leaves, as an outvoted peer did before recovery existed. */
function fail(e: E, reason: string): void {
  const { frame } = e.recovery as Recovery;
  e.recovery = null;
  e.events.push({ type: 'resync-failed', frame, reason });
  leaveMatch(e);
}

/**
 * Load the verified state after `recovery.frame` frames and simulate again up to where we were;
 * the next `advance` reports the frames simulated again as a correction, as a rollback does.
 */
function load(e: E, recovery: Recovery, state: unknown): void {
  const { frame, hash } = recovery;
  const to = e.sim.frame;
  e.recovery = null;
  e.book.resynced(frame, hash);
  e.snapshots.keep(frame, state);
  const log = e.inputs.inputLog();
  const leavesAt = new Map<number, number[]>();
  for (const [at, slot] of log.leaves) leavesAt.set(at, [...(leavesAt.get(at) ?? []), slot]);
  const states: unknown[] = [];
  e.sim.state = state;
  for (let f = frame; f < to; f++) {
    for (const slot of leavesAt.get(f) ?? []) e.sim.state = e.game.leave(e.sim.state, slot);
    e.sim.state = e.game.step(e.sim.state, log.inputs[f] as number[]);
    states.push(e.sim.state);
    e.sim.frame = f + 1;
    if (e.sim.frame % e.options.checkpointInterval === 0) checkpoint(e);
  }
  if (e.predicted.length > 0) states.push(...resimulate(e, 0).states);
  e.resynced = { frame, correction: { from: frame, states, loaded: true } };
}

/**
 * The frames the last resync simulated again, once, for `advance` to report; merged with `later`,
 * a rollback's correction in the same `advance`, which replaces their tail.
 */
export function takeResyncCorrection<State>(e: Engine<State>, later?: Correction<State>): Correction<State> | undefined {
  const pending = e.resynced?.correction;
  if (e.resynced === null || pending === undefined) return later;
  e.resynced.correction = undefined;
  if (later === undefined) return pending;
  return { ...pending, states: [...pending.states.slice(0, later.from - pending.from), ...later.states] };
}
