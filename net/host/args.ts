/**
 * Command-line flags of the host (`npm start -- ...`). Pure: argv and the user name in, a config
 * or a readable error out, so it is unit-tested without a process.
 */
import { cleanName, MAX_SLOTS } from '../lobby/index.js';

/** The host's configuration, after defaults. */
export interface HostConfig {
  /** Port to try first; the next free one is taken if it is in use. */
  readonly port: number;
  readonly name: string;
  readonly open: boolean;
  /** Bind and announce this IPv4 address only (a 127.x one: loopback, never announced); null = every interface. */
  readonly interfaceAddress: string | null;
  readonly discovery: boolean;
  /** Start the match by itself once this many players are ready; null = the creator starts. */
  readonly startWhen: number | null;
  /** ICE servers handed to pages (empty on a LAN); from repeated `--ice URL`. */
  readonly iceServers: readonly string[];
  /** `--pin`: the digits a page must send to join; null = no PIN. */
  readonly pin: string | null;
}

/** `help`: print the usage. `error`: print it and exit 2. */
export type ParsedArgs =
  | { readonly kind: 'run'; readonly config: HostConfig }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

/** The port tried first when `--port` is not given. */
export const DEFAULT_PORT = 8080;

/** The `--help` text. */
export const USAGE = `Ricochet host: serves the game, the lobby and PeerJS signalling, and announces the match on the LAN.

Usage: npm start -- [options]

  --port P          port to serve on (default ${DEFAULT_PORT}; if taken, the next free one)
  --name NAME       match name shown on the LAN (default "<your user name>'s match")
  --no-open         do not open a browser on this machine
  --interface ADDR  serve and announce on this IPv4 address only (default: all interfaces)
                    (127.0.0.1: this computer only, and not announced on the LAN)
  --no-discovery    do not announce this match nor look for others over mDNS
  --start-when N    start the match by itself once N players are ready (1-${MAX_SLOTS})
  --ice URL         offer this STUN/TURN server to the pages (repeatable; LANs need none)
  --pin PIN         players must give this PIN (4-8 digits) to join; the printed URL and QR code carry it
  --help            show this help

Players join by opening one of the printed URLs (or scanning the QR code) on the same network.`;

/** The default match name: "<user>'s match", cut to fit and without dots (mDNS splits on them). */
export function defaultMatchName(user: string): string {
  const who = user.trim() || 'Ricochet';
  return sanitizeMatchName(`${who}'s match`);
}

/** Make `name` safe as an mDNS instance name and a lobby title: no dots, and the one name rule. */
export function sanitizeMatchName(name: string): string {
  return cleanName(name.replace(/\./g, ' ')) || 'Ricochet match';
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

type Draft = { -readonly [K in keyof HostConfig]: HostConfig[K] } & { iceServers: string[] };
type FlagHandler = (draft: Draft, value: string) => string | null;

const withValue: Record<string, FlagHandler> = {
  '--port': (d, v) => {
    const port = Number(v);
    if (!Number.isInteger(port) || port < 1 || port > 65535) return `--port needs a number from 1 to 65535, not "${v}"`;
    d.port = port;
    return null;
  },
  '--name': (d, v) => {
    if (v.trim() === '') return '--name needs a non-empty name';
    d.name = sanitizeMatchName(v);
    return null;
  },
  '--interface': (d, v) => {
    if (!IPV4.test(v)) return `--interface needs an IPv4 address such as 192.168.1.20, not "${v}"`;
    d.interfaceAddress = v;
    return null;
  },
  '--start-when': (d, v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > MAX_SLOTS) return `--start-when needs a number of players from 1 to ${MAX_SLOTS}`;
    d.startWhen = n;
    return null;
  },
  '--pin': (d, v) => {
    if (!/^\d{4,8}$/.test(v)) return `--pin needs 4 to 8 digits, such as 4821, not "${v}"`;
    d.pin = v;
    return null;
  },
  '--ice': (d, v) => {
    if (!/^(stun|turns?):/.test(v)) return `--ice needs a stun: or turn: URL, not "${v}"`;
    d.iceServers.push(v);
    return null;
  },
};

const switches: Record<string, (d: Draft) => void> = {
  '--no-open': (d) => (d.open = false),
  '--no-discovery': (d) => (d.discovery = false),
};

/** Parse the flags (argv without node and the script). Accepts `--flag value` and `--flag=value`. */
export function parseArgs(argv: readonly string[], user: string): ParsedArgs {
  const draft: Draft = {
    port: DEFAULT_PORT,
    name: defaultMatchName(user),
    open: true,
    interfaceAddress: null,
    discovery: true,
    startWhen: null,
    iceServers: [],
    pin: null,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const handler = withValue[flag];
    const toggle = switches[flag];
    if (toggle && eq < 0) {
      toggle(draft);
    } else if (handler) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) return { kind: 'error', message: `${flag} needs a value` };
      const problem = handler(draft, value);
      if (problem) return { kind: 'error', message: problem };
    } else {
      return { kind: 'error', message: `unknown option "${arg}"` };
    }
  }
  return { kind: 'run', config: draft };
}
