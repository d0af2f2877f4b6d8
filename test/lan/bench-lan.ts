/**
 * `npm run bench:lan` (root): reruns the virtual-LAN measurements of the mesh and prints a table.
 *
 * - Mesh (net/mesh/lab: the transport alone, real `peer` server, real Chromium): time from the
 *   start to a full mesh (the slowest page's), and the median RTT on the unreliable channel.
 *   8 players are 8 Chromium processes, two per laptop on four laptops, on this 2-core machine.
 * - Game (the real host, the real page, bots playing): input delay chosen, median RTT as the
 *   engine measures it, stalls per 1000 frames, bytes per second per peer (test/lan/lab/game-rig).
 *   Skipped while the host CLI is missing.
 *
 * - Spectator (the same game rig and a 4th browser with `?spectate=1` once the match runs): the
 *   time from opening its page to its lobby (loading the game), from there to its first frame
 *   played past its snapshot (the time for a spectator to join), and the snapshot it loaded.
 *
 * Options: `--quick` (fewer configurations), `--game-seconds S` (default 20), `--only spectate`
 * (the spectator scenario alone).
 */
import { openBrowserInLaptop } from './browser-in-laptop';
import { median, openMeshLab } from './lab/mesh-lab-rig';
import type { MeshStatus } from '../../net/mesh/peerjs-transport';
import type { LanProfile } from './virtual-lan';
import { compareCheckpoints, openGameLab, type Checkpoints } from './lab/game-rig';

interface MeshRow {
  readonly players: number;
  /** Registered at the signalling server before the start, as the page does on the welcome. */
  readonly prepared: boolean;
  readonly profile: LanProfile;
  readonly meshMs: number;
  readonly rttMs: number;
  readonly lost: number;
}

async function measureMesh(players: number, pagesPerLaptop: number, profile: LanProfile, prepared: boolean): Promise<MeshRow> {
  const lab = await openMeshLab({ laptops: players / pagesPerLaptop, pagesPerLaptop, profile });
  try {
    if (prepared) await lab.prepareAll();
    await lab.startAll();
    const statuses = await Promise.all(
      lab.pages.map((p) => p.waitFor<MeshStatus>('window.meshLab.status()?.meshMs != null && window.meshLab.status()', 60_000)),
    );
    const first = lab.pages[0];
    const ping = await first?.evaluate<{ rtts: number[]; lost: number }>(`window.meshLab.ping(${JSON.stringify(lab.ids[1])}, 100, 'unreliable')`);
    return { players, profile, prepared, meshMs: Math.max(...statuses.map((s) => s.meshMs ?? NaN)), rttMs: median(ping?.rtts ?? []), lost: ping?.lost ?? NaN };
  } finally {
    await lab.close();
  }
}

interface GameFigures {
  readonly profile: LanProfile;
  readonly meshMs: number;
  readonly rttMs: number;
  readonly delays: readonly number[];
  readonly stallsPer1000: number;
  readonly bytesSentPerSec: number;
  readonly bytesReceivedPerSec: number;
  readonly desyncs: number;
}

interface PageFigures {
  readonly meshMs: number;
  readonly delay: number;
  readonly rtts: number[];
  readonly stalls: number;
  readonly frame: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly seconds: number;
}

const PAGE_FIGURES = `(() => {
  const s = window.ricochet.stats();
  const c = window.ricochet.mesh().connection;
  return { meshMs: c.meshMs, delay: s.delay, rtts: Object.values(s.rttByPeer), stalls: s.stalls, frame: window.ricochet.frame(),
    bytesSent: s.bytesSent, bytesReceived: s.bytesReceived, seconds: (performance.now() - c.startAtMs) / 1000 };
})()`;

async function measureGame(profile: LanProfile, seconds: number): Promise<GameFigures> {
  const lab = await openGameLab({ players: 3, profile });
  try {
    await lab.waitFrames(seconds * 60, 120_000 + seconds * 2000);
    const pages = await Promise.all(lab.pages.map((p) => p.evaluate<PageFigures>(PAGE_FIGURES)));
    const lists = await Promise.all(lab.pages.map((p) => p.evaluate<Checkpoints>('window.ricochet.checkpoints()')));
    const sum = (f: (p: PageFigures) => number): number => pages.reduce((a, p) => a + f(p), 0);
    return {
      profile,
      meshMs: Math.max(...pages.map((p) => p.meshMs)),
      rttMs: median(pages.flatMap((p) => p.rtts)),
      delays: pages.map((p) => p.delay),
      stallsPer1000: (1000 * sum((p) => p.stalls)) / sum((p) => p.frame),
      bytesSentPerSec: sum((p) => p.bytesSent / p.seconds) / pages.length,
      bytesReceivedPerSec: sum((p) => p.bytesReceived / p.seconds) / pages.length,
      desyncs: compareCheckpoints(lists).mismatch ? 1 : 0,
    };
  } finally {
    await lab.close();
  }
}

