/**
 * Lobby: the title and lobby screen. A slowly drifting arena floor behind the DOM lobby panel
 * (game/ui/lobby-panel.ts); practice starts from here, and so does a networked match when the
 * host starts it (game/app/lobby-link.ts).
 */
import Phaser from 'phaser';
import type { Colour } from '../../net/lobby/messages';
import { ASSET_KEY } from '../../assets/manifest';
import { app, saveProfile } from '../app/app-context';
import { ensureLobby, joinLobby, linkView, onLinkChange } from '../app/lobby-link';
import { randomSeed, startPractice } from '../app/practice';
import { createLobbyPanel } from '../ui/lobby-panel';
import { createTopBar } from '../ui/top-bar';
import { SCENE } from './scene-keys';

/** The lobby scene. */
export class Lobby extends Phaser.Scene {
  private floor!: Phaser.GameObjects.TileSprite;

  constructor() {
    super(SCENE.lobby);
  }

  create(): void {
    this.floor = this.add.tileSprite(0, 0, this.scale.width, this.scale.height, ASSET_KEY.floor).setOrigin(0, 0).setAlpha(0.7);
    const onResize = (size: Phaser.Structs.Size): void => void this.floor.setSize(size.width, size.height);
    this.scale.on(Phaser.Scale.Events.RESIZE, onResize);
    const panel = createLobbyPanel({
      initial: app.profile,
      onProfile: (name, colour, bots) => {
        Object.assign(app.profile, { name, colour, bots });
        saveProfile(app.profile);
        app.lobby?.setColour(colour as Colour);
      },
      onPractice: () => {
        app.sound?.click();
        app.lastPractice = { bots: app.profile.bots, botSelf: app.params.bot };
        startPractice({ ...app.profile, seed: randomSeed(), botSelf: app.params.bot });
      },
      onJoin: () => void joinLobby(),
      onReady: (ready) => app.lobby?.setReady(ready),
      onStart: () => app.lobby?.start(),
      onAddBot: () => app.lobby?.addBot(),
      onRemoveBot: (slot) => app.lobby?.removeBot(slot),
    });
    const render = (): void => panel.render({ lobby: app.lobby?.state() ?? null, ...linkView() });
    const unsubscribe = onLinkChange(render);
    render();
    void ensureLobby().then(render);
    const sound = app.sound;
    const removeTopBar = createTopBar({ muted: () => sound?.muted() ?? true, toggleMute: () => sound?.toggleMute() ?? true });
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.scale.off(Phaser.Scale.Events.RESIZE, onResize);
      unsubscribe();
      panel.destroy();
      removeTopBar();
    });
  }

  override update(_time: number, delta: number): void {
    this.floor.tilePositionX += delta * 0.006;
    this.floor.tilePositionY += delta * 0.003;
  }
}
