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
import { runReplay, type Replay } from '../../../game/sim';

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
  /** More page parameters for the first page, the lobby's creator (e.g. `netcode=rollback`). */
  readonly creatorParams?: string;
  /** Called with page k's browser before it opens the host's URL (e.g. to patch its scripts). */
  readonly beforeOpen?: (k: number, page: LaptopBrowser) => Promise<void>;
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
      // Launching Chromium is the slow part: all at once, each kept as soon as it is up (so that
      // close() ends it even if another launch fails). Slots go by join order, so the pages then
      // open one after another: page k plays slot k.
      const launched = Array.from({ length: to - from }, (_, i) => openBrowserInLaptop(lan, from + i + 1, { pageHost: ip }).then((p) => (pages[from + i] = p)));
      const browsers = await Promise.all(launched);
      for (const [i, page] of browsers.entries()) {
        const creator = from + i === 0 && options.creatorParams ? `&${options.creatorParams}` : '';
        await options.beforeOpen?.(from + i, page);
        await page.goto(`${url}?auto=1&bot=1&name=Laptop${from + i + 1}${options.pin ? `&pin=${options.pin}` : ''}${creator}`);
        // The game arrives after the page's load event (the title screen's loader fetches it), so
        // wait for this page's welcome before the next joins: the first page creates the lobby.
        await page.waitFor('!!window.ricochet?.lobby()?.welcome', 60_000).catch(async (error: unknown) => {
          const seen = await page.evaluate(`JSON.stringify({ scene: window.ricochet?.scene(), lobby: window.ricochet?.lobby(), load: window.ricochet?.loadProgress() })`).catch(String);
          throw new Error(`page ${from + i} has no welcome: ${String(seen).slice(0, 1500)}\n${String(error)}`);
        });
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

/** Compares the pages' checkpoints; a mismatch comes with `explainMismatch`'s diagnosis. */
export async function checkAgreement(pages: readonly LaptopBrowser[]): Promise<{ common: number; mismatch: string | null }> {
  const lists = await Promise.all(pages.map((p) => p.evaluate<Checkpoints>('window.ricochet.checkpoints()')));
  const result = compareCheckpoints(lists);
  return result.mismatch === null ? result : { ...result, mismatch: `${result.mismatch}\n${await explainMismatch(pages)}` };
}

/**
 * Why checkpoints differ, for a failure message: the first frame whose inputs differ between the
 * pages' replays (a lockstep fault), and whether each page's own replay re-runs to its own hashes
 * in Node (if not, that page's simulation diverged from its inputs: a determinism fault).
 */
export async function explainMismatch(pages: readonly LaptopBrowser[]): Promise<string> {
  const replays = await Promise.all(pages.map((p) => p.evaluate<Replay | null>('window.ricochet.replay()')));
  const lines: string[] = [];
  const length = Math.min(...replays.map((r) => r?.inputs.length ?? 0));
  for (let f = 0; f < length; f++) {
    const rows = replays.map((r) => JSON.stringify(r?.inputs[f]));
    if (new Set(rows).size > 1) {
      lines.push(`inputs first differ at frame ${f}: ${rows.join(' vs ')}`);
      break;
    }
  }
  if (lines.length === 0) lines.push(`inputs agree on the ${length} frames every page simulated`);
  replays.forEach((r, k) => {
    const result = r ? runReplay(r) : null;
    const mismatch = result?.mismatches[0];
    lines.push(`page ${k}: replay ${result === null ? 'missing' : result.ok ? 're-runs to its own hashes' : `diverges from its own hashes at frame ${mismatch?.frame}`}; leaves ${JSON.stringify(r?.leaves)}`);
  });
  return lines.join('\n');
}
