/**
 * Match: draws the current match session. Every display frame it reads the last two sim states
 * and the interpolation factor from the session's loop, poses tanks and shells, and turns the sim
 * events of the frames just stepped into effects and sounds. The camera fits the arena to any
 * window size. It never writes sim state; the frame loop lives in run-match.ts. Whoever started the
 * match (practice or the mesh) passes it in with its actions; the scene never asks which it is.
 */
import Phaser from 'phaser';
import { ASSET_KEY } from '../../assets/manifest';
import type { MatchSession, ShownMatch } from '../app/match-session';
import type { PageContext } from '../app/page-context';
import type { SimState } from '../sim';
import { ArenaView } from '../view/arena-view';
import { Effects } from '../view/effects';
import { shellPoses, tankPoses } from '../view/interpolate';
import { arenaSize } from '../view/maze-geometry';
import { setHalfResolution } from '../view/render-resolution';
import { TankSprite } from '../view/tank-sprite';
import { createHud, type Hud } from '../ui/hud';
import { createNetOverlay, type NetOverlay } from '../ui/net-overlay';
import { createTopBar } from '../ui/top-bar';
import { SCENE } from './scene-keys';

/** Seconds the "X wins the match" banner stays before the results. */
const RESULTS_DELAY_MS = 3500;
/** Space around the arena, in pixels of the arena, and room for the HUD line on top. */
const MARGIN = 16;
const HUD_HEIGHT = 34;

/** The match scene. */
export class Match extends Phaser.Scene {
  private shown!: ShownMatch;
  private session!: MatchSession;
  private arena!: ArenaView;
  private effects!: Effects;
  private tanks: TankSprite[] = [];
  private shells = new Map<number, Phaser.GameObjects.Image>();
  private hud!: Hud;
  private net!: NetOverlay;
  private removeTopBar: () => void = () => undefined;
  private overSince: number | null = null;
  /** The render quality level drawn at (see render-quality.ts): 0 full, 1 no costly effects, 2 half resolution. */
  private qualityLevel = 0;

  constructor(private readonly page: PageContext) {
    super(SCENE.match);
  }

  /** Phaser hands over the `scene.start` data: the match to draw. */
  init(shown: ShownMatch | undefined): void {
    if (!shown?.session) throw new Error('Match scene started without a match');
    this.shown = shown;
    this.session = shown.session;
  }

