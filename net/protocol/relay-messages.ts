/**
 * The relay protocol (issue #13): what net/relay adds under the engine when a pair of pages has no
 * direct link. Two messages, in the shared framing:
 * - `relay`: an envelope. [to string][from string][seq varint][channel u8][tag 16 bytes][payload
 *   to the end]. The payload is any message of the other protocols, untouched. The tag is an
 *   HMAC-SHA-256 (cut to 16 bytes) of everything but itself under the key only `from` and `to`
 *   share, so the relay in the middle can drop the message but not forge or alter it; `seq` lets
 *   the receiver refuse a replay.
 * - `links`: a page's word on its direct links, 4 times a second to every peer: [stamp u32][echo
 *   u32][hold varint][count u8][peer string, rtt varint each][count u8][peer string each]. `stamp` is the
 *   sender's clock (ms, wrapping), `echo` the last stamp it had from the receiver and `hold` how long
 *   it held it, so each end measures the direct link's round trip as a ping would. The first list
 *   is the peers it hears directly, with their round trips (the relay choice adds them up); the
 *   second the relays it caught forging (a sender avoids them for that receiver).
 * An envelope may carry a message of the full MAX_MESSAGE_BYTES, so its own bound is higher.
 */
import type { DecodeError, DecodeResult } from './decode-result';
import { MAX_MESSAGE_BYTES, MAX_SLOTS, MAX_STRING_BYTES, MESSAGE_TYPE, PROTOCOL_VERSION } from './wire-format';
import { WireError, WireReader } from './wire-reader';
import { WireWriter } from './wire-writer';

/** Bytes of the tag: 128 bits of HMAC-SHA-256, as HMAC's RFC allows for truncation. */
export const RELAY_TAG_BYTES = 16;
/** Ids, seq, channel and tag take at most this much on top of the payload. */
const ENVELOPE_OVERHEAD = 2 + 2 * (1 + MAX_STRING_BYTES) + 5 + 1 + RELAY_TAG_BYTES;
/** The bound of a relay message: an envelope around a message of the largest size. */
export const MAX_RELAY_BYTES = MAX_MESSAGE_BYTES + ENVELOPE_OVERHEAD;
/** The largest seq: a page sends far fewer in a match (60 a second per peer is 2^32 in 2 years). */
const MAX_SEQ = 2 ** 32 - 1;
/** Hold and round-trip times are capped at this many ms (a minute): longer says nothing useful. */
export const MAX_SHORT_MS = 60_000;
/** A list of peers is at most a match's worth. */
const MAX_PEERS = MAX_SLOTS;

/** A relayed message. `tag` covers every other field (see `relayTagInput`). */
export interface RelayMessage {
  readonly kind: 'relay';
  readonly to: string;
  readonly from: string;
  readonly seq: number;
  readonly channel: 'unreliable' | 'reliable';
  readonly tag: Uint8Array;
  readonly payload: Uint8Array;
}

/** A page's word on its direct links (see the file comment). */
export interface LinksMessage {
  readonly kind: 'links';
  readonly stamp: number;
  readonly echo: number;
  readonly holdMs: number;
  readonly heard: readonly { readonly peer: string; readonly rttMs: number }[];
  readonly distrust: readonly string[];
}

export type RelayProtocolMessage = RelayMessage | LinksMessage;

function writeHeader(w: WireWriter, msg: Omit<RelayMessage, 'kind' | 'tag' | 'payload'>): void {
  w.u8(PROTOCOL_VERSION);
  w.u8(MESSAGE_TYPE.relay);
  w.string(msg.to, MAX_STRING_BYTES);
  w.string(msg.from, MAX_STRING_BYTES);
  w.varint(msg.seq);
  w.u8(msg.channel === 'reliable' ? 1 : 0);
}

/** The bytes the tag is computed over: the envelope's header (version to channel), then the payload. */
export function relayTagInput(msg: Omit<RelayMessage, 'kind' | 'tag' | 'payload'>): Uint8Array {
  const w = new WireWriter();
  writeHeader(w, msg);
  return w.finish();
}

