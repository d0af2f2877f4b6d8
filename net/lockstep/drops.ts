/**
 * Dropping a peer at a frame every survivor agrees on: a pure reducer.
 *
 * A survivor starts a drop only on its own evidence: the peer is silent too long, its connection
 * goes down (the host's `peer-gone` arrives that way), or it says `leave` (its word about itself).
 * Another survivor's proposal is not evidence: one peer could name any other. The engine holds a
 * proposal about a peer we still hear from until we have evidence of our own (relays.ts), and
 * this reducer ignores one that reaches it. Once a survivor starts a drop, it ignores the peer's
 * own messages, and broadcasts (reliably) its proposal: dropFrame = one past the last frame for
 * which it holds the inputs of all the peer's slots, together with those inputs from the oldest
 * frame any survivor has not acknowledged. Every survivor proposes exactly once; the agreed frame
 * is the maximum over all survivors' proposals (independent of arrival order:
 * drop-agreement.ts), and the survivor that proposed it relayed every input up to it, so all
 * survivors simulate the same frames. At the agreed frame the engine calls `game.leave` and the
 * slots' inputs become 0.
 *
 * `reduceDrops(state, event, context)` returns the next state and the effects (events to report,
 * proposals and agreements to send, rejections to count); the engine carries them out (see
 * drop-effects.ts). A peer's status only moves forward toward dropped: live -> dropping ->
 * dropped, with a detour for a peer that is away for a while and comes back (away.ts): live ->
 * going -> away -> live. A going or away peer can still be dropped for good.
 */
import { agreedFrame, withProposal, type Proposals } from './drop-agreement';
import type { LockstepEvent } from './engine-types';
import { assertInvariant, requireInvariant } from './invariant';
import type { PeerId } from './transport';

/**
 * live -> dropping (agreement pending, its messages ignored) -> dropped, never back; and live ->
 * going (away agreement pending, its messages ignored) -> away (its inputs are 0) -> live (back).
 */
export type PeerStatus = 'live' | 'going' | 'away' | 'dropping' | 'dropped';

/** One absence of a peer: its slots' inputs are 0 in [from, until); `until` once its return is agreed. */
export interface Absence {
  readonly from: number;
  readonly until: number | undefined;
}

/** What this peer knows of its own absence, as the others agree it (away.ts). */
export interface SelfAway {
  /** Each other peer's proposed away frame for us. */
  readonly away: Proposals;
  /** Each other peer's proposed rejoin frame for us. */
  readonly back: Proposals;
  /** The agreed away frame, once every other peer proposed one. */
  readonly from: number | undefined;
}

/** Everything about drops. Plain read-only data: only `reduceDrops` makes a new one. */
export interface DropsState {
  /** Every remote peer, in slot order, and its status. */
  readonly status: ReadonlyMap<PeerId, PeerStatus>;
  /** The remote peers still live, in slot order (derived from `status`; read on every poll). */
  readonly live: readonly PeerId[];
  /** Per peer being dropped, the survivors' proposals, in the order the drops started. */
  readonly proposals: ReadonlyMap<PeerId, Proposals>;
  /** Per dropped peer, the frame it leaves at. */
  readonly agreed: ReadonlyMap<PeerId, number>;
  /** Slot -> the agreed frame it leaves at. Set once. */
  readonly leaveFrame: readonly (number | undefined)[];
  /** Drop frames other survivors announced, not yet checked against ours: one per survivor and peer. */
  readonly remoteAgrees: ReadonlyMap<PeerId, ReadonlyMap<PeerId, number>>;
  /** Peers that proposed to drop us, live or not (see `judgedOut`). */
  readonly droppedBy: ReadonlySet<PeerId>;
  /** Whether the others dropped this peer: it can no longer play. */
  readonly selfDropped: boolean;
  /** Per going peer, the survivors' away proposals (away.ts). */
  readonly awayProposals: ReadonlyMap<PeerId, Proposals>;
  /** Per away peer heard again, the survivors' rejoin proposals (away.ts). */
  readonly backProposals: ReadonlyMap<PeerId, Proposals>;
  /** Per peer, its latest absence. */
  readonly absent: ReadonlyMap<PeerId, Absence>;
  /** Our own absence while the others agree it, else null. */
  readonly selfAway: SelfAway | null;
}

