/**
 * The RTT probes, the one pair of messages both protocols carry: the handshake measures the RTT
 * to its coordinator to line up frame 0, and the engine keeps measuring it to adapt its input
 * delay. They share their type codes, so either decoder accepts them.
 */

/** RTT probe; `time` is the sender's own clock in ms (or a counter), truncated to uint32. */
export interface PingMessage {
  readonly kind: 'ping';
  readonly time: number;
}
/** Largest hold time a pong may claim, in µs (10 s): a bound for hostile input. */
export const MAX_HOLD_US = 10_000_000;

/**
 * Echo of a ping's `time`, and how long the ping waited at the answering end before the pong went
 * out (`holdUs`, microseconds): a page answers at its next poll, up to a frame later, and that
 * wait is not network. The pinger subtracts it, so the RTT is the network's alone.
 */
export interface PongMessage {
  readonly kind: 'pong';
  readonly time: number;
  readonly holdUs: number;
}

/** A message of both protocols. */
export type ProbeMessage = PingMessage | PongMessage;
