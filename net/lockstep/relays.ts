/**
 * Drop proposals from other survivors, and the inputs they relay, taken at no one's word alone.
 *
 * - A proposal about a peer we still hear from is held, not acted on: it counts once we have our
 *   own evidence that the peer is gone (silence, connection down, its `leave`). Until then that
 *   peer's own inputs keep coming, so the match goes on; the proposer, if honest, waits for the
 *   rest of us to see the same thing. If only the link between the two broke, no one else ever
 *   does, and the match stalls until one of them leaves: the price of not taking one peer's word.
 *   One held proposal per proposer and peer: bounded.
 * - Its relayed inputs are stored only once we drop that peer ourselves, and only where it claims
 *   to hold them: below its drop frame. A drop frame that its relays and our inputs do not reach
 *   is a claim nobody could settle on (we would wait for inputs that never come): refused.
 * - A relayed input that differs from one its owner sent us proves the relayer lied: reported
 *   (`peer-misbehaved`), and its relays are ignored from then on. Only inputs from the owner count
 *   as proof: those held while the peer was live, i.e. below `ownerUntil` once it is dropping.
 */
import type { InputRun } from '../protocol';
import { dispatchDrop } from './drop-effects';
import { statusOf } from './drops';
import type { Engine } from './engine';
import type { PeerId } from './transport';

/** A proposal as it came: the frame and the relayed inputs. */
export interface HeldProposal {
  readonly dropFrame: number;
  readonly runs: readonly InputRun[];
}

/**
 * Proposals about a peer we still hear from, held until we have evidence of our own: one per
 * proposer and target (each proposes once), so the store is bounded. Drops here, away in away-part.ts.
 */
export class HeldProposals {
  /** Target -> proposer -> its proposal. */
  private readonly held = new Map<PeerId, Map<PeerId, HeldProposal>>();

  /** Hold `from`'s proposal about `target`; false if one is held already. */
  hold(target: PeerId, from: PeerId, proposal: HeldProposal): boolean {
    const byFrom = this.held.get(target) ?? new Map<PeerId, HeldProposal>();
    this.held.set(target, byFrom);
    if (byFrom.has(from)) return false;
    byFrom.set(from, proposal);
    return true;
  }

  /** The proposals held about `target`, forgotten here. */
  release(target: PeerId): [PeerId, HeldProposal][] {
    const byFrom = this.held.get(target);
    this.held.delete(target);
    return byFrom ? [...byFrom] : [];
  }
}

/** What the engine keeps about relays: held proposals, proven liars, where the owners' inputs end. */
export class Relays {
  private readonly liars = new Set<PeerId>();
  /** Drop proposals about a peer still live for us. */
  private readonly held = new HeldProposals();
  /** Target -> one past the last frame of which we held all its inputs when we started dropping it. */
  private readonly owned = new Map<PeerId, number>();

  isLiar(peer: PeerId): boolean {
    return this.liars.has(peer);
  }

  /** Record that `peer` lied; false if it was known. */
  markLiar(peer: PeerId): boolean {
    if (this.liars.has(peer)) return false;
    this.liars.add(peer);
    return true;
  }

  /** Hold `from`'s proposal about a live `target`; false if one is held already (each proposes once). */
  hold(target: PeerId, from: PeerId, proposal: HeldProposal): boolean {
    return this.held.hold(target, from, proposal);
  }

  /** The proposals held about `target`, forgotten here; and from now on its inputs below `ownedUntil` are its own. */
  release(target: PeerId, ownedUntil: number): [PeerId, HeldProposal][] {
    this.owned.set(target, ownedUntil);
    return this.held.release(target);
  }

  /** Frames below this of `target`'s slots came from it (all held ones while it is live). */
  ownedUntil(target: PeerId): number {
    return this.owned.get(target) ?? Infinity;
  }
}

