/**
 * The mesh lab page: the real PeerJS transport in a browser with nothing else around it, so the
 * virtual-LAN tests and `npm run bench:lan` can measure the mesh itself (time to full mesh, RTT on
 * the unreliable channel, behaviour under link cuts and departures) apart from the game.
 *
 * `window.meshLab` (for playwright): `start(options)`, `status()`, `log()` (peer-up/down with
 * times), `ping(peer, n, channel)` (RTTs in ms), `stream(on)` (every peer sends a numbered
 * packet to every other every 20 ms) and `received()` (count per sender).
 */
import type { Channel, PeerId } from '../../../net/lockstep/transport';
import type { PeerLike } from '../../../net/mesh/mesh-ports';
import { createPeerjsPeer } from '../../../net/mesh/peerjs-adapter';
import { createPeerjsTransport, type PeerjsTransport, type PeerjsTransportOptions } from '../../../net/mesh/peerjs-transport';

const PING = 1;
const PONG = 2;
const STREAM = 3;

interface LabEvent {
  readonly type: string;
  readonly peer: PeerId;
  readonly at: number;
  readonly reason?: string;
}

let transport: PeerjsTransport | null = null;
let startedAt = 0;
const log: LabEvent[] = [];
const received: Record<PeerId, number> = {};
const lastHeard: Record<PeerId, number> = {};
/** Longest silence between two stream packets, per sender: what a cut costs end to end. */
const longestGap: Record<PeerId, number> = {};
const waiting = new Map<number, (at: number) => void>();
let nextPing = 1;
let streamTimer: ReturnType<typeof setInterval> | null = null;
let streamSeq = 0;

function onMessage(from: PeerId, data: Uint8Array, channel: Channel): void {
  const kind = data[0];
  if (kind === PING) transport?.send(from, Uint8Array.of(PONG, ...data.subarray(1)), channel);
  else if (kind === PONG) {
    const id = new DataView(data.buffer, data.byteOffset + 1, 4).getUint32(0);
    waiting.get(id)?.(performance.now());
    waiting.delete(id);
  } else if (kind === STREAM) {
    received[from] = (received[from] ?? 0) + 1;
    const now = performance.now();
    const last = lastHeard[from];
    if (last !== undefined) longestGap[from] = Math.max(longestGap[from] ?? 0, now - last);
    lastHeard[from] = now;
  }
}

function pump(): void {
  for (const e of transport?.drain() ?? []) {
    if (e.type === 'message') onMessage(e.from, e.data, e.channel);
    else log.push({ type: e.type, peer: e.peer, at: performance.now() - startedAt, ...(e.type === 'peer-down' ? { reason: e.reason } : {}) });
  }
}

async function ping(peer: PeerId, n: number, channel: Channel): Promise<{ rtts: number[]; lost: number }> {
  const rtts: number[] = [];
  let lost = 0;
  for (let i = 0; i < n; i += 1) {
    const id = nextPing++;
    const bytes = new Uint8Array(5);
    bytes[0] = PING;
    new DataView(bytes.buffer).setUint32(1, id);
    const sentAt = performance.now();
    const at = await new Promise<number | null>((resolve) => {
      waiting.set(id, resolve);
      transport?.send(peer, bytes, channel);
      setTimeout(() => resolve(null), 1000);
    });
    waiting.delete(id);
    if (at === null) lost += 1;
    else rtts.push(at - sentAt);
  }
  return { rtts, lost };
}

let preparedPeer: PeerLike | null = null;

const lab = {
  /** Registers at the signalling server now, as the page's lobby link does on the welcome. */
  prepare(options: Pick<PeerjsTransportOptions, 'self' | 'server'>): void {
    preparedPeer = createPeerjsPeer(options.self, options.server, []);
  },
  start(options: Omit<PeerjsTransportOptions, 'createPeer' | 'clock'>): void {
    startedAt = performance.now();
    const early = preparedPeer;
    transport = createPeerjsTransport({ ...options, ...(early ? { createPeer: () => early } : {}) });
    // A MessageChannel loop would be tighter, but 1 ms timers (clamped ~4 ms) are what a page gets.
    setInterval(pump, 1);
  },
  status: () => transport?.status() ?? null,
  log: () => [...log],
  ping,
  stream(on: boolean, channel: Channel = 'reliable'): void {
    if (streamTimer) clearInterval(streamTimer);
    streamTimer = null;
    if (!on) return;
    streamTimer = setInterval(() => {
      streamSeq += 1;
      for (const link of transport?.status().links ?? []) transport?.send(link.peer, Uint8Array.of(STREAM, streamSeq & 255), channel);
    }, 20);
  },
  received: () => ({ ...received }),
  longestGap: () => ({ ...longestGap }),
  /** Background load like the engine's: `size` bytes to every peer every `everyMs` on `channel`. */
  flood(everyMs: number, size: number, channel: Channel): void {
    const packet = new Uint8Array(size);
    packet[0] = 9;
    setInterval(() => {
      for (const link of transport?.status().links ?? []) transport?.send(link.peer, packet, channel);
    }, everyMs);
  },
  close: () => transport?.close(),
};

Object.assign(window, { meshLab: lab });
