/**
 * A virtual LAN of N "laptops" on this one machine, for tests that need real mDNS, real sockets
 * and real WebRTC between separate hosts. Needs root and iproute2.
 *
 * Layout (all in namespaces named `<prefix>-*`, unique per run, so parallel runs never collide):
 *   - `<prefix>-sw`: the switch. `test/lan/shaper.py` runs here: a userspace Ethernet switch
 *     between TAP devices that adds delay, jitter and loss (this kernel has no `tc netem`), and
 *     can cut one laptop's link. It also holds `gw0`, a dead-end gateway (no uplink, forwarding
 *     off): Chromium gathers no ICE candidate without a default route, and anything addressed
 *     off the LAN dies there. No link leads into the root namespace.
 *   - `<prefix>-l<i>`: laptop i (0-based), `eth0` = a TAP on the switch, address 10.A.B.(11+i)/24,
 *     a 224.0.0.0/4 route (mDNS) and a default route via the dead-end gateway (both optional).
 *
 * Processes started in a laptop see a DNS-less /etc/resolv.conf (bind-mounted for that process
 * only), so a stray name lookup fails locally. Teardown always happens: `destroy()` in `finally`,
 * plus process exit / SIGINT / SIGTERM hooks; it kills only pids this harness started (and
 * whatever still runs inside its own namespaces), then deletes its namespaces.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ipSync, killTree, listNamespacePids, runProcess, sleep, type RunResult } from './lan-process.js';
import { PROFILES, shaperConfig, type LanProfile } from './lan-profiles.js';
import { registerTeardown } from './lan-teardown.js';

export type { LanProfile } from './lan-profiles.js';
export type { RunResult } from './lan-process.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const REPO = join(HERE, '..', '..');

/** Per-laptop network options, to build the bad situations tests need. */
export interface LaptopOptions {
  /** Route 224.0.0.0/4 out of eth0 (default true). Without it and a default route, mDNS cannot send. */
  readonly multicastRoute?: boolean;
  /** Default route via the dead-end gateway (default true). Chromium needs it for ICE. */
  readonly defaultRoute?: boolean;
  /** Give the laptop an eth0 at all (default true). false = loopback only: "no LAN interface". */
  readonly link?: boolean;
}

/** Options of `createVirtualLan`. */
export interface VirtualLanOptions {
  readonly laptops: number;
  readonly profile?: LanProfile;
  /** Overrides per laptop index. */
  readonly laptopOptions?: Readonly<Record<number, LaptopOptions>>;
}

/** One laptop of the LAN. `ip` is '' for a laptop without a link. */
export interface Laptop {
  readonly index: number;
  readonly ns: string;
  readonly ip: string;
}

/** A running virtual LAN. Laptop indices are 0-based. */
export interface VirtualLan {
  readonly prefix: string;
  /** The /24, e.g. `10.123.45`. */
  readonly subnet: string;
  readonly laptops: readonly Laptop[];
  /** Start `cmd args` inside laptop i. Tracked: killed on destroy(). stdio defaults to pipes. */
  exec(i: number, cmd: string, args?: readonly string[], opts?: SpawnOptions): ChildProcess;
  /** Start a Node script (.ts via tsx, or .js/.mjs) inside laptop i, as one process (no npx). */
  spawnNode(i: number, script: string, args?: readonly string[], opts?: SpawnOptions): ChildProcess;
  /** Run a command inside laptop i to completion. */
  run(i: number, cmd: string, args?: readonly string[], timeoutMs?: number): Promise<RunResult>;
  /** Change every link's impairment now. */
  setProfile(profile: LanProfile): Promise<void>;
  /** Unplug laptop i: every frame to or from it is dropped (its processes keep running). */
  cutLink(i: number): Promise<void>;
  /** Plug laptop i back in. */
  restoreLink(i: number): Promise<void>;
  /** Kill everything started here and delete the namespaces. Idempotent. */
  destroy(): Promise<void>;
}

let lanCounter = 0;

