/**
 * Every asset the game loads, by key. Shared by the generator (assets/generate.ts, Node) and the
 * Preloader scene (browser), so a key can never name a file that is not generated. Browser-safe:
 * no Node imports here.
 */

/** Where the generated files are served from, relative to the page. */
export const ASSET_DIR = 'assets/gen/';

/** Texture and sound keys, as the scenes use them. */
export const ASSET_KEY = {
  tankTreads: 'tank-treads',
  tankHull: 'tank-hull',
  tankBarrel: 'tank-barrel',
  shell: 'shell',
  flash: 'flash',
  particle: 'particle',
  explosion: 'explosion',
  floor: 'floor',
  scorch: 'scorch',
  markers: 'markers',
  sfxEngine: 'sfx-engine',
  sfxFire: 'sfx-fire',
  sfxRicochet: 'sfx-ricochet',
  sfxExplosion: 'sfx-explosion',
  sfxWin: 'sfx-win',
  sfxClick: 'sfx-click',
} as const;

/** One of the asset keys. */
export type AssetKey = (typeof ASSET_KEY)[keyof typeof ASSET_KEY];

/** How the Preloader loads one asset. */
export type AssetEntry =
  | { readonly kind: 'image'; readonly key: AssetKey; readonly file: string }
  | { readonly kind: 'spritesheet'; readonly key: AssetKey; readonly file: string; readonly frameWidth: number; readonly frameHeight: number; readonly frames: number }
  | { readonly kind: 'audio'; readonly key: AssetKey; readonly file: string };

/** Sprite sizes the view relies on (the tank faces +x, centred). */
export const SPRITE_SIZE = {
  tank: { width: 48, height: 40 },
  explosion: { width: 64, height: 64, frames: 8 },
  marker: { width: 16, height: 16, frames: 8 },
} as const;

const image = (key: AssetKey): AssetEntry => ({ kind: 'image', key, file: `${key}.png` });
const audio = (key: AssetKey): AssetEntry => ({ kind: 'audio', key, file: `${key}.wav` });

/** The full list, in load order. */
export const ASSETS: readonly AssetEntry[] = [
  image(ASSET_KEY.tankTreads),
  image(ASSET_KEY.tankHull),
  image(ASSET_KEY.tankBarrel),
  image(ASSET_KEY.shell),
  image(ASSET_KEY.flash),
  image(ASSET_KEY.particle),
  image(ASSET_KEY.floor),
  image(ASSET_KEY.scorch),
  { kind: 'spritesheet', key: ASSET_KEY.explosion, file: 'explosion.png', frameWidth: 64, frameHeight: 64, frames: 8 },
  { kind: 'spritesheet', key: ASSET_KEY.markers, file: 'markers.png', frameWidth: 16, frameHeight: 16, frames: 8 },
  audio(ASSET_KEY.sfxEngine),
  audio(ASSET_KEY.sfxFire),
  audio(ASSET_KEY.sfxRicochet),
  audio(ASSET_KEY.sfxExplosion),
  audio(ASSET_KEY.sfxWin),
  audio(ASSET_KEY.sfxClick),
];
