/**
 * Half-resolution drawing for render scaling (render-quality.ts, level 2). The canvas follows its
 * parent's size (Phaser's RESIZE mode), so halving the parent halves the canvas in each direction
 * (a quarter of the pixels to fill) and a CSS transform stretches it back over the screen. Phaser's
 * own pointer mapping would be off by the factor, but nothing in a match uses it (touch controls
 * and buttons are DOM), and the match scene restores full resolution when it ends.
 */
import type Phaser from 'phaser';

/** Draws `game` at half (or back to full) resolution. */
export function setHalfResolution(game: Phaser.Game, half: boolean): void {
  const parent = game.scale.parent as HTMLElement | null;
  const canvas = game.canvas as HTMLCanvasElement | null;
  if (!parent || !canvas) return;
  parent.style.width = half ? '50%' : '';
  parent.style.height = half ? '50%' : '';
  canvas.style.transformOrigin = half ? '0 0' : '';
  canvas.style.transform = half ? 'scale(2)' : '';
  // Phaser re-reads its parent's size only on a window resize: without this the canvas kept its
  // full size under the 2× stretch, and level 2 drew as many pixels as ever, then scaled them.
  game.scale.getParentBounds();
  game.scale.refresh();
}
