/**
 * The engine side of away.ts: feed the reducer, carry out its effects, and the shell around it:
 * silence with a quorum, the messages, filling away slots with zeros, stepping back, the page's
 * `away`/`back` and what a returning peer needs to catch up (see away.ts's header for the rules).
 */
import { MAX_RUN_FRAMES, type AwayMessage, type AwayProposeMessage, type BackProposeMessage, type InputsMessage } from '../protocol';
import { reduceAway, selfAbsent, type AwayEffect, type AwayEvent } from './away';
import { abstaining } from './away-part';
import { contextOf, effectHandlers, relayRuns, type EffectHandler } from './drop-effects';
import type { DropEffect } from './drops';
import { statusOf } from './drops';
import { currentFrame, leaveMatch, type Engine } from './engine';
import { loseOnEvidence, storeRelays } from './relays';
import type { PeerId } from './transport';

type E = Engine<unknown>;

/**
 * A rejoin frame leaves this many frames (0.5 s) past our schedule: time for the proposals to go
 * round and for the returning peer's first inputs to come, after it caught up.
 */
const REJOIN_LEAD = 30;
/** Rejoin frames assume a returning peer catches up at least this much faster than real time (pages step 20x). */
const CATCH_UP_SPEED = 10;
/** Messages from a peer within this long of its going away may have been sent before: not a return. */
const STALE_MS = 500;
/**
 * For the quorum, a peer counts as heard if it spoke within this share of `awayAfterMs`: a live
 * peer speaks every frame or so, and a page cut off from everyone must not count peers that have
 * only just fallen silent (they would outvote the one that crossed the threshold first).
 */
const HEARD_SHARE = 0.25;

/** Apply one away event to the engine at `nowMs`. */
export function dispatchAway(e: E, event: AwayEvent, nowMs: number): void {
  const ctx = { ...contextOf(e), frame: e.sim.frame, rejoinFrame: (peer: PeerId) => rejoinFrame(e, peer) };
  const { state, effects } = reduceAway(e.drops, event, ctx);
  e.drops = state;
  for (const effect of effects) applyEffect(e, effect, nowMs);
}

function applyEffect(e: E, effect: AwayEffect, nowMs: number): void {
  const own = awayHandlers[effect.type as keyof typeof awayHandlers] as ((e: E, effect: AwayEffect, nowMs: number) => void) | undefined;
  if (own) own(e, effect, nowMs);
  else (effectHandlers[effect.type as DropEffect['type']] as EffectHandler<DropEffect['type']>)(e, effect as DropEffect);
}

type OwnEffect = Exclude<AwayEffect, DropEffect>;
const awayHandlers: { [T in OwnEffect['type']]: (e: E, effect: Extract<OwnEffect, { type: T }>, nowMs: number) => void } = {
  // To every peer still in the match, away ones included: one that is away now counts our
  // proposal when it is back (it may have to agree on this very peer's absence too).
  'away-propose': (e, { target, frame }) => {
    const peerSlot = e.peers.slotsOf(target)[0] as number;
    e.out.broadcast(inMatch(e), { kind: 'awayPropose', peerSlot, awayFrame: frame, runs: relayRuns(e, target, frame) }, 'reliable');
  },
  'back-propose': (e, { target, frame }) => {
    e.out.broadcast(inMatch(e), { kind: 'backPropose', peerSlot: e.peers.slotsOf(target)[0] as number, rejoinFrame: frame }, 'reliable');
  },
  absent: (e, { peer, from }) => {
    // Only a peer that sits out is told of an absence it simulated past (away.ts): it rewinds.
    if (from < e.sim.frame) {
      if (!stepBack(e, from)) return;
      e.predicted.length = 0;
    }
    e.inputs.truncate(e.peers.slotsOf(peer), from);
  },
  'self-away': (e, { from }) => {
    if (from < e.sim.frame && !stepBack(e, from)) return;
    e.predicted.length = 0;
    e.away.sentAhead = e.inputs.takeLocal(from);
    e.events.push({ type: 'peer-away', peer: e.self, slots: e.inputs.localSlots, frame: from });
  },
  'self-back': (e, { until }, nowMs) => {
    for (const slot of e.inputs.localSlots) e.inputs.fillZeros(slot, until);
    e.inputs.putBackLocal(e.away.sentAhead, until);
    e.away.sentAhead = [];
    e.away.announced = false;
    e.away.rejoinedAt = until;
    // We did not listen while away: the others' silence starts now.
    for (const peer of e.drops.live) e.peers.heard(peer, nowMs);
    e.events.push({ type: 'peer-back', peer: e.self, slots: e.inputs.localSlots, frame: until });
  },
};

