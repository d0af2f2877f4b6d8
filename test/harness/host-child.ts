/**
 * Test rig: a real host (run-host.ts) in a child process bound to 127.0.0.1, because the
 * peer server cannot be shut down in-process. Also a raw WebSocket client that can send frames a
 * well-behaved library never would (reserved opcodes, unmasked frames, unsolicited pongs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

const RUN_HOST = fileURLToPath(new URL('./run-host.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

/** A host child process. */
export interface ChildHost {
  readonly child: ChildProcess;
  readonly port: number;
  readonly base: string;
  /** Everything it printed on stderr. */
  log(): string;
  /** Whether the process has exited. */
  exited(): boolean;
  stop(): Promise<void>;
}

/**
 * Start a host child on a random port of 127.0.0.1 (with `--pin`, a real build, and a port to try
 * first, if given: a restart asks for its predecessor's); resolves once it listens.
 */
export async function startChildHost(pin?: string, distDir?: string, firstPort?: number): Promise<ChildHost> {
  const wanted = firstPort ?? 20_000 + Math.floor(Math.random() * 20_000);
  const env = { ...process.env, RICOCHET_DIST_DIR: distDir ?? '' };
  const child = spawn(process.execPath, [TSX, RUN_HOST, String(wanted), ...(pin ? [pin] : [])], { stdio: ['pipe', 'pipe', 'pipe'], env });
  let err = '';
  let out = '';
  let gone = false;
  child.stderr!.on('data', (d) => (err += String(d)));
  child.on('exit', () => (gone = true));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`host exited (${code}) before listening:\n${err}`)));
  });
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    log: () => err,
    exited: () => gone,
    stop: async () => {
      if (gone) return;
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await done;
    },
  };
}

/** GET /health with a timeout: true if the host answered as a Ricochet host. */
export async function healthOk(base: string, timeoutMs = 5000): Promise<boolean> {
  try {
    const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return ((await res.json()) as { app?: string }).app === 'ricochet';
  } catch {
    return false;
  }
}

/** One client-to-server frame: masked, FIN set, with any opcode (reserved ones included). */
export function clientFrame(opcode: number, payload: Buffer, fin = true): Buffer {
  const mask = Buffer.from([0x11, 0x22, 0x33, 0x44]);
  const len = payload.length;
  const head =
    len < 126
      ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | len])
      : len < 65_536
        ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 126, len >> 8, len & 0xff])
        : Buffer.concat([Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 127]), u64(len)]);
  return Buffer.concat([head, mask, Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!))]);
}

function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

/** A raw socket that has done the WebSocket handshake on `path` (resolves with the status line). */
export async function rawUpgrade(port: number, path: string, headers: Record<string, string> = {}): Promise<{ socket: Socket; status: string }> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  const extra = Object.entries({ Host: `127.0.0.1:${port}`, ...headers }).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  socket.write(`GET ${path} HTTP/1.1\r\n${extra}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  const status = await new Promise<string>((resolve) => {
    let got = '';
    const onData = (d: Buffer): void => {
      got += d.toString('latin1');
      const end = got.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      resolve(got.split('\r\n')[0] ?? '');
    };
    socket.on('data', onData);
    socket.on('close', () => resolve(got.split('\r\n')[0] ?? 'closed'));
  });
  return { socket, status };
}
