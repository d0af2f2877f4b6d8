/**
 * Re-registration after a signalling drop. PeerJS, once it has lost its server (a host restart, a
 * Wi-Fi blip that closed the WebSocket), stays off it for good unless told to `reconnect()`: its
 * open WebRTC links carry on, but it can neither dial nor be dialled again. `keepRegistered` wraps
 * a peer so that every `disconnected` is followed by a `reconnect()` after a backoff (doubling
 * from `firstMs` to `maxMs`, back to `firstMs` once registered again), until the peer is destroyed.
 * A failed attempt reports `disconnected` again, which schedules the next one.
 */
import { createBacklog } from './event-backlog';
import type { MeshClock } from './mesh-clock';
import type { PeerHandlers, PeerLike } from './mesh-ports';

/** The backoff between attempts, in milliseconds. */
export interface RetryTimings {
  readonly firstMs: number;
  readonly maxMs: number;
}

/** A second to start with; at most 10 s apart, so a host that comes back is found soon. */
export const SIGNALLING_RETRY: RetryTimings = { firstMs: 1000, maxMs: 10_000 };

/** Wraps `peer` (listening to it at once); the wrapper is the one to hand on. */
export function keepRegistered(peer: PeerLike, clock: MeshClock, timings: RetryTimings = SIGNALLING_RETRY): PeerLike {
  const backlog = createBacklog<PeerHandlers>();
  let delayMs = timings.firstMs;
  let timer: unknown = null;
  let destroyed = false;
  const retry = (): void => {
    timer = null;
    if (destroyed) return;
    try {
      peer.reconnect();
    } catch {
      // A peer destroyed under us cannot come back: nothing more to do.
    }
  };
  peer.listen({
    open: (id) => {
      delayMs = timings.firstMs;
      backlog.deliver((h) => h.open(id));
    },
    connection: (conn) => backlog.deliver((h) => h.connection(conn)),
    error: (type, message, remote) => backlog.deliver((h) => h.error(type, message, remote)),
    disconnected: () => {
      if (!destroyed && timer === null) {
        timer = clock.setTimeout(retry, delayMs);
        delayMs = Math.min(delayMs * 2, timings.maxMs);
      }
      backlog.deliver((h) => h.disconnected());
    },
  });
  return {
    listen: (h) => backlog.attach(h),
    connect: (remote) => peer.connect(remote),
    reconnect: () => peer.reconnect(),
    destroy() {
      destroyed = true;
      clock.clearTimeout(timer);
      timer = null;
      peer.destroy();
    },
  };
}
