/// <reference types="vite/client" />
/**
 * The game, imported by game/loader.ts once the big chunks are in (the HTML title screen showed
 * their progress): error box first (so even a failed boot is readable), then the one page
 * context, which every scene gets through its constructor, the read-only `window.ricochet` test
 * surface, and the page's one `pagehide` handler. Phaser runs one scene per file. The canvas fills
 * its parent (Scale RESIZE) and each scene lays itself out on resize. In production builds immer's
 * auto-freeze is off (it costs per tick); dev and tests keep it on to catch accidental mutation.
 */
import Phaser from 'phaser';
import { setAutoFreeze } from 'immer';
import { isCreator } from '../net/lobby';
import { createPageContext, type PageContext } from './app/page-context';
import { pickRenderer } from './app/pick-renderer';
import { installTestSurface } from './app/test-surface';
import { Boot } from './scenes/boot';
import { Lobby } from './scenes/lobby';
import { Match } from './scenes/match';
import { Preloader } from './scenes/preloader';
import { ReplayViewer } from './scenes/replay';
import { Results } from './scenes/results';
import { SCENE } from './scenes/scene-keys';
import { installErrorBox, showFatalError } from './ui/error-box';
import { dismissTitleScreen } from './ui/title-screen';

/** Builds the page: context, Phaser, test surface, pagehide. */
function startPage(win: Window): void {
  // `game` is only read once a match starts, long after it is assigned below.
  const page = createPageContext(win.location.search, (shown) => game.scene.start(SCENE.match, shown));
  const game = new Phaser.Game({
    type: pickRenderer(win.document, win.location.search) === 'webgl' ? Phaser.WEBGL : Phaser.CANVAS,
    parent: 'game',
    backgroundColor: '#14181e',
    scale: { mode: Phaser.Scale.RESIZE, width: '100%', height: '100%' },
    scene: [new Boot(), new Preloader(page), new Lobby(page), new Match(page), new Results(page), new ReplayViewer(page)],
    banner: false,
    audio: { disableWebAudio: false },
    input: { gamepad: false },
  });
  installSurface(win, page, game);
  handOverTitleScreen(game);
  // Closing the page tells the peers it leaves, at once. A page kept for back-forward navigation,
  // hidden or frozen (a locked phone) is only away: the others play on, and it rejoins.
  win.addEventListener('pagehide', (event) => (event.persisted ? page.hidden(true) : page.leave()));
  win.document.addEventListener('visibilitychange', () => page.hidden(win.document.visibilityState === 'hidden'));
  win.document.addEventListener('freeze', () => page.hidden(true));
  win.document.addEventListener('resume', () => page.hidden(false));
  win.addEventListener('pageshow', (event) => {
    if (event.persisted) page.hidden(false);
  });
}

/**
 * The HTML title screen stays over the canvas until a frame of the lobby (or of a practice match
 * started by `practice=N`) has been drawn under it: no blank canvas and no flash in between.
 */
function handOverTitleScreen(game: Phaser.Game): void {
  const onRender = (): void => {
    const shown = game.scene.getScenes(true).map((s) => s.scene.key);
    if (!shown.includes(SCENE.lobby) && !shown.includes(SCENE.match)) return;
    game.events.off(Phaser.Core.Events.POST_RENDER, onRender);
    dismissTitleScreen();
  };
  game.events.on(Phaser.Core.Events.POST_RENDER, onRender);
}

function installSurface(win: Window, page: PageContext, game: Phaser.Game): void {
  installTestSurface(win, {
    session: () => page.stage.current()?.session ?? null,
    mesh: () => page.link.mesh(),
    loadProgress: () => page.loadProgress,
    view: () => (game.scene.getScene(SCENE.match) as Match | null)?.viewFigures() ?? null,
    viewer: () => page.viewer?.() ?? null,
    scene: () => game.scene.getScenes(true).map((s) => s.scene.key).join(',') || 'none',
    lobby: () => {
      const state = page.link.lobby()?.state();
      const spectating = state?.spectating ? { spectatorId: state.spectating.spectatorId, feeder: state.spectating.feeder } : null;
      return state ? { status: state.status, roster: state.roster, welcome: state.welcome, pinRequired: state.pinRequired, refusal: state.refusal, isCreator: isCreator(state), spectating } : null;
    },
  });
}

installErrorBox(window);
if (import.meta.env.PROD) setAutoFreeze(false);
try {
  startPage(window);
} catch (error) {
  dismissTitleScreen();
  showFatalError('Ricochet could not start', error);
}
