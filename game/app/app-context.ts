/**
 * What the scenes share on one page: the URL parameters, the player's profile (name and colour,
 * remembered across visits), the sound board, the lobby client and the networked match if any.
 */
import type { LobbyClient } from '../../net/lobby/lobby-client';
import { PALETTE } from '../../net/lobby/messages';
import type { NetworkMatch } from '../../net/mesh/network-match';
import type { SoundBoard } from '../audio/sound-board';
import type { MatchSession } from './match-session';
import { parseParams, type PageParams } from './params';

/** The local player as the lobby shows them. */
export interface Profile {
  name: string;
  colour: string;
  bots: number;
}

/** Page-wide shared state. */
export interface AppContext {
  readonly params: PageParams;
  readonly profile: Profile;
  sound: SoundBoard | null;
  lobby: LobbyClient | null;
  network: NetworkMatch<MatchSession> | null;
  /** Fraction of the assets loaded by the Preloader, 0..1. */
  loadProgress: number;
  /** The last practice match's options, for "play again". */
  lastPractice: { bots: number; botSelf: boolean } | null;
}

const PROFILE_KEY = 'ricochet.profile';

function loadProfile(params: PageParams): Profile {
  const fallback: Profile = { name: `Player ${Math.floor(Math.random() * 90 + 10)}`, colour: PALETTE[0], bots: 3 };
  let saved: Partial<Profile>;
  try {
    saved = JSON.parse(globalThis.localStorage?.getItem(PROFILE_KEY) ?? '{}') as Partial<Profile>;
  } catch {
    saved = {};
  }
  return {
    name: params.name ?? (typeof saved.name === 'string' && saved.name ? saved.name : fallback.name),
    colour: (PALETTE as readonly string[]).includes(saved.colour ?? '') ? (saved.colour as string) : fallback.colour,
    bots: typeof saved.bots === 'number' && saved.bots >= 1 && saved.bots <= 7 ? saved.bots : fallback.bots,
  };
}

/** Remembers the profile for the next visit (best effort). */
export function saveProfile(profile: Profile): void {
  try {
    globalThis.localStorage?.setItem(PROFILE_KEY, JSON.stringify(profile));
  } catch {
    // Storage refused: the profile lasts for this visit.
  }
}

/** The page's context (created on first use from `location.search`). */
export const app: AppContext = (() => {
  const params = parseParams(globalThis.location?.search ?? '');
  return { params, profile: loadProfile(params), sound: null, lobby: null, network: null, loadProgress: 0, lastPractice: null };
})();
