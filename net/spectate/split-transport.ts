/**
 * One transport, two listeners: a player's mesh carries both the match's players and the
 * spectators it feeds. `splitTransport` hands the lockstep engine a transport that hears only the
 * players (so a spectator can never be waited on, dropped or counted by the engine), and the
 * feeder one that hears only the others. Sending is shared; each half drains the inner transport
 * and keeps what belongs to the other half for its next drain.
 */
import type { PeerId, Transport, TransportEvent } from '../lockstep';

/** The two halves of a transport. */
export interface SplitTransport {
  /** Events of the match's players only: the engine's. */
  readonly players: Transport;
  /** Events of every other peer: the spectators'. */
  readonly spectators: Transport;
}

const peerOf = (event: TransportEvent): PeerId => (event.type === 'message' ? event.from : event.peer);

/** Splits `inner` by `isPlayer(peer)`. */
export function splitTransport(inner: Transport, isPlayer: (peer: PeerId) => boolean): SplitTransport {
  const queued = { players: [] as TransportEvent[], spectators: [] as TransportEvent[] };
  const pull = (): void => {
    for (const event of inner.drain()) (isPlayer(peerOf(event)) ? queued.players : queued.spectators).push(event);
  };
  const half = (key: keyof typeof queued): Transport => ({
    self: inner.self,
    send: (to, data, channel) => inner.send(to, data, channel),
    drain() {
      pull();
      return queued[key].splice(0);
    },
  });
  return { players: half('players'), spectators: half('spectators') };
}
