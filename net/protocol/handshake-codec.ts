/**
 * encodeHandshake/decodeHandshake: the handshake protocol's messages (handshake-messages.ts) as
 * bytes, in the shared framing (framing.ts). Field layout per type below; strings are
 * length-prefixed UTF-8, names of at most MAX_NAME_BYTES and ids of at most MAX_STRING_BYTES.
 * `decodeHandshake` validates everything
 * (version, type, exact length, counts, ranges, UTF-8), answers `wrong-protocol` for an engine
 * message, and never throws.
 */
import type { DecodeResult } from './decode-result';
import { createProtocol, readSlot, writeSlot, type CodecTable } from './framing';
import type { HandshakeMessage, RefuseReason, RosterMessage } from './handshake-messages';
import { REFUSE_REASON } from './handshake-messages';
import { probeCodecs } from './probe-codec';
import { WireError, type WireReader } from './wire-reader';
import { MAX_NAME_BYTES as N, MAX_SLOTS, MAX_STRING_BYTES as S } from './wire-format';

/** What `decodeHandshake` returns. */
export type HandshakeDecodeResult = DecodeResult<HandshakeMessage>;

const reasonByCode = new Map<number, RefuseReason>(
  Object.entries(REFUSE_REASON).map(([name, code]) => [code, name as RefuseReason]),
);

function strings(r: WireReader, count: number, maxBytes: number, what: string): string[] {
  return Array.from({ length: count }, () => r.string(maxBytes, what));
}

function readRoster(r: WireReader): RosterMessage {
  const count = r.u8In(0, MAX_SLOTS, 'roster size');
  const players = Array.from({ length: count }, () => ({ slot: readSlot(r), name: r.string(N, 'name'), peer: r.string(S, 'peer') }));
  if (players.some((p, i) => i > 0 && p.slot <= (players[i - 1]?.slot ?? -1))) {
    throw new WireError('bad-value', 'roster slots must be ascending');
  }
  return { kind: 'roster', players };
}

const codecs: CodecTable<HandshakeMessage> = {
  ...probeCodecs,
  // [build id string][match id string][name string][slot u8]
  hello: {
    write: (w, m) => {
      w.string(m.buildId, S);
      w.string(m.matchId, S);
      w.string(m.name, N);
      writeSlot(w, m.slot);
    },
    read: (r) => ({ kind: 'hello', buildId: r.string(S, 'build id'), matchId: r.string(S, 'match id'), name: r.string(N, 'name'), slot: readSlot(r) }),
  },
  // [slot u8]
  helloAck: { write: (w, m) => writeSlot(w, m.slot), read: (r) => ({ kind: 'helloAck', slot: readSlot(r) }) },
  // [reason u8]
  refuse: {
    write: (w, m) => w.u8(REFUSE_REASON[m.reason]),
    read: (r) => {
      const reason = reasonByCode.get(r.u8());
      if (reason === undefined) throw new WireError('bad-value', 'unknown refusal reason');
      return { kind: 'refuse', reason };
    },
  },
  // [count u8] then per player, slots ascending: [slot u8][name string][peer string]
  roster: {
    write: (w, m) => {
      w.u8(m.players.length);
      for (const p of m.players) {
        writeSlot(w, p.slot);
        w.string(p.name, N);
        w.string(p.peer, S);
      }
    },
    read: readRoster,
  },
  // [seed u32][countdown ms u32][count u8][count owner strings][count name strings]
  start: {
    write: (w, m) => {
      if (m.slotOwners.length !== m.names.length) throw new RangeError('protocol encode: start owners/names differ');
      w.u32(m.seed);
      w.u32(m.countdownMs);
      w.u8(m.slotOwners.length);
      for (const s of m.slotOwners) w.string(s, S);
      for (const s of m.names) w.string(s, N);
    },
    read: (r) => {
      const seed = r.u32();
      const countdownMs = r.u32();
      const count = r.u8In(1, MAX_SLOTS, 'player count');
      return { kind: 'start', seed, countdownMs, slotOwners: strings(r, count, S, 'owner'), names: strings(r, count, N, 'name') };
    },
  },
};

const protocol = createProtocol('handshake', codecs);

/** The bytes of `msg`. Throws a RangeError on a programmer error (a field out of its range). */
export function encodeHandshake(msg: HandshakeMessage): Uint8Array {
  return protocol.encode(msg);
}

/**
 * Parse and validate `bytes` as a handshake message. Never throws: anything invalid, or an engine
 * message (`wrong-protocol`), gives `{ ok: false, error }`.
 */
export function decodeHandshake(bytes: Uint8Array): HandshakeDecodeResult {
  return protocol.decode(bytes, undefined);
}
