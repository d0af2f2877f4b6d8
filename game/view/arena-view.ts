/**
 * The arena: a tiled floor and the maze walls (a soft shadow, the wall face and a lit top edge).
 * Redrawn when a new round brings a new maze.
 */
import Phaser from 'phaser';
import { ASSET_KEY } from '../../assets/manifest';
import type { Maze } from '../sim';
import { arenaSize, wallRects } from './maze-geometry';

const SHADOW = 3;

/** The floor and walls of one maze. */
export class ArenaView {
  private readonly floor: Phaser.GameObjects.TileSprite;
  private readonly walls: Phaser.GameObjects.Graphics;
  private maze: Maze | null = null;

  /** Adds an empty arena to `scene`. */
  constructor(scene: Phaser.Scene) {
    this.floor = scene.add.tileSprite(0, 0, 64, 64, ASSET_KEY.floor).setOrigin(0, 0).setDepth(0);
    this.walls = scene.add.graphics().setDepth(5);
  }

  /** Draws `maze` if it is not the one on screen; true if it did (the arena may have resized). */
  show(maze: Maze): boolean {
    if (this.maze === maze) return false;
    this.maze = maze;
    const { width, height } = arenaSize(maze);
    this.floor.setSize(width, height);
    const g = this.walls.clear();
    const rects = wallRects(maze);
    g.fillStyle(0x000000, 0.35);
    for (const r of rects) g.fillRect(r.x + SHADOW, r.y + SHADOW, r.w, r.h);
    g.fillStyle(0x7d8fa3, 1);
    for (const r of rects) g.fillRect(r.x, r.y, r.w, r.h);
    g.fillStyle(0xc4d2e0, 1);
    for (const r of rects) g.fillRect(r.x, r.y, r.w, Math.min(1.5, r.h));
    return true;
  }
}
