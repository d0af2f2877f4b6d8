/**
 * The inputs part of the engine: every slot's input buffer (local and remote), the local slots'
 * current input and how far it is scheduled, and the input log of the simulated frames (what a
 * replay needs). A small owned object: its state changes only through these methods.
 *
 * What it guarantees (checked in development builds, see invariant.ts):
 * - each local slot holds exactly one input per frame below `nextLocalFrame`, whatever the delay
 *   does (scheduling only moves forward, one frame at a time);
 * - a held input never changes: the log row of every simulated frame still matches the buffers;
 * - the log has one row per simulated frame, in order, and each slot leaves at most once.
 */
import * as wire from '../protocol';
import type { InputRun } from '../protocol';
import type { Input } from './game';
import { SlotInputs, type AddResult } from './input-buffer';
import { assertInvariant, CHECK_INVARIANTS, invariantBroken } from './invariant';
import type { PeerId } from './transport';

// Local copies: transpiled test runs read imported bindings through getters, in hot loops.
const { DELAY_VOTE_INTERVAL, MAX_INPUT } = wire;

/** Slot -> the frame it leaves at (undefined while it plays). */
export type LeaveFrames = readonly (number | undefined)[];

/** The inputs of one frame, or who they are waited on. */
export type Gathered = { readonly ok: true; readonly inputs: Input[] } | { readonly ok: false; readonly waitingFor: PeerId[] };

/** Every slot's inputs, the local input, and the input log. */
export class Inputs {
  private readonly buffers: SlotInputs[];
  private readonly current = new Map<number, Input>();
  private nextLocal = 0;
  /** The first frame this page simulated: 0, or a reloaded page's loaded snapshot (`startAt`). */
  private start = 0;
  private readonly log: Input[][] = [];
  private readonly leaves: [number, number][] = [];
  /** The slots this peer feeds, ascending. */
  readonly localSlots: readonly number[];
  /** The first slot of each peer: the one whose delay vote counts. */
  private readonly voters: readonly number[];

  constructor(private readonly slotOwners: readonly PeerId[], localSlots: readonly number[]) {
    this.buffers = slotOwners.map(() => new SlotInputs());
    this.localSlots = [...localSlots].sort((a, b) => a - b);
    this.voters = slotOwners.flatMap((owner, slot) => (slotOwners.indexOf(owner) === slot ? [slot] : []));
  }

  /** Set a local slot's input for the frames scheduled from now on. Throws on a programmer error. */
  setLocal(slot: number, input: Input): void {
    if (!this.localSlots.includes(slot)) throw new Error(`slot ${slot} is not local`);
    if (!Number.isInteger(input) || input < 0 || input > MAX_INPUT) throw new RangeError(`input ${input} is not a 16-bit mask`);
    this.current.set(slot, input);
  }

  /** The first frame whose local inputs are not scheduled yet. */
  get nextLocalFrame(): number {
    return this.nextLocal;
  }

  /** Schedule the local slots' current inputs up to `until`, with `voteAt(frame)` on vote frames. */
  scheduleUpTo(until: number, voteAt: (frame: number) => number): void {
    if (this.nextLocal > until) return;
    for (; this.nextLocal <= until; this.nextLocal++) {
      const frame = this.nextLocal;
      const vote = frame % DELAY_VOTE_INTERVAL === 0 ? voteAt(frame) : undefined;
      for (const slot of this.localSlots) this.buffers[slot]?.put(frame, this.current.get(slot) ?? 0, vote);
    }
    if (!CHECK_INVARIANTS) return;
    for (const slot of this.localSlots) {
      const held = this.frontier(slot);
      if (held !== this.nextLocal) invariantBroken(`local slot ${slot} holds up to ${held}, scheduled up to ${this.nextLocal}`);
    }
  }

  /** Every frame of `slot` below this is held. */
  frontier(slot: number): number {
    return this.buffers[slot]?.next ?? 0;
  }

