/**
 * Replay: watches a replay file with the match's own drawing (arena, tanks, shells, effects, HUD)
 * over a replay player (game/app/replay-player.ts), which owns the states. This scene owns time:
 * each display frame it adds the elapsed time times the speed and steps the frames due, and gives
 * the player's background pass a slice of a few milliseconds, which builds the keyframes seeks
 * start from and checks every checkpoint of the file. Keys: space play/pause, left/right seek 5 s,
 * Esc back to the lobby. `window.ricochet.viewer()` reads the figures published on the page.
 */
import Phaser from 'phaser';
import { FRAME_MS } from '../../net/lockstep';
import { pageBuildId } from '../../net/lobby';
import type { PageContext } from '../app/page-context';
import { createReplayPlayer, type ReplayPlayer } from '../app/replay-player';
import { stateHash, type Replay } from '../sim';
import { createHud, type Hud } from '../ui/hud';
import { createReplayControls, verdictText, type ReplayControlView } from '../ui/replay-controls';
import { ArenaView } from '../view/arena-view';
import { Effects } from '../view/effects';
import { shellPoses, tankPoses } from '../view/interpolate';
import { arenaSize } from '../view/maze-geometry';
import { ShellSprites } from '../view/shell-sprites';
import { TankSprite } from '../view/tank-sprite';
import { SCENE } from './scene-keys';

/** Room for the HUD line on top and the controls below, and around the arena, in pixels. */
const HUD_HEIGHT = 34;
const CONTROLS_HEIGHT = 100;
const MARGIN = 12;
/** Milliseconds of each display frame the background pass may use, and its slice size in frames. */
const PREPARE_BUDGET_MS = 4;
const PREPARE_SLICE = 30;
/** Frames a left/right key seeks: 5 seconds. */
const SEEK_STEP = 300;
/** Frames stepped at most per display frame (8x at 60 Hz needs 8; a slow frame may owe more). */
const MAX_STEPS_PER_UPDATE = 32;

/** What the Lobby hands over: the parsed replay to watch. */
export interface ReplayData {
  readonly replay: Replay;
}

/** The replay viewer scene. */
export class ReplayViewer extends Phaser.Scene {
  private replay!: Replay;
  private player!: ReplayPlayer;
  private arena!: ArenaView;
  private effects!: Effects;
  private tanks: TankSprite[] = [];
  private shells!: ShellSprites;
  private hud!: Hud;
  private controls!: ReturnType<typeof createReplayControls>;
  private playing = true;
  private speed = 1;
  private owedMs = 0;
  private prepared = false;

  constructor(private readonly page: PageContext) {
    super(SCENE.replay);
  }

  /** Phaser hands over the `scene.start` data: the replay to watch. */
  init(data: ReplayData | undefined): void {
    if (!data?.replay) throw new Error('Replay scene started without a replay');
    this.replay = data.replay;
  }

