/** Name and colour allocation for the lobby: distinct names, distinct palette colours. */
import { MAX_NAME_LENGTH, PALETTE, type Colour } from '../lobby/index.js';

/** `name`, trimmed, made distinct from `taken` (case-insensitively) as "Name (2)", "Name (3)"... */
export function dedupeName(name: string, taken: readonly string[]): string {
  const base = [...name.trim().replace(/\s+/g, ' ')].slice(0, MAX_NAME_LENGTH).join('');
  const used = new Set(taken.map((t) => t.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const candidate = [...base].slice(0, MAX_NAME_LENGTH - suffix.length).join('').trimEnd() + suffix;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** The wanted colour if it is free, else the first free one of the palette. */
export function firstFreeColour(wanted: Colour | undefined, taken: readonly Colour[]): Colour {
  if (wanted && !taken.includes(wanted)) return wanted;
  // The lobby never has more members than palette colours, so one is always free.
  return PALETTE.find((c) => !taken.includes(c)) ?? PALETTE[0];
}
