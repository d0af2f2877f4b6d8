/**
 * Node side of the mesh lab (test tooling, never shipped): builds the lab page with Vite, serves it
 * with a real `peer` signalling server from laptop 0 of a virtual LAN, and opens Chromium pages in
 * the other laptops. Used by test/lan/mesh-transport.test.ts and test/lan/bench-lan.ts.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { openBrowserInLaptop, type LaptopBrowser } from '../browser-in-laptop';
import { createVirtualLan, type LanProfile, type VirtualLan } from '../virtual-lan';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const PORT = 9000;

// Express serves the built page; the real `peer` server is mounted at /peerjs (WebSocket at
// /peerjs/peerjs). Bound to the laptop's own address only.
const SERVER = `
const express = require('express');
const { ExpressPeerServer } = require('peer');
const [dir, port, host] = process.argv.slice(1);
const app = express();
const server = app.listen(Number(port), host, () => console.log('listening'));
app.use('/peerjs', ExpressPeerServer(server, { path: '/' }));
app.use(express.static(dir));
`;

/** A lab: pages in laptops 1.., a signalling server in laptop 0. */
export interface MeshLab {
  readonly lan: VirtualLan;
  /** Peer id of each page, in page order. */
  readonly ids: readonly string[];
  readonly pages: readonly LaptopBrowser[];
  /** Laptop index of each page. */
  readonly laptopOf: readonly number[];
  /** The server process (kill it to test a lost signalling server). */
  readonly server: ChildProcess;
  /** Starts the transport on every page at once (the "start" moment). */
  startAll(options?: { disconnectGraceMs?: number }): Promise<void>;
  /** Registers every page at the signalling server ahead of `startAll` (as the page does on the lobby's welcome, game/app/lobby-link.ts). */
  prepareAll(): Promise<void>;
  /** Or: connects and plays a bot match (lockstep-lab.ts) on every page, one slot each. */
  playAll(seed: number): Promise<unknown[]>;
  close(): Promise<void>;
}

/** Builds the lab page into a fresh temp dir; returns the dir. */
export async function buildLabPage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'mesh-lab-page-'));
  await build({
    root: REPO,
    configFile: false,
    base: './',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, rollupOptions: { input: join(REPO, 'test/lan/lab/mesh-lab.html') } },
  });
  return outDir;
}

function waitForLine(child: ChildProcess, text: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not print "${text}": ${out}`)), timeoutMs);
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (out.includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

/** Options of `openMeshLab`. */
export interface MeshLabOptions {
  /** Laptops with pages (laptop 0 has the server). */
  readonly laptops: number;
  /** Chromium instances per page laptop. */
  readonly pagesPerLaptop?: number;
  readonly profile?: LanProfile;
}

/** Builds the LAN, the server and the pages. Cleans up what it made if anything fails. */
export async function openMeshLab(options: MeshLabOptions): Promise<MeshLab> {
  const dir = await buildLabPage();
  const lan = await createVirtualLan({ laptops: options.laptops + 1, profile: options.profile ?? 'clean' });
  const pages: LaptopBrowser[] = [];
  try {
    const host = lan.laptops[0]?.ip ?? '';
    const server = lan.exec(0, process.execPath, ['-e', SERVER, dir, String(PORT), host]);
    await waitForLine(server, 'listening', 20_000);
    const laptopOf = Array.from({ length: options.laptops * (options.pagesPerLaptop ?? 1) }, (_, k) => 1 + (k % options.laptops));
    // One at a time: launching many Chromiums at once on two cores only makes each slower.
    for (const laptop of laptopOf) {
      const page = await openBrowserInLaptop(lan, laptop, { pageHost: host });
      pages.push(page);
      await page.goto(`http://${host}:${PORT}/test/lan/lab/mesh-lab.html`);
    }
    const ids = laptopOf.map((laptop, k) => `lab${k + 1}-l${laptop}`);
    const serverParams = { host, port: PORT, path: '/peerjs', key: 'peerjs', secure: false };
    return {
      lan, ids, pages, laptopOf, server,
      async startAll(extra = {}) {
        await Promise.all(
          pages.map((page, k) =>
            page.evaluate(`window.meshLab.start(${JSON.stringify({ self: ids[k], peers: ids, server: serverParams, iceServers: [], ...extra })})`),
          ),
        );
      },
      async prepareAll() {
        await Promise.all(pages.map((page, k) => page.evaluate(`window.meshLab.prepare(${JSON.stringify({ self: ids[k], server: serverParams })})`)));
        await Promise.all(pages.map((page) => page.evaluate('new Promise((r) => setTimeout(r, 1500))')));
      },
      playAll(seed) {
        const options = (k: number) => ({ self: ids[k], slotOwners: ids, seed, server: serverParams });
        return Promise.all(pages.map((page, k) => page.evaluate(`window.lockstepLab.play(${JSON.stringify(options(k))})`)));
      },
      async close() {
        await Promise.all(pages.map((p) => p.close().catch(() => undefined)));
        await lan.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(pages.map((p) => p.close().catch(() => undefined)));
    await lan.destroy();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Median of a list (NaN if empty). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
