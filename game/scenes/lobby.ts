/**
 * Lobby: the title and lobby screen. A slowly drifting arena floor behind the DOM lobby panel
 * (game/ui/lobby-panel.ts); practice starts from here, and so does a networked match when the
 * host starts it (game/app/lobby-link.ts).
 */
import Phaser from 'phaser';
import { ASSET_KEY } from '../../assets/manifest';
import type { PageContext } from '../app/page-context';
import { saveProfile } from '../app/profile';
import { createReplayOpener } from '../app/replay-open';
import { showToast } from '../ui/toast';
import { createLobbyPanel } from '../ui/lobby-panel';
import { createMatchOptionsPanel, matchOptionsView, type MatchOptionsPanel } from '../ui/match-options-panel';
import { createTopBar } from '../ui/top-bar';
import { SCENE } from './scene-keys';

/** The lobby scene. */
export class Lobby extends Phaser.Scene {
  private floor!: Phaser.GameObjects.TileSprite;

  constructor(private readonly page: PageContext) {
    super(SCENE.lobby);
  }

  create(): void {
    this.floor = this.add.tileSprite(0, 0, this.scale.width, this.scale.height, ASSET_KEY.floor).setOrigin(0, 0).setAlpha(0.7);
    const onResize = (size: Phaser.Structs.Size): void => void this.floor.setSize(size.width, size.height);
    this.scale.on(Phaser.Scale.Events.RESIZE, onResize);
    const { link, profile } = this.page;
    const replays = createReplayOpener(window, { watch: (replay) => this.scene.start(SCENE.replay, { replay }), refuse: showToast });
    const panel = createLobbyPanel({
      initial: { ...profile, pin: this.page.params.pin },
      onProfile: (name, colour, bots) => {
        Object.assign(profile, { name, colour, bots });
        saveProfile(profile);
        link.profileChanged();
      },
      onPractice: () => {
        this.page.sound?.click();
        this.page.practice(profile.bots);
      },
      onJoin: (pin) => void link.joinLobby(pin),
      onReady: (ready) => link.lobby()?.setReady(ready),
      onStart: () => link.lobby()?.start(),
      onAddBot: () => link.lobby()?.addBot(),
      onRemoveBot: (slot) => link.lobby()?.removeBot(slot),
      onWatchReplay: () => replays.open(),
    });
    const options = this.mountMatchOptions();
    const render = (): void => {
      panel.render({ lobby: link.lobby()?.state() ?? null, ...link.view() });
      options?.render(matchOptionsView(link.lobby()?.state() ?? null, this.page.matchOptions));
    };
    const unsubscribe = link.onChange(render);
    render();
    void link.ensureLobby().then(render);
    const sound = this.page.sound;
    const removeTopBar = createTopBar({ muted: () => sound?.muted() ?? true, toggleMute: () => sound?.toggleMute() ?? true });
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.scale.off(Phaser.Scale.Events.RESIZE, onResize);
      unsubscribe();
      options?.destroy();
      panel.destroy();
      removeTopBar();
      replays.destroy();
    });
  }

  /**
   * The match options card, in the lobby panel's `#match-options`. A change is this page's
   * practice choice, and on a host's lobby, if this page is the creator, the match's too.
   */
  private mountMatchOptions(): MatchOptionsPanel | null {
    const host = document.getElementById('match-options');
    if (!host) return null;
    const options = createMatchOptionsPanel(host, (patch) => {
      const view = matchOptionsView(this.page.link.lobby()?.state() ?? null, this.page.matchOptions);
      if (!view.editable) return;
      this.page.matchOptions = { ...this.page.matchOptions, ...patch };
      if (view.scope === 'match') this.page.link.lobby()?.setOptions(patch);
      options.render(matchOptionsView(this.page.link.lobby()?.state() ?? null, this.page.matchOptions));
    });
    return options;
  }

  override update(_time: number, delta: number): void {
    this.floor.tilePositionX += delta * 0.006;
    this.floor.tilePositionY += delta * 0.003;
  }
}
