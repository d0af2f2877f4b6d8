/**
 * The one rule for player and match names, applied wherever a name comes in: the page's name
 * field, `name=` and saved profile, the host's lobby (joins, " (2)" de-duplication) and the
 * host's own match name. After it, a name fits the wire's name field (MAX_NAME_BYTES UTF-8 bytes,
 * net/protocol), so a start can never fail on a name, and it shows what it looks like: no
 * control characters, no bidi overrides that reorder the roster, no invisible characters that
 * make two names look alike, no half characters.
 */
import { MAX_NAME_BYTES } from '../protocol/index.js';

const encoder = new TextEncoder();

/** The size of `text` in UTF-8: what the wire counts. */
export const utf8Bytes = (text: string): number => encoder.encode(text).length;

// Half of a surrogate pair (a string cut by UTF-16 index) would show as U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Bidi controls (U+061C, U+200E/F, U+202A-E, U+2066-9) and zero-width characters (U+200B/C,
// U+2060, U+FEFF). U+200C (ZWNJ) has real uses in Persian and Indic scripts, but a name stays
// readable without it, and letting it in would let two different names look the same.
const INVISIBLE = /[\u061C\u200B\u200C\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
// ZWJ (U+200D) is what makes "👩‍💻" or a family one emoji, so it stays between two pictographs
// (the first may carry a variation selector or a skin tone). Anywhere else it is only invisible.
const STRAY_ZWJ = /(?<!\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The longest start of `text` made of whole graphemes (what a reader sees as one character: an
 * emoji sequence, a flag, a letter and its accents) that fits in `maxBytes` UTF-8 bytes.
 */
export function cutToBytes(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    used += utf8Bytes(segment);
    if (used > maxBytes) break;
    out += segment;
  }
  return out;
}

/**
 * `raw` as a name: well-formed and NFC, without control, bidi or zero-width characters, any
 * whitespace as single spaces, trimmed, and cut on a grapheme boundary to `maxBytes`. Empty if
 * nothing is left: the caller falls back to its default name.
 */
export function cleanName(raw: string, maxBytes: number = MAX_NAME_BYTES): string {
  const visible = raw.replace(LONE_SURROGATE, '').normalize('NFC').replace(INVISIBLE, '').replace(STRAY_ZWJ, '');
  // Whitespace first, so that a tab or a newline between two words leaves a space.
  const spaced = visible.replace(/\s/g, ' ').replace(/\p{Cc}/gu, '').replace(/ {2,}/g, ' ').trim();
  return cutToBytes(spaced, maxBytes).trimEnd();
}

/** "Name (n)": `name` cleaned and cut so that, with the suffix, it still fits `maxBytes`. */
export function suffixedName(name: string, n: number, maxBytes: number = MAX_NAME_BYTES): string {
  const suffix = ` (${n})`;
  const base = cleanName(name, maxBytes - utf8Bytes(suffix));
  return base ? `${base}${suffix}` : suffix.trim();
}
