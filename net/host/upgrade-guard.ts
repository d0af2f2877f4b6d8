/**
 * Who may open the host's WebSockets (`/api/lobby`, `/peerjs`). A web page anywhere (a site a
 * player visits, or a DNS-rebound name that resolves to this laptop) can make the player's browser
 * open a WebSocket to the host, and WebSockets are not bound by the same-origin policy. Browsers
 * always send `Origin` on a WebSocket handshake and never let a page forge it or `Host`, so:
 *
 *   - `Host` must name this host (one of its addresses, 127.0.0.1, localhost, its `.local` names)
 *     with a port it listens on: a rebound name fails here;
 *   - `Origin`, when present, must be such a host too: a foreign page fails here;
 *   - no `Origin` at all means the client is not a browser page (a script, a test, another host).
 *     Such a client is on the LAN already and could send any `Origin` it likes, so refusing it
 *     would protect nothing; it is allowed.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';

/** The names and ports this host answers to. Names are lower case, without a trailing dot. */
export interface HostNames {
  names(): ReadonlySet<string>;
  readonly ports: ReadonlySet<number>;
}

/** An upgrade's verdict. */
export type UpgradeVerdict = { readonly ok: true } | { readonly ok: false; readonly status: number; readonly reason: string };

const refuse = (reason: string): UpgradeVerdict => ({ ok: false, status: 403, reason });

/** `host[:port]` of an authority or URL, or null when it does not parse. */
function hostAndPort(url: string): { name: string; port: number } | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
    return { name: parsed.hostname.toLowerCase().replace(/\.$/, ''), port };
  } catch {
    return null;
  }
}

const known = (at: { name: string; port: number } | null, self: HostNames): boolean =>
  at !== null && self.names().has(at.name) && self.ports.has(at.port);

/** The host name of a `Host` header if it is one of ours (port aside), else null. */
export function ownHostName(host: string | undefined, self: HostNames): string | null {
  const at = host ? hostAndPort(`http://${host}`) : null;
  return at && self.names().has(at.name) ? at.name : null;
}

/** Check an upgrade's `Host` and `Origin` headers (see the file header). Pure. */
export function checkUpgrade(headers: IncomingHttpHeaders, self: HostNames): UpgradeVerdict {
  const host = headers.host;
  if (!host || !known(hostAndPort(`http://${host}`), self)) return refuse(`unknown host ${JSON.stringify(host ?? '')}`);
  const origin = headers.origin;
  if (origin === undefined) return { ok: true };
  if (!known(hostAndPort(origin), self)) return refuse(`foreign origin ${JSON.stringify(origin)}`);
  return { ok: true };
}

/** Answer an upgrade with a plain HTTP error and close the socket. */
export function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  const text = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 503: 'Service Unavailable' }[status] ?? 'Error';
  const body = `${reason}\n`;
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  // A client that never reads must not keep the socket open.
  setTimeout(() => socket.destroy(), 1000).unref();
}
