/**
 * encodeSpectate/decodeSpectate: the spectate protocol (spectate-messages.ts) in the shared
 * framing. It borrows the engine protocol's `checkpoint` and `snapshotChunk` layouts. The decoder
 * checks counts, ranges and exact lengths, answers `wrong-protocol` for the other protocols'
 * messages, and never throws.
 */
import type { DecodeResult } from './decode-result';
import { checkpointCodec } from './engine-codec';
import { MAX_FRAME, MAX_INPUT } from './engine-messages';
import { createProtocol, readSlot, writeSlot, type CodecTable } from './framing';
import { snapshotCodecs } from './snapshot-codec';
import { MAX_FEED_FRAMES, type FeedInputsMessage, type SpectateMessage } from './spectate-messages';
import { MAX_SLOTS } from './wire-format';
import { WireError, type WireReader } from './wire-reader';
import type { WireWriter } from './wire-writer';

function checkedInput(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_INPUT) throw new RangeError(`protocol encode: bad input ${value}`);
  return value;
}

/** [start frame varint][slots u8 1..8][rows u8 1..32][input varint, row by row][leaves u8][frame offset u8][slot u8]... */
function writeFeed(w: WireWriter, m: FeedInputsMessage): void {
  const { rows, slots, leaves } = m;
  if (!Number.isInteger(slots) || slots < 1 || slots > MAX_SLOTS) throw new RangeError(`protocol encode: ${slots} feed slots`);
  if (rows.length < 1 || rows.length > MAX_FEED_FRAMES) throw new RangeError(`protocol encode: ${rows.length} feed frames`);
  if (leaves.length > MAX_SLOTS) throw new RangeError(`protocol encode: ${leaves.length} feed leaves`);
  w.varint(m.startFrame);
  w.u8(slots);
  w.u8(rows.length);
  for (const row of rows) {
    if (row.length !== slots) throw new RangeError(`protocol encode: a feed row of ${row.length} inputs for ${slots} slots`);
    for (const input of row) w.varint(checkedInput(input));
  }
  w.u8(leaves.length);
  for (const [frame, slot] of leaves) {
    const offset = frame - m.startFrame;
    if (!Number.isInteger(offset) || offset < 0 || offset >= rows.length) throw new RangeError(`protocol encode: a leave at frame ${frame} outside the feed`);
    w.u8(offset);
    writeSlot(w, slot);
  }
}

function readFeed(r: WireReader): FeedInputsMessage {
  const startFrame = r.varint(MAX_FRAME - MAX_FEED_FRAMES, 'feed frame');
  const slots = r.u8In(1, MAX_SLOTS, 'feed slots');
  const count = r.u8In(1, MAX_FEED_FRAMES, 'feed frames');
  const rows: number[][] = [];
  for (let i = 0; i < count; i++) rows.push(Array.from({ length: slots }, () => r.varint(MAX_INPUT, 'input')));
  const leaveCount = r.u8In(0, MAX_SLOTS, 'feed leaves');
  const leaves: [number, number][] = [];
  for (let i = 0; i < leaveCount; i++) {
    const offset = r.u8In(0, count - 1, 'leave frame');
    const slot = readSlot(r);
    if (slot >= slots) throw new WireError('bad-value', `a leave of slot ${slot} in a feed of ${slots} slots`);
    leaves.push([startFrame + offset, slot]);
  }
  return { kind: 'feedInputs', startFrame, slots, rows, leaves };
}

const codecs: CodecTable<SpectateMessage> = {
  snapshotChunk: snapshotCodecs.snapshotChunk,
  checkpoint: checkpointCodec,
  // [0] (no state) or [1][frame varint]
  watch: {
    write: (w, m) => {
      w.u8(m.from === null ? 0 : 1);
      if (m.from !== null) w.varint(m.from);
    },
    read: (r) => ({ kind: 'watch', from: r.u8In(0, 1, 'watch flag') === 0 ? null : r.varint(MAX_FRAME, 'watch frame') }),
  },
  // [frame varint][hash u32]
  feedStart: {
    write: (w, m) => {
      w.varint(m.frame);
      w.u32(m.hash);
    },
    read: (r) => ({ kind: 'feedStart', frame: r.varint(MAX_FRAME, 'snapshot frame'), hash: r.u32() }),
  },
  feedInputs: { write: writeFeed, read: readFeed },
};

const protocol = createProtocol('spectate', codecs);

/** The bytes of `msg`. Throws a RangeError on a programmer error (a field out of its range). */
export function encodeSpectate(msg: SpectateMessage): Uint8Array {
  return protocol.encode(msg);
}

/** Parse and validate `bytes` as a spectate message. Never throws. */
export function decodeSpectate(bytes: Uint8Array): DecodeResult<SpectateMessage> {
  return protocol.decode(bytes, undefined);
}
