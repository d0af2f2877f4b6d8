/**
 * One tank on screen: treads and barrel in neutral steel, hull and turret tinted with the
 * player's colour, and a label above it (the slot's marker shape and the name) that does not
 * rotate. It only reads poses; the sim decides where the tank is.
 */
import Phaser from 'phaser';
import { ASSET_KEY } from '../../assets/manifest';
import type { TankPose } from './interpolate';
import { tintedTexture } from './tinted-textures';

/** Sprite scale: the 48 px drawing becomes a 22 px tank (TANK_RADIUS 11 px). */
const TANK_SCALE = 0.62;
/** The label's font size in arena pixels at scale 1. */
export const LABEL_FONT_PX = 11;
/** From the tank's centre to the label's: the tank's radius plus half a label, and a gap. */
const labelOffset = (scale: number): number => 13 + 9 * scale;

/** A tank's game objects. */
export class TankSprite {
  private readonly body: Phaser.GameObjects.Container;
  private readonly label: Phaser.GameObjects.Container;
  private labelScale = 1;
  private wasAlive = true;

  /** Adds the tank of `slot` to `scene`. */
  constructor(scene: Phaser.Scene, slot: number, name: string, colour: string, isYou: boolean) {
    const treads = scene.add.image(0, 0, ASSET_KEY.tankTreads);
    const hull = scene.add.image(0, 0, tintedTexture(scene, ASSET_KEY.tankHull, colour));
    const barrel = scene.add.image(0, 0, ASSET_KEY.tankBarrel);
    this.body = scene.add.container(0, 0, [treads, hull, barrel]).setScale(TANK_SCALE).setDepth(10);
    const marker = scene.add.image(0, 0, tintedTexture(scene, ASSET_KEY.markers, colour), String(slot % 8)).setScale(0.7);
    const text = scene.add
      .text(8, 0, isYou ? `${name} (you)` : name, {
        fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
        fontSize: `${LABEL_FONT_PX}px`,
        color: '#e8edf2',
        stroke: '#0b0e12',
        strokeThickness: 3,
      })
      .setOrigin(0, 0.5)
      .setResolution(2);
    const width = 8 + text.width;
    marker.x = -width / 2 + 4;
    text.x = marker.x + 8;
    this.label = scene.add.container(0, 0, [marker, text]).setDepth(30);
  }

  /** Moves the tank to `pose`; returns true on the frame it died (for effects). */
  update(pose: TankPose): boolean {
    const visible = pose.present && pose.alive;
    this.body.setVisible(visible).setPosition(pose.x, pose.y).setRotation(pose.rotation);
    this.label.setVisible(visible).setPosition(pose.x, pose.y - labelOffset(this.labelScale));
    const died = this.wasAlive && !pose.alive;
    this.wasAlive = pose.alive;
    return died;
  }

  /**
   * Scales the label (marker and name) by `scale`: the camera shrinks the arena to fit a phone,
   * and the scene scales the labels back up so that a name stays readable (see match.ts).
   */
  setLabelScale(scale: number): void {
    this.labelScale = scale;
    this.label.setScale(scale);
  }

  /** The label's font size on screen in canvas pixels, at camera `zoom`. */
  labelScreenPx(zoom: number): number {
    return LABEL_FONT_PX * this.label.scaleX * zoom;
  }

  /** Removes the tank's objects. */
  destroy(): void {
    this.body.destroy();
    this.label.destroy();
  }
}
