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
/** Echo of a ping's `time`. */
export interface PongMessage {
  readonly kind: 'pong';
  readonly time: number;
}

/** A message of both protocols. */
export type ProbeMessage = PingMessage | PongMessage;
