/**
 * Match: draws the current match session. Every display frame it reads the last two sim states
 * and the interpolation factor from the session's loop, poses tanks and shells, and turns the sim
 * events of the frames just stepped into effects, sounds and kill-feed lines. The camera fits the
 * arena to any window size below the HUD, and name labels are scaled back up where that shrinks
 * them below a readable size (a phone). It never writes sim state; the frame loop lives in
 * run-match.ts. Whoever started the match (practice or the mesh) passes it in with its actions;
 * the scene never asks which it is.
 */
import Phaser from 'phaser';
import type { MatchSession, ShownMatch } from '../app/match-session';
import type { PageContext } from '../app/page-context';
import type { SimState } from '../sim';
import { ArenaView } from '../view/arena-view';
import { Effects } from '../view/effects';
import { shellPoses, tankPoses } from '../view/interpolate';
import { createTankSmoother } from '../view/correction';
import { arenaSize } from '../view/maze-geometry';
import { ShellSprites } from '../view/shell-sprites';
import { LABEL_FONT_PX, TankSprite } from '../view/tank-sprite';
import { desyncReportFileName, sessionDesyncReport } from '../app/desync-report';
import { downloadJson } from '../app/replay-file';
import { setCovered } from '../ui/covers';
import { showDesyncNotice } from '../ui/desync-notice';
import { createMatchUi, type MatchUi } from '../ui/match-ui';
import { setHalfResolution } from '../view/render-resolution';
import { createNetOverlay, type NetOverlay } from '../ui/net-overlay';
import { SCENE } from './scene-keys';

/** Seconds the "X wins the match" banner stays before the results. */
const RESULTS_DELAY_MS = 3500;
/** Space around the arena, in pixels of the arena; less on a short (phone) screen. */
const MARGIN = 16;
const SMALL_MARGIN = 5;
const SMALL_VIEW = 500;
/** The smallest a name label may be on screen, in CSS pixels. */
const MIN_LABEL_CSS_PX = 12;
/** A tank's width in arena pixels (TANK_RADIUS 11 px), for the test surface's figures. */
const TANK_PX = 22;

/** Sizes on screen in CSS pixels, for the test surface. */
export interface ViewFigures {
  readonly labelPx: number;
  readonly tankPx: number;
  /** The arena's outer edges on screen. */
  readonly arena: { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number };
}