/**
 * Step back to `frame` (we stepped past our agreed away frame on inputs we held): the log and the
 * checkpoints after it go too. Our checkpoints of those frames reached no one who counts them: the
 * others ignore an away peer. Too far back to step is a match we cannot rejoin: we leave it.
 */
function stepBack(e: E, frame: number): boolean {
  const saved = e.away.takeBack(frame);
  if (saved === undefined) {
    leaveMatch(e);
    e.events.push({ type: 'self-dropped', by: e.self });
    return false;
  }
  e.sim.state = saved.state;
  e.sim.frame = frame;
  e.sim.delay = saved.delay;
  e.inputs.rewindLog(frame);
  e.book.rewind(frame);
  return true;
}

/** Every remote peer not dropped: live, going or away. */
function inMatch(e: E): PeerId[] {
  return [...e.drops.status].flatMap(([peer, status]) => (status === 'live' || status === 'going' || status === 'away' ? [peer] : []));
}

/** Our rejoin proposal for `peer`: past our schedule by the lead, plus the time it needs to catch up. */
function rejoinFrame(e: E, peer: PeerId): number {
  const gap = Math.max(0, currentFrame(e) - (e.away.reported.get(peer) ?? 0));
  return e.inputs.nextLocalFrame + REJOIN_LEAD + Math.ceil(gap / CATCH_UP_SPEED);
}

/** Settle the agreements the last changes completed (a drop shrinks the survivors). Each poll. */
export function settleAbsences(e: E, nowMs: number): void {
  if (e.drops.awayProposals.size > 0 || e.drops.backProposals.size > 0 || e.drops.selfAway !== null) dispatchAway(e, { type: 'settle' }, nowMs);
  if (e.drops.selfAway?.from !== undefined || e.drops.selfAway === null) e.away.proposedSince = undefined;
  // Some peers took us for gone, and the others have not followed for a while: they still hear
  // us. Say it ourselves, so that all agree (nobody waits for evidence the others never get),
  // then come back as any away peer does. Proposals queued while we were cut off come together.
  else if (!e.away.announced && nowMs - (e.away.proposedSince ?? nowMs) > STALE_MS) announceAway(e);
}

/** Go away on our own evidence, then count the away proposals about `peer` we held. */
export function awayOnEvidence(e: E, peer: PeerId, reason: string, nowMs: number): void {
  if (statusOf(e.drops, peer) !== 'live') return;
  e.away.wentAt.set(peer, nowMs);
  dispatchAway(e, { type: 'went-away', peer, reason }, nowMs);
  const lenient = abstains(e);
  for (const [from, proposal] of e.away.held.release(peer)) {
    if (statusOf(e.drops, from) === 'live' && storeRelays(e, from, peer, proposal, 'away', lenient)) {
      dispatchAway(e, { type: 'away-proposed', from, target: peer, frame: proposal.dropFrame }, nowMs);
    }
  }
}

/**
 * Silence: a live peer silent for `awayAfterMs` goes away, if we have heard a quorum of the
 * players present (us included; see `hearsQuorum`) all along, for `awayAfterMs` at least: a page
 * cut off from the others declares no one away, and waits; and after a cut that silenced everyone, the peers
 * whose first messages are a little late are not taken for gone. Any peer silent for
 * `dropAfterMs` (away or not) is dropped for good. With silence-based away off (awayAfterMs
 * Infinity), a live peer silent for `liveDropAfterMs` is dropped for good, as before away existed.
 */
export function checkSilence(e: E, nowMs: number): void {
  const { awayAfterMs, dropAfterMs } = e.options;
  const live = e.drops.live;
  if (!hearsQuorum(e, nowMs)) e.away.quorumSince = undefined;
  else e.away.quorumSince ??= nowMs;
  // A page that sits out judges no one: it does not hear the others while they play on without it.
  if (!sittingOut(e) && e.away.quorumSince !== undefined && nowMs - e.away.quorumSince >= awayAfterMs) {
    for (const { peer, silentMs } of e.peers.silentLongerThan(live, awayAfterMs, nowMs)) awayOnEvidence(e, peer, `silent for ${Math.round(silentMs)} ms`, nowMs);
  }
  for (const { peer, silentMs } of e.peers.silentLongerThan(inMatch(e), dropAfterMs, nowMs)) loseOnEvidence(e, peer, `silent for ${Math.round(silentMs)} ms`);
  if (Number.isFinite(awayAfterMs)) return;
  for (const { peer, silentMs } of e.peers.silentLongerThan(live, e.options.liveDropAfterMs, nowMs)) loseOnEvidence(e, peer, `silent for ${Math.round(silentMs)} ms`);
}

