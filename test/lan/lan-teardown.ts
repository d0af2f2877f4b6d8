/**
 * Last-resort teardown for virtual LANs: if the test process exits or is interrupted before a
 * LAN's `destroy()`, its namespaces and processes must not outlive it. Each hook is synchronous
 * (an `exit` handler cannot await).
 */

const hooks = new Set<() => void>();
let installed = false;

function runAll(): void {
  for (const hook of [...hooks]) {
    try {
      hook();
    } catch (error) {
      console.error('virtual LAN teardown failed', error);
    }
  }
  hooks.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', runAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      runAll();
      // Re-raise the default behaviour: exit with the conventional 128 + signal number.
      process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 129);
    });
  }
}

/** Run `hook` on exit or SIGINT/SIGTERM/SIGHUP unless the returned function is called first. */
export function registerTeardown(hook: () => void): () => void {
  install();
  hooks.add(hook);
  return () => hooks.delete(hook);
}
