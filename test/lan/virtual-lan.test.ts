import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualLan, sweepStaleLans, type VirtualLan } from './virtual-lan.js';

const namespaces = (): string[] => execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ')[0] ?? '');
const pingLoss = (out: string): number => Number(/(\d+(?:\.\d+)?)% packet loss/.exec(out)?.[1] ?? NaN);

describe('the virtual LAN harness', () => {
  let lan: VirtualLan;
  beforeAll(async () => {
    lan = await createVirtualLan({ laptops: 3, laptopOptions: { 2: { link: false } } });
  });
  afterAll(async () => {
    await lan?.destroy();
  });

  it('connects laptops on a private subnet of its own', async () => {
    expect(lan.laptops.map((l) => l.ip)).toEqual([`${lan.subnet}.11`, `${lan.subnet}.12`, '']);
    const ping = await lan.run(0, 'ping', ['-c', '3', '-i', '0.05', '-W', '2', lan.laptops[1]!.ip]);
    expect(ping.code).toBe(0);
    expect(pingLoss(ping.stdout)).toBe(0);
  });

  it('gives each laptop a multicast route, a dead-end default route and no DNS server', async () => {
    const routes = await lan.run(1, 'ip', ['route']);
    expect(routes.stdout).toContain('224.0.0.0/4 dev eth0');
    expect(routes.stdout).toContain(`default via ${lan.subnet}.1`);
    expect((await lan.run(1, 'cat', ['/etc/resolv.conf'])).stdout).toContain('nameserver 127.0.0.1');
    const offLan = await lan.run(1, 'ping', ['-c', '1', '-W', '1', '192.0.2.1']);
    expect(offLan.code).not.toBe(0);
  });

  it('leaves a linkless laptop with loopback only', async () => {
    const links = await lan.run(2, 'ip', ['-o', 'link']);
    expect(links.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('drops everything to and from a cut laptop until its link is restored', async () => {
    await lan.cutLink(1);
    const cut = await lan.run(0, 'ping', ['-c', '2', '-i', '0.2', '-W', '1', lan.laptops[1]!.ip]);
    expect(pingLoss(cut.stdout)).toBe(100);
    await lan.restoreLink(1);
    const back = await lan.run(0, 'ping', ['-c', '2', '-i', '0.2', '-W', '2', lan.laptops[1]!.ip]);
    expect(pingLoss(back.stdout)).toBe(0);
  });

  it('adds delay under the bad-wifi profile', async () => {
    await lan.setProfile('bad-wifi');
    const ping = await lan.run(0, 'ping', ['-c', '8', '-i', '0.05', '-W', '2', lan.laptops[1]!.ip]);
    await lan.setProfile('clean');
    const avg = Number(/= [\d.]+\/([\d.]+)\//.exec(ping.stdout)?.[1]);
    // Round trip crosses the 15 ms one-way delay twice: well above a clean switch's < 1 ms.
    expect(avg).toBeGreaterThan(10);
  });

  it('deletes its namespaces and kills its processes on destroy', async () => {
    const other = await createVirtualLan({ laptops: 1 });
    const sleeper = other.exec(0, 'sleep', ['60']);
    const exited = new Promise((resolve) => sleeper.once('exit', resolve));
    expect(namespaces()).toContain(other.laptops[0]!.ns);
    await other.destroy();
    await exited;
    expect(namespaces().filter((ns) => ns.startsWith(`${other.prefix}-`))).toEqual([]);
  });

  it("sweeps the namespaces a dead test process left behind, and never a live one's", () => {
    const dead = spawnSync('true').pid as number; // a pid that has exited
    const orphan = `rl${dead}n0-l0`;
    execFileSync('ip', ['netns', 'add', orphan]);
    try {
      expect(sweepStaleLans()).toContain(orphan);
      expect(namespaces()).not.toContain(orphan);
      expect(namespaces()).toContain(lan.laptops[0]!.ns); // this process's LAN stays
    } finally {
      if (namespaces().includes(orphan)) execFileSync('ip', ['netns', 'del', orphan]);
    }
  });
});

describe('Chromium in a laptop', () => {
  it('opens a page served by another laptop and evaluates in it', async () => {
    const { openBrowserInLaptop } = await import('./browser-in-laptop.js');
    const lan = await createVirtualLan({ laptops: 2 });
    try {
      const server = lan.exec(0, 'python3', ['-u', '-m', 'http.server', '--bind', lan.laptops[0]!.ip, '8000', '--directory', 'test/lan']);
      await new Promise((resolve) => server.stdout?.once('data', resolve));
      const browser = await openBrowserInLaptop(lan, 1, { pageHost: lan.laptops[0]!.ip });
      try {
        await browser.goto(`http://${lan.laptops[0]!.ip}:8000/`);
        expect(await browser.evaluate<string>('document.body.innerText')).toContain('shaper.py');
        expect(await browser.waitFor<number>('location.port === "8000" && 42')).toBe(42);
        await expect(browser.evaluate('nosuchthing.x')).rejects.toThrow(/nosuchthing/);
      } finally {
        await browser.close();
      }
    } finally {
      await lan.destroy();
    }
  });
});
