/**
 * Which addresses the host serves on and prints: every non-internal IPv4 address, or only the
 * one `--interface` names. Pure over the shape of `os.networkInterfaces()`.
 */
import type { NetworkInterfaceInfo } from 'node:os';

/** One LAN address and the interface it belongs to. */
export interface LanAddress {
  readonly iface: string;
  readonly address: string;
}

/**
 * Where to listen and what to print. `localOnly`: no LAN at all, serving on 127.0.0.1.
 * `loopback`: `--interface 127.x.x.x` asked for this machine only (nobody else could join, so
 * nothing is announced either).
 */
export type ServePlan =
  | { readonly ok: true; readonly bind: string; readonly addresses: readonly LanAddress[]; readonly localOnly: boolean; readonly loopback: boolean }
  | { readonly ok: false; readonly error: string };

/** Every non-internal IPv4 address, in interface order. */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): LanAddress[] {
  const out: LanAddress[] = [];
  for (const [iface, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family === 'IPv4' && !info.internal) out.push({ iface, address: info.address });
    }
  }
  return out;
}

/** An address of this machine's loopback network (127.0.0.0/8). */
export function isLoopback(address: string): boolean {
  return address.startsWith('127.');
}

/** Decide the bind address from the interfaces and `--interface`. */
export function planServe(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, only: string | null): ServePlan {
  if (only && isLoopback(only)) return { ok: true, bind: only, addresses: [{ iface: 'lo', address: only }], localOnly: false, loopback: true };
  const all = lanAddresses(interfaces);
  if (only) {
    const chosen = all.find((a) => a.address === only);
    if (!chosen) {
      const known = all.map((a) => `${a.address} (${a.iface})`).join(', ') || 'none';
      return { ok: false, error: `No network interface has the address ${only}. This machine's LAN addresses: ${known}.` };
    }
    return { ok: true, bind: only, addresses: [chosen], localOnly: false, loopback: false };
  }
  if (all.length === 0) return { ok: true, bind: '127.0.0.1', addresses: [{ iface: 'lo', address: '127.0.0.1' }], localOnly: true, loopback: false };
  return { ok: true, bind: '0.0.0.0', addresses: all, localOnly: false, loopback: false };
}
