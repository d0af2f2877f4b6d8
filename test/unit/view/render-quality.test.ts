import { describe, expect, it } from 'vitest';
import { initialQuality, MAX_QUALITY_LEVEL, nextQuality, type PageLoad, type RenderQuality } from '../../../game/view/render-quality';

/** A display rate with every beat on time. */
const atFps = (fps: number): PageLoad => ({ fps, lateBeatShare: 0 });

/** Feeds the policy the load `load(t)` (or a display rate) every 100 ms from `fromMs` to `toMs`; returns the last state and every level seen. */
function feed(q: RenderQuality, fromMs: number, toMs: number, load: (t: number) => number | PageLoad): { q: RenderQuality; levels: number[] } {
  const levels: number[] = [];
  for (let t = fromMs; t <= toMs; t += 100) {
    const measured = load(t);
    q = nextQuality(q, typeof measured === 'number' ? atFps(measured) : measured, t);
    if (levels[levels.length - 1] !== q.level) levels.push(q.level);
  }
  return { q, levels };
}

describe('render quality policy', () => {
  it('stays at full quality while the display keeps up', () => {
    expect(feed(initialQuality(0), 0, 60_000, () => 60).q.level).toBe(0);
    expect(feed(initialQuality(0), 0, 60_000, () => 52).q.level).toBe(0); // low, but not under 50
  });

  it('lowers the level step by step while the display stays under 50 fps, down to the lowest', () => {
    const { q, levels } = feed(initialQuality(0), 0, 20_000, () => 30);
    expect(levels).toEqual([0, 1, 2]);
    expect(q.level).toBe(MAX_QUALITY_LEVEL);
  });

  it('lowers the level when the netcode beats run late, though the display holds 60 fps', () => {
    // Renders that take half of every frame: 60 fps on screen, a third of the beats waiting behind them.
    const { q, levels } = feed(initialQuality(0), 0, 20_000, () => ({ fps: 60, lateBeatShare: 0.35 }));
    expect(levels).toEqual([0, 1, 2]);
    expect(q.level).toBe(MAX_QUALITY_LEVEL);
    // A few late beats are the normal lot of a page that draws: no change.
    expect(feed(initialQuality(0), 0, 20_000, () => ({ fps: 60, lateBeatShare: 0.2 })).levels).toEqual([0]);
  });

  it('restores a level only once the beats are on time again, not on the display rate alone', () => {
    const low = feed(initialQuality(0), 0, 10_000, () => ({ fps: 60, lateBeatShare: 0.5 })).q;
    expect(feed(low, 10_100, 60_000, () => ({ fps: 60, lateBeatShare: 0.1 })).levels).toEqual([2]);
    expect(feed(low, 10_100, 60_000, () => ({ fps: 60, lateBeatShare: 0.02 })).levels).toEqual([2, 1, 0]);
  });

  it('does not react to a short dip', () => {
    const dip = (t: number): number => (t >= 5000 && t < 5600 ? 20 : 60);
    expect(feed(initialQuality(0), 0, 20_000, dip).levels).toEqual([0]);
  });

  it('restores full quality once the display keeps up for long enough', () => {
    const low = feed(initialQuality(0), 0, 10_000, () => 30).q;
    const { q, levels } = feed(low, 10_100, 40_000, () => 60);
    expect(levels).toEqual([2, 1, 0]);
    expect(q.level).toBe(0);
  });

  it('does not flap: a device that only keeps up at the lower level waits longer and longer before trying again', () => {
    // 60 fps at level 1 or lower, 40 fps at full quality.
    let q = initialQuality(0);
    const changes: number[] = [];
    for (let t = 0; t <= 300_000; t += 100) {
      const next = nextQuality(q, atFps(q.level >= 1 ? 60 : 40), t);
      if (next.level !== q.level) changes.push(t);
      q = next;
    }
    // Each failed restore doubles the wait: far fewer than the ~80 changes a fixed 4 s wait would make.
    expect(changes.length).toBeLessThan(20);
    const waits = changes.slice(1).map((t, i) => t - (changes[i] as number));
    // The first try comes after seconds, the later ones after more than half a minute.
    expect(waits[1]).toBeLessThan(10_000);
    expect(Math.max(...waits)).toBeGreaterThan(30_000);
  });

  it('is pure: the same measurements give the same levels', () => {
    const fps = (t: number): number => 30 + ((t / 100) % 40);
    expect(feed(initialQuality(0), 0, 60_000, fps)).toEqual(feed(initialQuality(0), 0, 60_000, fps));
  });
});
