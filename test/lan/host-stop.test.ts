/**
 * How the host ends, run the way players run it: `npm start` in a laptop of the virtual LAN (it
 * announces over mDNS, so never in the root namespace). SIGTERM to npm's own pid must end the whole
 * tree after the host's goodbye, and free its port. With `--interface 127.0.0.1` the host serves
 * loopback only and never opens an mDNS socket.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualLan, type VirtualLan } from './virtual-lan.js';
import { standInDist, startHostIn, watchMatches } from './host-rig.js';

/** The pids of every live descendant of `pid`, from /proc. */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const [child, parent] of parentOf) {
      if (parent === p) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return out;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const BIND = "require('net').createServer().listen(Number(process.argv[1]), process.argv[2], function () { console.log('free'); this.close(); }).on('error', (e) => console.log(e.code))";

describe('stopping the host', () => {
  let lan: VirtualLan;
  const dist = standInDist();

  beforeAll(async () => {
    lan = await createVirtualLan({ laptops: 2 });
  });
  afterAll(async () => {
    await lan?.destroy();
    rmSync(dist, { recursive: true, force: true });
  });

  it('npm start ends, with every child, on SIGTERM to npm, after the goodbye, and frees its port', async () => {
    const npm = lan.exec(0, 'npm', ['start', '--', '--no-open', '--name', 'Stop me', '--port', '8500'], { env: { ...process.env, RICOCHET_DIST_DIR: dist } });
    let out = '';
    npm.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    npm.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    const npmExit = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
    const until = async (what: () => boolean, ms: number, why: () => string): Promise<void> => {
      for (let waited = 0; !what(); waited += 100) {
        if (waited > ms) throw new Error(`${why()}; output:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    await until(() => /Join at http:\/\/\S+:8500\//.test(out), 90_000, () => 'the host never printed its banner');
    // Laptop 1's host lists it (mDNS), and drops it once it has said goodbye.
    const other = startHostIn(lan, 1, ['--name', 'Watcher', '--port', '8501'], dist);
    const seen = watchMatches(lan, 1, await other.url(60_000));
    await seen.waitFor((list) => list.some((m) => m.name === 'Stop me'), 15_000);
    const tree = descendants(npm.pid!);
    expect(tree.length).toBeGreaterThan(0);
    process.kill(npm.pid!, 'SIGTERM');
    await npmExit;
    await until(() => tree.every((pid) => !alive(pid)), 10_000, () => `processes left after SIGTERM: ${tree.filter(alive).map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')).join('; ')}`);
    expect(out).toMatch(/SIGTERM: stopping the host and saying goodbye on the network[\s\S]*Bye\./);
    await seen.waitFor((list) => !list.some((m) => m.name === 'Stop me'), 15_000);
    const port = await lan.run(0, process.execPath, ['-e', BIND, '8500', '0.0.0.0']);
    expect(port.stdout.trim()).toBe('free');
  });

  it('with --interface 127.0.0.1 serves loopback only, says it is not announced, and opens no mDNS socket', async () => {
    const host = startHostIn(lan, 0, ['--interface', '127.0.0.1', '--name', 'Loopback', '--port', '8600'], dist);
    try {
      expect(await host.url(60_000)).toBe('http://127.0.0.1:8600/');
      expect(host.log()).toContain('loopback only: not announced on the LAN');
      expect(host.log()).toContain('In a browser on this computer: http://localhost:8600/');
      // Only 127.0.0.1 listens: the laptop's LAN address is free, and nothing holds UDP 5353.
      expect((await lan.run(0, process.execPath, ['-e', BIND, '8600', lan.laptops[0]!.ip])).stdout.trim()).toBe('free');
      expect((await lan.run(0, process.execPath, ['-e', BIND, '8600', '127.0.0.1'])).stdout.trim()).toBe('EADDRINUSE');
      const udp = await lan.run(0, 'ss', ['-uanp']);
      expect(udp.code).toBe(0);
      expect(udp.stdout).not.toMatch(/:5353\b/);
    } finally {
      host.child.kill('SIGKILL');
      await host.exited;
    }
  });
});
