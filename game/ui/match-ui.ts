/**
 * Everything DOM the match shows around the arena, built and torn down together: the HUD, the
 * top bar (full screen, net, sound, menu), the menu (Esc, the Menu button or a gamepad's Start),
 * the kill feed, the "you're out" notice and, on an upright phone, the rotate hint. The Match
 * scene feeds it each frame's state and events; the UI only reads them.
 */
import type { MatchActions } from '../app/match-session';
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

/** What the UI needs to know and do. */
export interface MatchUiOptions {
  readonly names: readonly string[];
  readonly colours: readonly string[];
  readonly viewSlot: number;
  readonly actions: MatchActions;
  readonly sound: SoundBoard | null;
  readonly toggleNet: () => void;
  /** "Leave match" was chosen and the match is left: show the lobby. */
  readonly toLobby: () => void;
}

/** The match's UI. */
export interface MatchUi {
  /** Shows `state` and the sim events since the last call; true if the HUD changed (its height may have). */
  update(state: SimState, events: readonly SimEvent[]): boolean;
  /** CSS pixels from the top that the HUD takes: the arena goes below. */
  arenaTop(): number;
  destroy(): void;
}

/** Space between the HUD's last line and the arena's top wall. */
const HUD_GAP = 6;

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
      const changed = hud.update(state);
      if (changed) hud.setRightInset(topBar.element.getBoundingClientRect().width + 24);
      return changed;
    },
    arenaTop: () => hud.bottom() + HUD_GAP,
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
