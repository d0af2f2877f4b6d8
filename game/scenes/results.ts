/**
 * Results: the final scoreboard of the match that just ended, over a dimmed arena floor. "Play
 * again" starts a new practice with the same bots and a new seed, or asks the mesh for a rematch
 * with everyone still connected; "Back to lobby" leaves the match.
 */
import Phaser from 'phaser';
import { ASSET_KEY } from '../../assets/manifest';
import { app } from '../app/app-context';
import { currentSession, setCurrentSession } from '../app/match-session';
import { randomSeed, startPractice } from '../app/practice';
import { createResultsPanel, type ResultRow } from '../ui/results-panel';
import { SCENE } from './scene-keys';

/** The results scene. */
export class Results extends Phaser.Scene {
  constructor() {
    super(SCENE.results);
  }

  create(): void {
    const bg = this.add.tileSprite(0, 0, this.scale.width, this.scale.height, ASSET_KEY.floor).setOrigin(0, 0).setAlpha(0.6);
    const onResize = (size: Phaser.Structs.Size): void => void bg.setSize(size.width, size.height);
    this.scale.on(Phaser.Scale.Events.RESIZE, onResize);
    const session = currentSession();
    const state = session?.engine.state();
    const rows: ResultRow[] = (state?.scores ?? []).map((score, slot) => ({
      slot,
      name: session?.setup.players[slot]?.name ?? `Player ${slot + 1}`,
      colour: session?.colours[slot] ?? '#fff',
      score,
      winner: state?.winner === slot,
      you: slot === session?.viewSlot,
      left: state?.tanks[slot]?.present === false,
    }));
    const panel = createResultsPanel(rows, {
      playAgain: () => {
        app.sound?.click();
        if (session?.mode === 'network' && app.network) {
          panel.status('Waiting for the others to play again…');
          void app.network.rematch().then((r) => (r.ok ? undefined : panel.status(`No rematch: ${r.error.message}`)));
          return;
        }
        const last = app.lastPractice ?? { bots: 3, botSelf: false };
        startPractice({ name: app.profile.name, colour: app.profile.colour, bots: last.bots, seed: randomSeed(), botSelf: last.botSelf, targetScore: app.params.target });
      },
      backToLobby: () => {
        app.sound?.click();
        app.network?.close();
        app.network = null;
        setCurrentSession(null);
        this.scene.start(SCENE.lobby);
      },
    });
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.scale.off(Phaser.Scale.Events.RESIZE, onResize);
      panel.destroy();
    });
  }
}
