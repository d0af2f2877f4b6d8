/**
 * Shells on screen: a sprite and an additive glow per shell id, created when a shell appears and
 * destroyed when it is gone. (The same drawing as the Match scene's, for the replay viewer.)
 */
import Phaser from 'phaser';
import { ASSET_KEY } from '../../assets/manifest';
import type { ShellPose } from './interpolate';

/** The shells of one scene. */
export class ShellSprites {
  private readonly shells = new Map<number, { img: Phaser.GameObjects.Image; glow: Phaser.GameObjects.Image }>();

  constructor(private readonly scene: Phaser.Scene) {}

  /** Shows exactly `poses`. */
  update(poses: readonly ShellPose[]): void {
    const seen = new Set<number>();
    for (const pose of poses) {
      seen.add(pose.id);
      let shell = this.shells.get(pose.id);
      if (!shell) {
        const img = this.scene.add.image(pose.x, pose.y, ASSET_KEY.shell).setScale(0.6).setDepth(20);
        const glow = this.scene.add.image(pose.x, pose.y, ASSET_KEY.particle).setScale(1.1).setAlpha(0.35).setDepth(19);
        glow.setBlendMode(Phaser.BlendModes.ADD);
        shell = { img, glow };
        this.shells.set(pose.id, shell);
      }
      shell.img.setPosition(pose.x, pose.y);
      shell.glow.setPosition(pose.x, pose.y);
    }
    for (const [id, shell] of this.shells) {
      if (seen.has(id)) continue;
      shell.img.destroy();
      shell.glow.destroy();
      this.shells.delete(id);
    }
  }

  /** Removes them all. */
  destroy(): void {
    this.update([]);
  }
}
