/**
 * Away and back: a peer that goes quiet for a while (a locked phone, a hidden tab, a Wi-Fi cut)
 * stops holding the others up, and plays again when it returns. A pure reducer over the drops'
 * state (drops.ts), with the drop agreement's rules (drop-agreement.ts):
 *
 * - Going away. A survivor starts on its own evidence only: the peer said `away` (its word about
 *   itself, as `leave` is), or it has been silent for `awayAfterMs` while this survivor still hears
 *   a strict majority of the players present (itself included), so that a peer cut off from
 *   everyone never declares the others away. It proposes, once, one past the last frame for which
 *   it holds all the peer's inputs, relaying them (the engine stores relays only once it has
 *   evidence of its own: relays.ts). The agreed frame is the maximum over the survivors. From there
 *   the peer's slots play input 0 (each survivor fills them with zeros as it schedules its own
 *   frames), so its tank stands still and nobody waits for it.
 * - Coming back. A survivor that hears the away peer again proposes, once, a rejoin frame far
 *   enough ahead of its own schedule for the returning peer to catch up (the engine chooses it).
 *   The agreed rejoin frame is the maximum over the survivors; the slots play 0 up to it, then the
 *   peer's own inputs again. Another survivor's proposal does not count until we heard the peer
 *   ourselves: the agreement needs our own proposal, which only our own evidence makes.
 * - The returning peer itself (`selfAway`) learns both frames from the same proposals, which are
 *   sent to it too: the away frame (it may have stepped past it on inputs it already held, and
 *   rewinds), then the rejoin frame (its slots are 0 up to it). Its own word is not needed.
 * - A peer that sits out (it said `away`, or some peer proposes that it is away) abstains: about
 *   any other peer it proposes 0, which never raises the maximum, and it does so on the first
 *   proposal of a live peer, without evidence of its own. So what it held while it was cut off
 *   (a peer cut off with it may have sent it inputs the others never got) never decides a frame,
 *   whether or not the others still count it as a survivor when they settle; nobody waits for it;
 *   and the absences agreed while it was away reach it as the others' proposals, which it follows
 *   when it returns (rewinding if it had stepped past their frame). Agreements of abstentions
 *   alone are none.
 *
 * Only `leave`, a connection down for good or a long silence (`dropAfterMs`) drops a peer (drops.ts).
 */
import { agreedFrame, withProposal } from './drop-agreement';
import { settle, without, withStatus, type DropContext, type DropEffect, type DropsState } from './drops';
import { requireInvariant } from './invariant';
import type { PeerId } from './transport';

/** What happens to absences. */
export type AwayEvent =
  /** Our own evidence: `peer` said `away`, or stayed silent while we hear a majority. */
  | { readonly type: 'went-away'; readonly peer: PeerId; readonly reason: string }
  /** Live peer `from` proposes that `target` (perhaps us) is away from `frame` on. */
  | { readonly type: 'away-proposed'; readonly from: PeerId; readonly target: PeerId; readonly frame: number }
  /** An away peer sent us something: it is back. */
  | { readonly type: 'heard-again'; readonly peer: PeerId }
  /** Live peer `from` proposes that `target` (perhaps us) plays again from `frame` on. */
  | { readonly type: 'back-proposed'; readonly from: PeerId; readonly target: PeerId; readonly frame: number }
  /** The survivors changed (a drop): agreements that waited on a peer now gone may settle. */
  | { readonly type: 'settle' };

/** What the engine must do, besides what drops.ts's effects say. */
export type AwayEffect =
  | DropEffect
  /** Broadcast our proposal that `target` is away from `frame` on, with its inputs, to it too. */
  | { readonly type: 'away-propose'; readonly target: PeerId; readonly frame: number }
  /** Broadcast our proposal that `target` plays again from `frame`, to it too. */
  | { readonly type: 'back-propose'; readonly target: PeerId; readonly frame: number }
  /** `peer`'s slots are 0 from `from` on: forget any input of theirs held from there. */
  | { readonly type: 'absent'; readonly peer: PeerId; readonly from: number }
  /** We are away from `from` on: step back there if we went past it, and schedule nothing more. */
  | { readonly type: 'self-away'; readonly from: number }
  /** We play again from `until`: our slots are 0 in [from, until). */
  | { readonly type: 'self-back'; readonly from: number; readonly until: number };

