/**
 * The page's one connection to its host's lobby, kept across scenes: connects once, follows the
 * LAN match list, presets a creator's match options from the page's parameters, readies up with
 * `auto=1`, registers this page at the signalling server on the
 * welcome, and when the host starts the match, plays it over the mesh (network-play.ts).
 * A tab that had joined (lobby-session.ts) joins again by itself whenever it finds itself in the
 * host's lobby unjoined: after a reload, after the lobby socket came back, after a match it lost
 * the host during. Profile edits reach the host only once joined (name and colour).
 * Listeners (the Lobby scene) re-render on any change.
 */
import { connectLobby, type LobbyClient } from '../../net/lobby';
import type { Colour, LobbyClientState, MatchListing, Welcome } from '../../net/lobby';
import type { PeerLike } from '../../net/mesh';
import { createPeerjsPeer } from '../../net/mesh';
import { PROTOCOL_VERSION } from '../../net/protocol';
import type { MatchStage } from './match-stage';
import { readLobbySession, saveLobbySession } from './lobby-session';
import { createMeshRecord, type MeshFigures, type MeshRecord } from './mesh-record';
import { playNetworkMatch } from './network-play';
import { presetOptions, type PageParams } from './params';
import type { Profile } from './profile';
import { askToWatch, createSpectateView } from './spectate-play';
import { createWatchersBadge } from '../ui/watchers-badge';

/** What the lobby screen shows of the network. */
export interface LinkView {
  matches: readonly MatchListing[];
  problem: string | null;
}

/** The page's side of the lobby and the mesh. */
export interface LobbyLink {
  /** The lobby client once connected (whatever its status), else null. */
  lobby(): LobbyClient | null;
  /** The current network view. */
  view(): LinkView;
  /** Calls `cb` on every change of the lobby or the match list; returns an unsubscribe function. */
  onChange(cb: () => void): () => void;
  /** Connects to the host behind the page (once); resolves with the client, whatever its status. */
  ensureLobby(): Promise<LobbyClient>;
  /**
   * Joins the host's match with the profile's name and colour (and readies up with `auto=1`);
   * `pin` is the one typed in the lobby, else the page's `pin=` parameter is sent.
   */
  joinLobby(pin?: string | null): Promise<void>;
  /** The profile's name or colour changed: once joined, the host hears it (a name after a pause in the typing). */
  profileChanged(): void;
  /** The mesh figures for the test surface. */
  mesh(): MeshFigures;
}

/** What the link needs from the page. */
export interface LobbyLinkDeps {
  readonly params: PageParams;
  readonly profile: Profile;
  readonly stage: MatchStage;
  /** Where the tab's membership is kept (default: sessionStorage). */
  readonly session?: Storage;
}

/** The peer registered ahead of the start, if any. */
interface PreparedPeer {
  prepare(welcome: Welcome): void;
  /** The seam that hands the registered peer to the mesh (once), or null if none is ready. */
  take(welcome: Welcome, peerKey: string): { createPeer: () => PeerLike } | null;
}

/** What starting a match needs besides the deps. */
interface StartParts {
  readonly record: MeshRecord;
  readonly prepared: PreparedPeer;
  readonly say: (problem: string | null) => void;
}

/** How long the name field must rest before a rename goes to the host (one roster per name, not per key). */
const RENAME_PAUSE_MS = 400;