  create(): void {
    const session = this.session;
    // Whatever scene was showing (lobby, results, preloader) gives way to the match.
    for (const other of this.scene.manager.getScenes(true)) if (other !== this) other.scene.stop();
    this.overSince = null;
    this.qualityLevel = 0;
    this.shells = new Map();
    this.arena = new ArenaView(this);
    this.effects = new Effects(this, session.colours);
    const names = session.setup.players.map((p) => p.name);
    this.tanks = names.map((name, slot) => new TankSprite(this, slot, name, session.colours[slot] ?? '#fff', slot === session.viewSlot && session.localSlots.length > 0));
    this.hud = createHud({ names, colours: session.colours, viewSlot: session.viewSlot });
    this.net = createNetOverlay();
    const sound = this.page.sound;
    this.removeTopBar = createTopBar({ muted: () => sound?.muted() ?? true, toggleMute: () => sound?.toggleMute() ?? true, toggleNet: () => this.net.toggle() });
    this.scale.on(Phaser.Scale.Events.RESIZE, this.fit, this);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.teardown());
    this.arena.show(session.loop.current().maze);
    this.fit();
  }

  /** Zooms and centres the camera so the whole arena shows under the HUD line. */
  private fit(): void {
    const { width, height } = arenaSize(this.session.loop.current().maze);
    const view = this.scale.gameSize;
    const zoom = Math.min(view.width / (width + MARGIN * 2), (view.height - HUD_HEIGHT) / (height + MARGIN * 2));
    const cam = this.cameras.main;
    cam.setSize(view.width, view.height);
    cam.setZoom(Math.max(0.05, zoom));
    cam.centerOn(width / 2, height / 2 - HUD_HEIGHT / 2 / Math.max(0.05, zoom));
  }

  override update(): void {
    this.session.pump(); // the netcode runs on its own beat; this only brings the state up to now
    this.applyQuality(this.session.quality.level);
    const loop = this.session.loop;
    const prev = loop.previous();
    const curr = loop.current();
    if (this.arena.show(curr.maze)) this.fit();
    this.drawTanks(prev, curr, loop.alpha());
    this.drawShells(prev, curr, loop.alpha());
    for (const event of loop.drainEvents()) {
      this.effects.play(event, curr);
      this.page.sound?.event(event);
    }
    this.hud.update(curr);
    const me = curr.tanks[this.session.viewSlot];
    const moving = !!me && !!prev.tanks[me.slot] && (prev.tanks[me.slot]?.x !== me.x || prev.tanks[me.slot]?.y !== me.y);
    this.page.sound?.engine(!!me?.alive && curr.phase !== 'match-over', moving ? 1 : 0);
    if (this.net.visible()) {
      this.net.update({ frame: this.session.engine.frame(), stats: this.session.engine.stats(), waitingFor: this.session.waitingFor, nowMs: performance.now() });
    }
    this.checkOver(curr);
  }

  private drawTanks(prev: SimState, curr: SimState, alpha: number): void {
    for (const pose of tankPoses(prev, curr, alpha)) this.tanks[pose.slot]?.update(pose);
  }

  private drawShells(prev: SimState, curr: SimState, alpha: number): void {
    const seen = new Set<number>();
    for (const pose of shellPoses(prev, curr, alpha)) {
      seen.add(pose.id);
      let img = this.shells.get(pose.id);
      if (!img) {
        img = this.add.image(pose.x, pose.y, ASSET_KEY.shell).setScale(0.6).setDepth(20);
        this.shells.set(pose.id, img);
        const glow = this.add.image(pose.x, pose.y, ASSET_KEY.particle).setScale(1.1).setAlpha(0.35).setDepth(19);
        glow.setBlendMode(Phaser.BlendModes.ADD).setVisible(this.qualityLevel === 0);
        img.setData('glow', glow);
      }
      img.setPosition(pose.x, pose.y);
      (img.getData('glow') as Phaser.GameObjects.Image | undefined)?.setPosition(pose.x, pose.y);
    }
    for (const [id, img] of this.shells) {
      if (seen.has(id)) continue;
      (img.getData('glow') as Phaser.GameObjects.Image | undefined)?.destroy();
      img.destroy();
      this.shells.delete(id);
    }
  }

  /** Draws less while the display cannot keep up: effects and shell glows off, then half resolution. */
  private applyQuality(level: number): void {
    if (level === this.qualityLevel) return;
    if ((level >= 2) !== (this.qualityLevel >= 2)) setHalfResolution(this.game, level >= 2);
    this.qualityLevel = level;
    this.effects.setRich(level === 0);
    for (const img of this.shells.values()) (img.getData('glow') as Phaser.GameObjects.Image | undefined)?.setVisible(level === 0);
  }

  private checkOver(curr: SimState): void {
    if (curr.phase !== 'match-over') return;
    this.overSince ??= performance.now();
    if (performance.now() - this.overSince < RESULTS_DELAY_MS) return;
    this.shown.actions.onOver();
    this.scene.start(SCENE.results, this.shown);
  }

  private teardown(): void {
    this.scale.off(Phaser.Scale.Events.RESIZE, this.fit, this);
    if (this.qualityLevel >= 2) setHalfResolution(this.game, false);
    this.page.sound?.engine(false, 0);
    this.hud.destroy();
    this.net.destroy();
    this.removeTopBar();
    for (const tank of this.tanks) tank.destroy();
    this.tanks = [];
  }
}
