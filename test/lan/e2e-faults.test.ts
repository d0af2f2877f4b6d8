/**
 * Faults during a real match on the virtual LAN (wifi profile): host in laptop 0, four browsers
 * (pages 0-3 in laptops 1-4) with bots playing. One match goes through, in order: a 2 s cut of
 * laptop 2's link, a tab crashing (page 3), `kill -9` of the host process, a tab closed (page 2),
 * and a laptop vanishing (laptop 2, away after the silence threshold). After each, the survivors must go on, and their checkpoints
 * must agree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockstepEvent } from '../../net/lockstep';
import { checkAgreement, openGameLab, type GameLab } from './lab/game-rig';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Replay {
  readonly leaves: readonly (readonly [number, number])[];
}

describe('faults during a match on the virtual LAN', () => {
  let lab: GameLab;
  beforeAll(async () => {
    lab = await openGameLab({ players: 4, profile: 'wifi' });
    await lab.waitFrames(300, 120_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\nhost log:\n${lab.hostLog().slice(-3000)}`);
    });
  });
  afterAll(async () => {
    await lab?.close();
  });

  const frames = (which: number[]): Promise<number[]> =>
    Promise.all(which.map((k) => lab.pages[k]?.evaluate<number>('window.ricochet.frame()') ?? Promise.resolve(0)));
  const agree = async (which: number[]): Promise<number> => {
    const { common, mismatch } = await checkAgreement(which.map((k) => lab.pages[k]).filter((p) => p !== undefined));
    expect(mismatch).toBeNull();
    return common;
  };
  /** Why page k's engine began dropping whoever played `slot`, or undefined if it never did. */
  const dropReason = async (k: number, slot: number): Promise<string | undefined> => {
    const events = (await lab.pages[k]?.evaluate<LockstepEvent[]>('window.ricochet.events()')) ?? [];
    type Of<T extends LockstepEvent['type']> = Extract<LockstepEvent, { type: T }>;
    const dropped = events.find((e): e is Of<'peer-dropped'> => e.type === 'peer-dropped' && e.slots.includes(slot));
    const reason = events.find((e): e is Of<'peer-dropping'> => e.type === 'peer-dropping' && e.peer === dropped?.peer)?.reason;
    if (reason === undefined) console.log(`page ${k} never dropped slot ${slot}: ${JSON.stringify(events)}`);
    return reason;
  };
  const leaves = (k: number): Promise<Replay['leaves']> =>
    lab.pages[k]?.evaluate<Replay['leaves']>('window.ricochet.replay()?.leaves ?? []') ?? Promise.resolve([]);
  /** Milliseconds until every page in `which` is `ahead` frames past where it was. */
  const timeToAdvance = async (which: number[], ahead: number, timeoutMs: number): Promise<number> => {
    const t0 = Date.now();
    const before = await frames(which);
    await Promise.all(which.map((k, j) => lab.pages[k]?.waitFor(`window.ricochet.frame() >= ${(before[j] ?? 0) + ahead}`, timeoutMs)));
    return Date.now() - t0;
  };

  it('waits through a 2 s cut of one laptop, then continues with no desync and nobody dropped', async () => {
    // The shaper takes the cut at once but cutLink resolves ~100 ms later: count from the call.
    const cutAt = Date.now();
    await lab.lan.cutLink(2);
    await sleep(2000 - (Date.now() - cutAt));
    await lab.lan.restoreLink(2);
    // A hang detector, not a speed test: four Chromiums share two cores here, and CI once needed
    // more than 30 s for these 300 frames while other work ran.
    const ms = await timeToAdvance([0, 1, 2, 3], 300, 90_000);
    console.log(`after the cut: all four advanced 300 frames in ${ms} ms`);
    // How each page's mesh saw the others: a link's lastError says why it went down, if it did.
    const links = await Promise.all([0, 1, 2, 3].map((k) => lab.pages[k]?.evaluate<unknown>('window.ricochet.mesh().status?.links')));
    console.log(`after the cut: ${JSON.stringify(links)}`);
    expect(await agree([0, 1, 2, 3])).toBeGreaterThan(10);
    for (const k of [0, 1, 2, 3]) expect(await leaves(k)).toEqual([]);
  });

  it('a crashed tab is dropped on evidence, not after the silence threshold, at one agreed frame, and the others go on', async () => {
    // A renderer crash sends nothing to the peers; its lobby socket closing tells the host, which
    // tells the others, so they need not wait out the silence threshold. Asserted by the reason
    // each survivor gives, not by a time: these machines are shared and noisy.
    const crashing = lab.pages[3]?.goto('chrome://crash').catch(() => 'crashed');
    const ms = await timeToAdvance([0, 1, 2], 60, 20_000);
    await crashing;
    console.log(`crashed tab: survivors advanced 60 frames ${ms} ms after the crash`);
    // Each survivor's own evidence: the host's word that the tab's page is gone (a proposal from
    // another survivor drops no one by itself).
    for (const k of [0, 1, 2]) expect(await dropReason(k, 3)).toMatch(/^connection down/);
    const all = await Promise.all([0, 1, 2].map(leaves));
    expect(all[0]).toHaveLength(1);
    expect(all[0]?.[0]?.[1]).toBe(3);
    for (const l of all) expect(l).toEqual(all[0]);
    await agree([0, 1, 2]);
  });

  it('goes on after kill -9 of the host process', async () => {
    const host = lab.host;
    const gone = host.exitCode !== null || host.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => host.once('exit', () => r()));
    host.kill('SIGKILL');
    await Promise.race([gone, sleep(10_000)]);
    expect(host.signalCode ?? host.exitCode).toBe('SIGKILL');
    await timeToAdvance([0, 1, 2], 300, 30_000);
    await agree([0, 1, 2]);
  });

  it('a closed browser says it leaves, at one agreed frame, and the others go on', async () => {
    // Leaving the page is what closing a tab does (pagehide); then the browser goes away.
    const closing = lab.pages[2]?.goto('about:blank').then(() => lab.pages[2]?.close());
    const ms = await timeToAdvance([0, 1], 60, 20_000);
    await closing;
    console.log(`closed browser: survivors advanced 60 frames ${ms} ms after the close`);
    for (const k of [0, 1]) expect(await dropReason(k, 2)).toBe('left the match');
    const [l0, l1] = [await leaves(0), await leaves(1)];
    expect(l0).toHaveLength(2);
    expect(l1).toEqual(l0);
    await agree([0, 1]);
  });

  it('a crashed laptop is away after a second of silence and the last player goes on', async () => {
    lab.crashLaptop(2);
    const ms = await timeToAdvance([0], 120, 30_000);
    console.log(`crashed laptop: survivor advanced 120 frames ${ms} ms after the crash`);
    // Nothing tells anyone at once that a laptop vanished: its silence makes it away (page 0 has
    // the lowest slot, so of two it is the one that plays on). Its WebRTC link going down later
    // drops it for good.
    const events = (await lab.pages[0]?.evaluate<LockstepEvent[]>('window.ricochet.events()')) ?? [];
    const going = events.find((e) => e.type === 'peer-going-away' && events.some((a) => a.type === 'peer-away' && a.peer === e.peer && a.slots.includes(1)));
    expect(going?.type === 'peer-going-away' && going.reason, JSON.stringify(events)).toMatch(/^silent for/);
    const dropped = events.find((e) => e.type === 'peer-dropped' && e.slots.includes(1));
    if (dropped) expect(await dropReason(0, 1)).toMatch(/^connection down/);
    expect(await leaves(0)).toHaveLength(dropped ? 3 : 2);
  });
});
