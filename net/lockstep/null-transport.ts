/**
 * The transport of a match with no remote peers (practice, offline): it sends nowhere and never
 * has an event. With it the engine runs exactly as in a networked match, so no code asks
 * "am I networked?" (boardgame.io's dummy transport).
 */
import type { PeerId, Transport, TransportEvent } from './transport';

/** A transport for a peer that is alone: `send` does nothing, `drain` is always empty. */
export function createNullTransport(self: PeerId): Transport {
  return {
    self,
    send(): void {
      // Nobody to send to: every slot is local.
    },
    drain(): TransportEvent[] {
      return [];
    },
  };
}