/** What happens to the drops. */
export type DropEvent =
  /** `peer` went silent, its connection went down, or it said `leave`. */
  | { readonly type: 'lost'; readonly peer: PeerId; readonly reason: string }
  /**
   * Live survivor `from` proposes dropping `target` (its relayed inputs are already stored). Only
   * counted for a peer we are dropping ourselves: it is no evidence that a live peer is gone.
   */
  | { readonly type: 'proposed'; readonly from: PeerId; readonly target: PeerId; readonly dropFrame: number }
  /** Survivor `from` settled on `dropFrame` for `target`. */
  | { readonly type: 'agreed'; readonly from: PeerId; readonly target: PeerId; readonly dropFrame: number }
  /** A peer that we no longer listen to proposed dropping us. */
  | { readonly type: 'dropped-me'; readonly from: PeerId };

/** What the engine must do after a reduction, in order. */
export type DropEffect =
  | { readonly type: 'emit'; readonly event: LockstepEvent }
  /** Broadcast our proposal to drop `target` at `dropFrame`, with its inputs, to it too. */
  | { readonly type: 'propose'; readonly target: PeerId; readonly dropFrame: number }
  /** Broadcast that we settled on `dropFrame` for `target`. */
  | { readonly type: 'agree'; readonly target: PeerId; readonly dropFrame: number }
  | { readonly type: 'reject'; readonly reason: 'duplicate' | 'invalid' };

/** What a reduction reads from the rest of the engine. */
export interface DropContext {
  readonly self: PeerId;
  /** The next frame to simulate: an agreed drop frame is never before it. */
  readonly frame: number;
  /** A remote peer's slots, in slot order. */
  slotsOf(peer: PeerId): readonly number[];
  /** One past the last frame for which every input of `peer`'s slots is held. */
  heldUntil(peer: PeerId): number;
  /** We sit out (away-part.ts): we follow the drops the others agree while we are away for them. */
  readonly abstaining?: boolean;
}

/** A reduction's result. */
export interface DropStep {
  readonly state: DropsState;
  readonly effects: readonly DropEffect[];
}

/** No drops yet: every remote peer (in slot order) is live. */
export function createDropsState(peers: readonly PeerId[], slotCount: number): DropsState {
  return {
    status: new Map(peers.map((peer) => [peer, 'live'] as const)),
    live: [...peers],
    proposals: new Map(),
    agreed: new Map(),
    leaveFrame: Array.from({ length: slotCount }, () => undefined),
    remoteAgrees: new Map(),
    droppedBy: new Set(),
    selfDropped: false,
    awayProposals: new Map(),
    backProposals: new Map(),
    absent: new Map(),
    selfAway: null,
  };
}

/** The status of a remote peer (undefined if it is not in the match). */
export function statusOf(state: DropsState, peer: PeerId): PeerStatus | undefined {
  return state.status.get(peer);
}

/** Apply one event. Pure: `state` is not changed. */
export function reduceDrops(state: DropsState, event: DropEvent, ctx: DropContext): DropStep {
  const effects: DropEffect[] = [];
  const handler = reducers[event.type] as Reducer<DropEvent['type']>;
  return { state: handler(state, event, ctx, effects), effects };
}

type Reducer<T extends DropEvent['type']> = (
  state: DropsState,
  event: Extract<DropEvent, { type: T }>,
  ctx: DropContext,
  effects: DropEffect[],
) => DropsState;

