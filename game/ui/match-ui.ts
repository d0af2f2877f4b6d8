/**
 * Everything DOM the match shows around the arena, built and torn down together: the HUD, the
 * top bar (full screen, net, sound, menu), the menu (Esc, the Menu button or a gamepad's Start),
 * the kill feed, the "you're out" notice and, on an upright phone, the rotate hint. The Match
 * scene feeds it each frame's state and events; the UI only reads them.
 */
import type { SoundBoard } from '../audio/sound-board';
import { createMenuButton } from '../input/menu-button';
import { isTouchDevice } from '../input/touch';
import type { SimEvent, SimState } from '../sim';
import { setCovered } from './covers';
import { createHud } from './hud';
import { createKillFeed } from './kill-feed';
import { createPauseMenu, type Device } from './pause-menu';
import { createRotateHint } from './rotate-hint';
import { createTopBar } from './top-bar';
import { createWatchingNotice } from './watching-notice';

/** The match's actions the menu uses (a slice of game/app's MatchActions: ui never imports app). */
export interface MenuActions {
  /** "Leave match": leave for good; the caller shows the lobby. */
  onQuit(): void;
  /** Pauses the match while the menu is open; absent: it plays on (a network match). */
  readonly pause?: (paused: boolean) => void;
}

/** What the UI needs to know and do. */
export interface MatchUiOptions {
  readonly names: readonly string[];
  readonly colours: readonly string[];
  readonly viewSlot: number;
  readonly actions: MenuActions;
  readonly sound: SoundBoard | null;
  readonly toggleNet: () => void;
  /** "Leave match" was chosen and the match is left: show the lobby. */
  readonly toLobby: () => void;
}

/** The match's UI. */
export interface MatchUi {
  /** Shows `state` and the sim events since the last call; true if the HUD changed (its height may have). */
  update(state: SimState, events: readonly SimEvent[]): boolean;
  /**
   * Lays the HUD out for a `width` × `height` CSS pixel screen and returns the CSS pixels it
   * takes at the top, left and right: the arena goes in the rest.
   */
  layout(width: number, height: number): ArenaInsets;
  destroy(): void;
}

/** CSS pixels the arena keeps clear of on each side. */
export interface ArenaInsets {
  readonly top: number;
  readonly left: number;
  readonly right: number;
}

/** Space between the HUD and the arena's walls. */
const HUD_GAP = 6;
/** Below this width beside the buttons, the scores go under them instead (an upright phone). */
const MIN_SCORES_WIDTH = 360;

/**
 * A short landscape screen (a phone on its side) has height to spare least and width most: the
 * scores and the buttons go in columns beside the arena, not in a line above it.
 */
const isShortLandscape = (width: number, height: number): boolean => height < 500 && width > height * 1.4;

/** The controls a menu explains on this device. */
function devicesOf(win: Window): Device[] {
  return isTouchDevice(win) ? ['touch'] : ['keyboard', 'gamepad'];
}

/** Builds the match's UI in the overlay. */
export function createMatchUi(options: MatchUiOptions): MatchUi {
  const { names, colours, viewSlot, actions, sound } = options;
  const hud = createHud({ names, colours, viewSlot });
  const feed = createKillFeed(names, colours);
  const notice = createWatchingNotice(viewSlot);
  const removeHint = createRotateHint(window);
  const menu = createPauseMenu({
    pauses: !!actions.pause,
    devices: devicesOf(window),
    volume: () => sound?.volume() ?? 1,
    setVolume: (v) => sound?.setVolume(v),
    onToggle: (open) => {
      setCovered('menu', open);
      actions.pause?.(open);
    },
    onLeave: () => {
      menu.close();
      actions.onQuit();
      options.toLobby();
    },
  });
  const topBar = createTopBar({ muted: () => sound?.muted() ?? true, toggleMute: () => sound?.toggleMute() ?? true, toggleNet: options.toggleNet, toggleMenu: () => menu.toggle(), fullscreen: true });
  const startButton = createMenuButton(window.navigator);
  return {
    update(state, events) {
      if (startButton.pressed()) menu.toggle();
      feed.add(events);
      notice.update(state);
      return hud.update(state);
    },
    layout(width, height) {
      const side = isShortLandscape(width, height);
      topBar.column(side);
      const bar = topBar.element.getBoundingClientRect();
      const under = !side && width - bar.width < MIN_SCORES_WIDTH;
      hud.place({ top: under ? bar.bottom + HUD_GAP : 8, right: under ? 12 : bar.width + 24, column: side });
      feed.setTop(bar.bottom + HUD_GAP);
      const box = hud.box();
      if (side) return { top: HUD_GAP, left: box.right + HUD_GAP, right: width - bar.left + HUD_GAP };
      return { top: box.bottom + HUD_GAP, left: 0, right: 0 };
    },
    destroy() {
      menu.close();
      menu.destroy();
      topBar();
      hud.destroy();
      feed.destroy();
      notice.destroy();
      removeHint();
    },
  };
}
