/**
 * Watching a match on this page (issue #11 part 3). The host says which match and which player
 * feeds this page (`spectating`); the page registers its own peer id at the signalling server,
 * connects to that player alone, and runs a spectator's engine (net/spectate) until its snapshot
 * is loaded; then the match goes on the stage like a player's, with no local slot: the same scene,
 * loop and test surface (`window.ricochet.role()` is 'spectator'). When the host names another
 * feeder (the first one left), the page connects to it and goes on from the frames it holds.
 * "Play again" on the results takes a free slot in the host's lobby for the next match.
 */
import type { LobbyClient, Spectating } from '../../net/lobby';
import { createPeerjsTransport, type PeerjsTransport } from '../../net/mesh';
import { createSpectator, type SpectatorEngine } from '../../net/spectate';
import { ricochetGame, type SimState } from '../sim/index';
import { showToast } from '../ui/toast';
import type { MatchActions, MatchSession } from './match-session';
import type { MatchStage } from './match-stage';
import { withStartOptions } from './network-play';
import { runMatch, type RunMatchOptions } from './run-match';

/** Give up on a first snapshot after this long. */
const LOAD_TIMEOUT_MS = 20_000;
/** How often the page services the spectator before its match is on screen, and checks its feed after. */
const POLL_MS = 20;

/** What watching needs from the page. */
export interface SpectateDeps {
  readonly stage: MatchStage;
  /** A line on the lobby screen (null clears it). */
  readonly say: (problem: string | null) => void;
  /** "Play again": take a free slot in the host's lobby. */
  readonly join: () => void;
  /** Starts the match's loop: runMatch, or a fake in Node tests. */
  readonly run?: (options: RunMatchOptions) => MatchSession;
}

/** One match being watched. */
interface Watched {
  readonly matchNumber: number;
  readonly mesh: PeerjsTransport;
  readonly spectator: SpectatorEngine<SimState>;
  timer: ReturnType<typeof setInterval> | null;
}

/** The page's spectator side: give it each `spectating` from the host. */
export function createSpectateView(deps: SpectateDeps): { onSpectating(spectating: Spectating): void; stop(): void } {
  let watched: Watched | null = null;
  const stop = (): void => {
    if (!watched) return;
    if (watched.timer) clearInterval(watched.timer);
    watched.mesh.close();
    watched = null;
  };
  const actions: MatchActions = {
    onOver: () => undefined,
    onPlayAgain: (say) => {
      say('Taking a free slot for the next match…');
      stop();
      deps.stage.clear();
      deps.join();
    },
    onBackToLobby: () => {
      stop();
      deps.stage.clear();
    },
    onLeave: stop,
    onQuit: () => {
      stop();
      deps.stage.clear();
    },
  };
  return {
    onSpectating(spectating) {
      const { start, feeder } = spectating;
      if (!start || !feeder) return deps.say('Waiting for the match to start: this page will watch it.');
      if (watched?.matchNumber === start.matchNumber) return switchFeeder(watched, feeder);
      stop();
      watched = watch(spectating, deps, actions);
    },
    stop,
  };
}

/** The host named another feeder: connect to it, and go on from what the page holds. */
function switchFeeder(watched: Watched, feeder: string): void {
  if (watched.spectator.status().feeder === feeder) return;
  watched.mesh.addPeer(feeder);
  watched.spectator.switchFeeder(feeder);
  showToast('The player feeding this view left: another one goes on.');
}

/** Connects to the feeder and shows the match once its snapshot is loaded. */
function watch(spectating: Spectating, deps: SpectateDeps, actions: MatchActions): Watched {
  const start = spectating.start as NonNullable<Spectating['start']>;
  const feeder = spectating.feeder as string;
  const mesh = createPeerjsTransport({ self: spectating.peerId, peers: [feeder], server: spectating.peerServer, iceServers: spectating.iceServers });
  const spectator = createSpectator({ game: ricochetGame, transport: mesh, feeder, slots: start.slotOwners.length, waitForPeerUp: true });
  const watched: Watched = { matchNumber: start.matchNumber, mesh, spectator, timer: null };
  deps.say('Connecting to the match to watch it…');
  const began = performance.now();
  let lostShown = false;
  watched.timer = setInterval(() => {
    const now = performance.now();
    const status = spectator.status();
    if (spectator.ready()) {
      // On screen: the match loop polls it; only the feed's loss is watched for here.
      if (status.phase === 'feeder-lost' && !lostShown) showToast('The player feeding this view left: waiting for the host to name another…');
      lostShown = status.phase === 'feeder-lost';
      return;
    }
    spectator.poll(now);
    if (spectator.ready()) return show(spectating, spectator, deps, actions);
    if (status.phase === 'failed' || now - began > LOAD_TIMEOUT_MS) {
      deps.say(status.problem ?? `Could not reach the player feeding this view (${feeder}) within ${LOAD_TIMEOUT_MS / 1000} s.`);
      if (watched.timer) clearInterval(watched.timer);
    }
  }, POLL_MS);
  return watched;
}

/** Puts the watched match on the stage: the players' scene and loop, with a spectator's engine. */
function show(spectating: Spectating, spectator: SpectatorEngine<SimState>, deps: SpectateDeps, actions: MatchActions): void {
  const start = spectating.start as NonNullable<Spectating['start']>;
  deps.say(null);
  const options: RunMatchOptions = {
    transport: { self: spectating.peerId, send: () => undefined, drain: () => [] },
    slotOwners: start.slotOwners,
    localSlots: [],
    setup: { seed: start.seed, players: start.names.map((name) => ({ name })) },
    botSlots: [],
    startAtMs: performance.now(),
    colours: start.colours,
    engine: spectator,
  };
  const session = (deps.run ?? runMatch)(withStartOptions(options, start));
  deps.stage.show({ session, actions });
}

/** Asks the host to watch: `spectate=1`, or a join refused because the match started or is full. */
export function askToWatch(lobby: Pick<LobbyClient, 'spectate' | 'state'>, name: string, pin: string | undefined): void {
  if (lobby.state().spectating || lobby.state().welcome) return;
  lobby.spectate(name, pin);
}
