/**
 * Player-coloured copies of the grey sprites, made once per colour on a 2D canvas (multiply by the
 * colour, then keep the sprite's alpha). Phaser's Canvas renderer, which the game uses where WebGL
 * is software-only, does not tint sprites; these textures look the same under both renderers.
 */
import type Phaser from 'phaser';
import { cssToTint } from './colour';

/** The key of `baseKey` tinted with `css`, creating the texture on first use. */
export function tintedTexture(scene: Phaser.Scene, baseKey: string, css: string): string {
  const hex = cssToTint(css).toString(16).padStart(6, '0');
  const key = `${baseKey}@${hex}`;
  if (scene.textures.exists(key)) return key;
  const base = scene.textures.get(baseKey);
  const source = base.getSourceImage() as HTMLImageElement | HTMLCanvasElement;
  const texture = scene.textures.createCanvas(key, source.width, source.height);
  if (!texture) return baseKey;
  const ctx = texture.getContext();
  ctx.drawImage(source, 0, 0);
  ctx.globalCompositeOperation = 'multiply';
  ctx.fillStyle = `#${hex}`;
  ctx.fillRect(0, 0, source.width, source.height);
  ctx.globalCompositeOperation = 'destination-in';
  ctx.drawImage(source, 0, 0);
  ctx.globalCompositeOperation = 'source-over';
  // Sprite sheets keep their frames: copy every numbered frame's rectangle.
  for (const name of base.getFrameNames()) {
    const frame = base.get(name);
    texture.add(name, 0, frame.cutX, frame.cutY, frame.cutWidth, frame.cutHeight);
  }
  texture.refresh();
  return key;
}
