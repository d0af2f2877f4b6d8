/**
 * Time for the mesh's I/O edge: the transport's dial retries and grace periods, and the start
 * handshake's timeouts. Injected so that unit tests run on a virtual clock (`test/harness/virtual-clock.ts`)
 * instead of sleeping. The lockstep engine never sees it: it is given `nowMs` by its caller.
 */

/** A clock with one-shot timers. `now()` is in milliseconds on a monotonic, page-local scale. */
export interface MeshClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The page's clock: `performance.now()` (monotonic; what `runMatch`'s `startAtMs` is measured in). */
export const realClock: MeshClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
