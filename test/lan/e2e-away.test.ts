/**
 * Away and back on the virtual LAN (issue #11 part 1): host in laptop 0 (`--start-when 3`), three
 * real pages with bots (`bot=1&auto=1`) in laptops 1-3, over the wifi profile. One page is frozen
 * for 15 s the way a locked phone is: all its JavaScript stops (CDP Debugger.pause; the page says
 * nothing first, so only its silence tells the others). The other two must play on through it,
 * the frozen page must come back and catch up soon after it wakes, and then all three must agree
 * on every checkpoint, with nobody dropped. The bounds are hang detectors on a loaded 2-core
 * machine, looser than the issue's figures (45 frames a second, at most 3 s of stalls, back within
 * 5 s), which the test prints beside them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockstepEvent } from '../../net/lockstep';
import { checkAgreement, openGameLab, type GameLab } from './lab/game-rig';

const FREEZE_MS = 15_000;
const SAMPLE_MS = 200;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
type Of<T extends LockstepEvent['type']> = Extract<LockstepEvent, { type: T }>;

/** One page's frames sampled while another is frozen: its frame rate and the time it stood still. */
interface Pace {
  readonly fps: number;
  readonly stalledMs: number;
}

function paceOf(samples: readonly (readonly [number, number])[]): Pace {
  let stalledMs = 0;
  for (let i = 1; i < samples.length; i++) {
    const [t0, f0] = samples[i - 1] as readonly [number, number];
    const [t1, f1] = samples[i] as readonly [number, number];
    if (f1 === f0) stalledMs += t1 - t0;
  }
  const [first, last] = [samples[0] as readonly [number, number], samples[samples.length - 1] as readonly [number, number]];
  return { fps: ((last[1] - first[1]) * 1000) / (last[0] - first[0]), stalledMs };
}

