import { describe, expect, it } from 'vitest';
import { createPaceMeter, quantile } from '../../../game/app/pace-meter';

const FRAME = 1000 / 60;

describe('pace meter', () => {
  it('reports display and sim rates and an even send cadence over its window', () => {
    const meter = createPaceMeter(0, 5000);
    for (let i = 1; i <= 600; i++) {
      meter.noteSteps(i * FRAME, 1);
      meter.noteSend(i * FRAME);
      if (i % 4 === 0) meter.noteRender(i * FRAME); // 15 fps
    }
    const f = meter.figures(600 * FRAME);
    expect(f.simFps).toBeCloseTo(60, 0);
    expect(f.sendsPerSecond).toBeCloseTo(60, 0);
    expect(f.displayFps).toBeCloseTo(15, 0);
    expect(f.sendGapP99Ms).toBeCloseTo(FRAME, 3);
    expect(f.sendGapMaxMs).toBeCloseTo(FRAME, 3);
    expect(meter.displayFps(600 * FRAME, 1000)).toBeCloseTo(15, 0);
  });

  it('counts the share of beats that ran more than a quarter frame late, over the window asked', () => {
    const meter = createPaceMeter(0, 5000);
    expect(meter.lateBeatShare(0, 1000)).toBe(0); // no beat yet: nothing late
    // Four seconds on time, then one second where every other beat waits 9 ms behind a render.
    for (let i = 1; i <= 300; i++) meter.noteBeat(i * FRAME, i > 240 && i % 2 === 0 ? 9 : 1);
    expect(meter.lateBeatShare(300 * FRAME, 1000)).toBeCloseTo(0.5, 1);
    expect(meter.figures(300 * FRAME).lateBeatShare).toBeCloseTo(0.1, 1);
    const edge = createPaceMeter(0, 5000);
    edge.noteBeat(10, 4); // exactly the threshold is on time
    edge.noteBeat(20, 4.5);
    expect(edge.lateBeatShare(20, 1000)).toBe(0.5);
  });

  it('shows sends in bursts as long gaps, though the rate is the same', () => {
    const meter = createPaceMeter(0, 5000);
    for (let burst = 1; burst <= 75; burst++) for (let k = 0; k < 4; k++) meter.noteSend(burst * 4 * FRAME);
    const f = meter.figures(300 * FRAME);
    expect(f.sendsPerSecond).toBeCloseTo(60, 0);
    expect(f.sendGapP99Ms).toBeCloseTo(4 * FRAME, 3);
  });

  it('forgets what is older than its window', () => {
    const meter = createPaceMeter(0, 1000);
    meter.noteSend(0);
    meter.noteSend(500); // a long gap, long ago
    for (let t = 2000; t <= 4000; t += 10) meter.noteSend(t);
    expect(meter.figures(4000).sendGapMaxMs).toBe(10);
  });

  it('takes the nearest-rank quantile', () => {
    expect(quantile([], 0.99)).toBe(0);
    expect(quantile([5, 1, 3], 0.5)).toBe(3);
    expect(quantile(Array.from({ length: 100 }, (_, i) => i + 1), 0.99)).toBe(99);
  });
});
