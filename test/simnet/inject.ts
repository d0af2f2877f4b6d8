/**
 * A hostile peer's messages for the simulated network: wraps a peer's transport, learns the
 * peer's frame from the inputs it sends, and adds `extra(frame)` to its inbox after each drain.
 */
import type { Transport, TransportEvent } from '../../net/lockstep/transport';
import { decodeEngine } from '../../net/protocol/engine-codec';

export function inject(inner: Transport, extra: (frame: number) => TransportEvent[]): Transport {
  let frame = 0;
  return {
    self: inner.self,
    send(to, data, channel) {
      const sent = decodeEngine(data);
      if (sent.ok && sent.msg.kind === 'inputs') frame = sent.msg.frame;
      inner.send(to, data, channel);
    },
    drain: () => [...inner.drain(), ...extra(frame)],
  };
}
