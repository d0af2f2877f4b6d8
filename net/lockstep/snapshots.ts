/**
 * The snapshots part of the engine: the states of this peer's last few checkpoints, kept so that
 * it can answer a snapshot request (`snapshotRequest`: "your state after frame f"), and the
 * requests it answered. Any peer that confirmed a checkpoint can answer for it, which is what a
 * page that diverged needs now (resync.ts), and what a reloaded page or a spectator would need.
 * Bounded: KEPT_CHECKPOINTS states (immutable, so they share most of their structure), and one
 * answer per peer and kept frame.
 */
import type { PeerId } from './transport';

/**
 * Checkpoints whose states are kept: 8 (4 s at 30 frames). An outvoted peer asks for the frame
 * as soon as it is judged, at most 4 checkpoints after it (checkpoint-book.ts, CLOSE_AFTER).
 */
export const KEPT_CHECKPOINTS = 8;

/** Checkpoint states, newest last, and who was sent which. */
export class Snapshots<State = unknown> {
  private readonly states = new Map<number, State>();
  private readonly answered = new Set<string>();

  /** Keep the state after `frame` frames (a checkpoint this peer confirmed); forget the oldest. */
  keep(frame: number, state: State): void {
    this.states.delete(frame);
    this.states.set(frame, state);
    for (const old of this.states.keys()) {
      if (this.states.size <= KEPT_CHECKPOINTS) break;
      this.forget(old);
    }
  }

  /** The newest kept state and its frame, or null if none is kept. */
  newest(): { readonly frame: number; readonly state: State } | null {
    let frame = -1;
    for (const kept of this.states.keys()) frame = Math.max(frame, kept);
    return frame < 0 ? null : { frame, state: this.states.get(frame) as State };
  }

  /** Forget the states from `frame` on: they went astray. */
  forgetFrom(frame: number): void {
    for (const old of [...this.states.keys()]) if (old >= frame) this.forget(old);
  }

  /**
   * The state to send `peer` for its request of `frame`: 'unknown' if not kept (never
   * confirmed, or long gone), 'duplicate' if that peer was sent it already.
   */
  answer(peer: PeerId, frame: number): { readonly state: State } | 'unknown' | 'duplicate' {
    if (!this.states.has(frame)) return 'unknown';
    const key = `${frame}:${peer}`;
    if (this.answered.has(key)) return 'duplicate';
    this.answered.add(key);
    return { state: this.states.get(frame) as State };
  }

  private forget(frame: number): void {
    this.states.delete(frame);
    for (const key of [...this.answered]) if (key.startsWith(`${frame}:`)) this.answered.delete(key);
  }
}
