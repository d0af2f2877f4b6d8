import { describe, expect, it } from 'vitest';
import { createFrameClock } from '../../../game/app/frame-clock';

const FRAME = 1000 / 60;

function run(clock: ReturnType<typeof createFrameClock>, times: number[], stallEvery = 0): number {
  let frames = 0;
  for (const t of times) {
    const due = clock.tick(t);
    for (let i = 0; i < due; i++) {
      if (stallEvery && frames % stallEvery === stallEvery - 1 && i === 0) break;
      clock.spend();
      frames++;
    }
  }
  return frames;
}

describe('frame clock', () => {
  it('steps 60 frames per second whatever the display rate', () => {
    for (const hz of [30, 60, 120, 144]) {
      const clock = createFrameClock(FRAME, 10, 0);
      const times = Array.from({ length: hz * 10 }, (_, i) => ((i + 1) * 1000) / hz);
      expect(Math.abs(run(clock, times) - 600)).toBeLessThanOrEqual(1);
    }
  });
  it('keeps the time owed through a stall and catches up after it', () => {
    const clock = createFrameClock(FRAME, 30, 0);
    expect(clock.tick(10 * FRAME)).toBe(10); // nothing spent: stalled
    expect(clock.tick(12 * FRAME + 1)).toBe(12);
  });
  it('caps the backlog after a long sleep', () => {
    const clock = createFrameClock(FRAME, 8, 0);
    expect(clock.tick(60_000)).toBe(8);
  });
  it('reports how far the display is between two sim frames', () => {
    const clock = createFrameClock(FRAME, 8, 0);
    clock.tick(FRAME * 1.5);
    clock.spend();
    expect(clock.alpha()).toBeCloseTo(0.5, 5);
  });
  it('ignores a clock that goes backwards', () => {
    const clock = createFrameClock(FRAME, 8, 100);
    expect(clock.tick(50)).toBe(0);
  });
});
