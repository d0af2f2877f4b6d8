/**
 * The desync notice and report in real pages (issue #11 part 4), on the virtual LAN: the real host
 * and three Chromium pages with bots. One page's copy of the game is served patched (by the test's
 * browser driver, never by the product): while `globalThis.__ricochetPlant` is above 0, the next
 * shell it fires takes one id too many, so its `shells` section goes astray, once. The two others
 * outvote it at the next checkpoint; it loads their state and agrees again. Every page shows the
 * notice, and its "Download desync report" saves the report `window.ricochet.desyncReport()` gives.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesyncReport } from '../../game/app/desync-report';
import { replayStats, type PlayerStats, type Replay } from '../../game/sim';
import type { LockstepEvent } from '../../net/lockstep';
import type { LaptopBrowser } from './browser-in-laptop';
import { buildGamePage, checkAgreement, openGameLab, type GameLab } from './lab/game-rig';

/** Where a fired shell takes its id (sim/step.ts: `draft.nextShellId = nextShellId`), as the build minifies it. */
const SHELL_ID = String.raw`([\w$]+)\.nextShellId=([\w$]+)`;
const PLANTED = '$1.nextShellId=$2+(globalThis.__ricochetPlant-->0?1:0)';
const ODD = 2;

const events = (page: LaptopBrowser): Promise<LockstepEvent[]> => page.evaluate<LockstepEvent[]>('window.ricochet.events()');
const notice = (page: LaptopBrowser): Promise<string | null> => page.evaluate<string | null>(`document.querySelector('.desync-notice .desync-text')?.textContent ?? null`);

let dist: string | undefined;
let lab: GameLab;
beforeAll(async () => {
  dist = await buildGamePage();
  lab = await openGameLab({ players: 3, profile: 'wifi', dist, creatorParams: 'target=99', beforeOpen: (k, page) => (k === ODD ? page.patchScript('/assets/main-', SHELL_ID, PLANTED) : Promise.resolve()) });
}, 240_000);
afterAll(async () => {
  await lab?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe('a desync planted in one real page of three', () => {
  it('is shown on every page with the section that differs, the odd page resyncs, and Download saves the report', async () => {
    await lab.waitFrames(240, 120_000);
    // The pattern matched exactly once, in the one script that has the sim (fetched by the title
    // screen's loader, then imported: it may be served twice).
    const hits = (await lab.pages[ODD]!.patches()).filter((p) => p.matches > 0);
    expect(new Set(hits.map((p) => p.url)).size).toBe(1);
    expect(hits.map((p) => p.matches)).toEqual(hits.map(() => 1));
    for (const page of lab.pages) expect(await notice(page)).toBeNull();

    await lab.pages[ODD]!.evaluate('globalThis.__ricochetPlant = 1');
    const odd = lab.pages[ODD]!;
    await odd.waitFor(`window.ricochet.events().some((e) => e.type === 'resynced')`, 60_000);
    const oddEvents = await events(odd);
    const desync = oddEvents.find((e): e is Extract<LockstepEvent, { type: 'desync' }> => e.type === 'desync');
    expect(desync).toMatchObject({ outvoted: true, recovering: true });
    expect(desync!.sections).toContain('shells');
    const frame = desync!.frame;
    expect(oddEvents.filter((e) => e.type === 'resync-failed')).toEqual([]);
    expect(await notice(odd)).toMatch(new RegExp(`^Resynced at frame ${frame}: this page loaded the majority's state \\([\\d.]+ kB in \\d+ ms\\) and plays on\\.$`));
    expect(await odd.evaluate<boolean>(`!!document.querySelector('.desync-notice .desync-dismiss')`)).toBe(true);

    // The two others name the odd page and the section, then hear that it agrees again.
    const oddPeer = (await odd.evaluate<{ peer: string; self: boolean }[]>('window.ricochet.peers()')).find((p) => p.self)!.peer;
    const majority = lab.pages.filter((_, k) => k !== ODD);
    for (const page of majority) {
      await page.waitFor(`window.ricochet.events().some((e) => e.type === 'peer-resynced')`, 30_000);
      const seen = await events(page);
      const odds = seen.filter((e): e is Extract<LockstepEvent, { type: 'peer-desynced' }> => e.type === 'peer-desynced');
      expect(odds.map((e) => [e.peer, e.frame])).toEqual([[oddPeer, frame]]);
      expect(odds[0]!.sections).toContain('shells');
      expect(seen.find((e) => e.type === 'peer-resynced')).toMatchObject({ peer: oddPeer });
      expect(seen.filter((e) => e.type === 'desync')).toEqual([]);
      expect(await notice(page)).toMatch(new RegExp(`^Laptop${ODD + 1} is back in sync at frame \\d+: it loaded the majority's state, and all agree again\\.$`));
      expect(await page.evaluate('window.ricochet.problem()')).toBeNull();
    }

    // Download gives the report window.ricochet.desyncReport() gives: the odd page's verdict is
    // `outvoted`, the others' `odd`, each with the sections that differ and the evidence.
    const builds = new Set<string>();
    for (const [k, page] of lab.pages.entries()) {
      const saved = await page.download('.desync-notice .download-desync-report');
      expect(saved.name).toMatch(new RegExp(`^ricochet-desync-\\d{4}-\\d{2}-\\d{2}-\\d+-f${frame}\\.json$`));
      const report = JSON.parse(saved.text) as DesyncReport;
      // The same report, but for the inputs: the last 600 frames of a match that has moved on.
      const { inputs: _inputs, leaves: _leaves, ...now } = await page.evaluate<DesyncReport>('window.ricochet.desyncReport()');
      expect(report).toMatchObject(now);
      expect(report).toMatchObject({ kind: 'ricochet-desync-report', version: 1, frame, verdict: k === ODD ? 'outvoted' : 'odd' });
      if (k !== ODD) expect(report.comparedWith).toBe(oddPeer);
      builds.add(report.build);
      expect(report.diverged).toContain('shells');
      expect(Object.keys(report.dump)).toEqual(report.diverged);
      expect(report.checkpoints).toHaveLength(3);
      expect(report.sections.find((s) => s.name === 'shells')?.differsFrom.length).toBeGreaterThan(0);
      expect(report.state.frame).toBe(frame);
      expect(report.inputs.frames.length).toBeGreaterThan(0);
      expect(await page.evaluate<string>(`document.querySelector('.desync-notice .desync-status')?.textContent`)).toBe(`Saved ${saved.name}`);
    }
    // One build on every page: the patched copy kept its URL, hence its build id.
    expect(builds.size).toBe(1);
    expect([...builds][0]).not.toBe('dev');

    // All three play on and agree on every checkpoint (the odd page's outvoted one is the majority's
    // now); the odd page's statistics are those of its replay, counted again after the resync.
    await lab.waitFrames(frame + 300, 60_000);
    const { common, mismatch } = await checkAgreement(lab.pages);
    expect(mismatch).toBeNull();
    expect(common).toBeGreaterThan(frame / 30);
    const { stats, replay } = await odd.evaluate<{ stats: PlayerStats[]; replay: Replay }>('({ stats: window.ricochet.matchStats(), replay: window.ricochet.replay() })');
    expect(stats).toEqual(replayStats(replay).stats);
  });
});
