/**
 * encode/decode of every message (implementation in progress; the signatures are final).
 */
import type { DecodeContext, DecodeResult, Message } from './messages';

/** The bytes of `msg`. Throws on a programmer error (a field out of its documented range). */
export function encode(_msg: Message): Uint8Array {
  throw new Error('encode: not implemented yet');
}

/** Parse and validate `bytes`. Never throws: invalid input gives `{ ok: false, error }`. */
export function decode(_bytes: Uint8Array, _context?: DecodeContext): DecodeResult {
  return { ok: false, error: { code: 'empty', message: 'decoder not implemented yet' } };
}
