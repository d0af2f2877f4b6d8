/**
 * The field codecs of the snapshot messages, in the engine protocol's table (see
 * snapshot-messages.ts). A request is a frame; a chunk is
 * `[frame varint][total bytes varint][index varint][data]`, where the data's length follows from
 * the total and the index, so it needs no prefix and a chunk of any other length is refused.
 */
import type { CodecTable } from './framing';
import { readFrame } from './input-runs';
import { MAX_SNAPSHOT_BYTES, snapshotChunkBytes, snapshotChunkCount, type SnapshotMessage } from './snapshot-messages';
import { WireError } from './wire-reader';

/** `snapshotRequest`: [frame varint]; `snapshotChunk`: [frame varint][total varint][index varint][data]. */
export const snapshotCodecs: CodecTable<SnapshotMessage> = {
  snapshotRequest: { write: (w, m) => w.varint(m.frame), read: (r, c) => ({ kind: 'snapshotRequest', frame: readFrame(r, c, 'snapshot frame') }) },
  snapshotChunk: {
    write: (w, m) => {
      const { totalBytes, index, data } = m;
      if (!Number.isInteger(totalBytes) || totalBytes < 1 || totalBytes > MAX_SNAPSHOT_BYTES) throw new RangeError(`protocol encode: snapshot of ${totalBytes} bytes`);
      if (!Number.isInteger(index) || index < 0 || index >= snapshotChunkCount(totalBytes)) throw new RangeError(`protocol encode: snapshot chunk ${index} of ${snapshotChunkCount(totalBytes)}`);
      if (data.length !== snapshotChunkBytes(totalBytes, index)) throw new RangeError(`protocol encode: snapshot chunk ${index} of ${data.length} bytes`);
      w.varint(m.frame);
      w.varint(totalBytes);
      w.varint(index);
      w.raw(data);
    },
    read: (r, c) => {
      const at = readFrame(r, c, 'snapshot frame');
      const totalBytes = r.varint(MAX_SNAPSHOT_BYTES, 'snapshot size');
      if (totalBytes === 0) throw new WireError('bad-value', 'empty snapshot');
      const count = snapshotChunkCount(totalBytes);
      const index = r.varint(count - 1, `snapshot chunk of ${count}`);
      return { kind: 'snapshotChunk', frame: at, totalBytes, index, data: r.raw(snapshotChunkBytes(totalBytes, index), 'snapshot chunk') };
    },
  },
};