  /** One past the last frame for which every input of `slots` is held. */
  heldUntil(slots: readonly number[]): number {
    return Math.min(...slots.map((slot) => this.frontier(slot)));
  }

  /** Store a received run (first value of a frame wins). */
  addRun(run: InputRun): AddResult | undefined {
    return this.buffers[run.slot]?.addRun(run);
  }

  /** How many frames of a received run below `below` are held with a different input. */
  conflicts(run: InputRun, below: number): number {
    return this.buffers[run.slot]?.conflicts(run, below) ?? 0;
  }

  /** The held contiguous inputs of `slot` in [from, to) as a run, or null if none. */
  run(slot: number, from: number, to: number): InputRun | null {
    return this.buffers[slot]?.run(slot, from, to) ?? null;
  }

  /**
   * The median delay vote at vote frame `frame` (0 if none): one vote per peer still playing (its
   * first slot's; its bots do not vote again), the upper median of an even count. One peer voting
   * the maximum moves nothing once there are three; a slow link still raises the delay, because
   * every peer votes for its own worst link, and both ends of that link vote for it.
   */
  medianVote(frame: number, leaveFrame: LeaveFrames): number {
    const votes: number[] = [];
    for (const slot of this.voters) {
      const leave = leaveFrame[slot];
      const vote = leave !== undefined && frame >= leave ? undefined : this.buffers[slot]?.vote(frame);
      if (vote !== undefined) votes.push(vote);
    }
    votes.sort((a, b) => a - b);
    return votes[votes.length >> 1] ?? 0;
  }

  /** Every slot's input for `frame` (0 once it left), or the owners of the missing ones. */
  gather(frame: number, leaveFrame: LeaveFrames): Gathered {
    let waiting: Set<PeerId> | undefined;
    const inputs: Input[] = this.slotOwners.map((owner, slot) => {
      const leave = leaveFrame[slot];
      if (leave !== undefined && frame >= leave) return 0;
      const buffer = this.buffers[slot] as SlotInputs;
      if (!buffer.has(frame)) {
        (waiting ??= new Set()).add(owner);
        return 0;
      }
      // The frame never passes the slowest input: every earlier frame of the slot is held too.
      if (CHECK_INVARIANTS && buffer.next <= frame) invariantBroken(`slot ${slot} holds frame ${frame} but not all before it`);
      return buffer.get(frame);
    });
    return waiting ? { ok: false, waitingFor: [...waiting] } : { ok: true, inputs };
  }

  /**
   * Rollback's best guess of `frame`'s inputs: the held input where there is one, else the slot's
   * last held input repeated (players hold keys for many frames, so a repeat is usually right),
   * and 0 once the slot left. `out` receives them; returns whether every input was held.
   */
  guess(frame: number, leaveFrame: LeaveFrames, out: Input[]): boolean {
    let held = true;
    for (let slot = 0; slot < this.buffers.length; slot++) {
      const leave = leaveFrame[slot];
      const buffer = this.buffers[slot] as SlotInputs;
      if (leave !== undefined && frame >= leave) out[slot] = 0;
      else if (buffer.has(frame)) out[slot] = buffer.get(frame);
      else {
        held = false;
        out[slot] = buffer.next > 0 && buffer.has(buffer.next - 1) ? buffer.get(buffer.next - 1) : 0;
      }
    }
    return held;
  }

  /**
   * An absence starts at `frame` for `slots` (away.ts): forget what they hold from there. For our
   * own slots, scheduling resumes from there too (nothing is scheduled while we are away).
   */
  truncate(slots: readonly number[], frame: number): void {
    for (const slot of slots) this.buffers[slot]?.truncate(frame);
    if (slots.some((slot) => this.localSlots.includes(slot))) this.nextLocal = Math.min(this.nextLocal, frame);
  }

  /**
   * Take out our own inputs from `frame` on (we are away from there), and return them: what we may
   * already have sent past it, to put back past our rejoin frame (`putBackLocal`).
   */
  takeLocal(frame: number): InputRun[] {
    const runs = this.localSlots.flatMap((slot) => this.buffers[slot]?.run(slot, frame, Infinity) ?? []);
    this.truncate(this.localSlots, frame);
    return runs;
  }