interface SpectatorFigures {
  readonly profile: LanProfile;
  /** From opening the spectator's page to its lobby open (loading the game). */
  readonly loadMs: number;
  /** From its lobby open (it asks to watch) to its first frame played past the snapshot. */
  readonly joinMs: number;
  readonly snapshotBytes: number;
}

/** A 3-player match with bots; once it runs, a 4th page watches it (`?spectate=1`). */
async function measureSpectator(profile: LanProfile): Promise<SpectatorFigures> {
  const lab = await openGameLab({ players: 3, profile, spareLaptops: 1 });
  const watcher = await openBrowserInLaptop(lab.lan, 4, { pageHost: lab.lan.laptops[0]?.ip ?? '' });
  try {
    await lab.waitFrames(300, 120_000);
    const opened = Date.now();
    await watcher.goto(`${lab.url}?name=Watcher&spectate=1`);
    await watcher.waitFor("window.ricochet?.lobby()?.status === 'open'", 60_000);
    const t0 = Date.now();
    await watcher.waitFor("window.ricochet?.role() === 'spectator' && window.ricochet.frame() > (window.ricochet.spectator()?.snapshot?.frame ?? Infinity)", 60_000);
    const joinMs = Date.now() - t0;
    const status = await watcher.evaluate<{ snapshot: { bytes: number } | null }>('window.ricochet.spectator()');
    return { profile, loadMs: t0 - opened, joinMs, snapshotBytes: status.snapshot?.bytes ?? NaN };
  } finally {
    await watcher.close().catch(() => undefined);
    await lab.close();
  }
}

async function spectatorTable(profiles: readonly LanProfile[]): Promise<void> {
  const rows: SpectatorFigures[] = [];
  for (const profile of profiles) {
    const figures = await measureSpectator(profile);
    console.error(`spectator ${profile}: ${JSON.stringify(figures)}`);
    rows.push(figures);
  }
  console.log('\nSpectator (3 browsers + host, bots; a 4th page opens `?spectate=1` after 300 frames):\n');
  console.log(table(
    ['profile', 'page opened -> lobby open (ms)', 'lobby open -> first frame watched (ms)', 'snapshot (bytes)'],
    rows.map((r) => [r.profile, r.loadMs.toFixed(0), r.joinMs.toFixed(0), r.snapshotBytes.toFixed(0)]),
  ));
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, header.map(() => '---'), ...rows];
  return lines.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const seconds = Number(args[args.indexOf('--game-seconds') + 1] ?? 20) || 20;
  if (args.includes('--only') && args[args.indexOf('--only') + 1] === 'spectate') return spectatorTable(['wifi']);
  const meshConfigs: [number, number, LanProfile, boolean][] = quick
    ? [[3, 1, 'wifi', false], [8, 2, 'wifi', false], [8, 2, 'wifi', true]]
    : [[3, 1, 'clean', false], [3, 1, 'wifi', false], [3, 1, 'bad-wifi', false], [8, 2, 'clean', false], [8, 2, 'wifi', false], [8, 2, 'wifi', true]];
  const meshRows: MeshRow[] = [];
  for (const [players, perLaptop, profile, prepared] of meshConfigs) {
    const row = await measureMesh(players, perLaptop, profile, prepared);
    console.error(`mesh ${players} ${profile}: ${JSON.stringify(row)}`);
    meshRows.push(row);
  }
  console.log('\nMesh (transport alone):\n');
  console.log(table(
    ['players', 'profile', 'registered before start', 'start -> full mesh (ms)', 'median RTT, unreliable channel (ms)', 'pings lost /100'],
    meshRows.map((r) => [String(r.players), r.profile, r.prepared ? 'yes' : 'no', r.meshMs.toFixed(0), r.rttMs.toFixed(1), String(r.lost)]),
  ));

  const gameRows: GameFigures[] = [];
  for (const profile of (quick ? ['wifi'] : ['wifi', 'bad-wifi']) as LanProfile[]) {
    const figures = await measureGame(profile, seconds);
    console.error(`game ${profile}: ${JSON.stringify(figures)}`);
    gameRows.push(figures);
  }
  console.log(`\nGame (3 browsers + host, bots, ${seconds} s):\n`);
  console.log(table(
    ['profile', 'start -> full mesh (ms)', 'median RTT (ms)', 'input delay (frames)', 'stalls / 1000 frames', 'bytes/s sent per peer', 'bytes/s received per peer', 'desyncs'],
    gameRows.map((g) => [g.profile, g.meshMs.toFixed(0), g.rttMs.toFixed(1), g.delays.join('/'), g.stallsPer1000.toFixed(1), g.bytesSentPerSec.toFixed(0), g.bytesReceivedPerSec.toFixed(0), String(g.desyncs)]),
  ));
  await spectatorTable(quick ? ['wifi'] : ['wifi', 'bad-wifi']);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