/** Start dropping a peer that is live, going or away: propose its drop frame, then settle what can be. */
const lost: Reducer<'lost'> = (state, { peer, reason }, ctx, effects) => {
  const status = state.status.get(peer);
  if (status === undefined || status === 'dropping' || status === 'dropped') return state;
  effects.push({ type: 'emit', event: { type: 'peer-dropping', peer, reason } });
  const dropFrame = ctx.heldUntil(peer);
  const proposals = withProposal(state.proposals.get(peer) ?? new Map(), ctx.self, dropFrame);
  assertInvariant(proposals !== null, () => `we proposed to drop ${peer} twice`);
  // An away agreement in progress is moot: the peer leaves for good.
  let next = withStatus({ ...state, awayProposals: without(state.awayProposals, peer), backProposals: without(state.backProposals, peer) }, peer, 'dropping');
  next = { ...next, proposals: new Map(next.proposals).set(peer, proposals ?? state.proposals.get(peer) ?? new Map()) };
  effects.push({ type: 'propose', target: peer, dropFrame });
  return settle(next, ctx, effects);
};

/** A survivor proposes dropping some peer (possibly us). */
const proposed: Reducer<'proposed'> = (state, { from, target, dropFrame }, ctx, effects) => {
  if (target === ctx.self) return accused(state, from, effects);
  const status = state.status.get(target);
  if (status === 'live') {
    // The engine holds these back until we have our own evidence (relays.ts): never a drop.
    effects.push({ type: 'reject', reason: 'invalid' });
    return state;
  }
  if (status === undefined || status === 'dropped') {
    effects.push({ type: 'reject', reason: 'duplicate' });
    return state;
  }
  const proposals = withProposal(state.proposals.get(target) ?? new Map(), from, dropFrame);
  if (proposals === null) {
    effects.push({ type: 'reject', reason: 'duplicate' });
    return state;
  }
  return settle({ ...state, proposals: new Map(state.proposals).set(target, proposals) }, ctx, effects);
};

/** Another survivor settled on a drop frame: cross-check it with ours (now, or once we settle). One each. */
const agreed: Reducer<'agreed'> = (state, { from, target, dropFrame }, ctx, effects) => {
  const known = state.remoteAgrees.get(target) ?? new Map<PeerId, number>();
  if (target === ctx.self || !state.status.has(target) || known.has(from)) {
    effects.push({ type: 'reject', reason: 'duplicate' });
    return state;
  }
  const list = new Map(known).set(from, dropFrame);
  return adopt(crossCheck({ ...state, remoteAgrees: new Map(state.remoteAgrees).set(target, list) }, target, effects), target, ctx, effects);
};

/**
 * A drop the others agreed while we were away for them (they did not count us, and sent us their
 * agreements): while we sit out, once every peer still playing with us settled it at the same
 * frame, we follow. Were we one of their survivors, none could have settled without our
 * proposal; and a page that plays never follows: that would be taking another's word. A frame we already
 * simulated past is not followed (it cannot happen: we rewound to our away frame, before it).
 */
function adopt(state: DropsState, target: PeerId, ctx: DropContext, effects: DropEffect[]): DropsState {
  const status = state.status.get(target);
  const agrees = state.remoteAgrees.get(target);
  const others = state.live.filter((peer) => peer !== target);
  if (ctx.abstaining !== true || (status !== 'live' && status !== 'going' && status !== 'away') || agrees === undefined || others.length === 0) return state;
  const frames = new Set(others.map((peer) => agrees.get(peer)));
  const [frame] = frames;
  if (frames.size !== 1 || frame === undefined || frame < ctx.frame) return state;
  effects.push({ type: 'emit', event: { type: 'peer-dropping', peer: target, reason: 'dropped by the others while this page was away' } });
  const next = withStatus({ ...state, awayProposals: without(state.awayProposals, target), backProposals: without(state.backProposals, target) }, target, 'dropping');
  return settleOne(next, target, frame, ctx, effects);
}

/** A peer we no longer listen to proposed dropping us (after a split). */
const droppedMe: Reducer<'dropped-me'> = (state, { from }, _ctx, effects) => accused(state, from, effects);

const reducers: { [T in DropEvent['type']]: Reducer<T> } = { lost, proposed, agreed, 'dropped-me': droppedMe };

/** `from` proposed dropping us: we are out once `judgedOut` says so. */
function accused(state: DropsState, from: PeerId, effects: DropEffect[]): DropsState {
  if (state.droppedBy.has(from)) return state;
  const next = { ...state, droppedBy: new Set(state.droppedBy).add(from) };
  if (next.selfDropped || !judgedOut(next)) return next;
  effects.push({ type: 'emit', event: { type: 'self-dropped', by: from } });
  return { ...next, selfDropped: true };
}

