import { describe, expect, it } from 'vitest';
import { generateAssets } from '../../../assets/generate';
import { ASSETS, SPRITE_SIZE } from '../../../assets/manifest';
import { decodePng } from '../../browser/png-decode';

const files = generateAssets();

describe('generated assets', () => {
  it('generates exactly the files the Preloader loads', () => {
    expect([...files.keys()].sort()).toEqual(ASSETS.map((a) => a.file).sort());
  });
  it('draws sprite sheets with the frame sizes the manifest declares, and visible pixels', () => {
    for (const asset of ASSETS) {
      if (asset.kind === 'audio') continue;
      const img = decodePng(files.get(asset.file) as Buffer);
      if (asset.kind === 'spritesheet') expect([img.width, img.height]).toEqual([asset.frameWidth * asset.frames, asset.frameHeight]);
      expect(img.rgba.some((v, i) => i % 4 === 3 && v > 0)).toBe(true);
    }
    const hull = decodePng(files.get('tank-hull.png') as Buffer);
    expect([hull.width, hull.height]).toEqual([SPRITE_SIZE.tank.width, SPRITE_SIZE.tank.height]);
  });
  it('synthesizes sounds as 16-bit mono WAV files that are not silent', () => {
    for (const asset of ASSETS.filter((a) => a.kind === 'audio')) {
      const wav = files.get(asset.file) as Buffer;
      expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
      expect(wav.readUInt16LE(22)).toBe(1);
      expect(wav.readUInt16LE(34)).toBe(16);
      let peak = 0;
      for (let i = 44; i + 1 < wav.length; i += 2) peak = Math.max(peak, Math.abs(wav.readInt16LE(i)));
      expect(peak).toBeGreaterThan(3000);
    }
  });
  it('is deterministic: the same bytes on every build', () => {
    const again = generateAssets();
    for (const [name, bytes] of files) expect(again.get(name)?.equals(bytes)).toBe(true);
  });
});
