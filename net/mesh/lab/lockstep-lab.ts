/**
 * The lockstep half of the mesh lab page: a whole networked match without Phaser and without the
 * host. `connectMatch` over the real PeerJS mesh, then the real lockstep engine with the real sim,
 * every local slot played by the deterministic bot, stepped by the client's own match loop and
 * fixed-step clock (game/app) on a 16 ms timer (a 60 Hz display's rAF). It isolates mesh + engine + sim for the LAN tests.
 *
 * `window.lockstepLab`: `play(options)` resolves with the connect result; then `frame()`,
 * `checkpoints()`, `stats()`, `events()` (lockstep events with the page time), `leaves()`.
 */
import { createFrameClock } from '../../../game/app/frame-clock';
import { createMatchLoop } from '../../../game/app/match-loop';
import { botInput } from '../../../game/bots/bot';
import { ricochetGame } from '../../../game/sim/index';
import type { SimSetup, SimState } from '../../../game/sim/types';
import type { StartInfo, Welcome } from '../../lobby/messages';
import { FRAME_MS } from '../../lockstep/engine-types';
import { createLockstep } from '../../lockstep/lockstep';
import type { LockstepEngine, LockstepEvent } from '../../lockstep/engine-types';
import { PROTOCOL_VERSION } from '../../protocol/messages';
import { connectMatch } from '../connect-match';
import type { PeerServerParams } from '../mesh-ports';

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
const events: (LockstepEvent & { at: number })[] = [];

async function play(options: PlayOptions): Promise<unknown> {
  const names = options.slotOwners.map((_, slot) => `bot${slot}`);
  const start: StartInfo = {
    matchId: 'lab', round: 1, seed: options.seed, slotOwners: options.slotOwners, names,
    colours: options.slotOwners.map(() => '#FFFFFF' as const), botSlots: [],
  };
  const welcome: Welcome = {
    playerId: options.self, peerId: options.self, matchId: 'lab', matchName: 'lab', isCreator: false,
    peerServer: options.server, iceServers: [], protocolVersion: PROTOCOL_VERSION, buildId: 'lab',
  };
  const connected = await connectMatch(start, welcome);
  if (!connected.ok) return connected;
  const setup: SimSetup = { seed: options.seed, players: names.map((name) => ({ name })) };
  const running = createLockstep<SimState, SimSetup>({
    game: ricochetGame, transport: connected.transport, setup,
    slotOwners: connected.slotOwners, localSlots: connected.localSlots,
  });
  engine = running;
  const loop = createMatchLoop({
    engine: running,
    clock: createFrameClock(FRAME_MS, 30, connected.startAtMs),
    localSlots: connected.localSlots,
    botSlots: connected.localSlots,
    humanInput: () => 0,
    botInput,
  });
  setInterval(() => {
    const now = performance.now();
    if (now >= connected.startAtMs) loop.tick(now);
    for (const e of running.drainEvents()) events.push({ ...e, at: now });
  }, TICK_MS);
  addEventListener('pagehide', () => {
    running.leave(performance.now());
    connected.mesh.close();
  });
  const { transport: _t, mesh: _m, ...figures } = connected;
  return figures;
}

const lab = {
  play,
  frame: () => engine?.frame() ?? 0,
  checkpoints: () => engine?.checkpoints() ?? [],
  stats: () => engine?.stats() ?? null,
  events: () => [...events],
  leaves: () => engine?.inputLog().leaves ?? [],
};

Object.assign(window, { lockstepLab: lab });
