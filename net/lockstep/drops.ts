/**
 * Dropping a peer at a frame every survivor agrees on: a pure reducer.
 *
 * A survivor starts a drop when the peer is silent too long, its connection goes down, it says
 * `leave`, or another survivor proposes it. From then on it ignores the peer's own messages, and
 * broadcasts (reliably) its proposal: dropFrame = one past the last frame for which it holds the
 * inputs of all the peer's slots, together with those inputs from the oldest frame any survivor
 * has not acknowledged. Every survivor proposes exactly once; the agreed frame is the maximum
 * over all survivors' proposals (independent of arrival order: drop-agreement.ts), and the
 * survivor that proposed it relayed every input up to it, so all survivors simulate the same
 * frames. At the agreed frame the engine calls `game.leave` and the slots' inputs become 0.
 *
 * `reduceDrops(state, event, context)` returns the next state and the effects (events to report,
 * proposals and agreements to send, rejections to count); the engine carries them out (see
 * drop-effects.ts). A peer's status only moves forward: live -> dropping -> dropped.
 */
import { agreedFrame, withProposal, type Proposals } from './drop-agreement';
import type { LockstepEvent } from './engine-types';
import { assertInvariant, requireInvariant } from './invariant';
import type { PeerId } from './transport';

/** live -> dropping (agreement pending, its messages ignored) -> dropped. Never backwards. */
export type PeerStatus = 'live' | 'dropping' | 'dropped';

/** A drop frame another survivor announced it settled on. */
export interface RemoteAgree {
  readonly from: PeerId;
  readonly frame: number;
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
  /** Drop frames other survivors announced, not yet checked against ours. */
  readonly remoteAgrees: ReadonlyMap<PeerId, readonly RemoteAgree[]>;
  /** Peers already dropped by us that proposed to drop us (a split: see `dropped-me`). */
  readonly droppedBy: ReadonlySet<PeerId>;
  /** Whether the others dropped this peer: it can no longer play. */
  readonly selfDropped: boolean;
}

/** What happens to the drops. */
export type DropEvent =
  /** `peer` went silent, its connection went down, or it said `leave`. */
  | { readonly type: 'lost'; readonly peer: PeerId; readonly reason: string }
  /** Live survivor `from` proposes dropping `target` (its relayed inputs are already stored). */
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
  | { readonly type: 'reject'; readonly reason: 'duplicate' };

/** What a reduction reads from the rest of the engine. */
export interface DropContext {
  readonly self: PeerId;
  /** The next frame to simulate: an agreed drop frame is never before it. */
  readonly frame: number;
  /** A remote peer's slots, in slot order. */
  slotsOf(peer: PeerId): readonly number[];
  /** One past the last frame for which every input of `peer`'s slots is held. */
  heldUntil(peer: PeerId): number;
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

/** Start dropping a live peer: propose its drop frame, then settle what can be. */
const lost: Reducer<'lost'> = (state, { peer, reason }, ctx, effects) => {
  if (state.status.get(peer) !== 'live') return state;
  effects.push({ type: 'emit', event: { type: 'peer-dropping', peer, reason } });
  const dropFrame = ctx.heldUntil(peer);
  const proposals = withProposal(state.proposals.get(peer) ?? new Map(), ctx.self, dropFrame);
  assertInvariant(proposals !== null, () => `we proposed to drop ${peer} twice`);
  let next = withStatus(state, peer, 'dropping');
  next = { ...next, proposals: new Map(next.proposals).set(peer, proposals ?? state.proposals.get(peer) ?? new Map()) };
  effects.push({ type: 'propose', target: peer, dropFrame });
  return settle(next, ctx, effects);
};

/** A survivor proposes dropping some peer (possibly us). */
const proposed: Reducer<'proposed'> = (state, { from, target, dropFrame }, ctx, effects) => {
  if (target === ctx.self) return selfDropped(state, from, effects);
  const status = state.status.get(target);
  if (status === undefined || status === 'dropped') {
    effects.push({ type: 'reject', reason: 'duplicate' });
    return state;
  }
  const proposals = withProposal(state.proposals.get(target) ?? new Map(), from, dropFrame);
  if (proposals === null) effects.push({ type: 'reject', reason: 'duplicate' });
  const next = proposals === null ? state : { ...state, proposals: new Map(state.proposals).set(target, proposals) };
  if (status === 'live') return lost(next, { type: 'lost', peer: target, reason: `drop proposed by ${from}` }, ctx, effects);
  return settle(next, ctx, effects);
};

/** Another survivor settled on a drop frame: cross-check it with ours (now, or once we settle). */
const agreed: Reducer<'agreed'> = (state, { from, target, dropFrame }, _ctx, effects) => {
  const list = [...(state.remoteAgrees.get(target) ?? []), { from, frame: dropFrame }];
  return crossCheck({ ...state, remoteAgrees: new Map(state.remoteAgrees).set(target, list) }, target, effects);
};

/**
 * After an outage both sides of a split drop each other; the side outnumbered by the peers that
 * dropped it is the one out.
 */
const droppedMe: Reducer<'dropped-me'> = (state, { from }, _ctx, effects) => {
  const droppedBy = new Set(state.droppedBy).add(from);
  const next = { ...state, droppedBy };
  return droppedBy.size > 1 + state.live.length ? selfDropped(next, from, effects) : next;
};

const reducers: { [T in DropEvent['type']]: Reducer<T> } = { lost, proposed, agreed, 'dropped-me': droppedMe };

function selfDropped(state: DropsState, by: PeerId, effects: DropEffect[]): DropsState {
  if (state.selfDropped) return state;
  effects.push({ type: 'emit', event: { type: 'self-dropped', by } });
  return { ...state, selfDropped: true };
}

/** Settle every pending drop whose survivors have all proposed. Survivor sets shrink as drops start. */
function settle(state: DropsState, ctx: DropContext, effects: DropEffect[]): DropsState {
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
  if (local === undefined || remote === undefined || remote.length === 0) return state;
  for (const { from, frame } of remote) {
    if (frame !== local) effects.push({ type: 'emit', event: { type: 'drop-disagreement', peer, localFrame: local, remoteFrame: frame, from } });
  }
  return { ...state, remoteAgrees: new Map(state.remoteAgrees).set(peer, []) };
}

const RANK: Readonly<Record<PeerStatus, number>> = { live: 0, dropping: 1, dropped: 2 };

/** `state` with `peer` moved one status forward (a dropped peer stays dropped). */
function withStatus(state: DropsState, peer: PeerId, status: PeerStatus): DropsState {
  const before = state.status.get(peer);
  assertInvariant(before !== undefined && RANK[status] === RANK[before] + 1, () => `peer ${peer} moved from ${before} to ${status}`);
  const map = new Map(state.status).set(peer, status);
  return { ...state, status: map, live: [...map].filter(([, s]) => s === 'live').map(([id]) => id) };
}
