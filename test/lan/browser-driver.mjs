// Headless Chromium driven over stdin/stdout JSON lines. Runs INSIDE a laptop namespace (started by
// test/lan/browser-in-laptop.ts), because Chromium must live in the namespace whose network it uses.
//   in:  {"id":1,"op":"goto","url":"..."} | {"id":2,"op":"evaluate","expr":"..."}
//        | {"id":3,"op":"waitFor","expr":"...","timeoutMs":5000} | {"id":4,"op":"close"}
//        | {"id":5,"op":"patchScript","path":"/assets/index-","find":"<regex>","replace":"..."} (tests that plant a fault)
//        | {"id":6,"op":"patches"} | {"id":7,"op":"download","selector":".button","timeoutMs":10000}
//        | {"id":8,"op":"pause"} | {"id":9,"op":"resume"}   (all of the page's JavaScript stops: a locked phone)
//   out: {"id":1,"ok":true,"value":...} | {"id":1,"ok":false,"error":"..."} | {"event":"console","text":"..."}
// env: CHROMIUM_PATH, the browser to launch (browser-in-laptop.ts finds it with test/harness/find-chromium.ts).
// argv: <page hosts to exclude from the resolver rules, comma-separated> <profile dir> [extra Chromium flags as JSON]
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';
import { readFile } from 'node:fs/promises';

const [pageHosts, profileDir, extraJson = '[]'] = process.argv.slice(2);
const excluded = pageHosts.split(',').filter(Boolean).map((host) => `EXCLUDE ${host}`).join(', ');
const send = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);

// The network-safety flags: no background traffic, and no name resolution outside the virtual LAN
// (the page's host and *.local mDNS ICE candidates excepted).
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  `--host-resolver-rules=MAP * ~NOTFOUND, ${excluded}, EXCLUDE *.local`,
  ...JSON.parse(extraJson),
];

// Never playwright's own download: without the path browser-in-laptop.ts found, stop and say so.
if (!process.env.CHROMIUM_PATH) {
  console.error('browser-driver: CHROMIUM_PATH is not set (browser-in-laptop.ts sets it with findChromium()).');
  process.exit(1);
}
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: process.env.CHROMIUM_PATH,
  headless: true,
  args: FLAGS,
  env: { ...process.env, HOME: profileDir },
  timeout: 60_000,
});
const page = context.pages()[0] ?? (await context.newPage());
page.on('console', (message) => send({ event: 'console', text: `${message.type()}: ${message.text()}` }));
page.on('pageerror', (error) => send({ event: 'console', text: `pageerror: ${error.message}` }));

// Scripts served patched to this page (patchScript): each URL and how many places the pattern matched.
const patches = [];

/**
 * Freezing the page as a locked phone does: CDP's Debugger.pause stops all of its JavaScript
 * (timers, rAF, data-channel handlers) until Debugger.resume; Page.setWebLifecycleState frozen
 * does not stop a headless page (/work/shared/LAN-TESTING.md). `pause` resolves once Chromium
 * reports the page paused (the next script to run stops), so a caller knows it really stopped.
 */
let debuggerSession;
const debuggerOf = async () => {
  if (!debuggerSession) {
    debuggerSession = await context.newCDPSession(page);
    await debuggerSession.send('Debugger.enable');
  }
  return debuggerSession;
};
const pause = async () => {
  const cdp = await debuggerOf();
  const paused = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the page did not pause within 5 s')), 5000);
    cdp.once('Debugger.paused', () => {
      clearTimeout(timer);
      resolve(Date.now());
    });
  });
  await cdp.send('Debugger.pause');
  return paused;
};
const resume = async () => {
  const cdp = await debuggerOf();
  await cdp.send('Debugger.resume');
  return Date.now();
};

const ops = {
  pause,
  resume,
  goto: async (m) => {
    await page.goto(m.url, { waitUntil: 'load', timeout: 30_000 });
    return page.url();
  },
  evaluate: (m) => page.evaluate(m.expr),
  // Polls with page.evaluate, not page.waitForFunction: the host's CSP (script-src 'self', no
  // 'unsafe-eval') forbids the string predicate waitForFunction compiles inside the page, and the
  // tests must run the page under the CSP a player gets.
  waitFor: async (m) => {
    const deadline = Date.now() + (m.timeoutMs ?? 10_000);
    for (;;) {
      const value = await page.evaluate(m.expr);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`waitFor timed out after ${m.timeoutMs ?? 10_000} ms: ${m.expr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  },
  // Serves this page, and only it, scripts whose path starts with `path` with every match of `find`
  // replaced: a test plants a fault in one page's copy of the game (the URL, hence the build id,
  // stays the same). The script is fetched from the host as the page would, inside this laptop.
  patchScript: async (m) => {
    const find = new RegExp(m.find, 'g');
    await page.route((url) => url.pathname.startsWith(m.path) && url.pathname.endsWith('.js'), async (route) => {
      const response = await route.fetch();
      const text = await response.text();
      const matches = text.match(find)?.length ?? 0;
      patches.push({ url: route.request().url(), matches });
      await route.fulfill({ status: 200, headers: { 'content-type': 'text/javascript', 'cache-control': 'no-store' }, body: text.replace(find, m.replace) });
    });
    return true;
  },
  patches: () => patches,
  // Clicks `selector` and returns the download it starts: its file name and text.
  download: async (m) => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: m.timeoutMs ?? 10_000 }), page.click(m.selector, { timeout: m.timeoutMs ?? 10_000 })]);
    return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
  },
  close: async () => {
    await context.close();
    setTimeout(() => process.exit(0), 0);
    return true;
  },
};

send({ event: 'ready' });
const lines = createInterface({ input: process.stdin });
lines.on('line', async (line) => {
  let m;
  try {
    m = JSON.parse(line);
    const op = ops[m.op];
    if (!op) throw new Error(`unknown op ${m.op}`);
    send({ id: m.id, ok: true, value: await op(m) });
  } catch (error) {
    send({ id: m?.id, ok: false, error: String(error?.message ?? error).split('\n').slice(0, 6).join('\n') });
  }
});
lines.on('close', () => context.close().finally(() => process.exit(0)));
