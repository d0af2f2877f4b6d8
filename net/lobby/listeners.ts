/** A tiny typed listener set: `add` returns its own remover, `emit` isolates throwing listeners. */

/** A set of callbacks of one payload type. */
export interface Listeners<T> {
  add(cb: (value: T) => void): () => void;
  emit(value: T): void;
}

/** Make an empty listener set. */
export function createListeners<T>(): Listeners<T> {
  const set = new Set<(value: T) => void>();
  return {
    add(cb) {
      set.add(cb);
      return () => set.delete(cb);
    },
    emit(value) {
      for (const cb of [...set]) {
        try {
          cb(value);
        } catch (error) {
          // One broken screen must not stop the others from hearing about the lobby.
          console.error('lobby listener failed', error);
        }
      }
    },
  };
}
