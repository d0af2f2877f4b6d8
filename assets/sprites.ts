/**
 * The game's sprites, drawn in code. Tank parts that carry the player colour are drawn in greys so
 * that Phaser's multiply tint turns them into the colour; treads and barrel stay neutral steel.
 * Everything faces +x (the sim's angle 0) and is deterministic: same code, same bytes.
 */
import { blit, circle, createRaster, fill, minus, polygon, roundRect, star, type Raster, type Rgba } from './raster.js';

const grey = (v: number, a = 1): Rgba => [v, v, v, a];

/** A deterministic hash noise in [0, 1) for textures. */
function noise(x: number, y: number, seed: number): number {
  let h = (Math.imul(x | 0, 374761393) + Math.imul(y | 0, 668265263) + Math.imul(seed, 2246822519)) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

function treads(): Raster {
  const r = createRaster(48, 40);
  for (const y0 of [2, 28]) {
    fill(r, roundRect(3, y0, 42, 10, 4), grey(38));
    for (let x = 6; x < 43; x += 4) fill(r, roundRect(x, y0 + 1.5, 2, 7, 0.8), grey(70));
  }
  return r;
}

function hull(): Raster {
  const r = createRaster(48, 40);
  fill(r, roundRect(6, 8, 35, 24, 5), grey(120));
  fill(r, roundRect(7, 9, 33, 22, 4.5), (_x, y) => grey(250 - (y - 9) * 3));
  fill(r, roundRect(9, 12, 5, 16, 1.5), grey(175)); // engine deck at the rear
  fill(r, circle(23, 20, 9), grey(135));
  fill(r, circle(23, 20, 8), (x, y) => grey(Math.max(170, 255 - ((x - 20) ** 2 + (y - 17) ** 2) * 1.6)));
  return r;
}

function barrel(): Raster {
  const r = createRaster(48, 40);
  fill(r, roundRect(23, 17.5, 22, 5, 1.5), grey(60));
  fill(r, roundRect(24, 18.3, 20, 1.6, 0.8), grey(140));
  fill(r, roundRect(42, 16.8, 5, 6.4, 1.2), grey(45));
  fill(r, circle(23, 20, 3.2), grey(85));
  return r;
}

function shell(): Raster {
  const r = createRaster(12, 12);
  fill(r, circle(6, 6, 5), grey(30, 0.9));
  fill(r, circle(6, 6, 3.8), [255, 244, 214, 1]);
  fill(r, circle(5.2, 5.2, 1.6), grey(255));
  return r;
}

function flash(): Raster {
  const r = createRaster(32, 24);
  fill(r, star(10, 12, 7, 11, 4, 0), [255, 170, 40, 0.85]);
  fill(r, polygon([[4, 7], [31, 12], [4, 17]]), [255, 210, 90, 0.9]);
  fill(r, circle(8, 12, 4.5), [255, 250, 220, 1]);
  return r;
}

function particle(): Raster {
  const r = createRaster(16, 16);
  fill(r, circle(8, 8, 7.5), (x, y) => grey(255, Math.max(0, 1 - Math.hypot(x - 8, y - 8) / 7.5) ** 1.5));
  return r;
}

function explosionFrame(i: number): Raster {
  const r = createRaster(64, 64);
  const t = i / 7;
  const radius = 10 + 20 * Math.sqrt(t);
  const ragged = (x: number, y: number): boolean => {
    const a = Math.atan2(y - 32, x - 32);
    const wobble = 1 + 0.18 * Math.sin(a * 7 + i) + 0.1 * Math.sin(a * 13 - i * 2);
    return Math.hypot(x - 32, y - 32) <= radius * wobble;
  };
  const smoke = Math.min(1, t * 1.4);
  fill(r, ragged, (x, y) => {
    const d = Math.hypot(x - 32, y - 32) / radius;
    const heat = Math.max(0, 1 - d - t * 0.9);
    const n = noise(x, y, i) * 30;
    const fire: Rgba = [255, 120 + 135 * heat, 40 + 200 * heat * heat, 1];
    const ash: Rgba = [70 + n, 64 + n, 60 + n, 1];
    const mix = (k: number): number => (fire[k] ?? 0) * (1 - smoke) + (ash[k] ?? 0) * smoke;
    return [mix(0), mix(1), mix(2), (1 - t) * (0.55 + 0.45 * (1 - d))];
  });
  return r;
}

function explosion(): Raster {
  const sheet = createRaster(64 * 8, 64);
  for (let i = 0; i < 8; i++) blit(sheet, explosionFrame(i), i * 64, 0);
  return sheet;
}

function floor(): Raster {
  const r = createRaster(64, 64);
  fill(r, () => true, (x, y) => {
    const n = (noise(x, y, 7) - 0.5) * 6;
    const seam = x < 1 || y < 1 ? -5 : 0;
    return [30 + n + seam, 36 + n + seam, 44 + n + seam, 1];
  });
  return r;
}

function scorch(): Raster {
  const r = createRaster(48, 48);
  const ragged = (x: number, y: number): boolean => {
    const a = Math.atan2(y - 24, x - 24);
    return Math.hypot(x - 24, y - 24) <= 20 * (1 + 0.15 * Math.sin(a * 5) + 0.08 * Math.sin(a * 11 + 1));
  };
  fill(r, ragged, (x, y) => {
    const d = Math.hypot(x - 24, y - 24) / 22;
    const n = noise(x, y, 3) * 14;
    return [12 + n, 10 + n, 9 + n, Math.max(0, 0.75 - d * 0.6)];
  });
  return r;
}

const MARKER_SHAPES = [
  circle(8, 8, 6),
  roundRect(2.5, 2.5, 11, 11, 1),
  polygon([[8, 1.5], [14.5, 13.5], [1.5, 13.5]]),
  polygon([[8, 1], [15, 8], [8, 15], [1, 8]]),
  star(8, 8.5, 5, 7.2, 3),
  minus(roundRect(1.5, 1.5, 13, 13, 0), (x, y) => (x < 5.5 || x > 10.5) && (y < 5.5 || y > 10.5)),
  minus(circle(8, 8, 6.5), circle(8, 8, 3.5)),
  star(8, 8, 6, 6.8, 6.8, 0),
];

function markers(): Raster {
  const sheet = createRaster(16 * 8, 16);
  MARKER_SHAPES.forEach((shape, i) => {
    const one = createRaster(16, 16);
    fill(one, shape, grey(255));
    blit(sheet, one, i * 16, 0);
  });
  return sheet;
}

/** Every sprite, by file name. */
export function drawSprites(): Record<string, Raster> {
  return {
    'tank-treads.png': treads(),
    'tank-hull.png': hull(),
    'tank-barrel.png': barrel(),
    'shell.png': shell(),
    'flash.png': flash(),
    'particle.png': particle(),
    'explosion.png': explosion(),
    'floor.png': floor(),
    'scorch.png': scorch(),
    'markers.png': markers(),
  };
}
