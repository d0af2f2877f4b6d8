/**
 * The browser tests' rig: a fresh production build in a temp folder (not dist/, which others may
 * be building), a tiny static server bound to 127.0.0.1 on a free port, and the machine's Chromium
 * (test/harness/find-chromium.ts),
 * headless, with every flag that keeps it off the real network. No WebRTC and no mDNS here:
 * practice runs on the null transport. Everything started here is stopped by `close()`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium } from '../harness/find-chromium.js';
import { startChildHost, type ChildHost } from '../harness/host-child.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.wav': 'audio/wav',
  '.json': 'application/json',
};

/** Builds the game into a new temp folder; returns its path. */
export function buildGame(): string {
  const out = mkdtempSync(join(tmpdir(), `ricochet-browser-${process.pid}-`));
  const run = spawnSync('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vite build failed:\n${run.stdout}\n${run.stderr}`);
  return out;
}

/**
 * Serves `root` on 127.0.0.1 (a free port) the way `vite preview` does: an unknown path without a
 * file extension gets index.html (the SPA fallback), so `/health` is not a Ricochet host's answer
 * and the page must find "no host", exactly as under `npm run dev`.
 */
export async function serveStatic(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    try {
      if (!extname(file)) file = join(root, 'index.html');
      else if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/** Launches headless Chromium with the network-safety flags of the project's rules. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-quic', '--no-first-run', '--autoplay-policy=no-user-gesture-required',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    ],
  });
}

/** A page with every console error and page error collected. */
export interface WatchedPage {
  readonly page: Page;
  readonly errors: string[];
}

/** Opens `url` in a new context of `browser` at the given viewport size. */
export async function openPage(browser: Browser, url: string, size = { width: 1280, height: 720 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: size });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { page, errors };
}

/** The running rig. */
export interface Rig {
  readonly url: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** Build, serve, launch. */
export async function startRig(): Promise<Rig> {
  const dir = buildGame();
  const { url, server } = await serveStatic(dir);
  const browser = await launchChromium();
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A real host (net/host in a child process on 127.0.0.1) serving a fresh build, and Chromium. */
export interface HostRig {
  readonly host: ChildHost;
  readonly browser: Browser;
  /** The build the host serves. */
  readonly dir: string;
  close(): Promise<void>;
}

/** Build, start a host (with `--pin` when given), launch. */
export async function startHostRig(pin?: string): Promise<HostRig> {
  const dir = buildGame();
  const host = await startChildHost(pin, dir);
  const browser = await launchChromium();
  return {
    host,
    browser,
    dir,
    async close() {
      await browser.close();
      await host.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the page shows `scene`; `window.ricochet` itself arrives after the title screen's loader. */
export function waitForScene(page: Page, scene: string, timeout = 30_000): Promise<unknown> {
  return page.waitForFunction((s) => (window as unknown as { ricochet?: { scene(): string } }).ricochet?.scene() === s, scene, { timeout });
}