  create(): void {
    for (const other of this.scene.manager.getScenes(true)) if (other !== this) other.scene.stop();
    Object.assign(this, { playing: true, speed: 1, owedMs: 0, prepared: false });
    this.player = createReplayPlayer(this.replay);
    const names = this.replay.setup.players.map((p) => p.name);
    const colours = this.replay.version === 2 ? this.replay.colours : names.map(() => '#e8edf2');
    this.arena = new ArenaView(this);
    this.effects = new Effects(this, colours);
    this.shells = new ShellSprites(this, colours);
    this.tanks = names.map((name, slot) => new TankSprite(this, slot, name, colours[slot] ?? '#fff', false));
    this.hud = createHud({ names, colours, viewSlot: -1 });
    this.controls = createReplayControls({
      togglePlay: () => this.togglePlay(),
      setSpeed: (speed) => void (this.speed = speed),
      seek: (frame) => this.seek(frame),
      back: () => this.back(),
    });
    const onKey = (e: KeyboardEvent): void => this.onKey(e);
    window.addEventListener('keydown', onKey);
    this.page.viewer = () => ({ ...this.player.figures(), hash: stateHash(this.player.current()), playing: this.playing, speed: this.speed, verdictText: this.verdictText() });
    this.scale.on(Phaser.Scale.Events.RESIZE, this.fit, this);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      window.removeEventListener('keydown', onKey);
      this.teardown();
    });
    this.arena.show(this.player.current().maze);
    this.fit();
  }

  private onKey(e: KeyboardEvent): void {
    const actions: Record<string, () => void> = {
      ' ': () => this.togglePlay(),
      ArrowLeft: () => this.seek(this.player.figures().frame - SEEK_STEP),
      ArrowRight: () => this.seek(this.player.figures().frame + SEEK_STEP),
      Escape: () => this.back(),
    };
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  }

  private togglePlay(): void {
    const f = this.player.figures();
    if (!this.playing && f.frame >= f.total) this.seek(0); // play again from the start
    this.playing = !this.playing;
    this.owedMs = 0;
  }

  private seek(frame: number): void {
    this.player.seek(frame);
    this.owedMs = 0;
    this.effects.play({ type: 'round-start', round: 0 }, this.player.current()); // clears the scorches of another time
  }

  private back(): void {
    this.page.sound?.click();
    this.scene.start(SCENE.lobby);
  }

  /** Zooms and centres the camera so the whole arena shows between the HUD and the controls. */
  private fit(): void {
    const { width, height } = arenaSize(this.player.current().maze);
    const view = this.scale.gameSize;
    const zoom = Math.max(0.05, Math.min(view.width / (width + MARGIN * 2), (view.height - HUD_HEIGHT - CONTROLS_HEIGHT) / (height + MARGIN * 2)));
    const cam = this.cameras.main;
    cam.setSize(view.width, view.height);
    cam.setZoom(zoom);
    cam.centerOn(width / 2, height / 2 + (CONTROLS_HEIGHT - HUD_HEIGHT) / 2 / zoom);
  }

  override update(_time: number, delta: number): void {
    this.prepare();
    if (this.playing) this.play(delta);
    const prev = this.player.previous();
    const curr = this.player.current();
    if (this.arena.show(curr.maze)) this.fit();
    const alpha = this.playing ? Math.min(1, this.owedMs / FRAME_MS) : 1;
    for (const pose of tankPoses(prev, curr, alpha)) this.tanks[pose.slot]?.update(pose);
    this.shells.update(shellPoses(prev, curr, alpha));
    this.hud.update(curr);
    this.controls.update(this.view());
  }

  /** Gives the background pass its slice of this display frame. */
  private prepare(): void {
    const start = performance.now();
    while (!this.prepared && performance.now() - start < PREPARE_BUDGET_MS) this.prepared = this.player.prepare(PREPARE_SLICE);
  }

  /** Steps the frames `delta` ms of play at this speed owe, with their effects and sounds. */
  private play(delta: number): void {
    this.owedMs += delta * this.speed;
    for (let n = 0; this.owedMs >= FRAME_MS; n++) {
      const events = n < MAX_STEPS_PER_UPDATE ? this.player.stepForward() : null;
      if (!events) {
        this.owedMs = 0;
        if (this.player.figures().frame >= this.player.figures().total) this.playing = false;
        return;
      }
      this.owedMs -= FRAME_MS;
      for (const event of events) {
        if (this.speed <= 2) this.effects.play(event, this.player.current());
        if (this.speed <= 1) this.page.sound?.event(event);
      }
    }
  }

  private verdictText(): string {
    const f = this.player.figures();
    return verdictText({ ...f, recordedBuild: this.replay.version === 2 ? this.replay.build : null, pageBuild: pageBuildId() });
  }

  private view(): ReplayControlView {
    const f = this.player.figures();
    return { frame: f.frame, total: f.total, playing: this.playing, speed: this.speed, verdict: { text: this.verdictText(), kind: f.verdict } };
  }

  private teardown(): void {
    this.page.viewer = null;
    this.scale.off(Phaser.Scale.Events.RESIZE, this.fit, this);
    this.hud.destroy();
    this.controls.destroy();
    this.shells.destroy();
    for (const tank of this.tanks) tank.destroy();
    this.tanks = [];
  }
}
