/**
 * The page's one connection to its host's lobby, kept across scenes: connects once, follows the
 * LAN match list, readies up with `auto=1`, and when the host starts the match, connects the mesh
 * (net/mesh's startNetworkMatch) and runs it. Listeners (the Lobby scene) re-render on any change.
 */
import { connectLobby, type LobbyClient } from '../../net/lobby/lobby-client';
import type { Colour, MatchListing } from '../../net/lobby/messages';
import { prepareMesh } from '../../net/mesh/connect-match';
import { startNetworkMatch } from '../../net/mesh/network-match';
import { PROTOCOL_VERSION } from '../../net/protocol';
import { app } from './app-context';
import { runMatch } from './run-match';

/** What the lobby screen shows of the network. */
export interface LinkView {
  matches: readonly MatchListing[];
  problem: string | null;
}

const view: LinkView = { matches: [], problem: null };
const listeners = new Set<() => void>();
let connecting: Promise<LobbyClient> | null = null;

const changed = (): void => listeners.forEach((cb) => cb());

/** The current network view. */
export const linkView = (): LinkView => view;

/** Calls `cb` on every change of the lobby or the match list; returns an unsubscribe function. */
export function onLinkChange(cb: () => void): () => void {
  listeners.add(cb);
  return () => void listeners.delete(cb);
}

/** Joins the host's match with the profile's name and colour (and readies up with `auto=1`). */
export async function joinLobby(): Promise<void> {
  const lobby = app.lobby;
  if (!lobby || lobby.state().welcome) return;
  const joined = await lobby.join(app.profile.name, app.profile.colour as Colour);
  if (!joined.ok) view.problem = joined.message;
  else {
    // Registering with the signalling server now, not at the start, takes it off the time to a
    // full mesh (8 players on the virtual LAN: about 1.2 s instead of 2.8 s).
    prepareMesh(joined.welcome);
    if (app.params.auto) lobby.setReady(true);
  }
  changed();
}

async function onStart(lobby: LobbyClient): Promise<void> {
  const start = lobby.state().start;
  const welcome = lobby.state().welcome;
  if (!start || !welcome) return;
  view.problem = 'Connecting to the other players…';
  changed();
  const result = await startNetworkMatch({ start, welcome, runMatch, playBot: app.params.bot });
  if (result.ok) {
    app.network = result.match;
    view.problem = null;
  } else {
    view.problem = `${result.error.message} ${result.error.hint}`;
  }
  changed();
}

/** Connects to the host behind the page (once); resolves with the client, whatever its status. */
export function ensureLobby(): Promise<LobbyClient> {
  connecting ??= connectLobby({ protocolVersion: PROTOCOL_VERSION }).then((lobby) => {
    app.lobby = lobby;
    lobby.onChange(changed);
    lobby.onStart(() => void onStart(lobby));
    lobby.onPeerGone((peerId) => app.network?.peerGone(peerId));
    if (lobby.state().status !== 'no-host') {
      lobby.subscribeMatches((matches) => {
        view.matches = matches;
        changed();
      });
    }
    if (app.params.auto) void joinLobby();
    changed();
    return lobby;
  });
  return connecting;
}
