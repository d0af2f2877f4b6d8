/**
 * encodeEngine/decodeEngine: the engine protocol's messages (engine-messages.ts) as bytes, in the
 * shared framing (framing.ts). Field layout per type below; varints and zigzag deltas keep the hot
 * `inputs` message small (see input-runs.ts). `decodeEngine` validates everything (version, type,
 * exact length, counts, ranges, canonical encodings, the receiver's frame window), answers
 * `wrong-protocol` for a handshake message, and never throws.
 */
import type { DecodeContext, DecodeResult } from './decode-result';
import type { EngineMessage } from './engine-messages';
import * as engine from './engine-messages';
import { createProtocol, readSlot, writeSlot, type CodecTable } from './framing';
import { readAcks, readFrame, readRuns, writeAcks, writeRuns } from './input-runs';
import { probeCodecs } from './probe-codec';
import { snapshotCodecs } from './snapshot-codec';
import { WireError } from './wire-reader';

// Local copies: transpiled test runs read imported bindings through getters, in hot loops.
const { MAX_CHECKPOINT_SECTIONS, MAX_FRAME } = engine;

/** What `decodeEngine` returns. */
export type EngineDecodeResult = DecodeResult<EngineMessage>;

/**
 * The checkpoint's fields, shared with the spectate protocol (a feeder forwards its checkpoints):
 * [frame varint][hash u32][section count u8, at most MAX_CHECKPOINT_SECTIONS][hash u32 each]
 */
export const checkpointCodec: CodecTable<engine.CheckpointMessage>['checkpoint'] = {
  write: (w, m) => {
    if (m.sections.length > MAX_CHECKPOINT_SECTIONS) throw new RangeError(`protocol encode: ${m.sections.length} checkpoint sections > ${MAX_CHECKPOINT_SECTIONS}`);
    w.varint(m.frame);
    w.u32(m.hash);
    w.u8(m.sections.length);
    for (const hash of m.sections) w.u32(hash);
  },
  read: (r, c) => {
    const at = readFrame(r, c, 'checkpoint frame');
    const hash = r.u32();
    const count = r.u8();
    if (count > MAX_CHECKPOINT_SECTIONS) throw new WireError('bad-count', `${count} checkpoint sections, at most ${MAX_CHECKPOINT_SECTIONS}`);
    const sections: number[] = [];
    for (let i = 0; i < count; i++) sections.push(r.u32());
    return { kind: 'checkpoint', frame: at, hash, sections };
  },
};

const codecs: CodecTable<EngineMessage> = {
  ...probeCodecs,
  ...snapshotCodecs,
  // [frame varint][runs relative to frame][acks relative to frame]
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
  checkpoint: checkpointCodec,
  // [frame varint]
  leave: { write: (w, m) => w.varint(m.frame), read: (r) => ({ kind: 'leave', frame: r.varint(MAX_FRAME, 'frame') }) },
  // [peer slot u8][drop frame varint][runs relative to the drop frame]
  dropPropose: {
    write: (w, m) => {
      writeSlot(w, m.peerSlot);
      w.varint(m.dropFrame);
      writeRuns(w, m.dropFrame, m.runs);
    },
    read: (r, c) => {
      const peerSlot = readSlot(r);
      const dropFrame = r.varint(MAX_FRAME, 'drop frame');
      return { kind: 'dropPropose', peerSlot, dropFrame, runs: readRuns(r, dropFrame, c) };
    },
  },
  // [peer slot u8][drop frame varint]
  dropAgree: {
    write: (w, m) => {
      writeSlot(w, m.peerSlot);
      w.varint(m.dropFrame);
    },
    read: (r) => ({ kind: 'dropAgree', peerSlot: readSlot(r), dropFrame: r.varint(MAX_FRAME, 'drop frame') }),
  },
  // [frame varint][runs relative to it]
  away: {
    write: (w, m) => {
      w.varint(m.frame);
      writeRuns(w, m.frame, m.runs);
    },
    read: (r, c) => {
      const at = readFrame(r, c, 'away frame');
      return { kind: 'away', frame: at, runs: readRuns(r, at, c) };
    },
  },
  // [peer slot u8][away frame varint][runs relative to it]: a drop proposal's layout
  awayPropose: {
    write: (w, m) => {
      writeSlot(w, m.peerSlot);
      w.varint(m.awayFrame);
      writeRuns(w, m.awayFrame, m.runs);
    },
    read: (r, c) => {
      const peerSlot = readSlot(r);
      const awayFrame = readFrame(r, c, 'away frame');
      return { kind: 'awayPropose', peerSlot, awayFrame, runs: readRuns(r, awayFrame, c) };
    },
  },
  // [peer slot u8][rejoin frame varint]
  backPropose: {
    write: (w, m) => {
      writeSlot(w, m.peerSlot);
      w.varint(m.rejoinFrame);
    },
    read: (r) => ({ kind: 'backPropose', peerSlot: readSlot(r), rejoinFrame: r.varint(MAX_FRAME, 'rejoin frame') }),
  },
};

const protocol = createProtocol('engine', codecs);

/** The bytes of `msg`. Throws a RangeError on a programmer error (a field out of its range). */
export function encodeEngine(msg: EngineMessage): Uint8Array {
  return protocol.encode(msg);
}

/**
 * Parse and validate `bytes` as an engine message, rejecting frames outside `context`'s window.
 * Never throws: anything invalid, or a handshake message (`wrong-protocol`), gives `{ ok: false }`.
 */
export function decodeEngine(bytes: Uint8Array, context?: DecodeContext): EngineDecodeResult {
  return protocol.decode(bytes, context);
}
