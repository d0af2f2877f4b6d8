/**
 * Results: the final scoreboard of the match that just ended, with its statistics, over a dimmed
 * arena floor. "Download replay" saves the match as a replay file (version 2). "Play again" and
 * "Back to lobby" call back whoever started the match: practice starts a new seed, the
 * mesh asks everyone still connected for a rematch; the scene never asks which it is.
 */
import Phaser from 'phaser';
import { ASSET_KEY } from '../../assets/manifest';
import type { MatchSession, ShownMatch } from '../app/match-session';
import type { PageContext } from '../app/page-context';
import { downloadReplay, sessionReplay } from '../app/replay-file';
import { emptyStats } from '../sim';
import { createResultsPanel, type ResultRow } from '../ui/results-panel';
import { SCENE } from './scene-keys';

/** The scoreboard rows of a finished match (pure). */
function resultRows(session: MatchSession): ResultRow[] {
  const state = session.engine.state();
  const stats = session.stats.stats();
  return state.scores.map((score, slot) => ({
    slot,
    name: session.setup.players[slot]?.name ?? `Player ${slot + 1}`,
    colour: session.colours[slot] ?? '#fff',
    score,
    winner: state.winner === slot,
    you: slot === session.viewSlot,
    left: state.tanks[slot]?.present === false,
    stats: stats[slot] ?? emptyStats(),
  }));
}

/** The results scene. */
export class Results extends Phaser.Scene {
  private shown!: ShownMatch;

  constructor(private readonly page: PageContext) {
    super(SCENE.results);
  }

  /** Phaser hands over the `scene.start` data: the match that ended. */
  init(shown: ShownMatch | undefined): void {
    if (!shown?.session) throw new Error('Results scene started without a match');
    this.shown = shown;
  }

  create(): void {
    const bg = this.add.tileSprite(0, 0, this.scale.width, this.scale.height, ASSET_KEY.floor).setOrigin(0, 0).setAlpha(0.6);
    const onResize = (size: Phaser.Structs.Size): void => void bg.setSize(size.width, size.height);
    this.scale.on(Phaser.Scale.Events.RESIZE, onResize);
    const { session, actions } = this.shown;
    const panel = createResultsPanel(resultRows(session), {
      playAgain: () => {
        this.page.sound?.click();
        actions.onPlayAgain((text) => panel.status(text));
      },
      downloadReplay: () => {
        this.page.sound?.click();
        const replay = sessionReplay(session);
        return replay ? downloadReplay(document, replay) : '';
      },
      backToLobby: () => {
        this.page.sound?.click();
        actions.onBackToLobby();
        this.scene.start(SCENE.lobby);
      },
    });
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.scale.off(Phaser.Scale.Events.RESIZE, onResize);
      panel.destroy();
    });
  }
}
