/// <reference types="vite/client" />
/**
 * The page's entry: error box first (so even a failed boot is readable), the read-only
 * `window.ricochet` test surface, then Phaser with one scene per file. The canvas fills its
 * parent (Scale RESIZE) and each scene lays itself out on resize. In production builds immer's
 * auto-freeze is off (it costs per tick); dev and tests keep it on to catch accidental mutation.
 */
import Phaser from 'phaser';
import { setAutoFreeze } from 'immer';
import { app } from './app/app-context';
import { pickRenderer } from './app/pick-renderer';
import { setMatchPresenter } from './app/run-match';
import { installTestSurface } from './app/test-surface';
import { Boot } from './scenes/boot';
import { Lobby } from './scenes/lobby';
import { Match } from './scenes/match';
import { Preloader } from './scenes/preloader';
import { Results } from './scenes/results';
import { SCENE } from './scenes/scene-keys';
import { installErrorBox, showFatalError } from './ui/error-box';

installErrorBox(window);
if (import.meta.env.PROD) setAutoFreeze(false);

try {
  const game = new Phaser.Game({
    type: pickRenderer(document, location.search) === 'webgl' ? Phaser.WEBGL : Phaser.CANVAS,
    parent: 'game',
    backgroundColor: '#14181e',
    scale: { mode: Phaser.Scale.RESIZE, width: '100%', height: '100%' },
    scene: [Boot, Preloader, Lobby, Match, Results],
    banner: false,
    audio: { disableWebAudio: false },
    input: { gamepad: false },
  });
  setMatchPresenter(() => game.scene.start(SCENE.match));
  installTestSurface(window, {
    loadProgress: () => app.loadProgress,
    scene: () => game.scene.getScenes(true).map((s) => s.scene.key).join(',') || 'none',
    lobby: () => (app.lobby ? { status: app.lobby.state().status, roster: app.lobby.state().roster, welcome: app.lobby.state().welcome } : null),
  });
} catch (error) {
  showFatalError('Ricochet could not start', error);
}
