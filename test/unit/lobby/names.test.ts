import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanName, cutToBytes, suffixedName, utf8Bytes } from '../../../net/lobby/names.js';
import { decodeHandshake, encodeHandshake, MAX_NAME_BYTES, type HandshakeMessage } from '../../../net/protocol/index.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemes = (s: string): string[] => [...segmenter.segment(s)].map((g) => g.segment);
const hello = (name: string): HandshakeMessage => ({ kind: 'hello', buildId: 'b', matchId: 'm', name, slot: 0 });
const start = (names: string[]): HandshakeMessage => ({ kind: 'start', seed: 1, countdownMs: 1000, slotOwners: names.map((_, i) => `p${i}`), names });
const roundTrips = (msg: HandshakeMessage): void => expect(decodeHandshake(encodeHandshake(msg))).toEqual({ ok: true, msg });

const FAMILY = '👨\u200D👩\u200D👧\u200D👦'; // 25 bytes, one grapheme
const CODER = '👩🏽\u200D💻'; // a skin tone and a ZWJ, one grapheme
const FLAG = '🇫🇷';
// Everything the rule strips: C0 and C1 controls, bidi controls, zero-width characters.
const STRIPPED = ['\u0000', '\u0007', '\u001B', '\u007F', '\u0080', '\u0085', '\u009F', '\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];
const FORBIDDEN = /[\p{Cc}\u061C\u200B\u200C\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

describe('the name rule', () => {
  it('cuts 22 CJK characters and 17 emoji to whole characters within the byte limit, which the wire takes', () => {
    const cjk = cleanName('鳥'.repeat(22));
    const emoji = cleanName('😀'.repeat(17));
    expect(cjk).toBe('鳥'.repeat(10)); // 30 bytes: an 11th would be 33
    expect(emoji).toBe('😀'.repeat(8)); // 32 bytes
    for (const name of [cjk, emoji]) {
      expect(utf8Bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
      roundTrips(hello(name));
    }
    roundTrips(start([cjk, emoji, cjk, emoji, cjk, emoji, cjk, emoji]));
    // Before the rule, the lobby let these through and the start's encoder threw.
    expect(() => encodeHandshake(hello('鳥'.repeat(22)))).toThrow(RangeError);
  });

  it('never cuts inside a grapheme: ZWJ sequences, skin tones, flags and accents stay whole or go whole', () => {
    expect(cleanName(FAMILY.repeat(2))).toBe(FAMILY);
    expect(cleanName(`Ada ${FAMILY}`)).toBe(`Ada ${FAMILY}`);
    expect(cleanName(`${'x'.repeat(10)}${FAMILY}`)).toBe('x'.repeat(10)); // 35 bytes: the family goes whole
    expect(cleanName(FLAG.repeat(5))).toBe(FLAG.repeat(4));
    expect(cleanName(`${'x'.repeat(20)}${CODER}`)).toBe('x'.repeat(20));
    expect(cleanName(CODER.repeat(3))).toBe(CODER.repeat(2));
    // NFC first: "e" + U+0301 is "é"; an "a" under 40 accents is one 80-byte grapheme.
    expect(cleanName('Rene\u0301')).toBe('René');
    expect(cleanName(`Ada${'a'.repeat(1)}${'\u0301'.repeat(40)}`)).toBe('Ada');
    for (const name of [FAMILY, FLAG.repeat(4), CODER.repeat(2)]) roundTrips(hello(cleanName(name)));
  });

  it('drops half a surrogate pair instead of showing U+FFFD', () => {
    const cutMidPair = '😀😀'.slice(0, 3); // what String.slice did to emoji names
    expect(cleanName(cutMidPair)).toBe('😀');
    expect(cleanName('Zoë\uDE00')).toBe('Zoë');
    expect(cleanName('\uD83D')).toBe('');
  });

  it('strips control, bidi and zero-width characters, but keeps the ZWJ inside an emoji', () => {
    for (const c of STRIPPED) expect(cleanName(`Ad${c}a`), `U+${c.codePointAt(0)?.toString(16)}`).toBe('Ada');
    expect(cleanName('\u202Egnp.exe')).toBe('gnp.exe');
    expect(cleanName(CODER)).toBe(CODER);
    expect(cleanName(FAMILY)).toBe(FAMILY);
    expect(cleanName('👩\u200Dx')).toBe('👩x');
  });

  it('turns any whitespace into single spaces and trims; nothing left is empty', () => {
    expect(cleanName('  Ada \t\n  Lovelace\u3000 ')).toBe('Ada Lovelace');
    expect(cleanName('Ada \u0000 Lovelace')).toBe('Ada Lovelace');
    expect(cleanName(`${'x'.repeat(31)} y`)).toBe('x'.repeat(31)); // no space left dangling at the cut
    expect(cleanName('  \u202E\u200B ')).toBe('');
  });

  it('makes room for a " (n)" suffix within the limit, cutting whole characters', () => {
    expect(suffixedName('鳥'.repeat(10), 2)).toBe(`${'鳥'.repeat(9)} (2)`);
    expect(suffixedName(FAMILY, 2)).toBe(`${FAMILY} (2)`);
    expect(suffixedName(`xxx${FAMILY}`, 10)).toBe(`xxx (10)`); // 33 bytes: the family goes whole
    expect(suffixedName('😀'.repeat(8), 12)).toBe(`${'😀'.repeat(6)} (12)`);
    expect(suffixedName('', 2)).toBe('(2)');
    expect(cutToBytes('ab😀', 5)).toBe('ab');
  });

  it('property: any string, once cleaned, fits the limit in whole graphemes, is clean, and encodes', () => {
    const nasty = fc.constantFrom(...STRIPPED, FAMILY, CODER, FLAG, '\uD83D', '\uDE00', '\u0301', '鳥', '😀', ' ', '\t', '\u3000');
    const piece = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), nasty);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }).map((p) => p.join('')), fc.integer({ min: 2, max: 999 }), (raw, n) => {
        const name = cleanName(raw);
        expect(utf8Bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
        expect(name).not.toMatch(FORBIDDEN);
        expect(name).toBe(name.trim());
        expect(cleanName(name)).toBe(name);
        // Cut on a grapheme boundary: the name is whole graphemes of the uncut name, from its start.
        const uncut = cleanName(raw, Infinity);
        expect(graphemes(uncut).slice(0, graphemes(name).length).join('')).toBe(name);
        roundTrips(hello(name));
        const suffixed = suffixedName(raw, n);
        expect(utf8Bytes(suffixed)).toBeLessThanOrEqual(MAX_NAME_BYTES);
        roundTrips(start([name, suffixed]));
      }),
      { numRuns: 300 },
    );
  });
});