/**
 * Whether we hear a quorum of the players present (us and the live peers): a strict majority, or
 * exactly half with the lowest slot present among them. Two sides of a cut never both have one,
 * and in a match of two the lowest slot's page plays on while the other waits.
 */
function hearsQuorum(e: E, nowMs: number): boolean {
  const live = e.drops.live;
  const unheard = new Set(e.peers.silentLongerThan(live, e.options.awayAfterMs * HEARD_SHARE, nowMs).map(({ peer }) => peer));
  const present = 1 + live.length;
  const heard = present - unheard.size;
  if (2 * heard !== present) return 2 * heard > present;
  const lowest = e.slotOwners.find((owner) => owner === e.self || live.includes(owner));
  return lowest === e.self || (lowest !== undefined && !unheard.has(lowest));
}

/** A message from a peer that is not live for us: an away one may be back, or leave for good. */
export function onAbsentMessage(e: E, from: PeerId, msg: { kind: string } | undefined, nowMs: number): boolean {
  const status = statusOf(e.drops, from);
  if (status !== 'away' && status !== 'going') return false;
  if (msg?.kind === 'leave') {
    loseOnEvidence(e, from, 'left the match');
    return true;
  }
  if (status !== 'away' || msg === undefined || nowMs - (e.away.wentAt.get(from) ?? -Infinity) < STALE_MS) return false;
  e.peers.heard(from, nowMs);
  if (msg.kind === 'inputs') {
    // Its acks say which of our inputs it lacks to catch up; its frame how far behind it is.
    const inputs = msg as InputsMessage;
    e.away.reported.set(from, inputs.frame);
    e.peers.onAcks(from, inputs.acks, e.inputs);
  }
  dispatchAway(e, { type: 'heard-again', peer: from }, nowMs);
  return true;
}

/** `away` from a live peer: its own word. Its runs are its own inputs (checked like any). */
export function onAwayMessage(e: E, from: PeerId, msg: AwayMessage, nowMs: number): void {
  const slots = e.peers.slotsOf(from);
  if (msg.runs.some((run) => !slots.includes(run.slot) || run.startFrame + run.inputs.length > msg.frame)) {
    e.counters.reject('spoofed');
    return;
  }
  for (const run of msg.runs) e.inputs.addRun(run);
  awayOnEvidence(e, from, 'went away (page hidden)', nowMs);
}

/**
 * A survivor's away proposal. About us: the others tell us our away frame. About a peer going away
 * for us too: counted now. About one we still hear: held until we have evidence of our own. Its
 * frame must be one the proposer could hold (as a drop proposal's: inbound.ts).
 */
export function onAwayPropose(e: E, from: PeerId, msg: AwayProposeMessage, nowMs: number): void {
  const target = e.slotOwners[msg.peerSlot] as PeerId | undefined;
  if (target === e.self) {
    // Of our last absence, which is over: taken as a new one, we would go away again for nothing.
    if (msg.awayFrame < e.away.rejoinedAt) return e.counters.reject('stale');
    e.away.proposedSince ??= nowMs;
    dispatchAway(e, { type: 'away-proposed', from, target, frame: msg.awayFrame }, nowMs);
    return;
  }
  const slots = target === undefined ? [] : e.peers.slotsOf(target);
  if (slots[0] !== msg.peerSlot || msg.runs.some((run) => !slots.includes(run.slot) || run.startFrame + run.inputs.length > msg.awayFrame) || msg.awayFrame > proposalReach(e)) {
    e.counters.reject(slots[0] !== msg.peerSlot ? 'spoofed' : 'invalid');
    return;
  }
  const proposal = { dropFrame: msg.awayFrame, runs: msg.runs };
  const status = statusOf(e.drops, target as PeerId);
  if (status === 'going') {
    if (storeRelays(e, from, target as PeerId, proposal, 'away', abstains(e))) dispatchAway(e, { type: 'away-proposed', from, target: target as PeerId, frame: msg.awayFrame }, nowMs);
    return;
  }
  // Live for us: held until we have evidence. Away for us: a new absence, proposed by a survivor
  // that settled its return before we did; held for when we take it for gone again.
  if ((status !== 'live' && status !== 'away') || !e.away.held.hold(target as PeerId, from, proposal)) {
    e.counters.reject('duplicate');
    return;
  }
  // A page that sits out follows the others (away.ts): it abstains at once.
  if (status === 'live' && abstains(e)) awayOnEvidence(e, target as PeerId, `proposed away by ${from} while this page sits out`, nowMs);
}

