/**
 * The live list of Ricochet matches on the LAN as this host sees them: its own, plus every host
 * discovered over mDNS, each checked by polling its `/health` about once a second. mDNS alone
 * would keep a crashed host listed for hours (PTR TTL); with the poll, a dead host is marked not
 * alive after ~2 s and leaves the list after ~3 s without an answer. Health answers also carry
 * fresher counts than the TXT record.
 *
 * Other hosts are strangers too: a `/health` answer is read up to HEALTH_MAX_BYTES only, the list
 * shows at most MAX_LISTED_MATCHES, at most MAX_KNOWN_HOSTS announcements are kept, and a host
 * that has not answered for FORGET_MS is forgotten (no longer polled) until it announces again.
 */
import { parseHealth } from '../lobby/index.js';
import type { Health, MatchAdvert, MatchListing } from '../lobby/index.js';
import { sanitizeMatchName } from './args.js';
import type { DiscoveredHost } from './discovery.js';

/** No answer for this long: shown as not alive. */
export const NOT_ALIVE_MS = 2000;
/** No answer for this long: gone from the list (still polled, in case it comes back). */
export const GONE_MS = 3000;
/** No answer for this long: forgotten, and no longer polled (it comes back if it announces again). */
export const FORGET_MS = 60_000;
/** A `/health` answer is about 250 bytes; a longer one is not believed, nor read further. */
export const HEALTH_MAX_BYTES = 4096;
/** Matches in the list, this host's included: more would not fit a lobby screen anyway. */
export const MAX_LISTED_MATCHES = 32;
/** Announced hosts kept (and polled) at once; more announcements are ignored until some go. */
export const MAX_KNOWN_HOSTS = 64;

/** What the directory knows of one discovered host. */
export interface DirectoryEntry {
  readonly host: DiscoveredHost;
  readonly firstSeen: number;
  readonly lastOk: number | null;
  readonly health: Health | null;
}

/** The advert inside a `/health` answer. */
export function advertOfHealth(health: Health): MatchAdvert {
  const { matchId, matchName: name, players, capacity, phase, protocolVersion } = health;
  // A host of an older build does not say: it has no PIN.
  return { matchId, name, players, capacity, phase, protocolVersion, pinRequired: health.pinRequired === true };
}

const urlOf = (host: DiscoveredHost): string => `http://${host.address}:${host.port}/`;

/** The list to show at time `now`: this host first, then the others by name. Pure. */
export function listingsOf(entries: readonly DirectoryEntry[], self: MatchListing, now: number): MatchListing[] {
  const others = entries
    .filter((e) => e.host.advert.matchId !== self.matchId)
    .filter((e) => now - (e.lastOk ?? e.firstSeen) < GONE_MS)
    .map((e): MatchListing => {
      // A health answer is fresher than the mDNS advert; the id stays the advert's, which keys the entry.
      const advert = e.health ? advertOfHealth(e.health) : e.host.advert;
      return {
        ...advert,
        // Anyone on the LAN can announce a match: its name gets the rule our own names get.
        name: sanitizeMatchName(advert.name),
        matchId: e.host.advert.matchId,
        url: urlOf(e.host),
        alive: e.lastOk !== null && now - e.lastOk < NOT_ALIVE_MS,
        self: false,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.url.localeCompare(b.url));
  return [self, ...others.slice(0, MAX_LISTED_MATCHES - 1)];
}

/** Options of `createMatchDirectory`. */
export interface DirectoryOptions {
  readonly self: () => MatchListing;
  readonly pollMs?: number;
  readonly fetchImpl?: typeof fetch;
  readonly now?: () => number;
}

/** The running directory. */
export interface MatchDirectory {
  up(host: DiscoveredHost): void;
  down(fqdn: string): void;
  list(): MatchListing[];
  /** How many announced hosts are known (and polled). */
  size(): number;
  /** Called with the whole list whenever it may have changed (and once at once). */
  subscribe(cb: (list: MatchListing[]) => void): () => void;
  /** This host's own listing changed (players, phase, name). */
  selfChanged(): void;
  stop(): void;
}

/** The body of `response` as text, or null once it passes `limit` bytes (then it is not read further). */
export async function readBounded(response: Response, limit: number): Promise<string | null> {
  if (Number(response.headers.get('content-length') ?? 0) > limit || !response.body) return response.body ? null : '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString('utf8');
    size += value.length;
    if (size > limit) {
      void reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
}

async function askHealth(fetchImpl: typeof fetch, host: DiscoveredHost, timeoutMs: number): Promise<Health | null> {
  try {
    const response = await fetchImpl(`${urlOf(host)}health`, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await readBounded(response, HEALTH_MAX_BYTES);
    const parsed = text === null ? null : parseHealth(text);
    // Another process now on that address and port is not the match that was announced.
    return parsed?.ok && parsed.msg.matchId === host.advert.matchId ? parsed.msg : null;
  } catch {
    return null;
  }
}

/** Poll one entry: forget it after FORGET_MS without an answer, else record an answer. */
async function pollEntry(entries: Map<string, DirectoryEntry>, fqdn: string, ask: () => Promise<Health | null>, now: () => number): Promise<void> {
  const entry = entries.get(fqdn);
  if (!entry) return;
  if (now() - (entry.lastOk ?? entry.firstSeen) >= FORGET_MS) {
    entries.delete(fqdn);
    return;
  }
  const health = await ask();
  const current = entries.get(fqdn);
  if (current && health) entries.set(fqdn, { ...current, lastOk: now(), health });
}

/** Start the directory: polls every known host until `stop()`. */
export function createMatchDirectory(options: DirectoryOptions): MatchDirectory {
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 1000;
  const fetchImpl = options.fetchImpl ?? fetch;
  const entries = new Map<string, DirectoryEntry>();
  const listeners = new Set<(list: MatchListing[]) => void>();
  let lastSent = '';
  const list = (): MatchListing[] => listingsOf([...entries.values()], options.self(), now());
  const publish = (): void => {
    const current = list();
    const text = JSON.stringify(current);
    if (text === lastSent) return;
    lastSent = text;
    for (const cb of listeners) cb(current);
  };
  const pollOne = (fqdn: string): Promise<void> => pollEntry(entries, fqdn, () => askHealth(fetchImpl, entries.get(fqdn)!.host, Math.min(900, pollMs)), now);
  let polling = false;
  const poll = async (): Promise<void> => {
    if (polling) return;
    polling = true;
    await Promise.all([...entries.keys()].map(pollOne));
    polling = false;
    publish();
  };
  const timer = setInterval(() => void poll(), pollMs);
  timer.unref();

  return {
    up(host) {
      const known = entries.get(host.fqdn);
      if (!known && entries.size >= MAX_KNOWN_HOSTS) return;
      entries.set(host.fqdn, known ? { ...known, host } : { host, firstSeen: now(), lastOk: null, health: null });
      publish();
      // Check a newcomer at once rather than at the next round: it shows as alive sooner.
      void pollOne(host.fqdn).then(() => publish());
    },
    down(fqdn) {
      entries.delete(fqdn);
      publish();
    },
    list,
    size: () => entries.size,
    subscribe(cb) {
      listeners.add(cb);
      cb(list());
      return () => listeners.delete(cb);
    },
    selfChanged: () => publish(),
    stop: () => clearInterval(timer),
  };
}
