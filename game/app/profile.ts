/**
 * The local player's profile (name, colour, bots to practise against), remembered across visits
 * in localStorage so that a returning player does not retype it. `name=` in the URL wins.
 */
import { cleanName, PALETTE } from '../../net/lobby';
import type { PageParams } from './params';

/** The local player as the lobby shows them. */
export interface Profile {
  name: string;
  colour: string;
  bots: number;
}

const PROFILE_KEY = 'ricochet.profile';

function readSaved(storage: Storage | undefined): Partial<Profile> {
  try {
    return JSON.parse(storage?.getItem(PROFILE_KEY) ?? '{}') as Partial<Profile>;
  } catch {
    return {};
  }
}

/** The saved profile, with defaults for anything missing or nonsensical; `name=` overrides. */
export function loadProfile(params: PageParams, storage: Storage | undefined = globalThis.localStorage): Profile {
  const fallback: Profile = { name: `Player ${Math.floor(Math.random() * 90 + 10)}`, colour: PALETTE[0], bots: 3 };
  const saved = readSaved(storage);
  return {
    // A name saved by an older build may break today's rule: it is cleaned like a typed one.
    name: params.name ?? ((typeof saved.name === 'string' && cleanName(saved.name)) || fallback.name),
    colour: (PALETTE as readonly string[]).includes(saved.colour ?? '') ? (saved.colour as string) : fallback.colour,
    bots: typeof saved.bots === 'number' && saved.bots >= 1 && saved.bots <= 7 ? saved.bots : fallback.bots,
  };
}

/** Remembers the profile for the next visit (best effort). */
export function saveProfile(profile: Profile, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(PROFILE_KEY, JSON.stringify(profile));
  } catch {
    // Storage refused: the profile lasts for this visit.
  }
}
