/**
 * Holds events that arrive before anyone listens, and replays them, in order, to the first
 * listener. A PeerJS connection or peer created ahead of its consumer (an incoming connection, a
 * peer registered before the match starts) must not lose its `open` in between.
 */

/** Delivers to `H` once attached; queues until then. */
export interface Backlog<H> {
  deliver(fn: (handlers: H) => void): void;
  attach(handlers: H): void;
}

/** Creates an empty backlog. */
export function createBacklog<H>(): Backlog<H> {
  let handlers: H | null = null;
  const queue: ((h: H) => void)[] = [];
  return {
    deliver(fn) {
      if (handlers) fn(handlers);
      else queue.push(fn);
    },
    attach(h) {
      if (handlers) throw new Error('backlog: a second listener');
      handlers = h;
      for (const fn of queue.splice(0)) fn(h);
    },
  };
}
