/**
 * The framing both protocols share: [PROTOCOL_VERSION u8][type u8][fields...]. A protocol is a
 * dispatch table of field codecs keyed by message kind (`CodecTable`); `createProtocol` turns it
 * into an encoder and a decoder keyed by type byte. The decoder checks the frame (size, version,
 * type), lets the type's codec read the fields, then insists that every byte was consumed. A type
 * byte of the other protocol is `wrong-protocol`, one of neither `unknown-type`. Also here: the
 * one field both protocols use, a slot.
 */
import type { DecodeContext, DecodeError, DecodeResult } from './decode-result';
import type { MessageKind } from './wire-format';
import * as format from './wire-format';
import { WireError, WireReader } from './wire-reader';
import { WireWriter } from './wire-writer';

// Local copies: transpiled test runs read imported bindings through getters, in hot loops.
const { MAX_MESSAGE_BYTES, MAX_SLOTS, MESSAGE_TYPE, PROTOCOL_VERSION } = format;

/** How one message type's fields are written and read (after the version and type bytes). */
export interface FieldCodec<M> {
  /** Throws a RangeError on a field out of its range (a programmer error). */
  write(w: WireWriter, msg: M): void;
  /** Throws a WireError on invalid input, which the decoder turns into `{ ok: false }`. */
  read(r: WireReader, context: DecodeContext | undefined): M;
}

/** One protocol's field codec for each of its message kinds. */
export type CodecTable<M extends { readonly kind: MessageKind }> = {
  readonly [K in M['kind']]: FieldCodec<Extract<M, { kind: K }>>;
};

/** A protocol's encoder and decoder, built from its table by `createProtocol`. */
export interface Protocol<M> {
  /** The bytes of `msg`. Throws a RangeError on a programmer error (a field out of its range). */
  encode(msg: M): Uint8Array;
  /** Parse and validate `bytes`. Never throws: anything invalid gives `{ ok: false, error }`. */
  decode(bytes: Uint8Array, context: DecodeContext | undefined): DecodeResult<M>;
}

const kindByType = new Map<number, MessageKind>(
  Object.entries(MESSAGE_TYPE).map(([name, code]) => [code, name as MessageKind]),
);

/** Builds the encoder and decoder of the protocol called `name` (for error messages). */
export function createProtocol<M extends { readonly kind: MessageKind }>(name: string, table: CodecTable<M>): Protocol<M> {
  const byKind = table as unknown as Readonly<Record<string, FieldCodec<M> | undefined>>;
  const byType = new Array<FieldCodec<M> | undefined>(256).fill(undefined);
  for (const [kind, codec] of Object.entries(byKind)) byType[MESSAGE_TYPE[kind as MessageKind]] = codec;
  return {
    encode(msg) {
      const codec = byKind[msg.kind];
      if (codec === undefined) throw new RangeError(`protocol encode: ${msg.kind} is not a message of the ${name} protocol`);
      const w = new WireWriter();
      w.u8(PROTOCOL_VERSION);
      w.u8(MESSAGE_TYPE[msg.kind]);
      codec.write(w, msg);
      const bytes = w.finish();
      if (bytes.length > MAX_MESSAGE_BYTES) throw new RangeError(`protocol encode: ${bytes.length} bytes is too big`);
      return bytes;
    },
    decode(bytes, context) {
      const refused = checkFrame(bytes);
      if (refused) return { ok: false, error: refused };
      try {
        const r = new WireReader(bytes, 1);
        const type = r.u8();
        const codec = byType[type];
        if (codec === undefined) return { ok: false, error: notOurs(type, name) };
        const msg = codec.read(r, context);
        r.end();
        return { ok: true, msg };
      } catch (error) {
        if (error instanceof WireError) return { ok: false, error: { code: error.code, message: error.message } };
        throw error;
      }
    },
  };
}

/** What is wrong with the frame before its type byte, if anything. */
function checkFrame(bytes: Uint8Array): DecodeError | null {
  if (bytes.length === 0) return { code: 'empty', message: 'empty message' };
  if (bytes.length > MAX_MESSAGE_BYTES) return { code: 'oversized', message: `${bytes.length} bytes > ${MAX_MESSAGE_BYTES}` };
  const version = bytes[0] as number;
  if (version === PROTOCOL_VERSION) return null;
  return { code: 'version-mismatch', message: `protocol version ${version}, this build speaks ${PROTOCOL_VERSION}`, version };
}

/** A type byte the protocol called `name` does not have: the other protocol's, or nobody's. */
function notOurs(type: number, name: string): DecodeError {
  const kind = kindByType.get(type);
  if (kind === undefined) return { code: 'unknown-type', message: `unknown type ${type}` };
  return { code: 'wrong-protocol', message: `${kind} (type ${type}) is not a message of the ${name} protocol` };
}

/** Reads a slot, 0..MAX_SLOTS-1. */
export const readSlot = (r: WireReader): number => r.u8In(0, MAX_SLOTS - 1, 'slot');

/** Writes a slot; one out of range is a programmer error. */
export function writeSlot(w: WireWriter, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= MAX_SLOTS) throw new RangeError(`protocol encode: bad slot ${value}`);
  w.u8(value);
}
