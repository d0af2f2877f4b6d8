/**
 * The start handshake on a mesh, before frame 0, as a state machine fed with transport events.
 *
 * Algorithm (every message on the reliable channel, in net/protocol's format):
 * 1. Hello: as each peer comes up, send it `hello` (build id, match id, name, our lowest slot). A
 *    received hello is checked against the lobby's start info: same build, same match, and the
 *    slot claimed must be the lowest slot the roster gives that connection's peer id. A bad one is
 *    answered with `refuse` and fails the handshake; a good one with `helloAck`.
 * 2. Ready: the coordinator is the peer with the lowest id. Every other peer holds back its ack
 *    to the coordinator until it has a good hello and an ack from every peer: the coordinator's
 *    acks thus tell it that the whole mesh, not just its own links, is up.
 * 3. Start: once the coordinator has every ack, it sends `start` (seed, slot owners, names, a
 *    countdown) and starts at now + countdown. A receiver starts at receipt + countdown - RTT/2,
 *    RTT the least of a few pings to the coordinator meanwhile (on the unreliable channel, so a
 *    lost ping is a lost sample, not a 400 ms retransmit), so all peers begin frame 0 within
 *    a few ms of each other (the lockstep engine tolerates the rest).
 * A rematch (same mesh, new match) skips the hellos: peers ack the coordinator at once, and the
 * coordinator's start carries a new seed and the layout that every receiver adopts.
 *
 * Messages this machine does not use (early inputs of a faster peer, ...) are left for the engine.
 */
import type { PeerId, Transport, TransportEvent } from '../lockstep/transport';
import { decodeHandshake, encodeHandshake, type HandshakeMessage as Message, type RefuseReason } from '../protocol';
import { MESH_ERROR, meshError, type MeshError, type MeshErrorCode } from './mesh-errors';

/** What both ends must agree on; from the lobby's start info and welcome. */
export interface HandshakeConfig {
  readonly transport: Transport;
  readonly slotOwners: readonly PeerId[];
  readonly names: readonly string[];
  readonly seed: number;
  readonly matchId: string;
  readonly buildId: string;
  readonly countdownMs: number;
  /** `rematch`: the mesh already shook hands; agree on a new seed (drawn by the coordinator). */
  readonly mode: 'first' | 'rematch';
  /** Rematch only: the coordinator's new seed. */
  readonly newSeed?: () => number;
}

/** The agreed start: identical on every peer but for `startAtMs` (each on its own clock). */
export interface AgreedStart {
  readonly seed: number;
  readonly slotOwners: readonly PeerId[];
  readonly names: readonly string[];
  readonly startAtMs: number;
  /** RTT to the coordinator (0 on the coordinator; null if no pong came back). */
  readonly rttMs: number | null;
}

/** Success, or why not. */
export type HandshakeOutcome = { readonly ok: true; readonly start: AgreedStart } | { readonly ok: false; readonly error: MeshError };

/** The handshake in progress. */
export interface StartHandshake {
  /** Call once, right after creation (a rematch acks the coordinator at once). */
  begin(nowMs: number): void;
  /** Call every poll: re-sends a ping that got no answer (pings may be lost). */
  tick(nowMs: number): void;
  /** Feeds one event; returns false if it is not the handshake's (keep it for the engine). */
  handle(event: TransportEvent, nowMs: number): boolean;
  /** Null while in progress. */
  outcome(): HandshakeOutcome | null;
  /** Peers not up yet, or whose hello or ack is missing: for timeout messages. */
  missing(): PeerId[];
}

const PINGS = 5;
/** A ping unanswered for this long is taken as lost. */
const PING_RETRY_MS = 150;
const REFUSAL_CODE: { readonly [R in RefuseReason]: MeshErrorCode } = {
  versionMismatch: MESH_ERROR.versionMismatch,
  buildMismatch: MESH_ERROR.versionMismatch,
  wrongMatch: MESH_ERROR.refused,
  full: MESH_ERROR.full,
  started: MESH_ERROR.started,
  slotTaken: MESH_ERROR.refused,
  slotMismatch: MESH_ERROR.refused,
};

