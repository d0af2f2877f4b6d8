/**
 * Builds every asset file in memory: sprites as PNG, sound effects as WAV. vite.config.ts serves
 * them in dev and emits them into dist/ at build; run it directly to write them to a folder:
 * `npx tsx assets/generate.ts OUT_DIR`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng } from './png.js';
import { drawSprites } from './sprites.js';
import { RATE, synthesizeSounds } from './sounds.js';
import { encodeWav } from './wav.js';

/** File name -> bytes, for every file in ASSETS (assets/manifest.ts). */
export function generateAssets(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const [name, r] of Object.entries(drawSprites())) files.set(name, encodePng(r.width, r.height, r.rgba));
  for (const [name, samples] of Object.entries(synthesizeSounds())) files.set(name, encodeWav(samples, RATE));
  return files;
}

if (process.argv[1]?.endsWith('generate.ts') && process.argv[2]) {
  const out = process.argv[2];
  mkdirSync(out, { recursive: true });
  for (const [name, bytes] of generateAssets()) writeFileSync(join(out, name), bytes);
  console.log(`wrote ${generateAssets().size} files to ${out}`);
}
