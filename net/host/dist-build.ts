/**
 * The built game the host serves. `npm start` must work on a fresh clone with no second command,
 * so the host runs vite's `build()` itself when `dist/` is missing or older than the sources.
 * A lock directory keeps two hosts started at once on the same checkout from building over each
 * other. `RICOCHET_DIST_DIR` serves a ready-made build as-is (tests build once into a temp dir).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Build the game into `distDir` with vite, under a lock. */
export async function buildDist(root: string, distDir: string): Promise<void> {
  const lock = `${distDir}.build-lock`;
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
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
    await build({ root, logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } });
  } finally {
    rmdirSync(lock);
  }
}

/** The directory to serve, built first if needed; `say` reports what happens. */
export async function ensureDist(root: string, say: (line: string) => void): Promise<string> {
  const ready = process.env.RICOCHET_DIST_DIR;
  if (ready) return ready;
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
