/**
 * The field codecs of the RTT probes, in both protocols' tables (see probe-messages.ts): their
 * only field is `time`, four bytes, so a probe costs six bytes on the wire.
 */
import type { CodecTable } from './framing';
import type { ProbeMessage } from './probe-messages';

/** `ping` and `pong`: [time u32]. */
export const probeCodecs: CodecTable<ProbeMessage> = {
  ping: { write: (w, m) => w.u32(m.time), read: (r) => ({ kind: 'ping', time: r.u32() }) },
  pong: { write: (w, m) => w.u32(m.time), read: (r) => ({ kind: 'pong', time: r.u32() }) },
};
