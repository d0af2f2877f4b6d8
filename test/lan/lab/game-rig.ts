/**
 * Node side of the full-stack LAN rig (test tooling, never shipped): the real host process
 * (`net/host/cli.ts --start-when N`) in laptop 0 of a virtual LAN, and the real page in Chromium
 * in laptops 1..N, opened with `?auto=1&bot=1&name=...` so that they join, ready up, start and
 * let bots play. Used by test/lan/e2e-*.test.ts and test/lan/bench-lan.ts.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { openBrowserInLaptop, type LaptopBrowser } from '../browser-in-laptop';
import { startHostIn } from '../host-rig';
import { listNamespacePids } from '../lan-process';
import { createVirtualLan, type LanProfile, type VirtualLan } from '../virtual-lan';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

/** A running match: host in laptop 0, page k in laptop k + 1. */
export interface GameLab {
  readonly lan: VirtualLan;
  readonly host: ChildProcess;
  readonly url: string;
  readonly pages: readonly LaptopBrowser[];
  /** Host stdout+stderr so far (for failure messages). */
  hostLog(): string;
  /** Opens the pages held back with `late` (the match starts once they have joined). */
  openLate(): Promise<void>;
  /** Resolves once every page has simulated `frames` frames. */
  waitFrames(frames: number, timeoutMs?: number, pages?: readonly number[]): Promise<number[]>;
  /** Kills every process of laptop i at once (a crash or power loss), by pid. */
  crashLaptop(i: number): void;
  close(): Promise<void>;
}

/**
 * Builds the real page (the repo's vite config) into a fresh temp dir, served by the host via
 * RICOCHET_DIST_DIR: tests never touch the shared dist/ other engineers may be building.
 */
export async function buildGamePage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'ricochet-e2e-dist-'));
  await build({ root: REPO, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/** Options of `openGameLab`. */
export interface GameLabOptions {
  readonly players: number;
  readonly profile?: LanProfile;
  /** A page already built with `buildGamePage` (kept on close); built afresh if absent. */
  readonly dist?: string;
  /** The last `late` pages open only on `openLate()`: the match waits for them. */
  readonly late?: number;
  /** Laptops beyond the players' (after them), for a test's own use: an intruder, say. */
  readonly spareLaptops?: number;
  /** Host with `--pin PIN`; the pages' URLs carry it, as the printed one does. */
  readonly pin?: string;
}

/** Builds the LAN, starts the host and opens one page per player laptop; the match then starts by itself. */
export async function openGameLab(options: GameLabOptions): Promise<GameLab> {
  const dist = options.dist ?? (await buildGamePage());
  const lan = await createVirtualLan({ laptops: options.players + 1 + (options.spareLaptops ?? 0), profile: options.profile ?? 'clean' });
  const pages: LaptopBrowser[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(pages.map((p) => p.close().catch(() => undefined)));
    await lan.destroy();
    if (!options.dist) rmSync(dist, { recursive: true, force: true });
  };
  try {
    const ip = lan.laptops[0]?.ip ?? '';
    const args = ['--port', '8080', '--interface', ip, '--name', 'e2e', '--start-when', String(options.players), ...(options.pin ? ['--pin', options.pin] : [])];
    const hostProcess = startHostIn(lan, 0, args, dist);
    const host = hostProcess.child;
    const url = `http://${ip}:8080/`;
    await hostProcess.url(60_000);
    const openPages = async (from: number, to: number): Promise<void> => {
      for (let k = from; k < to; k += 1) {
        const page = await openBrowserInLaptop(lan, k + 1, { pageHost: ip });
        pages.push(page);
        await page.goto(`${url}?auto=1&bot=1&name=Laptop${k + 1}${options.pin ? `&pin=${options.pin}` : ''}`);
      }
    };
    const early = options.players - (options.late ?? 0);
    await openPages(0, early);
    const frameOf = (k: number): Promise<number> => pages[k]?.evaluate<number>('window.ricochet?.frame() ?? 0') ?? Promise.resolve(0);
    return {
      lan, host, url, pages,
      hostLog: () => hostProcess.log(),
      openLate: () => openPages(early, options.players),
      async waitFrames(frames, timeoutMs = 60_000, which = pages.map((_, k) => k)) {
        await Promise.all(which.map((k) => pages[k]?.waitFor(`(window.ricochet?.frame() ?? 0) >= ${frames}`, timeoutMs)));
        return Promise.all(which.map(frameOf));
      },
      crashLaptop(i) {
        const ns = lan.laptops[i]?.ns ?? '';
        for (const pid of listNamespacePids(ns)) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `[frame, hash]` pairs of a page. */
export type Checkpoints = readonly (readonly [number, number])[];

/**
 * Compares checkpoint lists: every frame that all of them hold must have one hash. Returns the
 * frames compared and the first disagreement, if any.
 */
export function compareCheckpoints(lists: readonly Checkpoints[]): { common: number; mismatch: string | null } {
  const maps = lists.map((list) => new Map(list.map(([f, h]) => [f, h])));
  const frames = [...(maps[0]?.keys() ?? [])].filter((f) => maps.every((m) => m.has(f)));
  for (const f of frames) {
    const hashes = maps.map((m) => m.get(f));
    if (new Set(hashes).size > 1) return { common: frames.length, mismatch: `frame ${f}: ${hashes.join(' vs ')}` };
  }
  return { common: frames.length, mismatch: null };
}