  /**
   * Put back, from `frame` on, the inputs `takeLocal` took: the others may hold those we sent, so
   * scheduling new ones there would part our state from theirs. Call right after `fillZeros`.
   */
  putBackLocal(runs: readonly InputRun[], frame: number): void {
    for (const run of runs) {
      const buffer = this.buffers[run.slot] as SlotInputs;
      const firstVote = Math.ceil(run.startFrame / DELAY_VOTE_INTERVAL) * DELAY_VOTE_INTERVAL;
      // fillZeros left the buffer at `frame` or past it: carry on from there wherever the run covers it.
      for (let f = Math.max(frame, buffer.next); f === buffer.next && f >= run.startFrame && f < run.startFrame + run.inputs.length; f++) {
        const vote = f % DELAY_VOTE_INTERVAL === 0 ? run.votes[(f - firstVote) / DELAY_VOTE_INTERVAL] : undefined;
        buffer.put(f, run.inputs[f - run.startFrame] as number, vote);
      }
      this.nextLocal = Math.max(this.nextLocal, buffer.next);
    }
  }

  /** Hold input 0 for `slot` on every frame from its frontier up to `until` (an away slot). */
  fillZeros(slot: number, until: number): void {
    const buffer = this.buffers[slot] as SlotInputs;
    while (buffer.next < until) buffer.put(buffer.next, 0);
    if (this.localSlots.includes(slot)) this.nextLocal = Math.max(this.nextLocal, until);
  }

  /**
   * A reloaded page starts at `frame` with a loaded state (restore.ts): every slot starts there,
   * our own scheduling too (nothing of ours is held), and the log's rows before it are zeros (this
   * page did not simulate them; its replay starts at the loaded state).
   */
  startAt(frame: number): void {
    for (const buffer of this.buffers) buffer.startAt(frame);
    this.nextLocal = frame;
    this.start = frame;
    const zeros = this.slotOwners.map(() => 0);
    while (this.log.length < frame) this.log.push(zeros);
  }

  /** Forget the log from `frame` on: the simulation steps back there (away.ts's rewind). */
  rewindLog(frame: number): void {
    if (this.log.length > frame) this.log.length = frame;
    for (let i = this.leaves.length - 1; i >= 0; i--) if ((this.leaves[i] as [number, number])[0] >= frame) this.leaves.splice(i, 1);
  }

  /** Record that `slot` left just before `frame` was stepped. */
  recordLeave(frame: number, slot: number): void {
    assertInvariant(!this.leaves.some(([, s]) => s === slot), () => `slot ${slot} left twice`);
    this.leaves.push([frame, slot]);
  }

  /** Record the inputs `frame` was stepped with (frames are recorded once each, in order). */
  recordStep(frame: number, inputs: Input[]): void {
    if (CHECK_INVARIANTS && this.log.length !== frame) invariantBroken(`stepped frame ${frame} after ${this.log.length} frames`);
    this.log.push(inputs);
  }

  /** The input log (live: it grows as frames are simulated). */
  inputLog(): { inputs: Input[][]; leaves: [number, number][] } {
    return { inputs: this.log, leaves: this.leaves };
  }

  /** Development check: the inputs of simulated frames [from, to) are still the ones held. */
  assertUnchanged(from: number, to: number, leaveFrame: LeaveFrames): void {
    if (!CHECK_INVARIANTS) return;
    for (let frame = Math.max(this.start, from); frame < to; frame++) {
      const row = this.log[frame] as Input[];
      for (let slot = 0; slot < row.length; slot++) {
        const leave = leaveFrame[slot];
        const held = leave !== undefined && frame >= leave ? 0 : (this.buffers[slot] as SlotInputs).get(frame);
        if (row[slot] !== held) invariantBroken(`frame ${frame} was stepped with ${row[slot]} for slot ${slot}, which now holds ${held}`);
      }
    }
  }
}
