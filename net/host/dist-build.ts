/**
 * The built game the host serves. `npm start` must work on a fresh clone with no second command,
 * so the host runs vite's `build()` itself when `dist/` is missing or older than the sources.
 * A lock directory keeps two hosts started at once on the same checkout from building over each
 * other. `RICOCHET_DIST_DIR` serves a ready-made build as-is (tests build once into a temp dir).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildIdFromScriptSrc } from '../lobby/index.js';

/** Where sources live that end up in the bundle, relative to the repo root. */
const SOURCE_ROOTS = ['game', 'net', 'assets', 'index.html', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.ts$/.test(path) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Why `dist/` must be (re)built, or null if it is up to date. */
export function distStaleness(root: string, distDir: string): string | null {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return 'there is no build yet';
  const built = statSync(index).mtimeMs;
  const sources = Math.max(...SOURCE_ROOTS.map((p) => newestMtime(join(root, p))));
  return sources > built ? 'the sources changed since the last build' : null;
}

/** The build id of a built `index.html`: the entry script's hashed name (see page-origin.ts). */
export function buildIdOfDist(distDir: string): string {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const tag = /<script[^>]*type="module"[^>]*>/.exec(html)?.[0] ?? '';
  return buildIdFromScriptSrc(/src="([^"]+)"/.exec(tag)?.[1]);
}

/** The build cannot be made or served: one line for the terminal, no stack (cli.ts prints it). */
export class DistError extends Error {}

/** What to tell the user when writing the build into `distDir` failed with `error`. */
export function distProblem(error: unknown, distDir: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const where = dirname(distDir);
  if (code === 'EACCES' || code === 'EPERM') {
    return `Cannot write the game's build into ${distDir}: permission denied. Make ${where} and ${distDir} writable by this user (or run npm run build as their owner), then start again.`;
  }
  if (code === 'EROFS') return `Cannot write the game's build into ${distDir}: the file system is read-only. Build it where you can write (npm run build), or serve one with RICOCHET_DIST_DIR=DIR.`;
  if (code === 'ENOTDIR' || code === 'EEXIST') return `Cannot write the game's build into ${distDir}: something that is not a directory is in the way. Move or delete it, then start again.`;
  if (code === 'ENOSPC') return `Cannot write the game's build into ${distDir}: the disk is full. Free some space, then start again.`;
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return `The game's build failed (${first}). Run npm run build to see the whole error.`;
}

/** A file (not a directory) where the build should go. */
function notADirectory(distDir: string): boolean {
  try {
    return !statSync(distDir).isDirectory();
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Build the game into `distDir` with vite, under a lock. Throws DistError when it cannot. */
export async function buildDist(root: string, distDir: string): Promise<void> {
  if (notADirectory(distDir)) throw new DistError(distProblem(Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }), distDir));
  const lock = `${distDir}.build-lock`;
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new DistError(distProblem(error, distDir));
      // Another host is building; a lock older than 5 minutes is a crashed build.
      if (waited > 300_000 || Date.now() - statSync(lock).mtimeMs > 300_000) {
        rmdirSync(lock);
        continue;
      }
      await sleep(200);
    }
  }
  try {
    if (distStaleness(root, distDir) === null) return;
    const { build } = await import('vite');
    await build({ root, logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } }).catch((error: unknown) => {
      throw new DistError(distProblem(error, distDir));
    });
  } finally {
    rmdirSync(lock);
  }
}

/** The directory to serve, built first if needed; `say` reports what happens. */
export async function ensureDist(root: string, say: (line: string) => void): Promise<string> {
  const ready = process.env.RICOCHET_DIST_DIR;
  if (ready) {
    if (!existsSync(join(ready, 'index.html'))) throw new DistError(`RICOCHET_DIST_DIR is ${ready}, but there is no index.html in it: build one there (npx vite build --outDir ${ready}) or unset RICOCHET_DIST_DIR.`);
    return ready;
  }
  const distDir = join(root, 'dist');
  const why = distStaleness(root, distDir);
  if (why) {
    say(`Building the game first (${why})... this takes a few seconds.`);
    const started = Date.now();
    await buildDist(root, distDir);
    say(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  return distDir;
}
