/**
 * Everything the scenes of one page share, made once by main.ts and handed to each scene's
 * constructor: the URL parameters, the player's profile, the sound board (the Preloader makes it
 * once the sounds are in), the load progress, the match on screen and the lobby link. No module
 * of game/ keeps state of its own: it all hangs off this object, which lives as long as the page.
 */
import type { SoundBoard } from '../audio/sound-board';
import { createLobbyLink, type LobbyLink } from './lobby-link';
import type { ShownMatch } from './match-session';
import { createMatchStage, type MatchStage } from './match-stage';
import type { MatchOptions } from '../../net/lobby';
import { initialOptions, parseParams, type PageParams } from './params';
import { randomSeed, startPractice } from './practice';
import type { PlayerFigures } from './replay-player';
import { loadProfile, type Profile } from './profile';

/** What `window.ricochet.viewer()` reports: the player's figures and the viewer's own. */
export interface ViewerFigures extends PlayerFigures {
  readonly playing: boolean;
  readonly speed: number;
  /** `stateHash` of the state on screen, so a test can check a seek landed on the very state. */
  readonly hash: number;
  /** The verdict line as shown. */
  readonly verdictText: string;
}

/** The page's shared state and the actions that span scenes. */
export interface PageContext {
  readonly params: PageParams;
  readonly profile: Profile;
  /** Null until the Preloader has built it. */
  sound: SoundBoard | null;
  /** Fraction of the assets loaded by the Preloader, 0..1. */
  loadProgress: number;
  /** The match being played or just finished. */
  readonly stage: MatchStage;
  /** The replay viewer's figures while it is on screen (the Replay scene sets it), else null. */
  viewer: (() => ViewerFigures) | null;
  /** The host's lobby and the mesh. */
  readonly link: LobbyLink;
  /**
   * This page's own match options: practice plays by them. The page's parameters preset them, the
   * lobby's controls change them (a creator's changes to the network match land here too).
   */
  matchOptions: MatchOptions;
  /** Starts practice against `bots` bots as the profile's player (a random seed if none). */
  practice(bots: number, seed?: number | null): void;
  /** The page is going away: the current match, if any, leaves (main.ts's pagehide handler). */
  leave(): void;
  /** The page hides or freezes (`true`), or shows again: the match's peer is away, then back. */
  hidden(hidden: boolean): void;
}

/** The context of a page opened with `search`; `present` puts a match on screen. */
export function createPageContext(search: string, present: (shown: ShownMatch) => void): PageContext {
  const params = parseParams(search);
  const profile = loadProfile(params);
  const stage = createMatchStage(present);
  const page: PageContext = {
    params,
    profile,
    matchOptions: initialOptions(params),
    sound: null,
    loadProgress: 0,
    viewer: null,
    stage,
    link: createLobbyLink({ params, profile, stage }),
    practice(bots, seed) {
      const { name, colour } = profile;
      startPractice(stage, { name, colour, bots, seed: seed ?? randomSeed(), botSelf: params.bot, options: page.matchOptions });
    },
    leave: () => stage.current()?.actions.onLeave(),
    hidden(hidden) {
      const engine = stage.current()?.session.engine;
      if (hidden) engine?.away(performance.now());
      else engine?.back(performance.now());
    },
  };
  return page;
}
