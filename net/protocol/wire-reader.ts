/**
 * A tiny byte reader for the decoder. Malformed input raises a `WireError`, which only the decoder
 * catches (and turns into `{ ok: false, error }`): nothing escapes `decodeEngine` or `decodeHandshake`.
 */
import type { DecodeErrorCode } from './decode-result';

/** A decoding failure inside the codec; never leaves the decoders. */
export class WireError extends Error {
  constructor(
    readonly code: DecodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads fields in order from a byte array, validating as it goes. */
export class WireReader {
  private pos: number;

  /** Read `bytes` from offset `start` (an offset rather than a subarray: no allocation). */
  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
  ) {
    this.pos = start;
  }

  /** One byte. */
  u8(): number {
    const value = this.bytes[this.pos];
    if (value === undefined) throw new WireError('truncated', `message ends at byte ${this.pos}`);
    this.pos += 1;
    return value;
  }

  /** One byte in [min, max]. */
  u8In(min: number, max: number, what: string): number {
    const value = this.u8();
    if (value < min || value > max) throw new WireError('bad-value', `${what} ${value} not in ${min}..${max}`);
    return value;
  }

  /** Four bytes little-endian. */
  u32(): number {
    let value = 0;
    for (let i = 0; i < 4; i++) value += this.u8() * 2 ** (8 * i);
    return value;
  }

  /** Unsigned LEB128 at most `max`; a non-minimal encoding is rejected so re-encoding is exact. */
  varint(max: number, what: string): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.u8();
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) {
        if (byte === 0 && shift > 0) throw new WireError('non-canonical', `${what}: varint has a redundant byte`);
        if (value > max) throw new WireError('bad-value', `${what} ${value} above ${max}`);
        return value;
      }
    }
    throw new WireError('bad-value', `${what}: varint longer than 5 bytes`);
  }

  /** A zigzag varint of magnitude at most 2^31 - 1. */
  zigzag(what: string): number {
    const raw = this.varint(0xffff_fffe, what);
    return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
  }

  /** A length-prefixed UTF-8 string of at most `maxBytes` bytes; invalid UTF-8 is rejected. */
  string(maxBytes: number, what: string): string {
    const length = this.varint(maxBytes, `${what} length`);
    if (this.pos + length > this.bytes.length) throw new WireError('truncated', `${what} runs past the end`);
    const slice = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    try {
      return decoder.decode(slice);
    } catch {
      throw new WireError('bad-string', `${what} is not valid UTF-8`);
    }
  }

  /** The next `length` bytes, copied (a message must not keep its whole packet alive). */
  raw(length: number, what: string): Uint8Array {
    if (this.pos + length > this.bytes.length) throw new WireError('truncated', `${what} runs past the end`);
    this.pos += length;
    return this.bytes.slice(this.pos - length, this.pos);
  }

  /** How many bytes are left to read. */
  remaining(): number {
    return this.bytes.length - this.pos;
  }

  /** Fails unless every byte was consumed. */
  end(): void {
    if (this.pos !== this.bytes.length) {
      throw new WireError('trailing-bytes', `${this.bytes.length - this.pos} bytes after the message`);
    }
  }
}