/** A checked proposal from live survivor `from` about remote peer `target`. */
export function onProposal(e: Engine<unknown>, from: PeerId, target: PeerId, proposal: HeldProposal): void {
  if (statusOf(e.drops, target) !== 'live') {
    accept(e, from, target, proposal);
    return;
  }
  // Caught at once if it contradicts what the owner already sent us.
  relayable(e, from, target, proposal.runs);
  if (!e.relays.hold(target, from, proposal)) e.counters.reject('duplicate');
}

/** Start dropping `peer` (live, going or away) on our own evidence, then count the proposals about it we held. */
export function loseOnEvidence(e: Engine<unknown>, peer: PeerId, reason: string): void {
  const status = statusOf(e.drops, peer);
  if (status !== 'live' && status !== 'going' && status !== 'away') return;
  const held = e.relays.release(peer, e.inputs.heldUntil(e.peers.slotsOf(peer)));
  dispatchDrop(e, { type: 'lost', peer, reason });
  for (const [from, proposal] of held) {
    if (statusOf(e.drops, from) === 'live') accept(e, from, peer, proposal);
  }
}

/**
 * We followed the others' drop of `target` while we were away (drops.ts, `adopt`): store the
 * relays of the proposals we held about it, where they do not contradict its own inputs. A relay
 * that does not reach its frame proves nothing here: it was cut to a message's worth for peers
 * that were with the proposer, and we were away.
 */
export function adoptRelays(e: Engine<unknown>, target: PeerId): void {
  for (const [from, { runs }] of e.relays.release(target, e.inputs.heldUntil(e.peers.slotsOf(target)))) {
    if (relayable(e, from, target, runs)) for (const run of runs) e.inputs.addRun(run);
  }
}

/** Store the relays of a proposal about a peer we are dropping, if they reach its drop frame. */
function accept(e: Engine<unknown>, from: PeerId, target: PeerId, proposal: HeldProposal): void {
  if (storeRelays(e, from, target, proposal, 'dropping')) dispatchDrop(e, { type: 'proposed', from, target, dropFrame: proposal.dropFrame });
}

/**
 * Store a proposal's relays (a drop's, or an away one's: away.ts) if they reach its frame, and say
 * whether the proposal may count; one that claims a frame nobody could hold is refused (unless
 * `lenient`: we sat out, and could not hold it).
 */
export function storeRelays(e: Engine<unknown>, from: PeerId, target: PeerId, { dropFrame, runs }: HeldProposal, what: string, lenient = false): boolean {
  const usable = relayable(e, from, target, runs) ? runs : [];
  // Lenient for a page that sat out (away.ts): relays are cut to a message's worth, and it was away.
  if (!lenient && !reaches(e, target, dropFrame, usable)) {
    misbehaved(e, from, `proposed ${what} ${target} at frame ${dropFrame} without the inputs up to it`);
    e.counters.reject('invalid');
    return false;
  }
  for (const run of usable) e.inputs.addRun(run);
  return true;
}

/** Whether `from`'s relays may be used: not a known liar, and not contradicting the owner. */
function relayable(e: Engine<unknown>, from: PeerId, target: PeerId, runs: readonly InputRun[]): boolean {
  if (e.relays.isLiar(from)) return false;
  const owned = e.relays.ownedUntil(target);
  if (!runs.some((run) => e.inputs.conflicts(run, owned) > 0)) return true;
  misbehaved(e, from, `relayed inputs of ${target} that differ from its own`);
  return false;
}

/** Whether our inputs of `target`, extended by `runs`, reach `dropFrame` on every slot. */
function reaches(e: Engine<unknown>, target: PeerId, dropFrame: number, runs: readonly InputRun[]): boolean {
  return e.peers.slotsOf(target).every((slot) => {
    let held = e.inputs.frontier(slot);
    for (const run of runs) if (run.slot === slot && run.startFrame <= held) held = Math.max(held, run.startFrame + run.inputs.length);
    return held >= dropFrame;
  });
}

function misbehaved(e: Engine<unknown>, peer: PeerId, reason: string): void {
  if (e.relays.markLiar(peer)) e.events.push({ type: 'peer-misbehaved', peer, reason });
}
