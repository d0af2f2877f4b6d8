/**
 * A networked match from the lobby's start to "back to lobby". net/mesh's startNetworkMatch
 * connects the mesh and calls back for every match on it (the first and each rematch); each one
 * goes on the page's stage with the network's answers to the player's choices: the end of a match
 * tells the host (so its lobby reopens), "play again" asks the mesh for a rematch, "back to lobby"
 * closes the mesh, and leaving the page tells the peers at once.
 */
import type { LobbyClient } from '../../net/lobby';
import type { StartInfo, Welcome } from '../../net/lobby';
import type { ConnectMatchOptions } from '../../net/mesh';
import { startNetworkMatch, type NetworkMatch, type StartNetworkMatchResult } from '../../net/mesh';
import type { MatchActions, MatchSession } from './match-session';
import type { MatchStage } from './match-stage';
import type { MeshRecord } from './mesh-record';
import { runMatch, type RunMatchOptions } from './run-match';

/** What a networked match needs from the page. */
export interface NetworkPlayDeps {
  readonly stage: MatchStage;
  /** The lobby: told when a match is over, and tells when a page has closed. */
  readonly lobby: Pick<LobbyClient, 'matchOver' | 'onPeerGone'>;
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
  const close = (): void => {
    stopPeerGone();
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
  };
  const show = (options: RunMatchOptions): MatchSession => {
    // The creator's choice, the same on every page (it came in `start`), rematches included.
    const session = (deps.run ?? runMatch)({ ...options, netcode: start.options.netcode });
    deps.stage.show({ session, actions });
    return session;
  };
  const result = await startNetworkMatch({ start, welcome, runMatch: show, playBot: deps.playBot, ...(deps.connect ? { connect: deps.connect } : {}) });
  if (result.ok) {
    match = result.match;
    deps.record.started(match);
  } else {
    stopPeerGone();
    deps.record.failed(result.error);
  }
  return result;
}

/** Asks the mesh for a rematch with everyone still connected, saying what happens. */
function rematch(match: NetworkMatch<MatchSession>, record: MeshRecord, say: (text: string) => void): void {
  say('Waiting for the others to play again…');
  void match.rematch().then((r) => (r.ok ? record.started(match) : say(`No rematch: ${r.error.message}`)));
}
