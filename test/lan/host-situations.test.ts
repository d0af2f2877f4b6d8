/**
 * The host's bad situations, each on a laptop of the virtual LAN built to show it: port in use,
 * no multicast route, the mDNS socket taken, no LAN interface at all, and SIGINT. In each the host
 * says what happened, keeps serving, and players can still join with the printed URL.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../net/protocol/index.js';
import { createVirtualLan, type VirtualLan } from './virtual-lan.js';
import { standInDist, startHostIn, watchMatches, type HostProcess } from './host-rig.js';

const FETCH = 'fetch(process.argv[1]).then((r) => r.json()).then((j) => console.log(JSON.stringify(j)), (e) => { console.error(String(e)); process.exit(1); })';

describe('the host in bad situations', () => {
  let lan: VirtualLan;
  const dist = standInDist();
  const hosts: HostProcess[] = [];
  const ip = (i: number): string => lan.laptops[i]!.ip;
  const start = (i: number, args: string[]): HostProcess => {
    const host = startHostIn(lan, i, args, dist);
    hosts.push(host);
    return host;
  };
  /** GET a JSON URL from inside laptop i. */
  const getJson = async (i: number, url: string): Promise<Record<string, unknown>> => {
    const result = await lan.run(i, process.execPath, ['-e', FETCH, url]);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };

  beforeAll(async () => {
    lan = await createVirtualLan({
      laptops: 4,
      laptopOptions: { 1: { multicastRoute: false, defaultRoute: false }, 3: { link: false } },
    });
  });
  afterAll(async () => {
    await lan?.destroy();
    rmSync(dist, { recursive: true, force: true });
  });

  it('takes the next free port when its port is in use, and says so', async () => {
    const squatter = lan.exec(0, 'python3', ['-u', '-m', 'http.server', '--bind', '0.0.0.0', '8080']);
    await new Promise((resolve) => squatter.stdout?.once('data', resolve));
    const host = start(0, ['--name', 'Busy port']);
    const url = await host.url(60_000);
    expect(url).toBe(`http://${ip(0)}:8081/`);
    expect(host.log()).toContain('Port 8080 is in use, so the host uses port 8081 instead.');
    expect(await getJson(0, `${url}health`)).toMatchObject({ app: 'ricochet', matchName: 'Busy port' });
    squatter.kill('SIGKILL');
  });

  it('with --no-discovery neither announces itself nor lists others', async () => {
    const hidden = start(2, ['--name', 'Hidden', '--no-discovery', '--port', '8400']);
    const hiddenUrl = await hidden.url(60_000);
    expect(hidden.log()).toContain('LAN discovery is off: share the URL or the QR code.');
    // Laptop 0's host ("Busy port", discovering) never hears of it; it never hears of laptop 0's.
    const seen = watchMatches(lan, 0, `http://${ip(0)}:8081/`);
    const own = watchMatches(lan, 2, hiddenUrl);
    await seen.waitFor((l) => l.some((m) => m.name === 'Busy port'), 10_000);
    await own.waitFor((l) => l.length > 0, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(seen.latest().map((m) => m.name)).not.toContain('Hidden');
    expect(own.latest().map((m) => m.name)).toEqual(['Hidden']);
  });

  it('goes on without discovery when multicast has no route, and says why', async () => {
    const host = start(1, ['--name', 'No multicast']);
    const url = await host.url(60_000);
    expect(host.log()).toMatch(/LAN discovery is off: no route for multicast \(ENETUNREACH\)\. .*still join with the URL/);
    expect(host.log()).toContain('LAN discovery is off: share the URL or the QR code.');
    expect(await getJson(1, `${url}health`)).toMatchObject({ app: 'ricochet', ok: true });
  });

  it('goes on without discovery when the mDNS socket cannot be bound, and says why', async () => {
    const squatter = lan.exec(2, 'python3', ['-u', '-c', "import socket, time\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.bind(('0.0.0.0', 5353))\nprint('bound')\ntime.sleep(600)"]);
    await new Promise((resolve) => squatter.stdout?.once('data', resolve));
    const host = start(2, ['--name', 'No socket']);
    const url = await host.url(60_000);
    expect(host.log()).toMatch(/LAN discovery is off: the mDNS socket failed \(EADDRINUSE\)/);
    expect(await getJson(2, `${url}health`)).toMatchObject({ app: 'ricochet', ok: true });
    squatter.kill('SIGKILL');
  });

  it('serves on 127.0.0.1 when there is no LAN interface, and says so', async () => {
    const host = start(3, ['--name', 'Offline']);
    const url = await host.url(60_000);
    expect(url).toBe('http://127.0.0.1:8080/');
    expect(host.log()).toContain('No network connection was found, so the match is served on this computer only');
    expect(await getJson(3, `${url}health`)).toMatchObject({ app: 'ricochet', ok: true });
  });

  it('refuses an --interface address that no interface has, naming the ones there are', async () => {
    const host = start(0, ['--interface', '192.0.2.77']);
    const exit = await host.exited;
    expect(exit.code).toBe(1);
    expect(host.log()).toContain(`No network interface has the address 192.0.2.77. This machine's LAN addresses: ${ip(0)} (eth0).`);
  });

  it('serves the lobby and PeerJS signalling on its one port, with the key handed out in the welcome', async () => {
    const host = start(0, ['--name', 'Signalling', '--port', '8300']);
    const url = await host.url(60_000);
    const script = `
      const { WebSocket } = require('ws');
      const base = process.argv[1].replace('http', 'ws');
      const lobby = new WebSocket(base + 'api/lobby');
      lobby.on('open', () => lobby.send(JSON.stringify({ type: 'join', protocolVersion: ${PROTOCOL_VERSION}, buildId: 'index-standin1', name: 'Sig' })));
      lobby.on('message', (data) => {
        const msg = JSON.parse(String(data));
        if (msg.type !== 'welcome') return;
        const q = 'key=' + msg.peerServer.key + '&id=' + msg.peerId + '&token=' + msg.peerServer.token;
        const peer = new WebSocket(base + 'peerjs/peerjs?' + q);
        peer.on('message', (m) => { console.log(JSON.stringify({ welcome: msg, peer: JSON.parse(String(m)) })); process.exit(0); });
        peer.on('error', (e) => { console.error(String(e)); process.exit(1); });
      });`;
    const result = await lan.run(0, process.execPath, ['-e', script, url], 20_000);
    expect(result.code, result.stderr).toBe(0);
    const { welcome, peer } = JSON.parse(result.stdout) as { welcome: { peerServer: { path: string; port: number } }; peer: { type: string } };
    expect(welcome.peerServer).toMatchObject({ path: '/peerjs', port: 8300 });
    expect(peer.type).toBe('OPEN');
  });

  it('exits 0 promptly on SIGINT (well under 5 s), after its mDNS goodbye', async () => {
    const host = start(0, ['--name', 'Interrupted', '--port', '8200']);
    await host.url(60_000);
    const at = Date.now();
    host.child.kill('SIGINT');
    const exit = await host.exited;
    expect(exit.code).toBe(0);
    // About a second when idle; the bound is loose because the LAN suite shares two cores with Chromium.
    expect(exit.at - at).toBeLessThan(5000);
    expect(host.log()).toMatch(/SIGINT: stopping the host and saying goodbye on the network[\s\S]*Bye\./);
  });
});
