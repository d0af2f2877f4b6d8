/** Name and colour allocation for the lobby: distinct names, distinct palette colours. */
import { cleanName, PALETTE, suffixedName, type Colour } from '../lobby/index.js';

/**
 * `name` cleaned (net/lobby's one name rule), made distinct from `taken` (case-insensitively) as
 * "Name (2)", "Name (3)"... The suffix counts in the byte limit: the base is cut to make room.
 */
export function dedupeName(name: string, taken: readonly string[]): string {
  const base = cleanName(name);
  const used = new Set(taken.map((t) => t.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n += 1) {
    const candidate = suffixedName(base, n);
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** The wanted colour if it is free, else the first free one of the palette. */
export function firstFreeColour(wanted: Colour | undefined, taken: readonly Colour[]): Colour {
  if (wanted && !taken.includes(wanted)) return wanted;
  // The lobby never has more members than palette colours, so one is always free.
  return PALETTE.find((c) => !taken.includes(c)) ?? PALETTE[0];
}
