/**
 * Test rig for the host process on the virtual LAN: start `net/host/cli.ts` in a laptop and read
 * what it prints, follow a host's `/api/matches` from inside a laptop, and a stand-in `dist/` for
 * tests that exercise the host rather than the page (no Vite build needed).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { MatchListing } from '../../net/lobby/messages.js';
import type { VirtualLan } from './virtual-lan.js';

const HOST_CLI = fileURLToPath(new URL('../../net/host/cli.ts', import.meta.url));
const SSE_WATCH = fileURLToPath(new URL('./sse-watch.mjs', import.meta.url));

/** A minimal dist/ (an index.html naming a hashed entry): enough for /health and the build id. */
export function standInDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ricochet-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" crossorigin src="./assets/index-standin1.js"></script>');
  writeFileSync(join(dir, 'assets', 'index-standin1.js'), 'document.title = "stand-in";');
  return dir;
}

/** A host process in a laptop. */
export interface HostProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  log(): string;
  /** Resolves with the text matched once its output matches `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** The "Join at" URL of the banner (resolves when the banner is out). */
  url(timeoutMs?: number): Promise<string>;
  /** Resolves when it exits, with the time of exit. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Start a host in laptop `i` with `args` (always `--no-open`). */
export function startHostIn(lan: VirtualLan, i: number, args: readonly string[], distDir: string): HostProcess {
  const child = lan.spawnNode(i, HOST_CLI, ['--no-open', ...args], { env: { ...process.env, RICOCHET_DIST_DIR: distDir } });
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (d: Buffer): void => {
    out += d.toString();
    for (const w of [...waiters]) w();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const waitFor = (pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const m = pattern.exec(out);
        if (!m) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(m);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`host output never matched ${pattern} in ${timeoutMs} ms:\n${out}`));
      }, timeoutMs);
      waiters.add(check);
      check();
      void exited.then(() => setTimeout(() => {
        if (!waiters.has(check)) return;
        waiters.delete(check);
        clearTimeout(timer);
        reject(new Error(`host exited before printing ${pattern}:\n${out}`));
      }, 50));
    });
  return {
    child,
    log: () => out,
    waitFor,
    url: async (timeoutMs) => (await waitFor(/Join at (http:\/\/\S+)/, timeoutMs))[1] ?? '',
    exited,
  };
}

/** A follower of one host's match list, from inside a laptop. */
export interface MatchWatcher {
  latest(): readonly MatchListing[];
  /** Resolves with the first list (and its arrival time) satisfying `pred`. */
  waitFor(pred: (matches: readonly MatchListing[]) => boolean, timeoutMs?: number): Promise<{ matches: readonly MatchListing[]; at: number }>;
}

/** Follow `url`'s `/api/matches` from laptop `i` until the LAN is destroyed. */
export function watchMatches(lan: VirtualLan, i: number, url: string): MatchWatcher {
  const child = lan.spawnNode(i, SSE_WATCH, [url]);
  let latest: { matches: readonly MatchListing[]; at: number } = { matches: [], at: 0 };
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const event = JSON.parse(line) as { matches: MatchListing[] };
      latest = { matches: event.matches, at: Date.now() };
    } catch {
      return;
    }
    for (const w of [...waiters]) w();
  });
  return {
    latest: () => latest.matches,
    waitFor: (pred, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (!pred(latest.matches)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(latest);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`match list never matched in ${timeoutMs} ms; last: ${JSON.stringify(latest.matches)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}
