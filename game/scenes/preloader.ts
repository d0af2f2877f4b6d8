/**
 * Preloader: loads every generated sprite and sound (assets/manifest.ts), its progress shown on the
 * HTML title screen's bar (game/ui/title-screen.ts), which stays up until the lobby's first frame, builds the explosion animation and the sound board,
 * then opens the lobby, or starts practice at once with `practice=N`.
 */
import Phaser from 'phaser';
import { ASSET_DIR, ASSET_KEY, ASSETS } from '../../assets/manifest';
import type { PageContext } from '../app/page-context';
import { createSoundBoard } from '../audio/sound-board';
import { CHUNK_SHARE, showTitleProgress } from '../ui/title-screen';
import { SCENE } from './scene-keys';

/** The preloader scene. */
export class Preloader extends Phaser.Scene {
  constructor(private readonly page: PageContext) {
    super(SCENE.preloader);
  }

  preload(): void {
    // The HTML title screen (index.html) is still up and shows this progress on its own bar: the
    // script chunks filled the first CHUNK_SHARE of it, the generated assets fill the rest.
    this.load.on(Phaser.Loader.Events.PROGRESS, (value: number) => {
      this.page.loadProgress = value;
      showTitleProgress(CHUNK_SHARE + (1 - CHUNK_SHARE) * value, 'Loading sprites and sounds…');
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
