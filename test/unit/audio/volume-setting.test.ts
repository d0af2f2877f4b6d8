import { describe, expect, it } from 'vitest';
import { clampVolume, DEFAULT_VOLUME, loadVolume, saveVolume } from '../../../game/audio/volume-setting';

/** A Map-backed Storage, optionally refusing every call. */
const storage = (refuse = false): Storage => {
  const data = new Map<string, string>();
  const guard = (): void => {
    if (refuse) throw new Error('SecurityError');
  };
  return {
    getItem: (k: string) => (guard(), data.get(k) ?? null),
    setItem: (k: string, v: string) => (guard(), void data.set(k, v)),
  } as unknown as Storage;
};

describe('the volume setting', () => {
  it('is remembered across visits', () => {
    const s = storage();
    expect(loadVolume(s)).toBe(DEFAULT_VOLUME);
    saveVolume(0.35, s);
    expect(loadVolume(s)).toBe(0.35);
  });
  it('stays within 0..1, and anything unreadable is the default', () => {
    expect([clampVolume(-1), clampVolume(2), clampVolume(Number.NaN)]).toEqual([0, 1, DEFAULT_VOLUME]);
    const s = storage();
    s.setItem('ricochet.volume', 'loud');
    expect(loadVolume(s)).toBe(DEFAULT_VOLUME);
  });
  it('lasts for the visit when storage refuses', () => {
    expect(() => saveVolume(0.2, storage(true))).not.toThrow();
    expect(loadVolume(storage(true))).toBe(DEFAULT_VOLUME);
  });
});
