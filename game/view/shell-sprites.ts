/**
 * The shells on screen, each in its owner's colour so that everyone can tell whose shell is coming:
 * the shell lightened a little (a dark blue one must still show on the dark floor) over a soft
 * glow in the player's own colour. Shells are matched to sprites by id; a shell gone from the
 * state loses its sprite. Textures are tinted once per colour (tinted-textures.ts), which works
 * under the Canvas renderer too.
 */
import Phaser from 'phaser';
import { ASSET_KEY } from '../../assets/manifest';
import { lighten } from './colour';
import type { ShellPose } from './interpolate';
import { tintedTexture } from './tinted-textures';

/** How far a shell's colour is moved towards white. */
const LIGHTEN = 0.35;

interface ShellSprite {
  readonly shell: Phaser.GameObjects.Image;
  readonly glow: Phaser.GameObjects.Image;
}

/** The scene's shells. */
export class ShellSprites {
  private readonly sprites = new Map<number, ShellSprite>();
  /** Glows cost fill rate: off while the display cannot keep up (render-quality.ts). */
  private glows = true;

  /** `colours`: the players' CSS colours by slot. */
  constructor(private readonly scene: Phaser.Scene, private readonly colours: readonly string[]) {}

  /** Draws exactly the shells of `poses`. */
  update(poses: readonly ShellPose[]): void {
    const seen = new Set<number>();
    for (const pose of poses) {
      seen.add(pose.id);
      const sprite = this.sprites.get(pose.id) ?? this.add(pose);
      sprite.shell.setPosition(pose.x, pose.y);
      sprite.glow.setPosition(pose.x, pose.y);
    }
    for (const [id, sprite] of this.sprites) {
      if (seen.has(id)) continue;
      sprite.shell.destroy();
      sprite.glow.destroy();
      this.sprites.delete(id);
    }
  }

  /** Removes them all. */
  destroy(): void {
    this.update([]);
  }

  /** Shows or hides every glow, now and for shells fired later. */
  setGlows(on: boolean): void {
    this.glows = on;
    for (const sprite of this.sprites.values()) sprite.glow.setVisible(on);
  }

  private add(pose: ShellPose): ShellSprite {
    const colour = this.colours[pose.owner] ?? '#ffffff';
    const shell = this.scene.add.image(pose.x, pose.y, tintedTexture(this.scene, ASSET_KEY.shell, lighten(colour, LIGHTEN))).setScale(0.6).setDepth(20);
    const glow = this.scene.add.image(pose.x, pose.y, tintedTexture(this.scene, ASSET_KEY.particle, colour)).setScale(1.2).setAlpha(0.55).setDepth(19);
    glow.setBlendMode(Phaser.BlendModes.ADD).setVisible(this.glows);
    const sprite = { shell, glow };
    this.sprites.set(pose.id, sprite);
    return sprite;
  }
}
