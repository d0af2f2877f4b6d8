/**
 * A tiny software rasterizer for the asset script: shapes are inside-tests, filled with 4x4
 * supersampling for anti-aliased edges and composited "source over" into an RGBA buffer. Slow and
 * simple on purpose: the sprites are a few thousand pixels each and are drawn once per build.
 */

/** An RGBA image being drawn, straight (non-premultiplied) alpha, 0..255 per channel. */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/** A colour as [r, g, b, a] with channels 0..255 and alpha 0..1. */
export type Rgba = readonly [number, number, number, number];

/** A shape: is the point (x, y), in pixels, inside it? */
export type Shape = (x: number, y: number) => boolean;

const SUB = 4;

/** A transparent raster. */
export function createRaster(width: number, height: number): Raster {
  return { width, height, rgba: new Uint8Array(width * height * 4) };
}

/** Composites `colour` (or a colour per pixel centre) over `r` wherever `shape` covers it. */
export function fill(r: Raster, shape: Shape, colour: Rgba | ((x: number, y: number) => Rgba)): void {
  for (let py = 0; py < r.height; py++) {
    for (let px = 0; px < r.width; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUB; sy++) {
        for (let sx = 0; sx < SUB; sx++) if (shape(px + (sx + 0.5) / SUB, py + (sy + 0.5) / SUB)) hits++;
      }
      if (hits === 0) continue;
      const c = typeof colour === 'function' ? colour(px + 0.5, py + 0.5) : colour;
      blend(r, px, py, c, (hits / (SUB * SUB)) * c[3]);
    }
  }
}

function blend(r: Raster, x: number, y: number, c: Rgba, alpha: number): void {
  const i = (y * r.width + x) * 4;
  const da = (r.rgba[i + 3] ?? 0) / 255;
  const oa = alpha + da * (1 - alpha);
  if (oa <= 0) return;
  for (let k = 0; k < 3; k++) {
    const dst = r.rgba[i + k] ?? 0;
    r.rgba[i + k] = Math.round(((c[k] ?? 0) * alpha + dst * da * (1 - alpha)) / oa);
  }
  r.rgba[i + 3] = Math.round(oa * 255);
}

/** A circle of radius `rad` centred on (cx, cy). */
export const circle = (cx: number, cy: number, rad: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= rad * rad;

/** An axis-aligned rectangle with corner radius `rad`. */
export function roundRect(x0: number, y0: number, w: number, h: number, rad: number): Shape {
  return (x, y) => {
    if (x < x0 || y < y0 || x > x0 + w || y > y0 + h) return false;
    const dx = Math.max(x0 + rad - x, 0, x - (x0 + w - rad));
    const dy = Math.max(y0 + rad - y, 0, y - (y0 + h - rad));
    return dx * dx + dy * dy <= rad * rad;
  };
}

/** A polygon (even-odd rule) through `points` as [x, y] pairs. */
export function polygon(points: readonly (readonly [number, number])[]): Shape {
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i] ?? [0, 0];
      const [xj, yj] = points[j] ?? [0, 0];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}

/** Points inside `a` but not inside `b`. */
export const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);

/** A regular star or polygon: `points` tips at radius `outer`, alternating with `inner` if given. */
export function star(cx: number, cy: number, points: number, outer: number, inner = outer, turn = -Math.PI / 2): Shape {
  const vertices: [number, number][] = [];
  const n = inner === outer ? points : points * 2;
  for (let i = 0; i < n; i++) {
    const rad = inner === outer || i % 2 === 0 ? outer : inner;
    const a = turn + (i / n) * Math.PI * 2;
    vertices.push([cx + Math.cos(a) * rad, cy + Math.sin(a) * rad]);
  }
  return polygon(vertices);
}

/** Copies `src` into `dst` at (ox, oy), replacing pixels (for sprite sheets). */
export function blit(dst: Raster, src: Raster, ox: number, oy: number): void {
  for (let y = 0; y < src.height; y++) {
    dst.rgba.set(src.rgba.subarray(y * src.width * 4, (y + 1) * src.width * 4), ((oy + y) * dst.width + ox) * 4);
  }
}
