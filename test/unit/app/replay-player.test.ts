import { describe, expect, it } from 'vitest';
import { createReplayPlayer } from '../../../game/app/replay-player';
import { replayFileName } from '../../../game/app/replay-file';
import { clockText, verdictText } from '../../../game/ui/replay-controls';
import { stateHash } from '../../../game/sim/hash';
import { recordReplay, runReplay } from '../../../game/sim/replay';
import type { SimSetup } from '../../../game/sim/types';

const setup: SimSetup = { seed: 11, players: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };
const inputs = Array.from({ length: 700 }, (_, f) => [(f * 3) % 32, (f * 7) % 32, (f * 13) % 32]);
const replay = recordReplay(setup, inputs, [[400, 1]], 60);

/** The hash of the state after `frame` frames, by stepping from the start. */
const hashAt = (frame: number): number => {
  let hash = 0;
  runReplay({ ...replay, inputs: inputs.slice(0, frame), checkpoints: [] }, (s) => void (hash = stateHash(s)));
  return frame === 0 ? stateHash(createReplayPlayer(replay).current()) : hash;
};

describe('the replay player', () => {
  it('plays frame by frame to the end, giving each frame its events', () => {
    const player = createReplayPlayer(replay, 100);
    let frames = 0;
    while (player.stepForward()) frames++;
    expect(frames).toBe(700);
    expect(player.figures().frame).toBe(700);
    expect(stateHash(player.current())).toBe(runReplay(replay).finalHash);
    expect(player.stepForward()).toBeNull();
  });

  it('seeks anywhere, forwards and back, to the very state of that frame, re-simulating at most one keyframe interval', () => {
    const player = createReplayPlayer(replay, 100);
    while (!player.prepare(64));
    for (const target of [350, 0, 699, 401, 400, 399, 100, 700, 250, 260]) {
      player.seek(target);
      const f = player.figures();
      expect(f.frame).toBe(target);
      expect(stateHash(player.current())).toBe(hashAt(target));
      expect(f.resimulated).toBeLessThan(100);
    }
    player.seek(-5);
    expect(player.figures().frame).toBe(0);
    player.seek(10_000);
    expect(player.figures().frame).toBe(700);
  });

  it('a seek past the background pass finishes that stretch of the pass, and says so in its count', () => {
    const player = createReplayPlayer(replay, 100);
    player.seek(550);
    expect(player.figures()).toMatchObject({ frame: 550, resimulated: 550, prepared: 500 });
    expect(stateHash(player.current())).toBe(hashAt(550));
  });

  it('verifies every checkpoint in the background pass', () => {
    const player = createReplayPlayer(replay);
    expect(player.figures().verdict).toBe('checking');
    while (!player.prepare(50));
    expect(player.figures()).toMatchObject({ verdict: 'verified', checked: replay.checkpoints.length, checkpoints: replay.checkpoints.length, mismatchFrame: null });
  });

  it('finds a changed input: the first checkpoint after it does not match', () => {
    const tampered = { ...replay, inputs: replay.inputs.map((row, f) => (f === 130 ? [row[0]! ^ 1, row[1]!, row[2]!] : row)) };
    const player = createReplayPlayer(tampered);
    while (!player.prepare(50));
    expect(player.figures()).toMatchObject({ verdict: 'mismatch', mismatchFrame: 180 });
  });

  it('counts a checkpoint past the end of the inputs as a mismatch', () => {
    const player = createReplayPlayer({ ...replay, checkpoints: [...replay.checkpoints, [900, 5]] });
    while (!player.prepare(500));
    expect(player.figures()).toMatchObject({ verdict: 'mismatch', mismatchFrame: 900 });
  });
});

describe('replay file names', () => {
  it('are ricochet-<date>-<seed>.json', () => {
    expect(replayFileName({ setup: { seed: 42 } }, new Date(2026, 0, 5, 12))).toBe('ricochet-2026-01-05-42.json');
    expect(replayFileName({ setup: { seed: -1 } }, new Date(2026, 11, 31))).toBe('ricochet-2026-12-31-4294967295.json');
  });
});

describe('the viewer verdict line', () => {
  const facts = { verdict: 'verified' as const, checked: 12, checkpoints: 12, mismatchFrame: null, recordedBuild: 'index-a1', pageBuild: 'index-a1' };
  it('says verified, or which checkpoint does not match this build, or how far it has checked', () => {
    expect(verdictText(facts)).toBe('Verified: all 12 checkpoints match.');
    expect(verdictText({ ...facts, verdict: 'mismatch', mismatchFrame: 180 })).toBe('Does not match this build: the checkpoint at frame 180 differs.');
    expect(verdictText({ ...facts, verdict: 'checking', checked: 3 })).toBe('Checking 3 of 12 checkpoints...');
  });
  it('says when another build recorded the file, and when the file cannot say', () => {
    expect(verdictText({ ...facts, verdict: 'mismatch', mismatchFrame: 60, pageBuild: 'index-b2' })).toMatch(/frame 60 differs\. Recorded by build index-a1; this page is build index-b2\.$/);
    expect(verdictText({ ...facts, recordedBuild: null })).toMatch(/version 1 file/);
  });
  it('shows time as m:ss', () => {
    expect([clockText(0), clockText(59), clockText(60), clockText(3600 + 61 * 60)]).toEqual(['0:00', '0:00', '0:01', '2:01']);
  });
});
