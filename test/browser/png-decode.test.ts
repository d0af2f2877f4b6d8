import { describe, expect, it } from 'vitest';
import { encodePng } from '../../assets/png';
import { decodePng, distinctColours } from './png-decode';

describe('PNG decoding for screenshot checks', () => {
  it('round-trips what the asset encoder writes', () => {
    const rgba = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) & 0xff);
    const img = decodePng(encodePng(3, 2, rgba));
    expect(img.width).toBe(3);
    expect(img.height).toBe(2);
    expect([...img.rgba]).toEqual([...rgba]);
  });
  it('counts one colour in a flat image and many in a gradient', () => {
    const flat = new Uint8Array(16 * 16 * 4).fill(200);
    expect(distinctColours(decodePng(encodePng(16, 16, flat)))).toBe(1);
    const ramp = new Uint8Array(16 * 16 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 7) & 0xff));
    expect(distinctColours(decodePng(encodePng(16, 16, ramp)))).toBeGreaterThan(50);
  });
});
