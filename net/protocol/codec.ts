/**
 * encode/decode of every message. Layout: [PROTOCOL_VERSION u8][type u8][fields...], fields as in
 * the table below (varints and zigzag deltas keep the hot `inputs` message small; see
 * input-runs.ts). `decode` validates everything (version, type, exact length, counts, ranges,
 * canonical encodings, UTF-8) and never throws.
 */
import type { DecodeContext, DecodeResult, Message, MessageKind, RefuseReason } from './messages';
import * as wire from './messages';
import { checkFrame, readAcks, readRuns, writeAcks, writeRuns } from './input-runs';
import { WireError, WireReader } from './wire-reader';
import { WireWriter } from './wire-writer';

// Local copies: transpiled test runs read imported bindings through getters, in hot loops.
const { MAX_FRAME, MAX_MESSAGE_BYTES, MAX_SLOTS, MAX_STRING_BYTES, MESSAGE_TYPE, PROTOCOL_VERSION, REFUSE_REASON } = wire;

type Of<K extends MessageKind> = Extract<Message, { kind: K }>;
interface Codec<K extends MessageKind> {
  write(w: WireWriter, msg: Of<K>): void;
  read(r: WireReader, context: DecodeContext | undefined): Of<K>;
}

const S = MAX_STRING_BYTES;
const reasonByCode = new Map<number, RefuseReason>(
  Object.entries(REFUSE_REASON).map(([name, code]) => [code, name as RefuseReason]),
);
const kindByType = new Map<number, MessageKind>(
  Object.entries(MESSAGE_TYPE).map(([name, code]) => [code, name as MessageKind]),
);

function frame(r: WireReader, context: DecodeContext | undefined, what: string): number {
  const value = r.varint(MAX_FRAME, what);
  checkFrame(value, context, what);
  return value;
}
const slot = (r: WireReader): number => r.u8In(0, MAX_SLOTS - 1, 'slot');
function writeSlot(w: WireWriter, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= MAX_SLOTS) throw new RangeError(`protocol encode: bad slot ${value}`);
  w.u8(value);
}

function strings(r: WireReader, count: number, what: string): string[] {
  return Array.from({ length: count }, () => r.string(S, what));
}