describe('a page frozen like a locked phone on the virtual LAN', () => {
  let lab: GameLab;
  beforeAll(async () => {
    lab = await openGameLab({ players: 3, profile: 'wifi' });
    await lab.waitFrames(300, 120_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\nhost log:\n${lab.hostLog().slice(-3000)}`);
    });
  });
  afterAll(async () => {
    await lab?.close();
  });

  const page = (k: number) => lab.pages[k] as NonNullable<GameLab['pages'][number]>;
  const frameOf = (k: number): Promise<number> => page(k).evaluate<number>('window.ricochet.frame()');
  const eventsOf = (k: number): Promise<LockstepEvent[]> => page(k).evaluate<LockstepEvent[]>('window.ricochet.events()');

  it('is away while frozen (the others play on), back and caught up soon after it wakes, and all agree', async () => {
    const frameBefore = await frameOf(0);
    const asked = Date.now();
    await page(2).pause();
    const t0 = Date.now();
    console.log(`page 2's JavaScript stopped ${t0 - asked} ms after the pause was asked for`);
    const samples: [number, number][][] = [[], []];
    while (Date.now() - t0 < FREEZE_MS) {
      const [a, b] = await Promise.all([frameOf(0), frameOf(1)]);
      const now = Date.now();
      samples[0]?.push([now, a]);
      samples[1]?.push([now, b]);
      await sleep(SAMPLE_MS);
    }
    await page(2).resume();
    const woke = Date.now();
    const paces = samples.map(paceOf);
    console.log(`while page 2 was frozen ${FREEZE_MS} ms: ${JSON.stringify(paces.map((p) => ({ fps: Math.round(p.fps * 10) / 10, stalledMs: p.stalledMs })))} (issue: >= 45 fps, <= 3000 ms stalled)`);
    for (const p of paces) {
      expect(p.fps).toBeGreaterThan(35);
      expect(p.stalledMs).toBeLessThan(6000);
    }

    // Back: playing again, and within 120 frames of the others (read at once, all three).
    let spread = Infinity;
    let role = 'away';
    while (Date.now() - woke < 60_000) {
      const [frames, r] = await Promise.all([Promise.all([0, 1, 2].map(frameOf)), page(2).evaluate<string>('window.ricochet.role()')]);
      spread = Math.max(...frames) - Math.min(...frames);
      role = r;
      if (role === 'player' && spread <= 120) break;
      await sleep(100);
    }
    const backMs = Date.now() - woke;
    console.log(`page 2 back and within ${spread} frames of the others ${backMs} ms after it woke (issue: within 120 frames in 5000 ms)`);
    if (role !== 'player' || spread > 120) {
      const seen = await Promise.all([0, 1, 2].map((k) => page(k).evaluate<unknown>('({ frame: window.ricochet.frame(), role: window.ricochet.role(), stalls: window.ricochet.stats()?.stalls, events: window.ricochet.events().filter((e) => e.type !== "delay-changed") })')));
      console.log(`pages: ${JSON.stringify(seen)}`);
    }
    expect(role).toBe('player');
    expect(spread).toBeLessThanOrEqual(120);
    expect(backMs).toBeLessThan(15_000);

    // What each page saw: the frozen one away on its silence, then back, at the same frames; no drop.
    // (The last absence: on a loaded machine a page starved of CPU for a second is away too.)
    const all = await Promise.all([0, 1, 2].map(eventsOf));
    const lastOf = <T extends 'peer-away' | 'peer-back'>(events: LockstepEvent[], type: T) => events.filter((e): e is Of<T> => e.type === type && e.slots.includes(2)).at(-1);
    const goingOf = (events: LockstepEvent[]) => {
      const peer = lastOf(events, 'peer-away')?.peer;
      return events.filter((e): e is Of<'peer-going-away'> => e.type === 'peer-going-away' && e.peer === peer).at(-1);
    };
    console.log(`away and back frames of slot 2: ${JSON.stringify(all.map((events) => events.filter((e) => (e.type === 'peer-away' || e.type === 'peer-back') && e.slots.includes(2)).map((e) => `${e.type}@${(e as Of<'peer-away'>).frame}`)))}`);
    for (const k of [0, 1]) expect(goingOf(all[k] ?? [])?.reason, `page ${k} took page 2 away on its silence`).toMatch(/^silent for/);
    const aways = all.map((events) => lastOf(events, 'peer-away')?.frame);
    const backs = all.map((events) => lastOf(events, 'peer-back')?.frame);
    expect(new Set(aways).size, `away frames ${aways.join()}`).toBe(1);
    expect(new Set(backs).size, `back frames ${backs.join()}`).toBe(1);
    // The absence of the freeze: it began after the pause was asked for, and lasted seconds.
    expect(aways[0]).toBeGreaterThan(frameBefore);
    expect((backs[0] as number) - (aways[0] as number)).toBeGreaterThan(300);
    for (const [k, events] of all.entries()) expect(events.filter((e) => e.type.startsWith('peer-drop') || e.type === 'self-dropped' || e.type === 'desync'), `page ${k}`).toEqual([]);

    // Then they play on together: every checkpoint past the rejoin frame agrees.
    const rejoin = backs[0] as number;
    await lab.waitFrames(rejoin + 600, 90_000);
    const { common, mismatch } = await checkAgreement(lab.pages);
    expect(mismatch).toBeNull();
    const after = (await page(2).evaluate<[number, number][]>('window.ricochet.checkpoints()')).filter(([f]) => f > rejoin).length;
    console.log(`${common} checkpoints compared, ${after} of page 2's after its rejoin frame ${rejoin}`);
    expect(after).toBeGreaterThanOrEqual(15);
    for (const k of [0, 1, 2]) {
      expect(await page(k).evaluate('window.ricochet.problem()')).toBeNull();
      expect(await page(k).evaluate('window.ricochet.replay()?.leaves ?? []')).toEqual([]);
    }
  });
});
