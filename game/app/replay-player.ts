/**
 * Playing a replay file: stepping it, seeking in it, and checking it, with no clock and no drawing
 * (the Replay scene owns time and pictures).
 *
 * Keyframes: sim states are immutable plain objects, so keeping one is keeping a reference. A
 * background pass (`prepare`, a slice per display frame) steps the whole replay once from its
 * setup, stores the state every `keyframeEvery` frames and compares every checkpoint the file
 * carries on the way. A seek then starts from the last keyframe at or before its target (or from
 * the frame on screen, when that is nearer) and re-simulates at most one keyframe interval. A
 * seek past what the pass has reached finishes that stretch of the pass first (counted too).
 */
import type { Replay, SimEvent, SimState } from '../sim';
import { initialState, leave, stateHash, step } from '../sim';

/** Default keyframe spacing: 3 seconds of play. */
export const KEYFRAME_EVERY = 180;

/** Whether the file's checkpoints match what this build computes. */
export type Verdict = 'checking' | 'verified' | 'mismatch';

/** What the player shows and the test surface reads (`window.ricochet.viewer()`). */
export interface PlayerFigures {
  /** Frames stepped so far on screen (0: the initial state). */
  readonly frame: number;
  /** Frames in the replay. */
  readonly total: number;
  readonly verdict: Verdict;
  /** Checkpoints compared so far, of `checkpoints`. */
  readonly checked: number;
  readonly checkpoints: number;
  /** First checkpoint frame that did not match, or null. */
  readonly mismatchFrame: number | null;
  /** Frames the background pass has reached (== total once it is done). */
  readonly prepared: number;
  readonly keyframeEvery: number;
  /** Frames the last seek stepped to reach its target. */
  readonly resimulated: number;
}

/** A replay being watched. */
export interface ReplayPlayer {
  current(): SimState;
  /** The state before current() (equal to it right after a seek: nothing to interpolate). */
  previous(): SimState;
  /** Steps one frame; its events, or null at the end. */
  stepForward(): SimEvent[] | null;
  /** Shows frame `frame` (clamped to the replay). */
  seek(frame: number): void;
  /** Advances the background pass by up to `frames` frames; true once it has covered the replay. */
  prepare(frames: number): boolean;
  figures(): PlayerFigures;
}

/** Steps `state` (which is at frame f) over input row f, applying that frame's leaves first. */
function stepOnce(replay: Replay, state: SimState): SimState {
  const f = state.frame;
  let s = state;
  for (const [frame, slot] of replay.leaves) if (frame === f) s = leave(s, slot);
  return step(s, replay.inputs[f] as number[]);
}

/** The background pass: keyframes and checkpoint verdicts. */
function createPass(replay: Replay, every: number) {
  const expected = new Map(replay.checkpoints.map(([frame, hash]) => [frame, hash]));
  const keyframes: SimState[] = [initialState(replay.setup)];
  let cursor = keyframes[0] as SimState;
  let checked = 0;
  let mismatch: number | null = null;
  const check = (s: SimState): void => {
    const want = expected.get(s.frame);
    if (want === undefined) return;
    checked++;
    if (stateHash(s) !== want && mismatch === null) mismatch = s.frame;
  };
  const finish = (): void => {
    // Checkpoints past the end can never match.
    const beyond = replay.checkpoints.filter(([frame]) => frame > replay.inputs.length).map(([frame]) => frame);
    checked += beyond.length;
    if (beyond.length && mismatch === null) mismatch = Math.min(...beyond);
  };
  check(cursor);
  if (replay.inputs.length === 0) finish();
  return {
    keyframes,
    reached: () => cursor.frame,
    run(frames: number): number {
      let n = 0;
      while (n < frames && cursor.frame < replay.inputs.length) {
        cursor = stepOnce(replay, cursor);
        n++;
        check(cursor);
        if (cursor.frame % every === 0) keyframes[cursor.frame / every] = cursor;
        if (cursor.frame === replay.inputs.length) finish();
      }
      return n;
    },
    verdict: (): { verdict: Verdict; checked: number; mismatchFrame: number | null } => ({
      verdict: mismatch !== null ? 'mismatch' : cursor.frame === replay.inputs.length ? 'verified' : 'checking',
      checked,
      mismatchFrame: mismatch,
    }),
  };
}

/** A player at frame 0 of `replay` (already parsed: see parseReplayText). */
export function createReplayPlayer(replay: Replay, every = KEYFRAME_EVERY): ReplayPlayer {
  const total = replay.inputs.length;
  const pass = createPass(replay, every);
  let current = pass.keyframes[0] as SimState;
  let previous = current;
  let resimulated = 0;
  return {
    current: () => current,
    previous: () => previous,
    stepForward() {
      if (current.frame >= total) return null;
      previous = current;
      current = stepOnce(replay, current);
      return current.events;
    },
    seek(target) {
      const to = Math.max(0, Math.min(total, Math.floor(target)));
      const key = Math.floor(to / every);
      let n = pass.reached() < key * every ? pass.run(key * every - pass.reached()) : 0;
      let s = current.frame <= to && current.frame >= key * every ? current : (pass.keyframes[key] as SimState);
      for (; s.frame < to; n++) s = stepOnce(replay, s);
      current = previous = s;
      resimulated = n;
    },
    prepare(frames) {
      pass.run(frames);
      return pass.reached() >= total;
    },
    figures: () => ({ frame: current.frame, total, ...pass.verdict(), checkpoints: replay.checkpoints.length, prepared: pass.reached(), keyframeEvery: every, resimulated }),
  };
}
