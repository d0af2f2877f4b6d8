/**
 * mDNS discovery with bonjour-service: announce this host's match as `_ricochet._tcp` and browse
 * for the others. Everything that can go wrong turns discovery off with a reason (the host goes on:
 * players can still use the printed URL); nothing here may crash the process:
 *
 *   - no multicast route (checked first: multicast-dns would hide the send errors);
 *   - the mDNS socket fails (UDP 5353 taken exclusively, EACCES): bonjour emits an `error` that
 *     kills the process when nobody listens, so we listen;
 *   - the match name is taken on the LAN: our own probe (see mdns-probe.ts), then "Name (2)"...
 *
 * All namespaces of the test LAN share one hostname, and so may two laptops, so the announced
 * host is unique: `ricochet-<hostname>-<port>-<random>.local`.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Bonjour, type Browser, type Service } from 'bonjour-service';
import type { MatchAdvert } from '../lobby/index.js';
import { decodeTxt, encodeTxt, SERVICE_TYPE } from './txt.js';
import { isNameTaken, multicastRouteProblem, nextMatchName, type MdnsSocket } from './mdns-probe.js';

/** A Ricochet host seen on the LAN. */
export interface DiscoveredHost {
  /** The service's full name: its identity on the LAN. */
  readonly fqdn: string;
  readonly address: string;
  readonly port: number;
  readonly advert: MatchAdvert;
}

/** Options of `startDiscovery`. */
export interface DiscoveryOptions {
  readonly advert: MatchAdvert;
  readonly port: number;
  readonly interfaceAddress: string | null;
  /** A host appeared or its TXT changed. */
  readonly onUp: (host: DiscoveredHost) => void;
  /** A host said goodbye. */
  readonly onDown: (fqdn: string) => void;
  /** Something went wrong after the start (the socket broke); discovery may have stopped working. */
  readonly onWarning?: (message: string) => void;
  /** How often to re-ask the LAN (bonjour's browser queries only once). */
  readonly requeryMs?: number;
}

/** Running discovery. */
export type Discovery =
  | {
      readonly on: true;
      /** The name actually announced (differs from the advert's after a conflict). */
      readonly name: string;
      readonly fqdn: string;
      /** The announced `.local` host name (pages may reach the host by it). */
      readonly host: string;
      /** Re-announce with a new TXT (player count, phase). */
      update(advert: MatchAdvert): void;
      /** Send the goodbye and close the socket. */
      stop(): Promise<void>;
    }
  | { readonly on: false; readonly reason: string };

interface BonjourInternals {
  server: { mdns: MdnsSocket & NodeJS.EventEmitter; register(r: unknown): void; unregister(r: unknown): void };
}

const serviceFqdn = (name: string): string => `${name}._${SERVICE_TYPE}._tcp.local`;

/**
 * Wait for multicast-dns to bind 5353 (or fail). Its errors are emitted more than once (by the
 * socket and by the bind callback), so the listener stays, and reports later errors as warnings.
 */
function whenBound(mdns: NodeJS.EventEmitter, warn: (error: Error) => void): Promise<string | null> {
  return new Promise((resolve) => {
    let settled = false;
    mdns.once('ready', () => {
      settled = true;
      resolve(null);
    });
    mdns.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return warn(error);
      settled = true;
      resolve(`the mDNS socket failed (${error.code ?? error.message})`);
    });
  });
}

function toHost(service: Service): DiscoveredHost | null {
  const decoded = decodeTxt(service.txt);
  if (!decoded.ok) return null;
  // The packet's source address is one the sender can be reached at from here; A records may
  // list every interface of the sender (including ones on other networks).
  const fromPacket = service.referer?.family === 'IPv4' ? service.referer.address : undefined;
  const address = fromPacket ?? service.addresses?.find((a) => a.includes('.'));
  if (!address) return null;
  return { fqdn: service.fqdn, address, port: service.port, advert: decoded.advert };
}

