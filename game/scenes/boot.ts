/**
 * Boot: the first scene. Nothing to load yet; it sets the page-wide defaults and hands over to
 * the Preloader. Neither draws anything: the HTML title screen covers the canvas until the lobby.
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
