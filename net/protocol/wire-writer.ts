/**
 * A tiny append-only byte writer for the codec. Its methods throw on values outside their range:
 * those are programmer errors (the encoder was handed an invalid message), never network input.
 */

const encoder = new TextEncoder();
const scratch = new Uint8Array(4096);

/** Append-only bytes with the few field encodings the protocol uses. */
export class WireWriter {
  // One scratch buffer for every writer (encoding is synchronous and never nested), sized past
  // MAX_MESSAGE_BYTES so that the size check happens once, at the end: no growth logic.
  private readonly bytes = scratch;
  private length = 0;

  private push(byte: number): void {
    if (this.length >= this.bytes.length) throw new RangeError('protocol encode: message far too big');
    this.bytes[this.length++] = byte;
  }

  /** One byte, 0..255. */
  u8(value: number): void {
    check(Number.isInteger(value) && value >= 0 && value <= 0xff, 'u8', value);
    this.push(value);
  }

  /** Four bytes, little-endian, 0..2^32-1. */
  u32(value: number): void {
    check(Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff, 'u32', value);
    for (let i = 0; i < 4; i++) this.push(Math.floor(value / 2 ** (8 * i)) % 256);
  }

  /** Unsigned LEB128, minimal length, 0..2^32-1 (1 byte below 128, 2 below 16384). */
  varint(value: number): void {
    check(Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff, 'varint', value);
    let rest = value;
    while (rest >= 0x80) {
      this.push((rest % 0x80) + 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.push(rest);
  }

  /** A signed integer as a zigzag varint (small magnitudes of either sign stay one byte). */
  zigzag(value: number): void {
    check(Number.isInteger(value) && Math.abs(value) <= 0x7fff_ffff, 'zigzag', value);
    this.varint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  /** A UTF-8 string, length-prefixed, at most `maxBytes` bytes. */
  string(value: string, maxBytes: number): void {
    const utf8 = encoder.encode(value);
    check(utf8.length <= maxBytes, `string of at most ${maxBytes} UTF-8 bytes (it has ${utf8.length})`, value);
    this.varint(utf8.length);
    for (const byte of utf8) this.push(byte);
  }

  /** Raw bytes, as they are (the reader knows their length from other fields). */
  raw(data: Uint8Array): void {
    for (const byte of data) this.push(byte);
  }

  /** The bytes written so far. */
  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

function check(ok: boolean, what: string, value: unknown): void {
  if (!ok) throw new RangeError(`protocol encode: ${JSON.stringify(value)} is not a valid ${what}`);
}