function browse(bonjour: Bonjour, options: DiscoveryOptions): { browser: Browser; timer: NodeJS.Timeout } {
  const browser = bonjour.find({ type: SERVICE_TYPE });
  const up = (service: Service): void => {
    const host = toHost(service);
    if (host) options.onUp(host);
  };
  browser.on('up', up);
  browser.on('txt-update', up);
  browser.on('srv-update', up);
  browser.on('down', (service: Service) => options.onDown(service.fqdn));
  const timer = setInterval(() => browser.update(), options.requeryMs ?? 3000);
  timer.unref();
  return { browser, timer };
}

async function freeName(mdns: MdnsSocket, wanted: string, seen: () => string[]): Promise<string> {
  let name = wanted;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const taken = seen().some((n) => n.toLowerCase() === name.toLowerCase()) || (await isNameTaken(mdns, serviceFqdn(name)));
    if (!taken) return name;
    name = nextMatchName(name);
  }
  return name;
}

/** Publish `name` (already probed free) with bonjour's own probe off; resolves once announced. */
async function announce(bonjour: Bonjour, name: string, options: DiscoveryOptions, warn: (e: Error) => void): Promise<Service> {
  const host = `ricochet-${hostname().replace(/[^A-Za-z0-9-]/g, '-')}-${options.port}-${randomBytes(3).toString('hex')}.local`;
  const service = bonjour.publish({
    name,
    type: SERVICE_TYPE,
    port: options.port,
    host,
    txt: encodeTxt({ ...options.advert, name }),
    probe: false,
    disableIPv6: true,
  });
  service.on('error', warn);
  await new Promise<void>((resolve) => {
    service.once('up', () => resolve());
    setTimeout(resolve, 3000).unref();
  });
  return service;
}

/** Re-announce a service with a new TXT: bonjour-service has no API for it. */
function updateTxt(bonjour: Bonjour, service: Service, advert: MatchAdvert): void {
  const internals = (bonjour as unknown as BonjourInternals).server;
  internals.unregister(service.records().filter((r) => r.type === 'TXT'));
  service.txt = encodeTxt(advert);
  const records = service.records();
  internals.register(records);
  (internals.mdns as unknown as { respond(r: unknown): void }).respond(records);
}

/** Send the goodbye (TTL 0) for every published service, then close the socket. */
function goodbye(bonjour: Bonjour): Promise<void> {
  return new Promise<void>((resolve) => {
    let finished = false;
    const done = (): void => {
      if (finished) return;
      finished = true;
      bonjour.destroy(() => resolve());
    };
    // The goodbye is one packet; if the socket is already broken, do not wait for it.
    const fallback = setTimeout(done, 500);
    bonjour.unpublishAll(() => {
      clearTimeout(fallback);
      done();
    });
  });
}

/** Start announcing and browsing. Resolves once announced (about 1 s), or with `on: false`. */
export async function startDiscovery(options: DiscoveryOptions): Promise<Discovery> {
  const routeProblem = await multicastRouteProblem(options.interfaceAddress);
  if (routeProblem) return { on: false, reason: routeProblem };
  const mdnsOptions = options.interfaceAddress ? { interface: options.interfaceAddress, bind: '0.0.0.0' } : {};
  const warn = (error: Error): void => options.onWarning?.(error.message);
  const bonjour = new Bonjour(mdnsOptions as object, warn);
  const mdns = (bonjour as unknown as BonjourInternals).server.mdns;
  mdns.on('warning', () => undefined);
  const bindProblem = await whenBound(mdns, warn);
  if (bindProblem) {
    bonjour.destroy();
    return { on: false, reason: bindProblem };
  }
  const { browser, timer } = browse(bonjour, options);
  const name = await freeName(mdns, options.advert.name, () => browser.services.map((s) => s.name));
  const service = await announce(bonjour, name, options, warn);
  return {
    on: true,
    name,
    fqdn: service.fqdn,
    host: service.host,
    update: (advert) => updateTxt(bonjour, service, { ...advert, name }),
    stop: () => {
      clearInterval(timer);
      browser.stop();
      return goodbye(bonjour);
    },
  };
}
