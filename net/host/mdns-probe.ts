/**
 * Low-level mDNS checks that bonjour-service does not do well enough for us:
 *
 * - `multicastRouteProblem`: multicast-dns swallows ENETUNREACH, so without a route to
 *   224.0.0.251 a host would believe it is announced while nothing leaves. A UDP `connect()`
 *   does the kernel's route lookup without sending anything.
 * - `isNameTaken`: bonjour-service's own probe, on a conflict, stops the service and sends a
 *   goodbye for the *conflicting* name, which makes every browser drop the other host that rightly
 *   owns it. So we probe ourselves (3 queries, 250 ms apart, as RFC 6762 says) and publish with
 *   bonjour's probe off.
 */
import { createSocket } from 'node:dgram';
import { suffixedName } from '../lobby/index.js';

/** The mDNS multicast group and port. */
export const MDNS_GROUP = '224.0.0.251';
export const MDNS_PORT = 5353;

/** Why multicast cannot leave this machine (or namespace), or null if a route exists. */
export function multicastRouteProblem(interfaceAddress: string | null): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const finish = (problem: string | null): void => {
      try {
        socket.close();
      } catch {
        // already closed
      }
      resolve(problem);
    };
    const problem = (error: NodeJS.ErrnoException): string => `no route for multicast (${error.code ?? error.message})`;
    socket.once('error', (error: NodeJS.ErrnoException) => finish(problem(error)));
    // A failed connect() hands its error to the callback, not to the 'error' event.
    const connect = (): void =>
      socket.connect(MDNS_PORT, MDNS_GROUP, (error?: Error) => finish(error ? problem(error as NodeJS.ErrnoException) : null));
    // Bind to the chosen interface first, so the lookup is the one its packets would take.
    if (interfaceAddress) socket.bind(0, interfaceAddress, connect);
    else connect();
  });
}

/** A minimal view of multicast-dns's instance (bonjour-service keeps it private). */
export interface MdnsSocket {
  query(name: string, type: string): void;
  on(event: 'response', listener: (packet: MdnsPacket) => void): unknown;
  removeListener(event: 'response', listener: (packet: MdnsPacket) => void): unknown;
}

/** The parts of a DNS packet we read. */
export interface MdnsPacket {
  readonly answers: readonly { readonly name: string }[];
  readonly additionals: readonly { readonly name: string }[];
}

/** Ask the LAN whether any host answers for `fqdn`. Resolves after about 750 ms. */
export function isNameTaken(mdns: MdnsSocket, fqdn: string, intervalMs = 250): Promise<boolean> {
  const wanted = fqdn.toLowerCase();
  return new Promise((resolve) => {
    let taken = false;
    let sent = 0;
    const onResponse = (packet: MdnsPacket): void => {
      if ([...packet.answers, ...packet.additionals].some((rr) => rr.name.toLowerCase() === wanted)) taken = true;
    };
    mdns.on('response', onResponse);
    const tick = (): void => {
      if (taken || sent === 3) {
        mdns.removeListener('response', onResponse);
        resolve(taken);
        return;
      }
      sent += 1;
      mdns.query(fqdn, 'ANY');
      setTimeout(tick, intervalMs);
    };
    tick();
  });
}

/** The next candidate after a conflict: "Name" -> "Name (2)" -> "Name (3)"... */
export function nextMatchName(name: string): string {
  const m = /^(.*) \((\d+)\)$/.exec(name);
  const base = m ? (m[1] ?? '') : name;
  return suffixedName(base, m ? Number(m[2]) + 1 : 2);
}
