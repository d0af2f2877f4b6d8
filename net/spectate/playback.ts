/**
 * A spectator's match: the state it loaded, the confirmed inputs it holds past it, and its own
 * checkpoints checked against its feeder's. Pure bookkeeping; spectator.ts feeds it the messages.
 *
 * Playback: one frame per `step`, as the page's 60 Hz loop asks, while inputs are held. When the
 * buffer runs dry it waits until `bufferFrames` are held again, so that the feed's jitter costs
 * one short wait rather than a stutter every few frames; `lag` (frames held beyond that) lets the
 * page's loop catch up faster (game/app/match-loop.ts steps up to 20 frames a tick past 30).
 */
import type { Game, Input } from '../lockstep';

/** The most frames of inputs a spectator holds ahead of its state (10 minutes): a bound for a feeder that floods. */
export const MAX_HELD_FRAMES = 36_000;
/** Remote checkpoints kept until this page reaches their frame: a bound for a feeder that floods. */
export const MAX_REMOTE_CHECKPOINTS = 1024;

/** A checkpoint of ours that differs from the feeder's. */
export interface Mismatch {
  readonly frame: number;
  readonly localHash: number;
  readonly remoteHash: number;
}

/** The playback of a loaded state. */
export class Playback<State> {
  private held: Input[][] = [];
  private readonly leaves = new Map<number, number[]>();
  private readonly remote = new Map<number, number>();
  private readonly local: [number, number][] = [];
  private readonly mismatches: Mismatch[] = [];
  private unreported = 0;
  private agreed = 0;
  private starved = false;

  constructor(
    private readonly game: Pick<Game<State, unknown>, 'step' | 'leave' | 'hash'>,
    public state: State,
    public frame: number,
    private readonly checkpointInterval: number,
    private readonly bufferFrames: number,
    loadedHash: number,
  ) {
    // The loaded state is a checkpoint of the feeder's (its hash was checked on loading).
    this.local.push([frame, loadedHash]);
    this.remote.set(frame, loadedHash);
    this.agreed = 1;
  }

  /** One past the last frame whose inputs are held. */
  heldUntil(): number {
    return this.frame + this.held.length;
  }

  /** Frames held beyond the buffer: how far behind the feed this page plays. */
  lag(): number {
    return Math.max(0, this.held.length - this.bufferFrames);
  }

  /** Takes the inputs of frames `start ..`; null if taken, else why not. Frames already held are skipped. */
  addInputs(start: number, rows: readonly (readonly Input[])[], leaves: readonly (readonly [number, number])[]): string | null {
    const end = this.heldUntil();
    if (start > end) return `inputs from frame ${start}, but frame ${end} is missing`;
    const fresh = rows.slice(end - start);
    if (this.held.length + fresh.length > MAX_HELD_FRAMES) return `more than ${MAX_HELD_FRAMES} frames of inputs ahead of frame ${this.frame}`;
    for (const row of fresh) this.held.push([...row]);
    for (const [frame, slot] of leaves) {
      if (frame < end) continue;
      this.leaves.set(frame, [...(this.leaves.get(frame) ?? []), slot]);
    }
    return null;
  }

  /** Takes the feeder's checkpoint; null if taken, else why not. */
  addCheckpoint(frame: number, hash: number): string | null {
    if (frame % this.checkpointInterval !== 0) return `a checkpoint at frame ${frame}, not a multiple of ${this.checkpointInterval}`;
    if (frame > this.heldUntil() + MAX_HELD_FRAMES) return `a checkpoint at frame ${frame}, far past the inputs held`;
    const mine = this.ownCheckpoint(frame);
    if (mine !== undefined) this.compare(frame, mine, hash);
    else if (frame > this.frame) this.remote.set(frame, hash);
    if (this.remote.size > MAX_REMOTE_CHECKPOINTS) this.remote.delete(this.remote.keys().next().value as number);
    return null;
  }

  /** Steps one frame if it may (see the header); false if it waits for inputs. */
  step(): boolean {
    if (this.held.length === 0) this.starved = true;
    if (this.starved && this.held.length < Math.max(1, this.bufferFrames)) return false;
    this.starved = false;
    const inputs = this.held.shift() as Input[];
    const f = this.frame;
    for (const slot of this.leaves.get(f) ?? []) this.state = this.game.leave(this.state, slot);
    this.leaves.delete(f);
    this.state = this.game.step(this.state, inputs);
    this.frame = f + 1;
    if (this.frame % this.checkpointInterval !== 0) return true;
    const hash = this.game.hash(this.state);
    this.local.push([this.frame, hash]);
    const remote = this.remote.get(this.frame);
    this.remote.delete(this.frame);
    if (remote !== undefined) this.compare(this.frame, hash, remote);
    return true;
  }

  /** Our hash at `frame`, if we computed it (searched from the newest: the feeder is usually ahead). */
  private ownCheckpoint(frame: number): number | undefined {
    for (let i = this.local.length - 1; i >= 0; i--) {
      const [f, hash] = this.local[i] as [number, number];
      if (f === frame) return hash;
      if (f < frame) return undefined;
    }
    return undefined;
  }

  private compare(frame: number, localHash: number, remoteHash: number): void {
    if (localHash === remoteHash) this.agreed += 1;
    else this.mismatches.push({ frame, localHash, remoteHash });
  }

  /** The mismatches found since the last call. */
  drainMismatches(): Mismatch[] {
    const fresh = this.mismatches.slice(this.unreported);
    this.unreported = this.mismatches.length;
    return fresh;
  }

  /** `[frame, hash]` of every checkpoint of this page, the loaded one first. */
  checkpoints(): readonly (readonly [number, number])[] {
    return this.local;
  }

  /** Checkpoints compared with the feeder's and equal; the ones that differed. */
  verdicts(): { readonly agreed: number; readonly mismatches: readonly Mismatch[] } {
    return { agreed: this.agreed, mismatches: this.mismatches };
  }
}