/** A namespace prefix and /24 subnet unique to this process and call. */
export function uniqueLanIds(pid: number, counter: number): { prefix: string; subnet: string } {
  const n = pid * 7 + counter;
  return { prefix: `rl${pid}n${counter}`, subnet: `10.${100 + (Math.floor(n / 250) % 150)}.${(n % 250) + 1}` };
}

function buildLaptop(ns: string, ip: string, options: LaptopOptions, gateway: string): void {
  ipSync(['netns', 'add', ns]);
  ipSync(['-n', ns, 'link', 'set', 'lo', 'up']);
  if (options.link === false) return;
  // No IPv6 duplicate address detection: addresses are usable at once instead of 1-2 s later.
  ipSync(['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv6.conf.default.accept_dad=0', 'net.ipv6.conf.all.accept_dad=0']);
  ipSync(['-n', ns, 'tuntap', 'add', 'dev', 'eth0', 'mode', 'tap']);
  ipSync(['-n', ns, 'link', 'set', 'eth0', 'multicast', 'on']);
  ipSync(['-n', ns, 'addr', 'add', `${ip}/24`, 'dev', 'eth0']);
  ipSync(['-n', ns, 'link', 'set', 'eth0', 'up']);
  if (options.multicastRoute !== false) ipSync(['-n', ns, 'route', 'add', '224.0.0.0/4', 'dev', 'eth0']);
  if (options.defaultRoute !== false) ipSync(['-n', ns, 'route', 'add', 'default', 'via', gateway, 'dev', 'eth0']);
}

/** The switch namespace: loopback, no forwarding, and the dead-end gateway's TAP. */
function buildSwitch(ns: string, gateway: string): void {
  ipSync(['netns', 'add', ns]);
  ipSync(['-n', ns, 'link', 'set', 'lo', 'up']);
  ipSync(['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv4.ip_forward=0']);
  ipSync(['-n', ns, 'tuntap', 'add', 'dev', 'gw0', 'mode', 'tap']);
  ipSync(['-n', ns, 'addr', 'add', `${gateway}/24`, 'dev', 'gw0']);
  ipSync(['-n', ns, 'link', 'set', 'gw0', 'up']);
}

