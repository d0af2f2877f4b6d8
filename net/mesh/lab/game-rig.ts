/**
 * Node side of the full-stack LAN rig (test tooling, never shipped): the real host process
 * (`net/host/cli.ts --start-when N`) in laptop 0 of a virtual LAN, and the real page in Chromium
 * in laptops 1..N, opened with `?auto=1&bot=1&name=...` so that they join, ready up, start and
 * let bots play. Used by test/lan/e2e-*.test.ts and test/lan/bench-lan.ts.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openBrowserInLaptop, type LaptopBrowser } from '../../../test/lan/browser-in-laptop';
import { listNamespacePids } from '../../../test/lan/lan-process';
import { createVirtualLan, type LanProfile, type VirtualLan } from '../../../test/lan/virtual-lan';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const HOST_CLI = `${REPO}net/host/cli.ts`;

/** A running match: host in laptop 0, page k in laptop k + 1. */
export interface GameLab {
  readonly lan: VirtualLan;
  readonly host: ChildProcess;
  readonly url: string;
  readonly pages: readonly LaptopBrowser[];
  /** Host stdout+stderr so far (for failure messages). */
  hostLog(): string;
  /** Resolves once every page has simulated `frames` frames. */
  waitFrames(frames: number, timeoutMs?: number, pages?: readonly number[]): Promise<number[]>;
  /** Kills every process of laptop i at once (a crash or power loss), by pid. */
  crashLaptop(i: number): void;
  close(): Promise<void>;
}

/** True once the host CLI exists in this checkout. */
export function hostAvailable(): boolean {
  return existsSync(HOST_CLI);
}

function waitForUrl(host: ChildProcess, ip: string, log: () => string, timeoutMs: number): Promise<string> {
  const pattern = new RegExp(`http://${ip.replace(/\./g, '\\.')}:(\\d+)/?`);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host printed no URL in ${timeoutMs} ms:\n${log()}`)), timeoutMs);
    const check = (): void => {
      const m = pattern.exec(log());
      if (m) {
        clearTimeout(timer);
        resolve(`http://${ip}:${m[1]}/`);
      }
    };
    host.stdout?.on('data', check);
    host.stderr?.on('data', check);
    host.once('exit', (code) => reject(new Error(`host exited (${code}):\n${log()}`)));
  });
}

/** Options of `openGameLab`. */
export interface GameLabOptions {
  readonly players: number;
  readonly profile?: LanProfile;
}

/** Builds the LAN, starts the host and opens one page per player laptop; the match then starts by itself. */
export async function openGameLab(options: GameLabOptions): Promise<GameLab> {
  const lan = await createVirtualLan({ laptops: options.players + 1, profile: options.profile ?? 'clean' });
  const pages: LaptopBrowser[] = [];
  let log = '';
  const close = async (): Promise<void> => {
    await Promise.all(pages.map((p) => p.close().catch(() => undefined)));
    await lan.destroy();
  };
  try {
    const ip = lan.laptops[0]?.ip ?? '';
    const args = ['--no-open', '--port', '8080', '--interface', ip, '--name', 'e2e', '--start-when', String(options.players)];
    const host = lan.spawnNode(0, HOST_CLI, args);
    host.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    host.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    // The first start may build dist/ (Vite, Phaser): minutes on two busy cores.
    const url = await waitForUrl(host, ip, () => log, 240_000);
    for (let k = 0; k < options.players; k += 1) {
      const page = await openBrowserInLaptop(lan, k + 1, { pageHost: ip });
      pages.push(page);
      await page.goto(`${url}?auto=1&bot=1&name=Laptop${k + 1}`);
    }
    const frameOf = (k: number): Promise<number> => pages[k]?.evaluate<number>('window.ricochet?.frame() ?? 0') ?? Promise.resolve(0);
    return {
      lan, host, url, pages,
      hostLog: () => log,
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
