/**
 * The mDNS TXT record of a Ricochet host, kept small: short keys, every entry well under the
 * 255-byte limit (an over-long entry corrupts the whole packet). Values come back from the wire as
 * strings (or Buffers), so decoding validates and converts, and never throws.
 */
import { MAX_SLOTS, type MatchAdvert } from '../lobby/index.js';


/** The service type announced and browsed: `_ricochet._tcp`. */
export const SERVICE_TYPE = 'ricochet';

/** Longest TXT entry (key=value) allowed on the wire. */
export const MAX_TXT_ENTRY_BYTES = 255;

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/** Cut `value` so that `key=value` fits in MAX_TXT_ENTRY_BYTES, on a character boundary. */
function fit(key: string, value: string): string {
  let out = value;
  while (utf8Length(`${key}=${out}`) > MAX_TXT_ENTRY_BYTES) out = [...out].slice(0, -1).join('');
  return out;
}

/** The TXT record of an advert, as bonjour-service's `txt` option takes it. */
export function encodeTxt(advert: MatchAdvert): Record<string, string> {
  return {
    v: String(advert.protocolVersion),
    id: fit('id', advert.matchId),
    n: fit('n', advert.name),
    p: String(advert.players),
    c: String(advert.capacity),
    s: advert.phase,
    // Whether joining needs a PIN (so match lists can show a lock), never the PIN itself.
    pin: advert.pinRequired ? '1' : '0',
  };
}

function text(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return null;
}

function count(v: unknown, max: number): number | null {
  const s = text(v);
  if (s === null || !/^\d{1,3}$/.test(s)) return null;
  const n = Number(s);
  return n <= max ? n : null;
}

/** Read a TXT record back. Anything missing or malformed gives `{ ok: false }`: not one of ours. */
export function decodeTxt(txt: unknown): { ok: true; advert: MatchAdvert } | { ok: false; error: string } {
  if (typeof txt !== 'object' || txt === null) return { ok: false, error: 'no TXT record' };
  const t = txt as Record<string, unknown>;
  const version = count(t.v, 65535);
  const matchId = text(t.id);
  const name = text(t.n);
  const players = count(t.p, MAX_SLOTS);
  const capacity = count(t.c, MAX_SLOTS);
  const phase = text(t.s);
  if (version === null) return { ok: false, error: 'no protocol version' };
  if (!matchId || name === null) return { ok: false, error: 'no match id or name' };
  if (players === null || capacity === null) return { ok: false, error: 'bad player count' };
  if (phase !== 'lobby' && phase !== 'playing') return { ok: false, error: 'bad state' };
  return { ok: true, advert: { protocolVersion: version, matchId, name, players, capacity, phase, pinRequired: text(t.pin) === '1' } };
}