/**
 * Whether the others dropped us: every peer still playing with us proposed it (one accuser alone
 * is not enough, unless it is the only other player), or, after a split, the peers we dropped that
 * dropped us outnumber the side we are on (us and the live ones).
 */
function judgedOut(state: DropsState): boolean {
  const liveAccusers = state.live.filter((peer) => state.droppedBy.has(peer)).length;
  const goneAccusers = state.droppedBy.size - liveAccusers;
  return (state.live.length > 0 && liveAccusers === state.live.length) || goneAccusers > 1 + state.live.length;
}

/** Settle every pending drop whose survivors have all proposed. Survivor sets shrink as drops start. */
export function settle(state: DropsState, ctx: DropContext, effects: DropEffect[]): DropsState {
  const survivors = [ctx.self, ...state.live];
  let next = state;
  for (const [peer, proposals] of state.proposals) {
    if (next.status.get(peer) !== 'dropping') continue;
    const frame = agreedFrame(proposals, survivors);
    if (frame !== undefined) next = settleOne(next, peer, frame, ctx, effects);
  }
  return next;
}

function settleOne(state: DropsState, peer: PeerId, frame: number, ctx: DropContext, effects: DropEffect[]): DropsState {
  // Frames before `ctx.frame` were simulated with the peer's inputs: leaving there would desync.
  requireInvariant(frame >= ctx.frame, () => `drop frame ${frame} is in the past (${ctx.frame})`);
  assertInvariant(!state.agreed.has(peer), () => `drop of ${peer} agreed twice`);
  const slots = ctx.slotsOf(peer);
  const leaveFrame = [...state.leaveFrame];
  for (const slot of slots) {
    assertInvariant(leaveFrame[slot] === undefined, () => `slot ${slot} leaves twice`);
    leaveFrame[slot] = frame;
  }
  const next = { ...withStatus(state, peer, 'dropped'), agreed: new Map(state.agreed).set(peer, frame), leaveFrame };
  effects.push({ type: 'emit', event: { type: 'peer-dropped', peer, slots, frame } });
  effects.push({ type: 'agree', target: peer, dropFrame: frame });
  return crossCheck(next, peer, effects);
}

/** Report every remote agreement on `peer` that differs from ours, once ours is known. */
function crossCheck(state: DropsState, peer: PeerId, effects: DropEffect[]): DropsState {
  const local = state.agreed.get(peer);
  const remote = state.remoteAgrees.get(peer);
  if (local === undefined || remote === undefined) return state;
  for (const [from, frame] of remote) {
    if (frame !== local) effects.push({ type: 'emit', event: { type: 'drop-disagreement', peer, localFrame: local, remoteFrame: frame, from } });
  }
  // Keep who already answered (a repeat stays a duplicate), with our frame: nothing more to report.
  return { ...state, remoteAgrees: new Map(state.remoteAgrees).set(peer, new Map([...remote.keys()].map((from) => [from, local]))) };
}

/** The statuses each status may move to: a dropped peer stays dropped. */
const NEXT: Readonly<Record<PeerStatus, readonly PeerStatus[]>> = {
  live: ['going', 'dropping'],
  going: ['away', 'dropping'],
  away: ['live', 'dropping'],
  dropping: ['dropped'],
  dropped: [],
};

/** `map` without `key` (the same map if it has none). */
export function without<V>(map: ReadonlyMap<PeerId, V>, key: PeerId): ReadonlyMap<PeerId, V> {
  if (!map.has(key)) return map;
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}

/** `state` with `peer` moved to `status`, one of the moves NEXT allows. */
export function withStatus(state: DropsState, peer: PeerId, status: PeerStatus): DropsState {
  const before = state.status.get(peer);
  assertInvariant(before !== undefined && NEXT[before].includes(status), () => `peer ${peer} moved from ${before} to ${status}`);
  const map = new Map(state.status).set(peer, status);
  return { ...state, status: map, live: [...map].filter(([, s]) => s === 'live').map(([id]) => id) };
}