/** The bytes of a relay-protocol message. Throws a RangeError on a programmer error. */
export function encodeRelay(msg: RelayProtocolMessage): Uint8Array {
  const w = new WireWriter();
  if (msg.kind === 'relay') {
    if (msg.tag.length !== RELAY_TAG_BYTES) throw new RangeError('relay encode: the tag must be 16 bytes');
    if (msg.payload.length > MAX_MESSAGE_BYTES) throw new RangeError(`relay encode: a payload of ${msg.payload.length} bytes`);
    writeHeader(w, msg);
    w.raw(msg.tag);
    w.raw(msg.payload);
    return w.finish();
  }
  w.u8(PROTOCOL_VERSION);
  w.u8(MESSAGE_TYPE.links);
  w.u32(msg.stamp);
  w.u32(msg.echo);
  w.varint(msg.holdMs);
  if (msg.heard.length > MAX_PEERS || msg.distrust.length > MAX_PEERS) throw new RangeError('relay encode: too many peers');
  w.u8(msg.heard.length);
  for (const h of msg.heard) {
    w.string(h.peer, MAX_STRING_BYTES);
    w.varint(h.rttMs);
  }
  w.u8(msg.distrust.length);
  for (const peer of msg.distrust) w.string(peer, MAX_STRING_BYTES);
  return w.finish();
}

function readRelay(r: WireReader): RelayMessage {
  const to = r.string(MAX_STRING_BYTES, 'to');
  const from = r.string(MAX_STRING_BYTES, 'from');
  const seq = r.varint(MAX_SEQ, 'seq');
  const channel = r.u8In(0, 1, 'channel') === 1 ? 'reliable' : 'unreliable';
  const tag = r.raw(RELAY_TAG_BYTES, 'tag');
  const length = r.remaining();
  if (length === 0) throw new WireError('truncated', 'a relay envelope with no payload');
  if (length > MAX_MESSAGE_BYTES) throw new WireError('oversized', `a relayed payload of ${length} bytes`);
  return { kind: 'relay', to, from, seq, channel, tag, payload: r.raw(length, 'payload') };
}

function readLinks(r: WireReader): LinksMessage {
  const stamp = r.u32();
  const echo = r.u32();
  const holdMs = r.varint(MAX_SHORT_MS, 'hold');
  const heard = Array.from({ length: r.u8In(0, MAX_PEERS, 'heard count') }, () => ({ peer: r.string(MAX_STRING_BYTES, 'peer'), rttMs: r.varint(MAX_SHORT_MS, 'rtt') }));
  const distrust = Array.from({ length: r.u8In(0, MAX_PEERS, 'distrust count') }, () => r.string(MAX_STRING_BYTES, 'peer'));
  return { kind: 'links', stamp, echo, holdMs, heard, distrust };
}

/** Parses a relay-protocol message. Never throws; another protocol's message is `wrong-protocol`. */
export function decodeRelay(bytes: Uint8Array): DecodeResult<RelayProtocolMessage> {
  const refused = checkRelayFrame(bytes);
  if (refused) return { ok: false, error: refused };
  try {
    const r = new WireReader(bytes, 2);
    const msg = bytes[1] === MESSAGE_TYPE.relay ? readRelay(r) : readLinks(r);
    r.end();
    return { ok: true, msg };
  } catch (error) {
    if (error instanceof WireError) return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  }
}

function checkRelayFrame(bytes: Uint8Array): DecodeError | null {
  if (bytes.length < 2) return { code: bytes.length === 0 ? 'empty' : 'truncated', message: 'no type byte' };
  if (bytes.length > MAX_RELAY_BYTES) return { code: 'oversized', message: `${bytes.length} bytes > ${MAX_RELAY_BYTES}` };
  if (bytes[0] !== PROTOCOL_VERSION) {
    return { code: 'version-mismatch', message: `protocol version ${bytes[0]}, this build speaks ${PROTOCOL_VERSION}`, version: bytes[0] as number };
  }
  if (bytes[1] === MESSAGE_TYPE.relay || bytes[1] === MESSAGE_TYPE.links) return null;
  return { code: 'wrong-protocol', message: `type ${bytes[1]} is not a message of the relay protocol` };
}

/** Whether `bytes` is framed as a relay-protocol message (its type byte), without checking the rest. */
export const isRelayFrame = (bytes: Uint8Array): boolean =>
  bytes.length >= 2 && bytes[0] === PROTOCOL_VERSION && (bytes[1] === MESSAGE_TYPE.relay || bytes[1] === MESSAGE_TYPE.links);