/** The link; nothing connects until `ensureLobby`. */
export function createLobbyLink(deps: LobbyLinkDeps): LobbyLink {
  const view: LinkView = { matches: [], problem: null };
  const listeners = new Set<() => void>();
  const record = createMeshRecord();
  const prepared = createPreparedPeer();
  const profile = createProfileSync(deps, () => lobby);
  let lobby: LobbyClient | null = null;
  let connecting: Promise<LobbyClient> | null = null;
  let joining = false;
  let pin = readLobbySession(deps.session)?.pin ?? null;
  const changed = (): void => listeners.forEach((cb) => cb());

  const joinLobby = async (typed?: string | null): Promise<void> => {
    if (!lobby || lobby.state().welcome || joining) return;
    joining = true;
    const tried = typed || pin || deps.params.pin || undefined;
    const joined = await lobby.join(deps.profile.name, deps.profile.colour as Colour, tried);
    joining = false;
    // A host's refusal is already on the status line (the lobby's `refusal`): say it once.
    // Too late or too many to play: watch instead (issue #11: after the start, or the 9th visitor).
    if (!joined.ok && (joined.reason === 'started' || joined.reason === 'full')) askToWatch(lobby, deps.profile.name, tried);
    if (!joined.ok) view.problem = joined.reason === 'no-host' || joined.reason === 'closed' ? joined.message : null;
    else {
      view.problem = null;
      pin = tried ?? null;
      saveLobbySession({ token: joined.welcome.peerServer.token ?? '', pin }, deps.session);
      profile.joined();
      prepared.prepare(joined.welcome);
      presetMatchOptions(lobby, joined.welcome, deps.params);
      if (deps.params.auto) lobby.setReady(true);
    }
    changed();
  };
  const rejoin = createRejoiner(deps, () => void joinLobby());

  const say = (problem: string | null): void => {
    view.problem = problem;
    changed();
  };
  const follow = (client: LobbyClient): LobbyClient => {
    lobby = client;
    client.onChange(changed);
    client.onChange((state) => rejoin(state));
    client.onStart(() => void playStarted(client, { ...deps, record, prepared, say }));
    followSpectating(client, deps, say, () => void joinLobby());
    if (client.state().status !== 'no-host') client.subscribeMatches((matches) => void ((view.matches = matches), changed()));
    rejoin(client.state());
    changed();
    return client;
  };

  return {
    lobby: () => lobby,
    view: () => view,
    onChange(cb) {
      listeners.add(cb);
      return () => void listeners.delete(cb);
    },
    ensureLobby: () => (connecting ??= connectLobby({ protocolVersion: PROTOCOL_VERSION, token: readLobbySession(deps.session)?.token }).then(follow)),
    joinLobby,
    profileChanged: profile.changed,
    mesh: () => record.figures(),
  };
}

/**
 * Calls `join` when the tab wants to be in the host's lobby (it had joined, or `auto=1`) and is
 * not: the socket is open, the lobby is gathering (not mid-match), and this page plays no match.
 * Once per opening of the socket, so a refusal (full, another build) is not asked again and again.
 */
function createRejoiner(deps: LobbyLinkDeps, join: () => void): (state: LobbyClientState) => void {
  let opens = 0;
  let wasOpen = false;
  let triedOn = -1;
  return (state) => {
    const open = state.status === 'open';
    if (open && !wasOpen) opens += 1;
    wasOpen = open;
    const wanted = !deps.params.spectate && (deps.params.auto || readLobbySession(deps.session) !== null);
    if (!wanted || !open || state.welcome || state.start || state.roster?.phase !== 'lobby' || triedOn === opens) return;
    triedOn = opens;
    join();
  };
}

/**
 * The spectator's side of the link: watch what the host says to (`spectating`), ask to watch
 * once per opening of the socket when the page wants to, and show how many watch.
 */
function followSpectating(client: LobbyClient, deps: LobbyLinkDeps, say: (problem: string | null) => void, join: () => void): void {
  const spectate = createSpectateView({ stage: deps.stage, say, join });
  client.onSpectating((spectating) => spectate.onSpectating(spectating));
  let asked = false;
  client.onChange((state) => {
    if (state.status !== 'open') asked = false;
    else if (!asked && wantsToWatch(deps, state)) {
      asked = true;
      askToWatch(client, deps.profile.name, deps.params.pin ?? undefined);
    }
  });
  const badge = createWatchersBadge();
  client.onRoster((roster) => badge.show(roster.watching ?? 0));
}

