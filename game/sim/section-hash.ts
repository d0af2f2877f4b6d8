/**
 * `sectionHashes`: one uint32 per part of the state, so that a checkpoint mismatch names what
 * diverged (the shells, the PRNG...) instead of only saying that something did. Each section
 * hashes its own fields with the encoders of `stateHash` (hash.ts), seeded by its index so that
 * two sections with equal contents still hash apart. Together the sections cover every field of
 * `SimState`; `sectionParts` gives the same split as plain data, for a desync report's dump.
 */
import { finish, mix, mixArray, mixEvent, mixMaze, mixShell, mixTank, phaseCode, type Hasher } from './hash';
import type { SimState } from './types';

/** One section: its name, the fields it covers (as data) and how they are hashed. */
interface Section {
  readonly name: string;
  readonly part: (state: SimState) => unknown;
  readonly mix: (s: Hasher, state: SimState) => void;
}

const SECTIONS: readonly Section[] = [
  {
    name: 'match',
    part: ({ frame, phase, phaseFrames, round, targetScore, winner, roundWinner }) => ({ frame, phase, phaseFrames, round, targetScore, winner, roundWinner }),
    mix: (s, state) => {
      for (const word of [state.frame, phaseCode(state.phase), state.phaseFrames, state.round, state.targetScore, state.winner, state.roundWinner]) mix(s, word);
    },
  },
  { name: 'maze', part: (state) => state.maze, mix: (s, state) => mixMaze(s, state.maze) },
  {
    name: 'tanks',
    part: (state) => state.tanks,
    mix: (s, state) => {
      mix(s, state.tanks.length);
      for (const t of state.tanks) mixTank(s, t);
    },
  },
  {
    name: 'shells',
    part: ({ shells, nextShellId }) => ({ shells, nextShellId }),
    mix: (s, state) => {
      mix(s, state.shells.length);
      for (const sh of state.shells) mixShell(s, sh);
      mix(s, state.nextShellId);
    },
  },
  { name: 'scores', part: (state) => state.scores, mix: (s, state) => mixArray(s, state.scores) },
  { name: 'prng', part: (state) => state.rng, mix: (s, state) => mix(s, state.rng) },
  {
    name: 'events',
    part: (state) => state.events,
    mix: (s, state) => {
      mix(s, state.events.length);
      for (const e of state.events) mixEvent(s, e);
    },
  },
];

/** The sections' names, in the order of `sectionHashes`. */
export const SECTION_NAMES: readonly string[] = SECTIONS.map((section) => section.name);

/** One named uint32 per section of `state`, in SECTION_NAMES order. */
export function sectionHashes(state: SimState): { name: string; hash: number }[] {
  return SECTIONS.map((section, index) => {
    const s: Hasher = { h: 0x52494353 /* "RICS" */ ^ index, words: 0 };
    section.mix(s, state);
    return { name: section.name, hash: finish(s) };
  });
}

/** The fields of each section named in `names` (all of them by default), as plain data. */
export function sectionParts(state: SimState, names: readonly string[] = SECTION_NAMES): Record<string, unknown> {
  const parts: Record<string, unknown> = {};
  for (const section of SECTIONS) if (names.includes(section.name)) parts[section.name] = section.part(state);
  return parts;
}