/** What a reduction reads from the rest of the engine. */
export interface AwayContext extends DropContext {
  /** The rejoin frame we propose for a returning `peer`. */
  rejoinFrame(peer: PeerId): number;
  /** We sit out (see the header): our proposals are 0, and an agreed frame may be behind our frame (we rewind). */
  readonly abstaining?: boolean;
}

/** An abstaining peer's proposal: below any real away or rejoin frame. */
export const ABSTAIN = 0;

/** Apply one event. Pure: `state` is not changed. */
export function reduceAway(state: DropsState, event: AwayEvent, ctx: AwayContext): { state: DropsState; effects: AwayEffect[] } {
  const effects: AwayEffect[] = [];
  const handler = reducers[event.type] as Reducer<AwayEvent['type']>;
  const next = settleAll(handler(state, event, ctx, effects), ctx, effects);
  return { state: next, effects };
}

type Reducer<T extends AwayEvent['type']> = (state: DropsState, event: Extract<AwayEvent, { type: T }>, ctx: AwayContext, effects: AwayEffect[]) => DropsState;

const wentAway: Reducer<'went-away'> = (state, { peer, reason }, ctx, effects) => {
  if (state.status.get(peer) !== 'live') return state;
  effects.push({ type: 'emit', event: { type: 'peer-going-away', peer, reason } });
  const frame = ctx.abstaining ? ABSTAIN : ctx.heldUntil(peer);
  const proposals = withProposal(state.awayProposals.get(peer) ?? new Map(), ctx.self, frame) ?? new Map([[ctx.self, frame]]);
  effects.push({ type: 'away-propose', target: peer, frame });
  // A new absence: rejoin proposals of an earlier one are stale.
  const next = { ...withStatus(state, peer, 'going'), backProposals: without(state.backProposals, peer) };
  return { ...next, awayProposals: new Map(state.awayProposals).set(peer, proposals) };
};

const awayProposed: Reducer<'away-proposed'> = (state, { from, target, frame }, ctx, effects) => {
  if (target === ctx.self) return selfProposal(state, 'away', from, frame, effects);
  // Kept while the target is live for us: it counts once our own proposal joins it.
  const status = state.status.get(target);
  if (status !== 'live' && status !== 'going') return rejected(state, effects);
  const proposals = withProposal(state.awayProposals.get(target) ?? new Map(), from, frame);
  if (proposals === null) return rejected(state, effects);
  return { ...state, awayProposals: new Map(state.awayProposals).set(target, proposals) };
};

const heardAgain: Reducer<'heard-again'> = (state, { peer }, ctx, effects) => {
  if (state.status.get(peer) !== 'away' || state.backProposals.get(peer)?.has(ctx.self)) return state;
  const frame = ctx.abstaining ? ABSTAIN : ctx.rejoinFrame(peer);
  const proposals = withProposal(state.backProposals.get(peer) ?? new Map(), ctx.self, frame) ?? new Map([[ctx.self, frame]]);
  effects.push({ type: 'back-propose', target: peer, frame });
  return { ...state, backProposals: new Map(state.backProposals).set(peer, proposals) };
};

const backProposed: Reducer<'back-proposed'> = (state, { from, target, frame }, ctx, effects) => {
  if (target === ctx.self) return selfProposal(state, 'back', from, frame, effects);
  // Kept while the target is still going for us: a survivor that settled its absence first may
  // hear it again before we settle, and proposes once.
  const status = state.status.get(target);
  if (status !== 'away' && status !== 'going') return rejected(state, effects);
  const proposals = withProposal(state.backProposals.get(target) ?? new Map(), from, frame);
  if (proposals === null) return rejected(state, effects);
  return { ...state, backProposals: new Map(state.backProposals).set(target, proposals) };
};

