/**
 * A networked match from the lobby's start to "back to lobby". net/mesh's startNetworkMatch
 * connects the mesh and calls back for every match on it (the first and each rematch); each one
 * goes on the page's stage with the network's answers to the player's choices: the end of a match
 * tells the host (so its lobby reopens), "play again" asks the mesh for a rematch, "back to lobby"
 * closes the mesh, and leaving the page, or the match from the menu, tells the peers at once. A
 * networked match never pauses: the others play on while the menu is open.
 */
import type { LobbyClient } from '../../net/lobby';
import type { StartInfo, Welcome } from '../../net/lobby';
import type { ConnectMatchOptions } from '../../net/mesh';
import { startNetworkMatch, type NetworkMatch, type StartNetworkMatchResult } from '../../net/mesh';
import { setupWithOptions } from './match-options';
import type { MatchActions, MatchSession } from './match-session';
import type { MatchStage } from './match-stage';
import type { MeshRecord } from './mesh-record';
import { runMatch, type RunMatchOptions } from './run-match';
import { createPageFeed } from './spectator-feed';

/** What a networked match needs from the page. */
export interface NetworkPlayDeps {
  readonly stage: MatchStage;
  /** The lobby: told when a match is over, and tells when a page has closed (and which spectators to feed). */
  readonly lobby: Pick<LobbyClient, 'matchOver' | 'onPeerGone'> & Partial<Pick<LobbyClient, 'onFeed'>>;
  readonly record: MeshRecord;
  /** `bot=1`: a bot plays this page's own slot. */
  readonly playBot: boolean;
  /** Seams for connecting (the page passes the peer it registered on the welcome). */
  readonly connect?: ConnectMatchOptions;
  /** Starts one match's engine and loop: runMatch, or a fake in Node tests (no rAF there). */
  readonly run?: (options: RunMatchOptions) => MatchSession;
}

/** Connects the started match and plays it; resolves once it runs or has failed to connect. */
export async function playNetworkMatch(deps: NetworkPlayDeps, start: StartInfo, welcome: Welcome): Promise<StartNetworkMatchResult<MatchSession>> {
  let match: NetworkMatch<MatchSession> | null = null;
  // The host tells us when a page closes its lobby socket: drop that peer now, not after a silence.
  const stopPeerGone = deps.lobby.onPeerGone((peerId) => match?.peerGone(peerId));
  // The host asks us to feed a spectator: connect to it (asked before the mesh is up: once it is).
  const feeds: string[] = [];
  const stopFeed = deps.lobby.onFeed?.((peerId) => (match ? match.feed(peerId) : feeds.push(peerId))) ?? (() => undefined);
  const close = (): void => {
    stopPeerGone();
    stopFeed();
    match?.close();
  };
  const actions: MatchActions = {
    onOver: () => deps.lobby.matchOver(),
    onPlayAgain: (say) => {
      if (match) rematch(match, deps.record, say);
    },
    onBackToLobby: () => {
      close();
      deps.stage.clear();
    },
    onLeave: close,
    // Leaving mid-match: the engine's leave (in close) drops us at the peers at once, and the
    // host hears that this page is done with the match, as when it ends.
    onQuit: () => {
      close();
      deps.lobby.matchOver();
      deps.stage.clear();
    },
  };
  const show = (options: RunMatchOptions): MatchSession => {
    // The creator's choices, the same on every page (they came in `start`), rematches included.
    // The engine hears the players only; the feeder, the spectators (spectator-feed.ts).
    const feed = createPageFeed(options.transport, options.slotOwners);
    const session = (deps.run ?? runMatch)(withStartOptions({ ...options, transport: feed.transport, afterTick: feed.afterTick }, start));
    deps.stage.show({ session, actions });
    return session;
  };
  const result = await startNetworkMatch({ start, welcome, runMatch: show, playBot: deps.playBot, ...(deps.connect ? { connect: deps.connect } : {}) });
  if (result.ok) {
    match = result.match;
    for (const peerId of feeds.splice(0)) match.feed(peerId);
    deps.record.started(match);
  } else {
    stopPeerGone();
    stopFeed();
    deps.record.failed(result.error);
  }
  return result;
}

/**
 * The creator's options (the host's, the same in every page's start) applied to one match of
 * the mesh: the sim's target score and maze size, and the level of this page's bots. A rematch
 * keeps them; a named maze size is fitted to the players still there, as on every other page.
 */
export function withStartOptions(run: RunMatchOptions, start: StartInfo): RunMatchOptions {
  return { ...run, setup: setupWithOptions(run.setup, start.options), botLevel: start.options.botLevel, netcode: start.options.netcode };
}

/** Asks the mesh for a rematch with everyone still connected, saying what happens. */
function rematch(match: NetworkMatch<MatchSession>, record: MeshRecord, say: (text: string) => void): void {
  say('Waiting for the others to play again…');
  void match.rematch().then((r) => (r.ok ? record.started(match) : say(`No rematch: ${r.error.message}`)));
}
