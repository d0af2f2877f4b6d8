/**
 * A reloaded page takes its slot back in a running match (the restoring side; page-gone.ts is the
 * others'). It has nothing: no state, no inputs, no frame. The others took its slot as away when
 * the host said its page was gone (`pageGone`), and keep sending it their inputs, as to any away
 * peer.
 *
 * Algorithm
 * 1. Listen, send nothing (the page is `hidden`: a packet of ours would read as a return at frame
 *    0). The others' inputs packets say each one's confirmed frame.
 * 2. Once every peer reported one, ask every peer for its state after C, the last checkpoint frame
 *    all of them have passed (`snapshotRequest`; they keep their last checkpoints' states).
 * 3. Each answer is decoded and hashed. A state is loaded once a strict majority of the peers asked
 *    sent one of the same hash: one peer's word is not enough to define the match (with one other
 *    player, its word is all there is, as for checkpoints). Answers that disagree with no majority,
 *    or do not come within RESTORE_REQUEST_MS, start a new round at a later checkpoint; with none
 *    agreed RESTORE_TIMEOUT_MS after the start, the page gives up (`restore-failed`) and leaves.
 * 4. Loading starts every slot's inputs at C (input-buffer.ts `startAt`) and makes this page away
 *    from C for itself, as a returning peer is: its slots play 0 from there (the others hold zeros
 *    for them since the agreed away frame, which is at most C: they refuse older frames). Then it
 *    sends again: the others hear it, propose a rejoin frame (away.ts), and it catches up to it on
 *    their inputs at up to 20 frames per tick, and plays from there.
 * The peers answer only a page the host said was gone, and only once per frame (snapshots.ts).
 */
import type { SnapshotChunkMessage } from '../protocol';
import { leaveMatch, type Engine } from './engine';
import { SnapshotAssembly } from './snapshot-transfer';
import type { PeerId } from './transport';

/** How long the peers asked have to deliver before a new round at a later checkpoint. */
export const RESTORE_REQUEST_MS = 2000;
/** No agreed state this long after the page started asking: it gives up and leaves. */
export const RESTORE_TIMEOUT_MS = 20_000;

/** One answer: the state a peer sent, its hash and size. */
interface Answer {
  readonly state: unknown;
  readonly hash: number;
  readonly bytes: number;
}

/** The restoring page's progress. Changed only here. */
export interface Restore {
  startedAtMs: number | null;
  /** The checkpoint frame of the current round (null before the first), and when it was asked. */
  frame: number | null;
  askedAtMs: number;
  readonly assemblies: Map<PeerId, SnapshotAssembly>;
  readonly answers: Map<PeerId, Answer | string>;
  /** Why the last round failed (for the failure's reason). */
  lastError: string | null;
  /** Asking for a state; loaded (then it plays as a returning page); or failed (it left). */
  phase: 'asking' | 'loaded' | 'failed';
  /** The page is hidden (`away()` since the last `back()`): once loaded, it stays so, as any hidden page. */
  pageHidden: boolean;
}

type E = Engine<unknown>;

/** A restoring page's start: nothing loaded, nothing sent (restore.ts's header). */
export function createRestore(): Restore {
  return { startedAtMs: null, frame: null, askedAtMs: 0, assemblies: new Map(), answers: new Map(), lastError: null, phase: 'asking', pageHidden: false };
}

/** Whether this page has no state of its own: still loading one, or it gave up (it sends and steps nothing). */
export function restoring(e: E): boolean {
  return e.restore !== null && e.restore.phase !== 'loaded';
}

/**
 * The frame that incoming frames are bounded from (the decoder refuses anything further than
 * `maxFramesAhead` past it): the simulated frame, or, while asking, the frame asked for (its
 * chunks are of that frame, far past the frame 0 we are at).
 */
export function decodeFrom(e: E): number {
  return e.restore?.phase === 'asking' ? Math.max(e.sim.frame, e.restore.frame ?? 0) : e.sim.frame;
}

/**
 * The page hid or showed while it has no state of its own: noted for when it has one (it says
 * nothing meanwhile). Returns whether it had none (else the caller goes away or back as usual).
 */
export function pageShown(e: E, shown: boolean): boolean {
  if (!restoring(e)) return false;
  (e.restore as Restore).pageHidden = !shown;
  return true;
}

/** At each poll: start a round when due, or give up. */
export function pollRestore(e: E, nowMs: number): void {
  const restore = e.restore;
  if (restore?.phase !== 'asking') return;
  restore.startedAtMs ??= nowMs;
  if (nowMs - restore.startedAtMs > RESTORE_TIMEOUT_MS) return fail(e, restore.lastError ?? `no state agreed within ${RESTORE_TIMEOUT_MS / 1000} s`);
  if (restore.frame !== null && nowMs - restore.askedAtMs <= RESTORE_REQUEST_MS) return;
  if (restore.frame !== null && restore.answers.size < restore.assemblies.size) restore.lastError = `no agreed snapshot of frame ${restore.frame} within ${RESTORE_REQUEST_MS / 1000} s`;
  const frame = commonCheckpoint(e);
  // Each peer answers a frame once: a new round needs a newer checkpoint.
  if (frame === null || (restore.frame !== null && frame <= restore.frame)) return;
  ask(e, restore, frame, nowMs);
}

