/**
 * The host process, composed: one HTTP server on one port carries the built game, the PeerJS
 * signalling server (`/peerjs`), the lobby WebSocket (`/api/lobby`), `/health` and the LAN match
 * list (`/api/matches`); mDNS announces and browses beside it. Upgrades are routed by path here,
 * because two WebSocket servers attached to one HTTP server would each reject the other's path.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import type { Duplex } from 'node:stream';
import { MAX_SLOTS, type Health, type MatchAdvert, type MatchListing } from '../lobby/index.js';
import type { HostConfig } from './args.js';
import { buildIdOfDist, ensureDist } from './dist-build.js';
import { createHttpApp } from './http-app.js';
import { planServe, type ServePlan } from './lan-addresses.js';
import { listenOnFreePort } from './listen.js';
import { createLobbyState, type HostFacts, type LobbyState } from './lobby-state.js';
import { createLobbyServer, type LobbyServer } from './lobby-server.js';
import { admitPeer } from './peer-admission.js';
import { createPeerServer, type PeerAdmission, type PeerServer } from './peer-server.js';
import { checkUpgrade, rejectUpgrade, type HostNames } from './upgrade-guard.js';
import { advertOfHealth, createMatchDirectory } from './match-directory.js';
import { startDiscovery, type Discovery } from './discovery.js';

/** What the host tells the person who started it; cli.ts prints these. */
export type HostEvent =
  | { readonly kind: 'info'; readonly text: string }
  | { readonly kind: 'warning'; readonly text: string };

/** A started host. */
export interface RunningHost {
  readonly port: number;
  /** Main URL first. */
  readonly urls: readonly string[];
  /** The same with `?pin=` when there is a PIN: for the person at the host (banner, QR code). */
  readonly inviteUrls: readonly string[];
  readonly localOnly: boolean;
  /** `--interface 127.x.x.x`: served on this machine only, and never announced. */
  readonly loopback: boolean;
  /** The URL for a browser on this machine (`http://localhost:PORT/`, with the PIN), or null when the host listens on one LAN address only. */
  readonly localUrl: string | null;
  matchName(): string;
  readonly discovery: Discovery | null;
  /** Goodbye on mDNS, close every socket and the server. Resolves within about a second. */
  close(): Promise<void>;
}

/** Options of `startHost`. */
export interface StartHostOptions {
  readonly config: HostConfig;
  readonly root: string;
  readonly protocolVersion: number;
  readonly say: (event: HostEvent) => void;
  /** The network interfaces to serve on (default: the machine's); tests pass `{}` to bind 127.0.0.1 only. */
  readonly interfaces?: ReturnType<typeof networkInterfaces>;
  /** Starts mDNS (default: bonjour's, discovery.ts); tests pass a recorder to see that it is not started. */
  readonly discover?: typeof startDiscovery;
}

/** A start-up failure to show as is (no stack): e.g. an unknown --interface address. */
export class HostStartError extends Error {}

const advertOf = (state: LobbyState, protocolVersion: number, pinRequired: boolean): MatchAdvert => ({
  protocolVersion,
  matchId: state.matchId,
  name: state.matchName,
  players: state.members.length,
  capacity: state.capacity,
  phase: state.phase,
  pinRequired,
});

/** A page URL that carries the PIN, so that a phone scanning the QR code need not type it. */
const withPin = (url: string, pin: string | null): string => (pin ? `${url}?pin=${pin}` : url);

/** What `/health` answers for a lobby state. */
export function healthOf(state: LobbyState, buildId: string, protocolVersion: number, pinRequired = false): Health {
  const { name, ...advert } = advertOf(state, protocolVersion, pinRequired);
  return { app: 'ricochet', ok: true, matchName: name, buildId, ...advert };
}

/** This host's own entry in the LAN match list. */
export function selfListingOf(health: Health, url: string): MatchListing {
  return { ...advertOfHealth(health), url, alive: true, self: true };
}

