/**
 * Effects for sim events: muzzle flashes, sparks on ricochets, explosions with debris and a
 * screen shake. Purely decorative: they follow the sim's events and never feed back into it, so
 * their randomness (Phaser's particle RNG) cannot affect determinism.
 */
import Phaser from 'phaser';
import { ASSET_KEY } from '../../assets/manifest';
import { SCALE } from '../sim';
import type { SimEvent, SimState } from '../sim';
import { toRadians } from './interpolate';
import { cssToTint } from './colour';

/** The scene's effect emitters. */
export class Effects {
  private readonly sparks: Phaser.GameObjects.Particles.ParticleEmitter;
  private readonly debris: Phaser.GameObjects.Particles.ParticleEmitter;
  /** Burn marks where tanks blew up this round (cleared when a round starts). */
  private scorches: Phaser.GameObjects.Image[] = [];
  /** Whether the costly effects play (render scaling turns them off on a display that cannot keep up). */
  private rich = true;

  /** Creates the emitters in `scene`. */
  constructor(private readonly scene: Phaser.Scene, private readonly colours: readonly string[]) {
    this.sparks = scene.add
      .particles(0, 0, ASSET_KEY.particle, {
        speed: { min: 30, max: 110 },
        lifespan: 260,
        scale: { start: 0.35, end: 0 },
        tint: [0xfff4d6, 0xffc861],
        blendMode: Phaser.BlendModes.ADD,
        emitting: false,
      })
      .setDepth(25);
    this.debris = scene.add
      .particles(0, 0, ASSET_KEY.particle, {
        speed: { min: 40, max: 190 },
        lifespan: { min: 350, max: 800 },
        scale: { start: 0.55, end: 0.05 },
        alpha: { start: 1, end: 0 },
        emitting: false,
      })
      .setDepth(24);
  }

  /** Turns the costly effects (particles, additive flashes, screen shake) on or off. */
  setRich(rich: boolean): void {
    this.rich = rich;
  }

  /** Plays the effects of `event` (which happened in `state`). */
  play(event: SimEvent, state: SimState): void {
    const px = (v: number): number => v / SCALE;
    if (!this.rich && event.type !== 'explode' && event.type !== 'round-start') return;
    if (event.type === 'fire') this.flash(px(event.x), px(event.y), state.tanks[event.slot]?.angle ?? 0);
    else if (event.type === 'bounce') this.sparks.explode(6, px(event.x), px(event.y));
    else if (event.type === 'explode') this.explode(px(event.x), px(event.y), event.slot);
    else if (event.type === 'round-start') this.clearScorches();
  }

  private clearScorches(): void {
    for (const s of this.scorches) s.destroy();
    this.scorches = [];
  }

  private flash(x: number, y: number, angle: number): void {
    const img = this.scene.add.image(x, y, ASSET_KEY.flash).setOrigin(0.2, 0.5).setRotation(toRadians(angle)).setScale(0.7).setDepth(26);
    img.setBlendMode(Phaser.BlendModes.ADD);
    this.scene.tweens.add({ targets: img, alpha: 0, scale: 0.9, duration: 90, onComplete: () => img.destroy() });
  }

  private explode(x: number, y: number, slot: number): void {
    this.scorches.push(this.scene.add.image(x, y, ASSET_KEY.scorch).setDepth(1).setRotation(x + y));
    const boom = this.scene.add.sprite(x, y, ASSET_KEY.explosion, 0).setDepth(27).setScale(1.1);
    boom.play(ASSET_KEY.explosion);
    boom.once(Phaser.Animations.Events.ANIMATION_COMPLETE, () => boom.destroy());
    if (!this.rich) return;
    this.debris.particleTint = cssToTint(this.colours[slot] ?? '#ffffff');
    this.debris.explode(18, x, y);
    this.sparks.explode(14, x, y);
    this.scene.cameras.main.shake(260, 0.012);
  }
}