/** The match scene. */
export class Match extends Phaser.Scene {
  private shown!: ShownMatch;
  private session!: MatchSession;
  private arena!: ArenaView;
  private effects!: Effects;
  private tanks: TankSprite[] = [];
  private shells!: ShellSprites;
  private ui!: MatchUi;
  /** Rollback: corrected tanks glide into place. */
  private readonly smoother = createTankSmoother();
  private net!: NetOverlay;
  private overSince: number | null = null;
  /** The render quality level drawn at (see render-quality.ts): 0 full, 1 no costly effects, 2 half resolution. */
  private qualityLevel = 0;
  private desyncShown: MatchSession['desync'] = null;
  private hideDesync: (() => void) | null = null;

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
    setCovered('results', false);
    this.shells = new ShellSprites(this, session.colours);
    this.qualityLevel = 0;
    this.arena = new ArenaView(this);
    this.effects = new Effects(this, session.colours);
    const names = session.setup.players.map((p) => p.name);
    this.tanks = names.map((name, slot) => new TankSprite(this, slot, name, session.colours[slot] ?? '#fff', slot === session.viewSlot && session.localSlots.length > 0));
    this.net = createNetOverlay();
    this.ui = createMatchUi({
      names,
      colours: session.colours,
      viewSlot: session.viewSlot,
      actions: this.shown.actions,
      sound: this.page.sound,
      toggleNet: () => void this.net.toggle(),
      toLobby: () => this.scene.start(SCENE.lobby),
    });
    this.scale.on(Phaser.Scale.Events.RESIZE, this.fit, this);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.teardown());
    this.arena.show(session.loop.current().maze);
    this.fit();
  }

  /**
   * Zooms and centres the camera so the whole arena shows beside the HUD (under it, however many
   * lines it wraps to, or between its columns on a phone on its side), and scales the name labels so that none is under MIN_LABEL_CSS_PX on screen.
   */
  private fit(): void {
    const { width, height } = arenaSize(this.session.loop.current().maze);
    const view = this.scale.gameSize;
    const css = this.cssPerCanvasPx();
    const insets = this.ui.layout(view.width * css, view.height * css);
    const [top, left, right] = [insets.top / css, insets.left / css, insets.right / css];
    const margin = view.height < SMALL_VIEW ? SMALL_MARGIN : MARGIN;
    const zoom = Math.max(0.05, Math.min((view.width - left - right) / (width + margin * 2), (view.height - top) / (height + margin * 2)));
    const cam = this.cameras.main;
    cam.setSize(view.width, view.height);
    cam.setZoom(zoom);
    cam.centerOn(width / 2 - (left - right) / 2 / zoom, height / 2 - top / 2 / zoom);
    const labelScale = Math.max(1, MIN_LABEL_CSS_PX / (LABEL_FONT_PX * zoom * css));
    for (const tank of this.tanks) tank.setLabelScale(labelScale);
  }

  /** CSS pixels per canvas pixel (1 unless the canvas is drawn at another size than shown). */
  private cssPerCanvasPx(): number {
    const canvas = this.game.canvas;
    const shown = canvas.getBoundingClientRect().width;
    return shown > 0 && canvas.width > 0 ? shown / canvas.width : 1;
  }

  /** The smallest name label and a tank as shown now, in CSS pixels (for the test surface). */
  viewFigures(): ViewFigures | null {
    if (!this.scene.isActive() || this.tanks.length === 0) return null;
    const cam = this.cameras.main;
    const css = this.cssPerCanvasPx();
    const { width, height } = arenaSize(this.session.loop.current().maze);
    const toScreen = (x: number, y: number): [number, number] => [(cam.x + (x - cam.worldView.x) * cam.zoom) * css, (cam.y + (y - cam.worldView.y) * cam.zoom) * css];
    const [left, top] = toScreen(0, 0);
    const [right, bottom] = toScreen(width, height);
    return { labelPx: Math.min(...this.tanks.map((t) => t.labelScreenPx(cam.zoom) * css)), tankPx: TANK_PX * cam.zoom * css, arena: { left, top, right, bottom } };
  }

  override update(): void {
    this.session.pump(); // the netcode runs on its own beat; this only brings the state up to now
    this.applyQuality(this.session.quality.level);
    const loop = this.session.loop;
    const prev = loop.previous();
    const curr = loop.current();
    if (this.arena.show(curr.maze)) this.fit();
    this.drawTanks(prev, curr, loop.alpha());
    this.shells.update(shellPoses(prev, curr, loop.alpha()));
    const events = loop.drainEvents();
    for (const event of events) {
      this.effects.play(event, curr);
      this.page.sound?.event(event);
    }
    if (this.ui.update(curr, events)) this.fit();
    const me = curr.tanks[this.session.viewSlot];
    const moving = !!me && !!prev.tanks[me.slot] && (prev.tanks[me.slot]?.x !== me.x || prev.tanks[me.slot]?.y !== me.y);
    this.page.sound?.engine(!!me?.alive && curr.phase !== 'match-over', moving ? 1 : 0);
    if (this.net.visible()) {
      const { engine, pace, quality, waitingFor } = this.session;
      const nowMs = performance.now();
      const page = { fps: pace.displayFps(nowMs, 1000), lateBeatShare: pace.lateBeatShare(nowMs, 1000), renderLevel: quality.level };
      this.net.update({ frame: engine.frame(), stats: engine.stats(), waitingFor, nowMs, page });
    }
    this.checkOver(curr);
    this.checkDesync();
  }

  /** Shows the desync notice once the session has one (a fatal one replaces a peer's). */
  private checkDesync(): void {
    const desync = this.session.desync;
    if (!desync || desync === this.desyncShown) return;
    this.desyncShown = desync;
    this.hideDesync?.();
    this.hideDesync = showDesyncNotice({
      ...desync,
      download: () => {
        const report = sessionDesyncReport(this.session);
        return report ? downloadJson(document, desyncReportFileName(report, new Date()), report) : '';
      },
      toLobby: () => {
        this.shown.actions.onQuit();
        this.scene.start(SCENE.lobby);
      },
    });
  }

  private drawTanks(prev: SimState, curr: SimState, alpha: number): void {
    for (const [shown, fixed] of this.session.loop.drainCorrections()) this.smoother.corrected(shown, fixed);
    for (const pose of this.smoother.apply(tankPoses(prev, curr, alpha))) this.tanks[pose.slot]?.update(pose);
  }

  /** Draws less while the display cannot keep up: effects and shell glows off, then half resolution. */
  private applyQuality(level: number): void {
    if (level === this.qualityLevel) return;
    if ((level >= 2) !== (this.qualityLevel >= 2)) setHalfResolution(this.game, level >= 2);
    this.qualityLevel = level;
    this.effects.setRich(level === 0);
    this.shells.setGlows(level === 0);
  }

  private checkOver(curr: SimState): void {
    if (curr.phase !== 'match-over') {
      this.overSince = null; // a predicted end that a rollback took back
      return;
    }
    this.overSince ??= performance.now();
    if (performance.now() - this.overSince < RESULTS_DELAY_MS) return;
    this.shown.actions.onOver();
    setCovered('results', true); // the stick and FIRE hide behind the results
    this.scene.start(SCENE.results, this.shown);
  }

  private teardown(): void {
    this.scale.off(Phaser.Scale.Events.RESIZE, this.fit, this);
    if (this.qualityLevel >= 2) setHalfResolution(this.game, false);
    this.page.sound?.engine(false, 0);
    this.ui.destroy();
    this.net.destroy();
    this.hideDesync?.();
    this.hideDesync = null;
    this.desyncShown = null;
    for (const tank of this.tanks) tank.destroy();
    this.tanks = [];
  }
}
