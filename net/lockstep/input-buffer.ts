/**
 * The inputs of one slot, by frame, as they arrive in any order, duplicated or not. The first
 * value received for a frame is kept: later copies are redundancy (or, if they differ, a hostile
 * or buggy sender) and change nothing. `next` is the contiguous frontier: every frame below it is
 * held, which is what acks report and what `advance` needs.
 */
import * as wire from '../protocol';
import type { InputRun } from '../protocol';
import type { Input } from './game';

// A local copy: transpiled test runs read imported bindings through getters, in hot loops.
const { DELAY_VOTE_INTERVAL } = wire;

/** What `add` did with a run. */
export interface AddResult {
  /** Frames that were new. */
  readonly added: number;
  /** Frames already held with a different input (the held one wins). */
  readonly conflicts: number;
}

/** One slot's input history plus a frontier. Keeps the whole match (a replay needs it). */
export class SlotInputs {
  private readonly inputs: Input[] = [];
  private readonly votes = new Map<number, number>();
  private readonly ahead = new Map<number, Input>();
  private frontier = 0;
  /** Frames below this were never held here: a reloaded page starts at a snapshot's frame (restore.ts). */
  private base = 0;

  /** Every frame below this is held. */
  get next(): number {
    return this.frontier;
  }

  /** Whether the input of `frame` is held. */
  has(frame: number): boolean {
    return (frame < this.frontier && frame >= this.base) || this.ahead.has(frame);
  }

  /** The input of a held frame (throws if not held: a programmer error). */
  get(frame: number): Input {
    const input = frame < this.frontier ? this.inputs[frame] : this.ahead.get(frame);
    if (input === undefined) throw new Error(`input of frame ${frame} is not held`);
    return input;
  }

  /** The delay vote carried by vote frame `frame`, if held. */
  vote(frame: number): number | undefined {
    return this.votes.get(frame);
  }

  /** Store one frame's input (and its vote on a vote frame). */
  put(frame: number, input: Input, vote?: number): AddResult {
    if (frame < this.base) return { added: 0, conflicts: 0 };
    if (this.has(frame)) return { added: 0, conflicts: this.get(frame) === input ? 0 : 1 };
    if (vote !== undefined && frame % DELAY_VOTE_INTERVAL === 0) this.votes.set(frame, vote);
    if (frame === this.frontier) {
      this.inputs.push(input);
      this.frontier += 1;
      this.absorbAhead();
    } else {
      this.ahead.set(frame, input);
    }
    return { added: 1, conflicts: 0 };
  }

  /** How many frames of `run` below `below` are held with a different input. */
  conflicts(run: Pick<InputRun, 'startFrame' | 'inputs'>, below: number): number {
    let count = 0;
    const end = Math.min(below, run.startFrame + run.inputs.length);
    for (let frame = run.startFrame; frame < end; frame++) {
      if (this.has(frame) && this.get(frame) !== run.inputs[frame - run.startFrame]) count += 1;
    }
    return count;
  }

  /** Store a decoded run (votes are matched to the run's vote frames in order). */
  addRun(run: Pick<InputRun, 'startFrame' | 'inputs' | 'votes'>): AddResult {
    let added = 0;
    let conflicts = 0;
    let voteIndex = 0;
    run.inputs.forEach((input, i) => {
      const frame = run.startFrame + i;
      const vote = frame % DELAY_VOTE_INTERVAL === 0 ? run.votes[voteIndex++] : undefined;
      const result = this.put(frame, input, vote);
      added += result.added;
      conflicts += result.conflicts;
    });
    return { added, conflicts };
  }

  /** The held contiguous inputs of [from, to) as a run (for sending or relaying), or null if empty. */
  run(slot: number, from: number, to: number): InputRun | null {
    from = Math.max(from, this.base);
    const end = Math.min(to, this.frontier);
    if (from >= end) return null;
    const inputs = this.inputs.slice(from, end);
    const votes: number[] = [];
    for (let f = Math.ceil(from / DELAY_VOTE_INTERVAL) * DELAY_VOTE_INTERVAL; f < end; f += DELAY_VOTE_INTERVAL) {
      votes.push(this.votes.get(f) ?? 1);
    }
    return { slot, startFrame: from, inputs, votes };
  }

  /** Forget every input (and vote) of `frame` and after: the slot went away there (away.ts). */
  truncate(frame: number): void {
    if (this.frontier > frame) {
      this.inputs.length = frame;
      this.frontier = frame;
    }
    for (const held of this.ahead.keys()) if (held >= frame) this.ahead.delete(held);
    for (const held of this.votes.keys()) if (held >= frame) this.votes.delete(held);
  }

  /**
   * Start at `frame` (a reloaded page loaded the state there: restore.ts): the frames before it are
   * neither held nor wanted, and what was received from there on stays.
   */
  startAt(frame: number): void {
    this.base = frame;
    if (this.frontier < frame) {
      this.inputs.length = frame;
      this.frontier = frame;
    }
    for (const held of this.ahead.keys()) if (held < frame) this.ahead.delete(held);
    this.absorbAhead();
  }

  private absorbAhead(): void {
    for (let input = this.ahead.get(this.frontier); input !== undefined; input = this.ahead.get(this.frontier)) {
      this.ahead.delete(this.frontier);
      this.inputs.push(input);
      this.frontier += 1;
    }
  }
}