/** A survivor's rejoin proposal; about another peer, at most `maxFramesAhead` past our schedule. */
export function onBackPropose(e: E, from: PeerId, msg: BackProposeMessage, nowMs: number): void {
  const target = e.slotOwners[msg.peerSlot] as PeerId | undefined;
  if (target === undefined || (target !== e.self && msg.rejoinFrame > Math.max(e.inputs.nextLocalFrame, horizon(e)) + e.options.maxFramesAhead)) {
    e.counters.reject('invalid');
    return;
  }
  if (target === e.self && msg.rejoinFrame <= e.away.rejoinedAt) return e.counters.reject('stale');
  dispatchAway(e, { type: 'back-proposed', from, target, frame: msg.rejoinFrame }, nowMs);
  // A page that sits out follows the others (away.ts): it abstains at once.
  if (target !== e.self && statusOf(e.drops, target) === 'away' && abstains(e)) dispatchAway(e, { type: 'heard-again', peer: target }, nowMs);
}

/**
 * Hold input 0 for every away slot up to where it may be needed: our own schedule while it is away
 * (never past the rejoin frame we proposed), its agreed rejoin frame once it is back.
 */
export function fillAbsent(e: E): void {
  for (const [peer, { until }] of e.drops.absent) {
    const status = statusOf(e.drops, peer);
    // Never past the rejoin frame, which is the highest proposal: ours, or one we abstained in.
    const proposed = e.drops.backProposals.get(peer);
    const rejoin = proposed === undefined ? Infinity : Math.max(...proposed.values());
    const limit = status === 'away' ? Math.min(e.inputs.nextLocalFrame, rejoin) : status === 'live' ? (until ?? 0) : 0;
    for (const slot of e.peers.slotsOf(peer)) if (e.inputs.frontier(slot) < limit) e.inputs.fillZeros(slot, limit);
  }
}

/** The page hides: tell the others at once (unless we did); then send and step nothing until `back`. */
export function goAway(e: E): void {
  // Alone (practice), nobody waits for us: a hidden page simply stops, as it always did.
  if (e.drops.live.length === 0) return;
  if (!e.away.announced && !selfAbsent(e.drops)) announceAway(e);
  e.away.hidden = true;
}

/** Say `away`, with every input of ours the others may lack, and schedule and step nothing more. */
function announceAway(e: E): void {
  const frame = e.inputs.nextLocalFrame;
  const runs = e.inputs.localSlots.flatMap((slot) => {
    const from = Math.min(frame, ...e.drops.live.map((peer) => e.peers.ackOf(peer, slot)));
    const run = e.inputs.run(slot, Math.max(from, frame - MAX_RUN_FRAMES), frame);
    return run ? [run] : [];
  });
  e.out.broadcast(e.drops.live, { kind: 'away', frame, runs }, 'reliable');
  e.away.announced = true;
}

/** Whether this page abstains in the others' absences (away.ts): it sits out, or some peer proposes that it is away. */
export function abstains(e: E): boolean {
  return abstaining(e.away, e.drops);
}

/** Whether this page plays nothing now: it said `away`, or is away for the others, until its rejoin frame is agreed. */
export function sittingOut(e: E): boolean {
  return e.away.announced || e.away.hidden || selfAbsent(e.drops);
}

/**
 * The frame a message's frames are judged from: ours, or, while we sit out, the furthest a live
 * peer reported (the others play on without us, and tell us of frames far past ours).
 */
export function horizon(e: E): number {
  return e.sim.frame + (abstains(e) ? lag(e) : 0);
}

/**
 * The highest drop or away frame a survivor could propose: no peer's inputs run further ahead of
 * ours than two input delays (it needs ours to advance, and schedules at most `maxDelay` + 1
 * frames past its own; the proposer is one more such step away); judged from `horizon` while we
 * sit out. Past it (2^31 - 1 would freeze everyone) a proposal is invalid.
 */
export function proposalReach(e: E): number {
  return Math.max(e.inputs.nextLocalFrame, horizon(e)) + 2 * (Math.max(e.options.maxDelay, e.options.initialDelay) + 1);
}

/** Frames the furthest live peer is ahead of us, by what it last reported (0 if none is). */
export function lag(e: E): number {
  let ahead = 0;
  for (const peer of e.drops.live) ahead = Math.max(ahead, (e.away.reported.get(peer) ?? 0) - currentFrame(e));
  return ahead;
}
