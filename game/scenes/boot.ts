/**
 * Boot: the first scene. Nothing to load yet; it sets the page-wide defaults and hands over to
 * the Preloader, which shows the progress bar over the real asset loading.
 */
import Phaser from 'phaser';
import { SCENE } from './scene-keys';

/** The boot scene. */
export class Boot extends Phaser.Scene {
  constructor() {
    super(SCENE.boot);
  }

  create(): void {
    this.cameras.main.setBackgroundColor('#14181e');
    this.scene.start(SCENE.preloader);
  }
}