/**
 * Asks the host to watch when the page wants to: `spectate=1`, or a page that has never joined
 * (no membership in this tab, no `auto=1`) opening while a match runs. Not when it plays or
 * watches already, nor before the socket is open and the roster known.
 */
function wantsToWatch(deps: LobbyLinkDeps, state: LobbyClientState): boolean {
  if (!state.roster || state.welcome || state.spectating) return false;
  const late = state.roster.phase === 'playing' && !deps.params.auto && readLobbySession(deps.session) === null;
  return deps.params.spectate || late;
}

/**
 * Sends the profile's name and colour to the host once joined, and only what changed since the
 * join: before joining they are the page's own (the join carries them), and the host would only
 * answer "Join the match first."
 */
function createProfileSync(deps: LobbyLinkDeps, lobby: () => LobbyClient | null): { joined(): void; changed(): void } {
  let sent = { name: deps.profile.name, colour: deps.profile.colour };
  let renaming: ReturnType<typeof setTimeout> | null = null;
  const rename = (): void => {
    renaming = null;
    const client = lobby();
    if (!client?.state().welcome || deps.profile.name === sent.name) return;
    sent = { ...sent, name: deps.profile.name };
    client.setName(sent.name);
  };
  return {
    joined() {
      sent = { name: deps.profile.name, colour: deps.profile.colour };
    },
    changed() {
      const client = lobby();
      if (!client?.state().welcome) return;
      if (deps.profile.colour !== sent.colour) {
        sent = { ...sent, colour: deps.profile.colour };
        client.setColour(sent.colour as Colour);
      }
      if (renaming) clearTimeout(renaming);
      renaming = setTimeout(rename, RENAME_PAUSE_MS);
    },
  };
}

/** The creator's page sends the options its parameters preset (`target=`, `maze=`, ...), if any. */
function presetMatchOptions(lobby: LobbyClient, welcome: Welcome, params: PageParams): void {
  const preset = presetOptions(params);
  if (welcome.isCreator && Object.keys(preset).length > 0) lobby.setOptions(preset);
}

/** The host started the match: connect and play it, saying in the lobby how that goes. */
async function playStarted(client: LobbyClient, deps: LobbyLinkDeps & StartParts): Promise<void> {
  const { start, welcome } = client.state();
  if (!start || !welcome) return;
  deps.say('Connecting to the other players…');
  const connect = deps.prepared.take(welcome, start.peerKey);
  const { stage, record, params } = deps;
  const result = await playNetworkMatch({ stage, lobby: client, record, playBot: params.bot, ...(connect ? { connect } : {}) }, start, welcome);
  deps.say(result.ok ? null : `${result.error.message} ${result.error.hint}`);
}

/**
 * Registering with the signalling server on the welcome, not at the start, takes it off the time
 * to a full mesh (8 players on the virtual LAN: about 1.2 s instead of 2.8 s). The start takes
 * the registered peer over once; a later start registers afresh.
 */
function createPreparedPeer(): PreparedPeer {
  let prepared: { readonly peerId: string; readonly key: string; readonly peer: PeerLike } | null = null;
  return {
    prepare(welcome) {
      if (prepared?.peerId === welcome.peerId) return;
      // A restarted host gave a new id: the old peer would keep knocking at a server that forgot it.
      prepared?.peer.destroy();
      const { peerId, peerServer, iceServers } = welcome;
      prepared = { peerId, key: peerServer.key, peer: createPeerjsPeer(peerId, peerServer, iceServers) };
    },
    take(welcome, peerKey) {
      const fits = prepared?.peerId === welcome.peerId && prepared.key === peerKey;
      // A peer registered for another match's key would re-register with that key: start afresh.
      if (prepared && !fits) prepared.peer.destroy();
      const peer = fits ? prepared?.peer : null;
      prepared = null;
      return peer ? { createPeer: () => peer } : null;
    },
  };
}
