/**
 * The lockstep half of the mesh lab page: a whole networked match without Phaser and without the
 * host. `connectMatch` over the real PeerJS mesh, then the real lockstep engine with the real sim,
 * every local slot played by the deterministic bot, stepped by the client's own match loop and
 * fixed-step clock (game/app) on a 16 ms timer (a 60 Hz display's rAF). It isolates mesh + engine + sim for the LAN tests.
 *
 * `window.lockstepLab`: `play(options)` resolves with the connect result; then `frame()`,
 * `checkpoints()`, `stats()`, `events()` (lockstep events with the page time), `leaves()`,
 * `rematch()` and `seeds()` (of every match played).
 * It goes through `startNetworkMatch` like the real page, so rematches are the same, and leaving
 * is too: like the page's one pagehide handler, it closes the network match (leave, then close).
 */
import { createFrameClock } from '../../../game/app/frame-clock';
import { createMatchLoop } from '../../../game/app/match-loop';
import { botInput } from '../../../game/bots/bot';
import { ricochetGame } from '../../../game/sim/index';
import type { SimSetup, SimState } from '../../../game/sim/types';
import { DEFAULT_MATCH_OPTIONS, type StartInfo, type Welcome } from '../../../net/lobby/messages';
import { FRAME_MS } from '../../../net/lockstep/engine-types';
import { createLockstep } from '../../../net/lockstep/lockstep';
import type { LockstepEngine, LockstepEvent } from '../../../net/lockstep/engine-types';
import { PROTOCOL_VERSION } from '../../../net/protocol/wire-format';
import { connectionFigures, startNetworkMatch, type NetworkMatch, type NetworkMatchRun } from '../../../net/mesh/network-match';
import type { PeerServerParams } from '../../../net/mesh/mesh-ports';

/** What a lab match needs: the same on every page but `self`. */
export interface PlayOptions {
  readonly self: string;
  readonly slotOwners: readonly string[];
  readonly seed: number;
  readonly server: PeerServerParams;
}

/** Like a 60 Hz display's requestAnimationFrame, which drives the real page. */
const TICK_MS = 16;

let engine: LockstepEngine<SimState> | null = null;
let network: NetworkMatch<LabSession> | null = null;
let seeds: number[] = [];
const events: (LockstepEvent & { at: number })[] = [];

interface LabSession {
  readonly engine: LockstepEngine<SimState>;
  stop(): void;
}

/** The lab's `runMatch`: engine + the client's match loop on a timer, bots in every local slot. */
function runLabMatch(run: NetworkMatchRun): LabSession {
  const running = createLockstep<SimState, SimSetup>({
    game: ricochetGame, transport: run.transport, setup: run.setup,
    slotOwners: run.slotOwners, localSlots: run.localSlots,
    // The lab pins the mesh and the engine's wait through a cut, as before silence-based away:
    // with it, a page cut off 2 s on bad Wi-Fi can go away again on its return and stall the match
    // (a known bug, README "Away and back"; e2e-away and e2e-faults test away on the real page).
    options: { awayAfterMs: Infinity },
  });
  engine = running;
  seeds = [...seeds, run.setup.seed];
  const loop = createMatchLoop({
    engine: running,
    clock: createFrameClock(FRAME_MS, 30, run.startAtMs),
    localSlots: run.localSlots,
    botSlots: run.localSlots,
    humanInput: () => 0,
    botInput,
  });
  const timer = setInterval(() => {
    const now = performance.now();
    if (now >= run.startAtMs) loop.tick(now);
    for (const e of running.drainEvents()) events.push({ ...e, at: now });
  }, TICK_MS);
  return { engine: running, stop: () => clearInterval(timer) };
}

async function play(options: PlayOptions): Promise<unknown> {
  const names = options.slotOwners.map((_, slot) => `bot${slot}`);
  const start: StartInfo = {
    matchId: 'lab', matchNumber: 1, seed: options.seed, slotOwners: options.slotOwners, names,
    colours: options.slotOwners.map(() => '#FFFFFF' as const), botSlots: [], peerKey: options.server.key, options: DEFAULT_MATCH_OPTIONS,
  };
  const welcome: Welcome = {
    playerId: options.self, peerId: options.self, matchId: 'lab', matchName: 'lab', isCreator: false,
    peerServer: options.server, iceServers: [], protocolVersion: PROTOCOL_VERSION, buildId: 'lab',
  };
  // startNetworkMatch, as the real page does: rematch goes through it too.
  const result = await startNetworkMatch<LabSession>({ start, welcome, runMatch: runLabMatch, playBot: true });
  if (!result.ok) return result;
  network = result.match;
  return { ok: true, ...connectionFigures(result.match.connection()) };
}

const lab = {
  play,
  /** Play again on the same mesh (every page must ask). */
  rematch: async () => (network ? network.rematch() : { ok: false }),
  seeds: () => [...seeds],
  frame: () => engine?.frame() ?? 0,
  checkpoints: () => engine?.checkpoints() ?? [],
  stats: () => engine?.stats() ?? null,
  events: () => [...events],
  leaves: () => engine?.inputLog().leaves ?? [],
};

// Closing the tab tells the peers at once, as the real page does (game/main.ts).
window.addEventListener('pagehide', () => network?.close());

Object.assign(window, { lockstepLab: lab });
