/**
 * End to end on a virtual LAN: four laptops, the real host process in the first, real Chromium in
 * the three others opening the host's URL with `?auto=1&bot=1`. They join, ready up, the host
 * starts the match (`--start-when 3`), the pages build the WebRTC mesh and bots play for 30 s.
 * Every checkpoint hash must be identical across the three browsers, on `wifi` and on `bad-wifi`.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGamePage, checkAgreement, openGameLab, type GameLab } from './lab/game-rig';
import type { LanProfile } from './virtual-lan';

const PLAY_FRAMES = 30 * 60;

interface Figures {
  readonly meshMs: number | null;
  readonly delay: number;
  readonly rtt: Record<string, number>;
  readonly stalls: number;
  readonly frame: number;
  readonly bytesSent: number;
  readonly seconds: number;
  /** The page's own pace (render level, display rate, late beats): what the CPU left it. */
  readonly pace: unknown;
}

const FIGURES = `(() => {
  const s = window.ricochet.stats();
  const c = window.ricochet.mesh().connection;
  return { meshMs: c?.meshMs ?? null, delay: s.delay, rtt: s.rttByPeer, stalls: s.stalls, frame: window.ricochet.frame(),
    bytesSent: s.bytesSent, seconds: (performance.now() - (c?.startAtMs ?? 0)) / 1000, pace: window.ricochet.pace() };
})()`;

// One build of the page for both profiles.
let dist: string | undefined;
beforeAll(async () => {
  dist = await buildGamePage();
}, 180_000);
afterAll(() => {
  if (dist) rmSync(dist, { recursive: true, force: true });
});

for (const profile of ['wifi', 'bad-wifi'] as LanProfile[]) {
  describe(`a 3-player match on the virtual LAN (${profile})`, () => {
    let lab: GameLab;
    beforeAll(async () => {
      lab = await openGameLab({ players: 3, profile, ...(dist ? { dist } : {}) });
    });
    afterAll(async () => {
      await lab?.close();
    });

    it('discovers, joins, readies, starts and plays 30 s of bots with identical checkpoints everywhere', async () => {
      await lab.waitFrames(1, 90_000).catch((error: unknown) => {
        throw new Error(`${String(error)}\nhost log:\n${lab.hostLog().slice(-3000)}`);
      });
      await lab.waitFrames(PLAY_FRAMES, 120_000);
      const { common, mismatch } = await checkAgreement(lab.pages);
      expect(mismatch).toBeNull();
      // A checkpoint every 30 frames or so: 30 s of play must give dozens, all compared.
      expect(common).toBeGreaterThan(PLAY_FRAMES / 60);
      for (const p of lab.pages) expect(await p.evaluate('window.ricochet.problem()')).toBeNull();
      const figures = await Promise.all(lab.pages.map((p) => p.evaluate<Figures>(FIGURES)));
      for (const f of figures) {
        expect(f.meshMs).not.toBeNull();
        expect(Object.keys(f.rtt)).toHaveLength(2);
      }
      console.log(`${profile}: ${JSON.stringify(figures)}`);
    });
  });
}