const codecs: { [K in MessageKind]: Codec<K> } = {
  hello: {
    write: (w, m) => {
      w.string(m.buildId, S);
      w.string(m.matchId, S);
      w.string(m.name, S);
      writeSlot(w, m.slot);
    },
    read: (r) => ({ kind: 'hello', buildId: r.string(S, 'build id'), matchId: r.string(S, 'match id'), name: r.string(S, 'name'), slot: slot(r) }),
  },
  helloAck: { write: (w, m) => writeSlot(w, m.slot), read: (r) => ({ kind: 'helloAck', slot: slot(r) }) },
  refuse: {
    write: (w, m) => w.u8(REFUSE_REASON[m.reason]),
    read: (r) => {
      const reason = reasonByCode.get(r.u8());
      if (reason === undefined) throw new WireError('bad-value', 'unknown refusal reason');
      return { kind: 'refuse', reason };
    },
  },
  roster: {
    write: (w, m) => {
      w.u8(m.players.length);
      for (const p of m.players) {
        writeSlot(w, p.slot);
        w.string(p.name, S);
        w.string(p.peer, S);
      }
    },
    read: (r) => {
      const count = r.u8In(0, MAX_SLOTS, 'roster size');
      const players = Array.from({ length: count }, () => ({ slot: slot(r), name: r.string(S, 'name'), peer: r.string(S, 'peer') }));
      if (players.some((p, i) => i > 0 && p.slot <= (players[i - 1]?.slot ?? -1))) {
        throw new WireError('bad-value', 'roster slots must be ascending');
      }
      return { kind: 'roster', players };
    },
  },
  start: {
    write: (w, m) => {
      if (m.slotOwners.length !== m.names.length) throw new RangeError('protocol encode: start owners/names differ');
      w.u32(m.seed);
      w.u32(m.countdownMs);
      w.u8(m.slotOwners.length);
      for (const s of [...m.slotOwners, ...m.names]) w.string(s, S);
    },
    read: (r) => {
      const seed = r.u32();
      const countdownMs = r.u32();
      const count = r.u8In(1, MAX_SLOTS, 'player count');
      return { kind: 'start', seed, countdownMs, slotOwners: strings(r, count, 'owner'), names: strings(r, count, 'name') };
    },
  },
  inputs: {
    write: (w, m) => {
      w.varint(m.frame);
      writeRuns(w, m.frame, m.runs);
      writeAcks(w, m.frame, m.acks);
    },
    read: (r, c) => {
      const base = r.varint(MAX_FRAME, 'frame');
      return { kind: 'inputs', frame: base, runs: readRuns(r, base, c), acks: readAcks(r, base) };
    },
  },
  checkpoint: {
    write: (w, m) => {
      w.varint(m.frame);
      w.u32(m.hash);
    },
    read: (r, c) => ({ kind: 'checkpoint', frame: frame(r, c, 'checkpoint frame'), hash: r.u32() }),
  },
  ping: { write: (w, m) => w.u32(m.time), read: (r) => ({ kind: 'ping', time: r.u32() }) },
  pong: { write: (w, m) => w.u32(m.time), read: (r) => ({ kind: 'pong', time: r.u32() }) },
  leave: { write: (w, m) => w.varint(m.frame), read: (r) => ({ kind: 'leave', frame: r.varint(MAX_FRAME, 'frame') }) },
  dropPropose: {
    write: (w, m) => {
      writeSlot(w, m.peerSlot);
      w.varint(m.dropFrame);
      writeRuns(w, m.dropFrame, m.runs);
    },
    read: (r, c) => {
      const peerSlot = slot(r);
      const dropFrame = r.varint(MAX_FRAME, 'drop frame');
      return { kind: 'dropPropose', peerSlot, dropFrame, runs: readRuns(r, dropFrame, c) };
    },
  },
  dropAgree: {
    write: (w, m) => {
      writeSlot(w, m.peerSlot);
      w.varint(m.dropFrame);
    },
    read: (r) => ({ kind: 'dropAgree', peerSlot: slot(r), dropFrame: r.varint(MAX_FRAME, 'drop frame') }),
  },
};

/** The bytes of `msg`. Throws a RangeError on a programmer error (a field out of its range). */
export function encode(msg: Message): Uint8Array {
  const w = new WireWriter();
  w.u8(PROTOCOL_VERSION);
  w.u8(MESSAGE_TYPE[msg.kind]);
  (codecs[msg.kind] as Codec<MessageKind>).write(w, msg);
  const bytes = w.finish();
  if (bytes.length > MAX_MESSAGE_BYTES) throw new RangeError(`protocol encode: ${bytes.length} bytes is too big`);
  return bytes;
}

/** Parse and validate `bytes`. Never throws: anything invalid gives `{ ok: false, error }`. */
export function decode(bytes: Uint8Array, context?: DecodeContext): DecodeResult {
  if (bytes.length === 0) return { ok: false, error: { code: 'empty', message: 'empty message' } };
  if (bytes.length > MAX_MESSAGE_BYTES) {
    return { ok: false, error: { code: 'oversized', message: `${bytes.length} bytes > ${MAX_MESSAGE_BYTES}` } };
  }
  const version = bytes[0] as number;
  if (version !== PROTOCOL_VERSION) {
    const message = `protocol version ${version}, this build speaks ${PROTOCOL_VERSION}`;
    return { ok: false, error: { code: 'version-mismatch', message, version } };
  }
  try {
    const r = new WireReader(bytes, 1);
    const kind = kindByType.get(r.u8());
    if (kind === undefined) return { ok: false, error: { code: 'unknown-type', message: `unknown type ${bytes[1]}` } };
    const msg = codecs[kind].read(r, context);
    r.end();
    return { ok: true, msg };
  } catch (error) {
    if (error instanceof WireError) return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  }
}
