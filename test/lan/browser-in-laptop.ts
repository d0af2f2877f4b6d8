/**
 * Headless Chromium inside a virtual-LAN laptop, driven from the test process. Chromium must run
 * in the laptop's namespace (its sockets, mDNS and WebRTC use that network), so a small Node
 * driver (browser-driver.mjs) runs there under playwright-core and takes commands as JSON lines.
 *
 *   const browser = await openBrowserInLaptop(lan, 1, { pageHost: lan.laptops[0].ip });
 *   await browser.goto(`http://${lan.laptops[0].ip}:8080/?name=Bo`);
 *   const roster = await browser.waitFor('window.ricochet?.lobby?.()?.roster?.slots.length === 2');
 *   await browser.close();
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { findChromium } from '../harness/find-chromium.js';
import type { VirtualLan } from './virtual-lan.js';

const DRIVER = fileURLToPath(new URL('./browser-driver.mjs', import.meta.url));

/** Options of `openBrowserInLaptop`. */
export interface BrowserOptions {
  /** The host (IP) of the pages it will open, or several: excluded from the "resolve nothing" rule. */
  readonly pageHost: string | readonly string[];
  /** Extra Chromium flags. */
  readonly flags?: readonly string[];
}

/** A Chromium page in a laptop. Every call rejects with the page's error on failure. */
export interface LaptopBrowser {
  goto(url: string): Promise<string>;
  /** Evaluate a JavaScript expression in the page (a promise is awaited); returns its JSON value. */
  evaluate<T = unknown>(expr: string): Promise<T>;
  /** Wait until the expression is truthy in the page; returns its value. */
  waitFor<T = unknown>(expr: string, timeoutMs?: number): Promise<T>;
  /**
   * Serve this page, and only it, the scripts under `path` with every match of `find` (a regular
   * expression's source) replaced by `replace`: a test plants a fault in one page's game.
   */
  patchScript(path: string, find: string, replace: string): Promise<void>;
  /** The scripts patched so far, and how many places the pattern matched in each. */
  patches(): Promise<readonly { readonly url: string; readonly matches: number }[]>;
  /** Click `selector` and return the download it starts: its file name and its text. */
  download(selector: string, timeoutMs?: number): Promise<{ readonly name: string; readonly text: string }>;
  /**
   * Stop all of the page's JavaScript, as a locked phone does (CDP Debugger.pause); resolves with
   * the driver's clock (ms) once Chromium reports the page paused. Do not evaluate until `resume`.
   */
  pause(): Promise<number>;
  /** Let the page's JavaScript run again (CDP Debugger.resume); resolves with the driver's clock (ms). */
  resume(): Promise<number>;
  /** The page's console lines so far (for failure messages). */
  consoleLines(): readonly string[];
  close(): Promise<void>;
}

type Reply = { id?: number; ok?: boolean; value?: unknown; error?: string; event?: string; text?: string };

/** Launch Chromium in laptop `i` of `lan`. Resolves once the browser is up. */
export async function openBrowserInLaptop(lan: VirtualLan, i: number, options: BrowserOptions): Promise<LaptopBrowser> {
  const profile = mkdtempSync(join(tmpdir(), `${lan.prefix}-chromium-`));
  const hosts = typeof options.pageHost === 'string' ? [options.pageHost] : options.pageHost;
  const env = { ...process.env, CHROMIUM_PATH: findChromium() };
  const child = lan.spawnNode(i, DRIVER, [hosts.join(','), profile, JSON.stringify(options.flags ?? [])], { env });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const consoleLines: string[] = [];
  let stderr = '';
  let nextId = 1;
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (readyResolve = resolve));
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let reply: Reply;
    try {
      reply = JSON.parse(line) as Reply;
    } catch {
      return;
    }
    if (reply.event === 'ready') readyResolve();
    else if (reply.event === 'console') consoleLines.push(reply.text ?? '');
    else if (reply.id !== undefined) {
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.ok) waiter?.resolve(reply.value);
      else waiter?.reject(new Error(`${reply.error}\npage console:\n${consoleLines.slice(-15).join('\n')}`));
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error(`browser driver exited: ${stderr.slice(-1500)}`));
    pending.clear();
    rmSync(profile, { recursive: true, force: true });
  });
  await Promise.race([
    ready,
    exited.then(() => {
      throw new Error(`Chromium did not start in laptop ${i}: ${stderr.slice(-1500)}`);
    }),
  ]);

  const call = <T>(msg: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.stdin?.write(`${JSON.stringify({ ...msg, id })}\n`);
    });

  return {
    goto: (url) => call<string>({ op: 'goto', url }),
    evaluate: <T>(expr: string) => call<T>({ op: 'evaluate', expr }),
    waitFor: <T>(expr: string, timeoutMs = 10_000) => call<T>({ op: 'waitFor', expr, timeoutMs }),
    patchScript: async (path, find, replace) => void (await call({ op: 'patchScript', path, find, replace })),
    patches: () => call({ op: 'patches' }),
    download: (selector, timeoutMs = 10_000) => call({ op: 'download', selector, timeoutMs }),
    pause: () => call<number>({ op: 'pause' }),
    resume: () => call<number>({ op: 'resume' }),
    consoleLines: () => consoleLines,
    async close() {
      if (child.exitCode === null) {
        call({ op: 'close' }).catch(() => undefined);
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
