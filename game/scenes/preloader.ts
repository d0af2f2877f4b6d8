/**
 * Preloader: loads every generated sprite and sound (assets/manifest.ts) under a progress bar
 * driven by the loader's own progress events, builds the explosion animation and the sound board,
 * then opens the lobby, or starts practice at once with `practice=N`.
 */
import Phaser from 'phaser';
import { ASSET_DIR, ASSET_KEY, ASSETS } from '../../assets/manifest';
import type { PageContext } from '../app/page-context';
import { createSoundBoard } from '../audio/sound-board';
import { SCENE } from './scene-keys';

/** The preloader scene. */
export class Preloader extends Phaser.Scene {
  constructor(private readonly page: PageContext) {
    super(SCENE.preloader);
  }

  preload(): void {
    const { width, height } = this.scale;
    const barWidth = Math.min(420, width * 0.7);
    const x = (width - barWidth) / 2;
    const y = height / 2;
    this.add.text(width / 2, y - 34, 'RICOCHET', { fontFamily: 'system-ui, sans-serif', fontSize: '28px', fontStyle: 'bold', color: '#e8edf2' }).setOrigin(0.5);
    this.add.rectangle(x - 3, y - 3, barWidth + 6, 18, 0x000000, 0).setOrigin(0, 0).setStrokeStyle(2, 0x56b4e9);
    const bar = this.add.rectangle(x, y, 1, 12, 0x56b4e9).setOrigin(0, 0);
    const label = this.add.text(width / 2, y + 32, 'Loading 0%', { fontFamily: 'system-ui, sans-serif', fontSize: '14px', color: '#93a1b0' }).setOrigin(0.5);
    this.load.on(Phaser.Loader.Events.PROGRESS, (value: number) => {
      this.page.loadProgress = value;
      bar.width = Math.max(1, barWidth * value);
      label.setText(`Loading ${Math.round(value * 100)}%`);
    });
    this.load.setPath(ASSET_DIR);
    for (const asset of ASSETS) {
      if (asset.kind === 'image') this.load.image(asset.key, asset.file);
      else if (asset.kind === 'audio') this.load.audio(asset.key, asset.file);
      else this.load.spritesheet(asset.key, asset.file, { frameWidth: asset.frameWidth, frameHeight: asset.frameHeight, endFrame: asset.frames - 1 });
    }
  }

  create(): void {
    this.anims.create({ key: ASSET_KEY.explosion, frames: this.anims.generateFrameNumbers(ASSET_KEY.explosion, { start: 0, end: 7 }), frameRate: 20 });
    this.page.sound = createSoundBoard(this.sound);
    const { practice, seed } = this.page.params;
    if (practice === null) {
      this.scene.start(SCENE.lobby);
      return;
    }
    this.page.practice(practice, seed);
    this.scene.stop();
  }
}