const reducers: { [T in AwayEvent['type']]: Reducer<T> } = {
  'went-away': wentAway,
  'away-proposed': awayProposed,
  'heard-again': heardAgain,
  'back-proposed': backProposed,
  settle: (state) => state,
};

function rejected(state: DropsState, effects: AwayEffect[]): DropsState {
  effects.push({ type: 'reject', reason: 'duplicate' });
  return state;
}

/** A proposal about our own absence: kept, one per peer and kind, until every live peer's is in. */
function selfProposal(state: DropsState, kind: 'away' | 'back', from: PeerId, frame: number, effects: AwayEffect[]): DropsState {
  const own = state.selfAway ?? { away: new Map(), back: new Map(), from: undefined };
  const proposals = withProposal(own[kind], from, frame);
  if (proposals === null) return rejected(state, effects);
  return { ...state, selfAway: { ...own, [kind]: proposals } };
}

/** Settle every agreement whose survivors have all proposed: drops, absences, returns, our own. */
function settleAll(state: DropsState, ctx: AwayContext, effects: AwayEffect[]): DropsState {
  const survivors = [ctx.self, ...state.live];
  let next = settle(state, ctx, effects as DropEffect[]);
  for (const [peer, proposals] of next.awayProposals) {
    const frame = next.status.get(peer) === 'going' ? agreedFrame(proposals, survivors, ABSTAIN) : undefined;
    if (frame !== undefined) next = settleAway(next, peer, frame, ctx, effects);
  }
  for (const [peer, proposals] of next.backProposals) {
    const frame = next.status.get(peer) === 'away' ? agreedFrame(proposals, survivors, ABSTAIN) : undefined;
    if (frame !== undefined) next = settleBack(next, peer, frame, ctx, effects);
  }
  return settleSelf(next, effects);
}

function settleAway(state: DropsState, peer: PeerId, frame: number, ctx: AwayContext, effects: AwayEffect[]): DropsState {
  // Frames before `ctx.frame` were simulated with the peer's inputs: zeros there would desync,
  // unless we sit out: then we simulated them alone, and rewind (away-effects.ts).
  requireInvariant(frame >= ctx.frame || ctx.abstaining === true, () => `away frame ${frame} is in the past (${ctx.frame})`);
  effects.push({ type: 'absent', peer, from: frame });
  effects.push({ type: 'emit', event: { type: 'peer-away', peer, slots: ctx.slotsOf(peer), frame } });
  const next = { ...withStatus(state, peer, 'away'), awayProposals: without(state.awayProposals, peer) };
  return { ...next, absent: new Map(next.absent).set(peer, { from: frame, until: undefined }) };
}

function settleBack(state: DropsState, peer: PeerId, frame: number, ctx: AwayContext, effects: AwayEffect[]): DropsState {
  const absence = state.absent.get(peer);
  requireInvariant(absence !== undefined && frame >= absence.from, () => `rejoin of ${peer} at ${frame} before its absence`);
  effects.push({ type: 'emit', event: { type: 'peer-back', peer, slots: ctx.slotsOf(peer), frame } });
  const next = { ...withStatus(state, peer, 'live'), backProposals: without(state.backProposals, peer) };
  return { ...next, absent: new Map(next.absent).set(peer, { from: absence?.from ?? frame, until: frame }) };
}

/** Our own away frame, then rejoin frame, once every peer still playing with us proposed it. */
function settleSelf(state: DropsState, effects: AwayEffect[]): DropsState {
  const own = state.selfAway;
  if (own === null) return state;
  let from = own.from;
  if (from === undefined) {
    from = agreedFrame(own.away, state.live, ABSTAIN);
    if (from === undefined) return state;
    effects.push({ type: 'self-away', from });
    state = { ...state, selfAway: { ...own, from } };
  }
  const until = agreedFrame(own.back, state.live, ABSTAIN);
  if (until === undefined) return state;
  effects.push({ type: 'self-back', from, until });
  return { ...state, selfAway: null };
}

/** Whether this peer is away for the others (agreed, and not back yet). */
export function selfAbsent(state: DropsState): boolean {
  return state.selfAway?.from !== undefined;
}