/** The last checkpoint frame every live peer reported passing, or null if one has not reported yet. */
function commonCheckpoint(e: E): number | null {
  const live = e.drops.live;
  if (live.length === 0) return null;
  let least = Infinity;
  for (const peer of live) least = Math.min(least, e.away.reported.get(peer) ?? -1);
  const interval = e.options.checkpointInterval;
  const frame = Math.floor(least / interval) * interval;
  return frame > 0 ? frame : null;
}

function ask(e: E, restore: Restore, frame: number, nowMs: number): void {
  restore.frame = frame;
  restore.askedAtMs = nowMs;
  restore.assemblies.clear();
  restore.answers.clear();
  for (const peer of e.drops.live) restore.assemblies.set(peer, new SnapshotAssembly(peer, frame));
  e.out.broadcast(e.drops.live, { kind: 'snapshotRequest', frame }, 'reliable');
}

/** A chunk of a snapshot we asked for; false if we are not restoring (the caller routes it elsewhere). */
export function onRestoreChunk(e: E, from: PeerId, msg: SnapshotChunkMessage, nowMs: number): boolean {
  const restore = e.restore;
  if (restore === null || restore.phase === 'loaded') return false;
  const result = restore.assemblies.get(from)?.add(from, msg);
  if (result === undefined || (result.kind === 'refused' && !result.fatal)) {
    e.counters.reject('stale');
    return true;
  }
  if (result.kind === 'incomplete') return true;
  if (result.kind === 'refused') {
    e.counters.reject('invalid');
    restore.answers.set(from, `${from} sent ${result.reason}`);
  } else {
    const state = e.game.decodeState?.(result.bytes) ?? null;
    restore.answers.set(from, state === null ? `${from} sent a snapshot that is not a state` : { state, hash: e.game.hash(state), bytes: result.bytes.length });
  }
  judge(e, restore, nowMs);
  return true;
}

/** Load the state a strict majority of the peers asked sent; or, all in and none, note why. */
function judge(e: E, restore: Restore, nowMs: number): void {
  const asked = restore.assemblies.size;
  const byHash = new Map<number, PeerId[]>();
  for (const [peer, answer] of restore.answers) {
    if (typeof answer !== 'string') byHash.set(answer.hash, [...(byHash.get(answer.hash) ?? []), peer]);
  }
  for (const [, agreeing] of byHash) {
    if (2 * agreeing.length <= asked) continue;
    const answer = restore.answers.get(agreeing[0] as PeerId) as Answer;
    load(e, restore, answer.state);
    const ms = Math.round(nowMs - (restore.startedAtMs ?? nowMs));
    e.events.push({ type: 'restored', frame: restore.frame as number, agreeing, bytes: answer.bytes, ms });
    return;
  }
  if (restore.answers.size < asked) return;
  const errors = [...restore.answers.values()].filter((a): a is string => typeof a === 'string');
  restore.lastError = errors[0] ?? `the peers' snapshots of frame ${restore.frame} disagree (hashes ${[...byHash.keys()].join(' vs ')})`;
  // This round is over: the next poll starts one at a later checkpoint, if there is one yet.
  restore.askedAtMs = -Infinity;
}

/**
 * Load `state`, the state after `restore.frame` frames: every slot starts there, and this page is
 * away from there for itself (away.ts's `selfAway`), so the others' rejoin proposals bring it back.
 */
function load(e: E, restore: Restore, state: unknown): void {
  const frame = restore.frame as number;
  restore.phase = 'loaded';
  restore.assemblies.clear();
  restore.answers.clear();
  e.sim.state = state;
  e.sim.frame = frame;
  e.inputs.startAt(frame);
  e.snapshots.keep(frame, state);
  e.away.save({ frame, state, delay: e.sim.delay });
  // The one place besides the reducers that sets the drops' state: a page with no past starts away.
  e.drops = { ...e.drops, selfAway: { away: new Map(), back: new Map(), from: frame } };
  // A hidden page stays silent until shown: the others hear it, and agree its rejoin frame, then.
  e.away.hidden = restore.pageHidden;
}

/** No state agreed: say so, and leave (the others drop the slot at once rather than after 2 minutes). */
function fail(e: E, reason: string): void {
  const restore = e.restore as Restore;
  restore.phase = 'failed';
  restore.assemblies.clear();
  e.events.push({ type: 'restore-failed', reason });
  leaveMatch(e);
}
