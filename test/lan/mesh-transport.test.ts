/**
 * The PeerJS mesh transport alone, in real Chromium on three laptops of a virtual LAN, with the
 * real `peer` signalling server on a fourth (test/lan/lab). The game and its engine are left out,
 * so a failure here is the mesh's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { median, openMeshLab, type MeshLab } from './lab/mesh-lab-rig';
import type { MeshStatus } from '../../net/mesh/peerjs-transport';

interface LabEvent {
  readonly type: string;
  readonly peer: string;
  readonly at: number;
  readonly reason?: string;
}

describe('the PeerJS mesh on a virtual LAN (wifi profile)', () => {
  let lab: MeshLab;
  beforeAll(async () => {
    lab = await openMeshLab({ laptops: 3, profile: 'wifi' });
    await lab.startAll();
  });
  afterAll(async () => {
    await lab?.close();
  });

  const page = (k: number) => lab.pages[k] ?? expect.unreachable(`no page ${k}`);
  const logOf = (k: number) => page(k).evaluate<LabEvent[]>('window.meshLab.log()');

  it('connects every browser to every other one over both channels', async () => {
    const statuses: MeshStatus[] = [];
    for (let k = 0; k < 3; k += 1) statuses.push(await page(k).waitFor<MeshStatus>('window.meshLab.status()?.meshMs != null && window.meshLab.status()', 30_000));
    for (const [k, status] of statuses.entries()) {
      expect(status.signalling).toBe('open');
      expect(status.links.map((l) => [l.peer, l.state]).sort()).toEqual(lab.ids.filter((_, j) => j !== k).map((p) => [p, 'up']).sort());
      const ups = (await logOf(k)).filter((e) => e.type === 'peer-up');
      expect(ups).toHaveLength(2);
    }
    console.log(`mesh of 3 (wifi): time to full mesh per page ${statuses.map((s) => Math.round(s.meshMs ?? NaN)).join(', ')} ms`);
  });

  it('carries pings both ways on the unreliable channel, losing no more than the link does', async () => {
    const result = await page(0).evaluate<{ rtts: number[]; lost: number }>(`window.meshLab.ping(${JSON.stringify(lab.ids[1])}, 100, 'unreliable')`);
    // 1 % loss each way on wifi: a handful of the 100 round trips may be lost, never most of them.
    expect(result.rtts.length).toBeGreaterThan(85);
    expect(result.rtts.every((r) => r > 0)).toBe(true);
    const reliable = await page(0).evaluate<{ rtts: number[]; lost: number }>(`window.meshLab.ping(${JSON.stringify(lab.ids[2])}, 30, 'reliable')`);
    expect(reliable.lost).toBe(0);
    console.log(`unreliable RTT median ${median(result.rtts).toFixed(1)} ms (lost ${result.lost}/100); reliable median ${median(reliable.rtts).toFixed(1)} ms`);
  });

  it('survives a 2 s cut of one laptop: no departure, and traffic flows again after', async () => {
    for (let k = 0; k < 3; k += 1) await page(k).evaluate('window.meshLab.stream(true)');
    await new Promise((r) => setTimeout(r, 500));
    const cutLaptop = lab.laptopOf[1] ?? 2;
    await lab.lan.cutLink(cutLaptop);
    await new Promise((r) => setTimeout(r, 2000));
    const duringCut = await page(0).evaluate<Record<string, number>>('window.meshLab.received()');
    await lab.lan.restoreLink(cutLaptop);
    await new Promise((r) => setTimeout(r, 2500));
    const after = await page(0).evaluate<Record<string, number>>('window.meshLab.received()');
    const from = lab.ids[1] ?? '';
    expect(after[from] ?? 0).toBeGreaterThan((duringCut[from] ?? 0) + 20);
    for (let k = 0; k < 3; k += 1) expect((await logOf(k)).filter((e) => e.type === 'peer-down')).toEqual([]);
    for (let k = 0; k < 3; k += 1) await page(k).evaluate('window.meshLab.stream(false)');
  });

  it('keeps playing when the signalling server dies, and reports a closed browser down', async () => {
    lab.server.kill('SIGKILL');
    const status = await page(0).waitFor<MeshStatus>("window.meshLab.status()?.signalling === 'lost' && window.meshLab.status()", 15_000);
    expect(status.links.every((l) => l.state === 'up')).toBe(true);
    const pong = await page(1).evaluate<{ rtts: number[] }>(`window.meshLab.ping(${JSON.stringify(lab.ids[2])}, 10, 'unreliable')`);
    expect(pong.rtts.length).toBeGreaterThan(5);
    await page(2).close();
    const down = await page(0).waitFor<LabEvent>(`window.meshLab.log().find((e) => e.type === 'peer-down' && e.peer === ${JSON.stringify(lab.ids[2])})`, 20_000);
    expect(down.reason).toBeTruthy();
    // Each survivor notices on its own (its own ICE timers): page 1 may be a little later.
    await page(1).waitFor(`window.meshLab.log().some((e) => e.type === 'peer-down' && e.peer === ${JSON.stringify(lab.ids[2])})`, 20_000);
    expect((await logOf(1)).filter((e) => e.type === 'peer-down')).toHaveLength(1);
  });
});
