/**
 * Development-time checks of the engine's invariants (listed in lockstep.ts). A broken invariant
 * is a bug in the engine, never something the network or a peer did: those are data.
 *
 * Dev or prod: `process.env.NODE_ENV`, which works in every place the engine runs. Vite replaces
 * it with a literal in the page, in `vite build` ("production": the checks fold away) as in the
 * dev server ("development"). Node reads the real variable: vitest sets "test", and tsx leaves it
 * unset, so the checks are on there. (`import.meta.env.PROD`, which game/main.ts uses, exists
 * only under Vite: plain Node has no `import.meta.env`.)
 */

/** Whether invariants are checked: everywhere but a production build. Read once. */
export const CHECK_INVARIANTS: boolean = process.env.NODE_ENV !== 'production';

/** Thrown when an invariant is broken. */
export class InvariantError extends Error {
  override readonly name = 'InvariantError';
}

/**
 * Throws an InvariantError if `ok` is false, in development builds only. Pass the message as a
 * function when building it costs something: it is only called on failure. Wrap a check that is
 * itself costly in `if (CHECK_INVARIANTS)`, so a production build does not even compute it.
 */
export function assertInvariant(ok: boolean, message: string | (() => string)): void {
  if (CHECK_INVARIANTS && !ok) invariantBroken(typeof message === 'string' ? message : message());
}

/**
 * Throws an InvariantError: for hot paths, where even building a message closure per call costs,
 * write `if (CHECK_INVARIANTS && broken) invariantBroken(message)`.
 */
export function invariantBroken(message: string): never {
  throw new InvariantError(`lockstep invariant broken: ${message}`);
}

/**
 * Throws an InvariantError if `ok` is false, in every build. For the few checks that are cheap
 * and whose failure would otherwise go on as a silent desync (they were always on before the
 * development-only checks existed, and production keeps them).
 */
export function requireInvariant(ok: boolean, message: string | (() => string)): void {
  if (!ok) invariantBroken(typeof message === 'string' ? message : message());
}