/** Start everything. Throws HostStartError for problems the user must fix. */
export async function startHost(options: StartHostOptions): Promise<RunningHost> {
  const { config, say, protocolVersion } = options;
  const plan = planServe(options.interfaces ?? networkInterfaces(), config.interfaceAddress);
  if (!plan.ok) throw new HostStartError(plan.error);
  const distDir = await ensureDist(options.root, (text) => say({ kind: 'info', text }));
  const buildId = buildIdOfDist(distDir);
  const matchId = randomBytes(4).toString('hex');
  // `peer`'s own key, never handed out: pages send their match's key, which `admit` checks.
  const peerKey = `ricochet-${randomBytes(6).toString('hex')}`;

  const server = createServer();
  server.on('error', () => undefined); // after listen, a server error must not end a running match
  let lobbyRef: LobbyServer | null = null;
  // Only a member's own token registers its peer id (see peer-admission.ts).
  const admit = (id: string, token: string, key: string): PeerAdmission =>
    lobbyRef ? admitPeer(lobbyRef.state(), id, token, key) : { ok: false, status: 503, reason: 'the lobby is not up yet' };
  const peer = createPeerServer(server, { key: peerKey, admit });
  let urls: string[] = [];
  const pinRequired = config.pin !== null;
  const health = (): Health => healthOf(lobbyRef?.state() ?? createLobbyState(matchId, config.name), buildId, protocolVersion, pinRequired);
  const directory = createMatchDirectory({ self: () => selfListingOf(health(), urls[0] ?? '') });
  const names = baseHostNames(plan.addresses);
  const ports = new Set<number>();
  const self: HostNames = { names: () => names, ports };
  const inviteUrls = (): string[] => urls.map((url) => withPin(url, config.pin));
  const app = createHttpApp({ distDir, health, urls: () => urls, inviteUrls, subscribeMatches: (cb) => directory.subscribe(cb), self, peerjs: peer.app });
  server.on('request', app);

  const port = await listenOnFreePort(server, config.port, plan.bind);
  if (port !== config.port) say({ kind: 'warning', text: `Port ${config.port} is in use, so the host uses port ${port} instead.` });
  urls = plan.addresses.map((a) => `http://${a.address}:${port}/`);

  const facts = hostFacts(options, buildId, plan.addresses[0]?.address ?? '127.0.0.1', port);
  let discovery: Discovery | null = null;
  const lobby = createLobbyServer(
    createLobbyState(matchId, config.name, MAX_SLOTS),
    {
      facts,
      random: { seed: () => randomInt(0, 2 ** 32), peerId: () => `rp${randomBytes(8).toString('hex')}`, secret: () => randomBytes(16).toString('hex') },
    },
    (state) => {
      if (discovery?.on) discovery.update(advertOf(state, protocolVersion, pinRequired));
      directory.selfChanged();
    },
    { pin: config.pin },
  );
  lobbyRef = lobby;

  ports.add(port);
  routeUpgrades(server, self, lobby, peer);

  discovery = await startHostDiscovery(options, plan, port, advertOf(lobby.state(), protocolVersion, pinRequired), directory);
  if (discovery?.on && discovery.name !== config.name) lobby.rename(discovery.name);
  if (discovery?.on) names.add(discovery.host.toLowerCase());

  const closeAll = async (): Promise<void> => {
    if (discovery?.on) await discovery.stop();
    directory.stop();
    lobby.close();
    peer.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const localUrl = localUrlOf(plan, port, config.pin);
  return { port, urls, inviteUrls: inviteUrls(), localOnly: plan.localOnly, loopback: plan.loopback, localUrl, matchName: () => lobby.state().matchName, discovery, close: closeAll };
}

/** What the lobby hands out about this host. */
function hostFacts(options: StartHostOptions, buildId: string, address: string, port: number): HostFacts {
  const { config, protocolVersion } = options;
  return {
    protocolVersion,
    buildId,
    peerServer: { host: address, port, path: '/peerjs', secure: false },
    iceServers: config.iceServers.map((urls) => ({ urls })),
    startWhen: config.startWhen,
  };
}

/** Route upgrades by path, after the edge check (see upgrade-guard.ts). */
function routeUpgrades(server: Server, self: HostNames, lobby: LobbyServer, peer: PeerServer): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A reset during the handshake would otherwise be an unhandled 'error' on this socket.
    socket.on('error', () => socket.destroy());
    const verdict = checkUpgrade(req.headers, self);
    if (!verdict.ok) return rejectUpgrade(socket, verdict.status, verdict.reason);
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    if (path === '/api/lobby') lobby.handleUpgrade(req, socket, head);
    else if (!peer.tryUpgrade(path, req, socket, head)) socket.destroy();
  });
}

/** The names this host answers to before discovery adds its announced `.local` name. */
function baseHostNames(addresses: readonly { address: string }[]): Set<string> {
  return new Set(['127.0.0.1', 'localhost', `${hostname().toLowerCase()}.local`, ...addresses.map((a) => a.address)]);
}

/**
 * `localhost` reaches a host listening on every interface or on 127.0.0.1; one listening on a
 * single LAN address (or another 127.x) is reached by that address only, which `urls` has.
 */
function localUrlOf(plan: Extract<ServePlan, { ok: true }>, port: number, pin: string | null): string | null {
  return plan.bind === '0.0.0.0' || plan.bind === '127.0.0.1' ? withPin(`http://localhost:${port}/`, pin) : null;
}

async function startHostDiscovery(
  options: StartHostOptions,
  plan: Extract<ServePlan, { ok: true }>,
  port: number,
  advert: MatchAdvert,
  directory: ReturnType<typeof createMatchDirectory>,
): Promise<Discovery | null> {
  const { config, say } = options;
  // On loopback nobody else could join: announcing would only list a match no one can reach.
  if (!config.discovery || plan.loopback) return null;
  if (plan.localOnly) {
    say({ kind: 'warning', text: 'LAN discovery is off: there is no LAN interface.' });
    return null;
  }
  const discovery = await (options.discover ?? startDiscovery)({
    advert,
    port,
    interfaceAddress: config.interfaceAddress,
    onUp: (host) => directory.up(host),
    onDown: (fqdn) => directory.down(fqdn),
    onWarning: (text) => say({ kind: 'warning', text: `LAN discovery problem: ${text}` }),
  });
  if (!discovery.on) {
    say({
      kind: 'warning',
      text: `LAN discovery is off: ${discovery.reason}. Other laptops will not list this match, but players can still join with the URL or QR code below.`,
    });
  } else if (discovery.name !== config.name) {
    say({ kind: 'warning', text: `The name "${config.name}" is already used by another match on this network, so this one is called "${discovery.name}".` });
  }
  return discovery;
}