/** Starts a handshake; `self` is `config.transport.self`. */
export function createStartHandshake(config: HandshakeConfig): StartHandshake {
  const { transport } = config;
  const self = transport.self;
  const others = [...new Set(config.slotOwners)].filter((p) => p !== self).sort();
  const coordinator = [self, ...others].sort()[0] as PeerId;
  const isCoordinator = coordinator === self;
  const lowestSlot = (peer: PeerId): number => config.slotOwners.indexOf(peer);
  const rematch = config.mode === 'rematch';
  const helloOk = new Set<PeerId>(rematch ? others : []);
  // In a rematch only the coordinator waits for acks: they mean "ready for the next match".
  const acked = new Set<PeerId>(rematch && !isCoordinator ? others : []);
  const up = new Set<PeerId>();
  let ackedCoordinator = false;
  let started = false;
  let result: HandshakeOutcome | null = null;
  const pingsSent = new Map<number, number>();
  let lastPingAt = Number.NEGATIVE_INFINITY;
  let pongs = 0;
  let nextPing = 1;
  let rtt: number | null = isCoordinator ? 0 : null;

  const send = (to: PeerId, msg: Message): void => transport.send(to, encodeHandshake(msg), 'reliable');
  // Pings go unreliable: a lost one costs a sample, where a retransmit would inflate the RTT.
  const probe = (to: PeerId, msg: Message): void => transport.send(to, encodeHandshake(msg), 'unreliable');
  const fail = (code: MeshErrorCode, detail: string): void => {
    result ??= { ok: false, error: meshError(code, detail) };
  };
  const ready = (): boolean => others.every((p) => helloOk.has(p) && acked.has(p));

  const ping = (nowMs: number): void => {
    // The echoed `time` is only a key here: a counter keeps it unique.
    const time = nextPing++;
    pingsSent.set(time, nowMs);
    lastPingAt = nowMs;
    probe(coordinator, { kind: 'ping', time });
  };

  const progress = (nowMs: number): void => {
    if (result || !ready()) return;
    if (!isCoordinator && !ackedCoordinator) {
      ackedCoordinator = true;
      send(coordinator, { kind: 'helloAck', slot: lowestSlot(self) });
    }
    if (isCoordinator && !started) {
      started = true;
      const seed = rematch && config.newSeed ? config.newSeed() >>> 0 : config.seed;
      const start = { kind: 'start', seed, countdownMs: config.countdownMs, slotOwners: config.slotOwners, names: config.names } as const;
      for (const p of others) send(p, start);
      result = { ok: true, start: { seed, slotOwners: config.slotOwners, names: config.names, startAtMs: nowMs + config.countdownMs, rttMs: 0 } };
    }
  };

  const checkHello = (from: PeerId, msg: Extract<Message, { kind: 'hello' }>): RefuseReason | null => {
    if (msg.buildId !== config.buildId) return 'buildMismatch';
    if (msg.matchId !== config.matchId) return 'wrongMatch';
    if (msg.slot !== lowestSlot(from)) return 'slotMismatch';
    return null;
  };

  const onStart = (from: PeerId, msg: Extract<Message, { kind: 'start' }>, nowMs: number): void => {
    if (from !== coordinator) return fail(MESH_ERROR.startMismatch, `start from ${from}, not the coordinator`);
    const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
    if (rematch ? !msg.slotOwners.includes(self) : msg.seed !== config.seed || !same(msg.slotOwners, config.slotOwners) || !same(msg.names, config.names)) {
      return fail(MESH_ERROR.startMismatch, 'the start differs from the lobby\'s');
    }
    const startAtMs = nowMs + msg.countdownMs - (rtt ?? 0) / 2;
    result = { ok: true, start: { seed: msg.seed, slotOwners: msg.slotOwners, names: msg.names, startAtMs, rttMs: rtt } };
  };

  type Handlers = { [K in Message['kind']]?: (from: PeerId, msg: Extract<Message, { kind: K }>, nowMs: number) => void };
  const handlers: Handlers = {
    hello: (from, msg) => {
      const refusal = rematch ? null : checkHello(from, msg);
      if (refusal) {
        send(from, { kind: 'refuse', reason: refusal });
        return fail(REFUSAL_CODE[refusal], `${from} sent a bad hello: ${refusal}`);
      }
      helloOk.add(from);
      if (from !== coordinator || isCoordinator) send(from, { kind: 'helloAck', slot: lowestSlot(self) });
    },
    helloAck: (from) => void acked.add(from),
    refuse: (from, msg) => fail(REFUSAL_CODE[msg.reason], `refused by ${from}: ${msg.reason}`),
    start: onStart,
    ping: (from, msg) => probe(from, { kind: 'pong', time: msg.time }),
    pong: (_from, msg, nowMs) => {
      const sentAt = pingsSent.get(msg.time);
      if (sentAt === undefined) return;
      pingsSent.delete(msg.time);
      pongs += 1;
      rtt = Math.min(rtt ?? Infinity, nowMs - sentAt);
      if (pongs < PINGS) ping(nowMs);
    },
  };

  const onMessage = (from: PeerId, bytes: Uint8Array, nowMs: number): boolean => {
    const decoded = decodeHandshake(bytes);
    if (!decoded.ok) {
      if (decoded.error.code === 'version-mismatch') fail(MESH_ERROR.versionMismatch, decoded.error.message);
      // An engine message (a faster peer's first inputs) is the engine's; in a rematch, the tail
      // of the previous match, consumed so that it is never replayed.
      if (decoded.error.code === 'wrong-protocol') return rematch;
      return decoded.error.code === 'version-mismatch';
    }
    const handler = handlers[decoded.msg.kind] as ((f: PeerId, m: Message, n: number) => void) | undefined;
    // In a rematch, anything else is the tail of the previous match: consume it, never replay it.
    if (!handler || !others.includes(from)) return rematch;
    handler(from, decoded.msg, nowMs);
    return true;
  };

  const onPeerUp = (peer: PeerId, nowMs: number): void => {
    if (!others.includes(peer)) return;
    up.add(peer);
    if (!rematch) send(peer, { kind: 'hello', buildId: config.buildId, matchId: config.matchId, name: config.names[lowestSlot(self)] ?? '', slot: lowestSlot(self) });
    if (peer === coordinator && rtt === null) ping(nowMs);
  };

  if (!config.slotOwners.includes(self)) fail(MESH_ERROR.notInMatch, `${self} owns no slot`);
  if (rematch) for (const p of others) up.add(p);

  return {
    tick(nowMs) {
      const retry = !isCoordinator && !result && pongs < PINGS && up.has(coordinator) && nowMs - lastPingAt > PING_RETRY_MS;
      if (retry) ping(nowMs);
    },
    begin(nowMs) {
      if (rematch && !isCoordinator) ping(nowMs);
      progress(nowMs);
    },
    handle(event, nowMs) {
      if (event.type === 'peer-up') onPeerUp(event.peer, nowMs);
      else if (event.type === 'peer-down' && others.includes(event.peer) && !result) fail(MESH_ERROR.peerLeft, `${event.peer}: ${event.reason}`);
      const consumed = event.type === 'message' ? !result && onMessage(event.from, event.data, nowMs) : false;
      progress(nowMs);
      return consumed;
    },
    outcome: () => result,
    missing: () => others.filter((p) => !up.has(p) || !helloOk.has(p) || !acked.has(p)),
  };
}
