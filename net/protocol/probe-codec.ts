/**
 * The field codecs of the RTT probes, in both protocols' tables (see probe-messages.ts): a ping is
 * `time`, four bytes (six on the wire); a pong adds its hold time as a varint (1 to 4 bytes).
 */
import type { CodecTable } from './framing';
import { MAX_HOLD_US, type ProbeMessage } from './probe-messages';

/** `ping`: [time u32]; `pong`: [time u32][hold µs varint, at most MAX_HOLD_US]. */
export const probeCodecs: CodecTable<ProbeMessage> = {
  ping: { write: (w, m) => w.u32(m.time), read: (r) => ({ kind: 'ping', time: r.u32() }) },
  pong: {
    write: (w, m) => {
      if (!Number.isInteger(m.holdUs) || m.holdUs < 0 || m.holdUs > MAX_HOLD_US) throw new RangeError(`protocol encode: bad hold ${m.holdUs}`);
      w.u32(m.time);
      w.varint(m.holdUs);
    },
    read: (r) => ({ kind: 'pong', time: r.u32(), holdUs: r.varint(MAX_HOLD_US, 'hold') }),
  },
};