/** Kill whatever still lives in our namespaces (all started by this run), then delete them. */
function removeNamespaces(namespaces: readonly string[]): void {
  for (const ns of namespaces) {
    for (const pid of listNamespacePids(ns)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    try {
      ipSync(['netns', 'del', ns]);
    } catch {
      // already deleted
    }
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Deletes the namespaces (and whatever still runs in them) of virtual LANs whose test process is
 * gone without its teardown: a worker ended by a hook timeout, say. Only our own names
 * (`rl<pid>n<k>-*`, see uniqueLanIds) of pids no longer alive are touched. Returns what it removed.
 */
export function sweepStaleLans(): string[] {
  const stale = ipSync(['netns', 'list'])
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((ns) => {
      const pid = /^rl(\d+)n\d+-/.exec(ns)?.[1];
      return pid !== undefined && !alive(Number(pid));
    });
  removeNamespaces(stale);
  return stale;
}

async function startShaper(switchNs: string, confPath: string, ports: string[], logPath: string): Promise<ChildProcess> {
  const child = spawn('ip', ['netns', 'exec', switchNs, 'python3', join(HERE, 'shaper.py'), 'run', confPath, ...ports], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
    writeFileSync(logPath, log);
  });
  // Up to 20 s: on a loaded machine python3 alone can take seconds to start.
  for (let t = 0; t < 400 && !log.includes('ports'); t += 1) {
    if (child.exitCode !== null) break;
    await sleep(50);
  }
  if (!log.includes('ports')) {
    killTree(child);
    throw new Error(`shaper did not start: ${log.trim() || 'no output'}`);
  }
  return child;
}

/** Build the LAN. Throws (after cleaning up what it made) if the machine cannot. */
export async function createVirtualLan(options: VirtualLanOptions): Promise<VirtualLan> {
  if (options.laptops < 1 || options.laptops > 200) throw new Error('laptops must be 1..200');
  const { prefix, subnet } = uniqueLanIds(process.pid, lanCounter++);
  const switchNs = `${prefix}-sw`;
  const gateway = `${subnet}.1`;
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const confPath = join(dir, 'shaper.json');
  const resolvPath = join(dir, 'resolv.conf');
  writeFileSync(resolvPath, `# virtual LAN ${prefix}: no DNS server\nnameserver 127.0.0.1\noptions timeout:1 attempts:1\n`);
  const children = new Set<ChildProcess>();
  const namespaces: string[] = [];
  let shaper: ChildProcess | null = null;
  let profile: LanProfile = options.profile ?? 'clean';
  const cut = new Set<number>();
  let destroyed = false;

  const destroySync = (): void => {
    if (destroyed) return;
    destroyed = true;
    for (const child of children) killTree(child, 'SIGKILL');
    if (shaper) killTree(shaper, 'SIGKILL');
    removeNamespaces(namespaces);
    rmSync(dir, { recursive: true, force: true });
  };
  const unregister = registerTeardown(destroySync);

  const writeConf = async (): Promise<void> => {
    writeFileSync(confPath, JSON.stringify(shaperConfig(PROFILES[profile], cut)));
    if (shaper?.pid) {
      process.kill(shaper.pid, 'SIGHUP');
      await sleep(100);
    }
  };

  const laptops: Laptop[] = [];
  try {
    namespaces.push(switchNs);
    buildSwitch(switchNs, gateway);
    const ports = [`gw=${switchNs}:gw0`];
    for (let i = 0; i < options.laptops; i += 1) {
      const ns = `${prefix}-l${i}`;
      const laptopOptions = options.laptopOptions?.[i] ?? {};
      const ip = laptopOptions.link === false ? '' : `${subnet}.${11 + i}`;
      namespaces.push(ns);
      buildLaptop(ns, ip, laptopOptions, gateway);
      if (ip) ports.push(`l${i}=${ns}:eth0`);
      laptops.push({ index: i, ns, ip });
    }
    await writeConf();
    shaper = await startShaper(switchNs, confPath, ports, join(dir, 'shaper.log'));
  } catch (error) {
    destroySync();
    unregister();
    throw error;
  }

  const laptopNs = (i: number): string => {
    const laptop = laptops[i];
    if (!laptop) throw new Error(`no laptop ${i} (0..${laptops.length - 1})`);
    return laptop.ns;
  };
  const exec = (i: number, cmd: string, args: readonly string[] = [], opts: SpawnOptions = {}): ChildProcess => {
    if (destroyed) throw new Error('virtual LAN already destroyed');
    // `ip netns exec` gives the command a private mount namespace: the bind mount is its own.
    const wrapper = 'mount --bind "$0" /etc/resolv.conf 2>/dev/null; exec "$@"';
    const child = spawn('ip', ['netns', 'exec', laptopNs(i), 'sh', '-c', wrapper, resolvPath, cmd, ...args], {
      cwd: REPO,
      stdio: 'pipe',
      ...opts,
    });
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
  };
  const nodeArgs = (script: string): string[] => (/\.m?ts$/.test(script) ? ['--import', 'tsx', script] : [script]);

  return {
    prefix,
    subnet,
    laptops,
    exec,
    spawnNode: (i, script, args = [], opts = {}) => exec(i, process.execPath, [...nodeArgs(script), ...args], opts),
    run: (i, cmd, args = [], timeoutMs = 30_000) => runProcess(exec(i, cmd, args), timeoutMs),
    async setProfile(next) {
      profile = next;
      await writeConf();
    },
    async cutLink(i) {
      laptopNs(i);
      cut.add(i);
      await writeConf();
    },
    async restoreLink(i) {
      cut.delete(i);
      await writeConf();
    },
    async destroy() {
      if (destroyed) return;
      // Polite first: SIGTERM lets hosts send their mDNS goodbye and Chromium close.
      for (const child of children) killTree(child, 'SIGTERM');
      for (let t = 0; t < 20 && children.size > 0; t += 1) await sleep(100);
      destroySync();
      unregister();
    },
  };
}
