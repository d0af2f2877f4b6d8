/**
 * The mutable state of one lockstep engine, shared by lockstep.ts (advance), inbound.ts,
 * outbound.ts and drops.ts. Kept in one plain object so each of those files stays small.
 */
import { encodeEngine } from '../protocol/engine-codec';
import type { EngineMessage as Message } from '../protocol/engine-messages';
import { MAX_SLOTS } from '../protocol/wire-format';
import { CheckpointBook } from './checkpoint-book';
import { DropAgreement } from './drop-agreement';
import { FRAME_MS, type LockstepConfig, type LockstepEvent, type LockstepOptions, type LockstepStats } from './engine-types';
import type { Game, Input } from './game';
import { SlotInputs } from './input-buffer';
import { RttTracker } from './rtt-tracker';
import type { Channel, PeerId, Transport } from './transport';

/** What this engine knows of one remote peer. */
export interface PeerState {
  readonly id: PeerId;
  readonly slots: readonly number[];
  /** live -> dropping (agreement pending, its messages ignored) -> dropped. */
  status: 'live' | 'dropping' | 'dropped';
  lastHeardMs: number | undefined;
  lastPingMs: number | undefined;
  /** `time` of the recent pings still unanswered: a pong must echo one (strays are not RTTs). */
  readonly pingsInFlight: number[];
  /** Its acks (contiguous frontier) per slot, as last reported. */
  readonly acks: number[];
  readonly rtt: RttTracker;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Rejected = Mutable<LockstepStats['rejected']>;

/** The engine's state (see lockstep.ts for the invariants). */
export interface Session<State> {
  readonly game: Game<State, unknown>;
  readonly transport: Transport;
  readonly options: LockstepOptions;
  readonly slotOwners: readonly PeerId[];
  readonly localSlots: readonly number[];
  readonly peers: Map<PeerId, PeerState>;
  readonly buffers: SlotInputs[];
  /** Slot -> the agreed frame it leaves at. */
  readonly leaveFrame: (number | undefined)[];
  readonly drops: Map<PeerId, DropAgreement>;
  readonly agreedDrops: Map<PeerId, number>;
  /** Drop frames other survivors announced (dropAgree), checked against ours. */
  readonly remoteAgrees: Map<PeerId, { from: PeerId; frame: number }[]>;
  readonly currentInput: Map<number, Input>;
  readonly book: CheckpointBook;
  readonly events: LockstepEvent[];
  readonly log: Input[][];
  readonly leaves: [number, number][];
  /** Control messages for the next poll: to every live peer, plus `also` (e.g. the peer being dropped). */
  readonly outbox: { msg: Message; channel: Channel; also?: PeerId }[];
  readonly rejected: Rejected;
  state: State;
  frame: number;
  delay: number;
  nextLocalFrame: number;
  /** When the last inputs packet went out and how far its local inputs reached (see outbound.ts). */
  inputsSent: { atMs: number; upTo: number };
  stalls: number;
  selfDropped: boolean;
  /** Peers already dropped by us that proposed to drop us (a split: see inbound.ts). */
  readonly droppedBy: Set<PeerId>;
  bytes: { sent: number; received: number; packetsSent: number; packetsReceived: number };
  send(to: PeerId, msg: Message, channel: Channel): void;
  /** Send one message to several peers (encoded once). */
  broadcast(to: readonly PeerId[], msg: Message, channel: Channel): void;
  livePeers(): PeerId[];
  desiredDelay(): number;
  checkpoint(): void;
  stats(): LockstepStats;
}

function validate(config: LockstepConfig<unknown, unknown>): void {
  const { slotOwners, localSlots, transport } = config;
  if (slotOwners.length < 1 || slotOwners.length > MAX_SLOTS) throw new Error(`need 1..${MAX_SLOTS} slots`);
  for (const slot of localSlots) {
    if (slotOwners[slot] !== transport.self) throw new Error(`local slot ${slot} is not owned by ${transport.self}`);
  }
}

function createPeers(slotOwners: readonly PeerId[], self: PeerId): Map<PeerId, PeerState> {
  const peers = new Map<PeerId, PeerState>();
  slotOwners.forEach((owner, slot) => {
    if (owner === self) return;
    const peer = peers.get(owner);
    if (peer) (peer.slots as number[]).push(slot);
    else {
      const acks = slotOwners.map(() => 0);
      peers.set(owner, { id: owner, slots: [slot], status: 'live', lastHeardMs: undefined, lastPingMs: undefined, pingsInFlight: [], acks, rtt: new RttTracker() });
    }
  });
  return peers;
}

/** Build the initial session of a match. Throws on an inconsistent config (programmer error). */
export function createSession<State, Setup>(config: LockstepConfig<State, Setup>, options: LockstepOptions): Session<State> {
  validate(config as LockstepConfig<unknown, unknown>);
  const { game, transport, slotOwners } = config;
  const s: Session<State> = {
    game: game as Game<State, unknown>,
    transport,
    options,
    slotOwners,
    localSlots: [...config.localSlots].sort((a, b) => a - b),
    peers: createPeers(slotOwners, transport.self),
    buffers: slotOwners.map(() => new SlotInputs()),
    leaveFrame: slotOwners.map(() => undefined),
    drops: new Map(),
    agreedDrops: new Map(),
    remoteAgrees: new Map(),
    currentInput: new Map(),
    book: new CheckpointBook(),
    events: [],
    log: [],
    leaves: [],
    outbox: [],
    rejected: { invalid: 0, spoofed: 0, stale: 0, duplicate: 0, fromDropped: 0 },
    state: game.initialState(config.setup),
    frame: 0,
    delay: options.initialDelay,
    nextLocalFrame: 0,
    inputsSent: { atMs: -Infinity, upTo: -1 },
    stalls: 0,
    selfDropped: false,
    droppedBy: new Set(),
    bytes: { sent: 0, received: 0, packetsSent: 0, packetsReceived: 0 },
    send: (to, msg, channel) => s.broadcast([to], msg, channel),
    broadcast(to, msg, channel) {
      if (to.length === 0) return;
      const data = encodeEngine(msg);
      for (const peer of to) {
        s.bytes.sent += data.length;
        s.bytes.packetsSent += 1;
        transport.send(peer, data, channel);
      }
    },
    livePeers: () => [...s.peers.values()].filter((p) => p.status === 'live').map((p) => p.id),
    desiredDelay: () => desiredDelay(s),
    checkpoint() {
      const hash = game.hash(s.state);
      for (const m of s.book.addLocal(s.frame, hash)) s.events.push({ type: 'desync', ...m });
      s.outbox.push({ msg: { kind: 'checkpoint', frame: s.frame, hash }, channel: 'reliable' });
    },
    stats: () => stats(s),
  };
  return s;
}

/** This peer's vote: enough frames to cover half the worst p90 RTT plus a margin, bounded. */
function desiredDelay(s: Session<unknown>): number {
  const { adaptDelay, initialDelay, minDelay, maxDelay, delayMarginMs } = s.options;
  if (!adaptDelay) return initialDelay;
  let worst: number | undefined;
  for (const peer of s.peers.values()) {
    const p90 = peer.status === 'live' ? peer.rtt.p90 : undefined;
    if (p90 !== undefined) worst = Math.max(worst ?? 0, p90);
  }
  if (worst === undefined) return s.delay;
  return Math.min(maxDelay, Math.max(minDelay, Math.ceil((worst / 2 + delayMarginMs) / FRAME_MS)));
}

function stats(s: Session<unknown>): LockstepStats {
  const rttByPeer: Record<PeerId, number> = {};
  const rttP90ByPeer: Record<PeerId, number> = {};
  for (const peer of s.peers.values()) {
    const { ewma, p90 } = peer.rtt;
    if (ewma !== undefined) rttByPeer[peer.id] = ewma;
    if (p90 !== undefined) rttP90ByPeer[peer.id] = p90;
  }
  return {
    delay: s.delay,
    rttByPeer,
    rttP90ByPeer,
    stalls: s.stalls,
    bytesSent: s.bytes.sent,
    bytesReceived: s.bytes.received,
    packetsSent: s.bytes.packetsSent,
    packetsReceived: s.bytes.packetsReceived,
    rejected: { ...s.rejected },
    lastCheckpoint: s.book.last(s.livePeers()),
  };
}
