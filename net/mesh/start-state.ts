/**
 * The start handshake as a pure state machine. `reduceStart(state, event, nowMs)` takes the
 * handshake so far, one event (a peer up or down, a decoded message, a poll) and the time, and
 * returns the next state, the messages to send, and whether the event was the handshake's. The
 * shell (start-handshake.ts) owns the transport and the wire format.
 *
 * Algorithm (every message on the reliable channel but pings):
 * 1. Hello: as each peer comes up, send it `hello` (build id, match id, name, our lowest slot). A
 *    received hello is checked against the lobby's start info: same build, same match, and the
 *    slot claimed must be the lowest slot the roster gives that connection's peer id. That id is
 *    the one the remote registered at the host (the signalling server sets it), and only a
 *    member's own token registers its id, so a slot is played by its owner alone. A bad hello is
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
 * Each other peer has one status: `pending` (not up), `up` (our hello went out), `greeted` (its
 * good hello came), `acked` (its ack came first), `ready` (both). The handshake's own stage goes
 * `greeting` -> (non-coordinator) `acked` -> `started`, or to `failed` at any point; the first
 * outcome sticks.
 */
import type { Channel, PeerId } from '../lockstep';
import type { HandshakeMessage as HandshakeMessage, RefuseReason } from '../protocol';
import { MESH_ERROR, meshError, type MeshError, type MeshErrorCode } from './mesh-errors';

/** What both ends must agree on; from the lobby's start info and welcome. */
export interface StartPlan {
  readonly slotOwners: readonly PeerId[];
  readonly names: readonly string[];
  /** The lobby's seed; in a rematch, the seed the coordinator announces if we are it. */
  readonly seed: number;
  readonly matchId: string;
  readonly buildId: string;
  readonly countdownMs: number;
  /** `rematch`: the mesh already shook hands; agree on a new seed (drawn by the coordinator). */
  readonly mode: 'first' | 'rematch';
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

/** Where the handshake stands with one other peer; see the file header. */
export type PeerShake = 'pending' | 'up' | 'greeted' | 'acked' | 'ready';

/** The handshake's own stage; `acked` only on a non-coordinator. */
export type StartStage =
  | { readonly name: 'greeting' }
  /** `atMs`: when our ack last went out (a rematch sends it again until the start comes). */
  | { readonly name: 'acked'; readonly atMs: number }
  | { readonly name: 'started'; readonly start: AgreedStart }
  | { readonly name: 'failed'; readonly error: MeshError };

/** Pings to the coordinator, for the RTT that evens out the start. */
export interface RttProbe {
  /** The echoed `time` is only a key: a counter keeps it unique. */
  readonly nextTime: number;
  readonly lastSentAtMs: number | null;
  readonly inFlight: readonly { readonly time: number; readonly sentAtMs: number }[];
  readonly pongs: number;
  readonly rttMs: number | null;
}

/** The whole handshake. Plain data. */
export interface StartState {
  readonly self: PeerId;
  readonly coordinator: PeerId;
  readonly plan: StartPlan;
  /** Every other peer of the match, sorted by id. */
  readonly peers: readonly { readonly peer: PeerId; readonly shake: PeerShake }[];
  readonly stage: StartStage;
  readonly probe: RttProbe;
}

/** What the shell feeds the reducer; messages arrive decoded. */
export type StartEvent =
  | { readonly type: 'begin' }
  | { readonly type: 'tick' }
  | { readonly type: 'peer-up'; readonly peer: PeerId }
  | { readonly type: 'peer-down'; readonly peer: PeerId; readonly reason: string }
  | { readonly type: 'message'; readonly from: PeerId; readonly msg: HandshakeMessage }
  | { readonly type: 'undecodable'; readonly from: PeerId; readonly code: string; readonly detail: string }
  /**
   * The shell could not carry out a step (a message it could not encode): the handshake fails,
   * even a start the reducer had made, since that start never went out.
   */
  | { readonly type: 'fault'; readonly detail: string };

/** A message to send. */
export interface StartEffect {
  readonly kind: 'send';
  readonly to: PeerId;
  readonly msg: HandshakeMessage;
  readonly channel: Channel;
}

/** A reducer's result; `consumed` is false for an event the lockstep engine must get instead. */
export interface StartStep {
  readonly state: StartState;
  readonly effects: readonly StartEffect[];
  readonly consumed: boolean;
}

/** Pings to take; the least RTT wins. */
export const PINGS = 5;
/** A ping unanswered for this long is taken as lost. */
export const PING_RETRY_MS = 150;
/**
 * A rematch's ack is sent again this often until the start comes: the coordinator may still be
 * running the finished match when it arrives, and that match's engine drops handshake messages.
 */
export const REMATCH_ACK_RETRY_MS = 500;

const REFUSAL_CODE: { readonly [R in RefuseReason]: MeshErrorCode } = {
  versionMismatch: MESH_ERROR.versionMismatch,
  buildMismatch: MESH_ERROR.versionMismatch,
  wrongMatch: MESH_ERROR.refused,
  full: MESH_ERROR.full,
  started: MESH_ERROR.started,
  slotTaken: MESH_ERROR.refused,
  slotMismatch: MESH_ERROR.refused,
};

/** The peer with the lowest id: it draws a rematch's seed and sends the start. */
export function coordinatorOf(self: PeerId, slotOwners: readonly PeerId[]): PeerId {
  return [self, ...slotOwners].sort()[0] as PeerId;
}

/** A handshake about to begin. A rematch starts with every hello taken as given. */
export function createStartState(self: PeerId, plan: StartPlan): StartState {
  const coordinator = coordinatorOf(self, plan.slotOwners);
  const isCoordinator = coordinator === self;
  // In a rematch only the coordinator waits for acks: they mean "ready for the next match".
  const initial: PeerShake = plan.mode === 'first' ? 'pending' : isCoordinator ? 'greeted' : 'ready';
  const others = [...new Set(plan.slotOwners)].filter((p) => p !== self).sort();
  const stage: StartStage = plan.slotOwners.includes(self)
    ? { name: 'greeting' }
    : { name: 'failed', error: meshError(MESH_ERROR.notInMatch, `${self} owns no slot`) };
  const probe: RttProbe = { nextTime: 1, lastSentAtMs: null, inFlight: [], pongs: 0, rttMs: isCoordinator ? 0 : null };
  return { self, coordinator, plan, peers: others.map((peer) => ({ peer, shake: initial })), stage, probe };
}

/** Null while in progress. */
export function outcomeOf(state: StartState): HandshakeOutcome | null {
  if (state.stage.name === 'started') return { ok: true, start: state.stage.start };
  if (state.stage.name === 'failed') return { ok: false, error: state.stage.error };
  return null;
}

/** Peers not up yet, or whose hello or ack is missing: for timeout messages. */
export function missingPeers(state: StartState): PeerId[] {
  return state.peers.filter((p) => p.shake !== 'ready').map((p) => p.peer);
}

type Transition = { readonly [S in PeerShake]?: PeerShake };
const AFTER_UP: Transition = { pending: 'up' };
const AFTER_HELLO: Transition = { pending: 'greeted', up: 'greeted', acked: 'ready' };
const AFTER_ACK: Transition = { pending: 'acked', up: 'acked', greeted: 'ready' };

const isDone = (state: StartState): boolean => state.stage.name === 'started' || state.stage.name === 'failed';
const isCoordinator = (state: StartState): boolean => state.coordinator === state.self;
const isOther = (state: StartState, peer: PeerId): boolean => state.peers.some((p) => p.peer === peer);
const lowestSlot = (state: StartState, peer: PeerId): number => state.plan.slotOwners.indexOf(peer);
const reliable = (to: PeerId, msg: HandshakeMessage): StartEffect => ({ kind: 'send', to, msg, channel: 'reliable' });
// Pings go unreliable: a lost one costs a sample, where a retransmit would inflate the RTT.
const unreliable = (to: PeerId, msg: HandshakeMessage): StartEffect => ({ kind: 'send', to, msg, channel: 'unreliable' });
const idle = (state: StartState, consumed = false): StartStep => ({ state, effects: [], consumed });

function shaken(state: StartState, peer: PeerId, transition: Transition): StartState {
  return { ...state, peers: state.peers.map((p) => (p.peer === peer ? { peer, shake: transition[p.shake] ?? p.shake } : p)) };
}

/** The first outcome sticks. */
function fail(state: StartState, code: MeshErrorCode, detail: string): StartState {
  return isDone(state) ? state : { ...state, stage: { name: 'failed', error: meshError(code, detail) } };
}

function ping(state: StartState, nowMs: number): StartStep {
  const { probe } = state;
  const time = probe.nextTime;
  const next: RttProbe = { ...probe, nextTime: time + 1, lastSentAtMs: nowMs, inFlight: [...probe.inFlight, { time, sentAtMs: nowMs }] };
  return { state: { ...state, probe: next }, effects: [unreliable(state.coordinator, { kind: 'ping', time })], consumed: false };
}

/** Sends our ack to the coordinator, or as the coordinator the start, once every peer is ready. */
function progress(step: StartStep, nowMs: number): StartStep {
  const { state } = step;
  if (isDone(state) || state.peers.some((p) => p.shake !== 'ready')) return step;
  if (!isCoordinator(state)) {
    if (state.stage.name === 'acked') return step;
    const ack = reliable(state.coordinator, { kind: 'helloAck', slot: lowestSlot(state, state.self) });
    return { ...step, state: { ...state, stage: { name: 'acked', atMs: nowMs } }, effects: [...step.effects, ack] };
  }
  const { seed, slotOwners, names, countdownMs } = state.plan;
  const msg: HandshakeMessage = { kind: 'start', seed, countdownMs, slotOwners, names };
  const start: AgreedStart = { seed, slotOwners, names, startAtMs: nowMs + countdownMs, rttMs: 0 };
  const sends = state.peers.map((p) => reliable(p.peer, msg));
  return { ...step, state: { ...state, stage: { name: 'started', start } }, effects: [...step.effects, ...sends] };
}

function checkHello(state: StartState, from: PeerId, msg: Extract<HandshakeMessage, { kind: 'hello' }>): RefuseReason | null {
  if (state.plan.mode === 'rematch') return null;
  if (msg.buildId !== state.plan.buildId) return 'buildMismatch';
  if (msg.matchId !== state.plan.matchId) return 'wrongMatch';
  if (msg.slot !== lowestSlot(state, from)) return 'slotMismatch';
  return null;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function onStart(state: StartState, from: PeerId, msg: Extract<HandshakeMessage, { kind: 'start' }>, nowMs: number): StartState {
  if (from !== state.coordinator) return fail(state, MESH_ERROR.startMismatch, `start from ${from}, not the coordinator`);
  const { plan, probe } = state;
  // A rematch adopts the coordinator's layout; a first start must match the lobby's exactly.
  const differs = plan.mode === 'rematch'
    ? !msg.slotOwners.includes(state.self)
    : msg.seed !== plan.seed || !sameList(msg.slotOwners, plan.slotOwners) || !sameList(msg.names, plan.names);
  if (differs) return fail(state, MESH_ERROR.startMismatch, "the start differs from the lobby's");
  const startAtMs = nowMs + msg.countdownMs - (probe.rttMs ?? 0) / 2;
  const start: AgreedStart = { seed: msg.seed, slotOwners: msg.slotOwners, names: msg.names, startAtMs, rttMs: probe.rttMs };
  return { ...state, stage: { name: 'started', start } };
}

function onPong(state: StartState, msg: Extract<HandshakeMessage, { kind: 'pong' }>, nowMs: number): StartStep {
  const { probe } = state;
  const sent = probe.inFlight.find((p) => p.time === msg.time);
  if (!sent) return idle(state);
  const rttMs = Math.min(probe.rttMs ?? Infinity, nowMs - sent.sentAtMs);
  const inFlight = probe.inFlight.filter((p) => p !== sent);
  const next: StartState = { ...state, probe: { ...probe, inFlight, pongs: probe.pongs + 1, rttMs } };
  return next.probe.pongs < PINGS ? ping(next, nowMs) : idle(next);
}

type MessageHandler<K extends HandshakeMessage['kind']> = (
  state: StartState,
  from: PeerId,
  msg: Extract<HandshakeMessage, { kind: K }>,
  nowMs: number,
) => StartStep;

const messageHandlers: { readonly [K in HandshakeMessage['kind']]?: MessageHandler<K> } = {
  hello: (state, from, msg) => {
    const refusal = checkHello(state, from, msg);
    if (refusal) {
      const failed = fail(state, REFUSAL_CODE[refusal], `${from} sent a bad hello: ${refusal}`);
      return { state: failed, effects: [reliable(from, { kind: 'refuse', reason: refusal })], consumed: true };
    }
    // A non-coordinator's ack to the coordinator waits for the whole mesh (see `progress`).
    const ack = reliable(from, { kind: 'helloAck', slot: lowestSlot(state, state.self) });
    const acks = from !== state.coordinator || isCoordinator(state) ? [ack] : [];
    return { state: shaken(state, from, AFTER_HELLO), effects: acks, consumed: true };
  },
  helloAck: (state, from) => idle(shaken(state, from, AFTER_ACK), true),
  refuse: (state, from, msg) => idle(fail(state, REFUSAL_CODE[msg.reason], `refused by ${from}: ${msg.reason}`), true),
  start: (state, from, msg, nowMs) => idle(onStart(state, from, msg, nowMs), true),
  // Answered as it is handled: the hold is not measured here (the start needs the RTT to a few ms only).
  ping: (state, from, msg) => ({ state, effects: [unreliable(from, { kind: 'pong', time: msg.time, holdUs: 0 })], consumed: true }),
  pong: (state, _from, msg, nowMs) => ({ ...onPong(state, msg, nowMs), consumed: true }),
};

function onMessage(state: StartState, from: PeerId, msg: HandshakeMessage, nowMs: number): StartStep {
  if (isDone(state)) return idle(state);
  const handler = messageHandlers[msg.kind] as MessageHandler<typeof msg.kind> | undefined;
  // In a rematch, anything else is the tail of the previous match: consume it, never replay it.
  if (!handler || !isOther(state, from)) return idle(state, state.plan.mode === 'rematch');
  return handler(state, from, msg as never, nowMs);
}

function onPeerUp(state: StartState, peer: PeerId, nowMs: number): StartStep {
  if (!isOther(state, peer)) return idle(state);
  const { plan, self } = state;
  const slot = lowestSlot(state, self);
  const { buildId, matchId } = plan;
  const greeting = reliable(peer, { kind: 'hello', buildId, matchId, name: plan.names[slot] ?? '', slot });
  const hello = plan.mode === 'first' ? [greeting] : [];
  const up = shaken(state, peer, AFTER_UP);
  if (peer !== state.coordinator || state.probe.rttMs !== null) return { state: up, effects: hello, consumed: false };
  const pinged = ping(up, nowMs);
  return { ...pinged, effects: [...hello, ...pinged.effects] };
}

/** In a rematch, our ack again, every REMATCH_ACK_RETRY_MS until the start comes (a duplicate changes nothing). */
function reAck(state: StartState, nowMs: number): StartStep | null {
  const { stage } = state;
  if (state.plan.mode !== 'rematch' || stage.name !== 'acked' || nowMs - stage.atMs < REMATCH_ACK_RETRY_MS) return null;
  const ack = reliable(state.coordinator, { kind: 'helloAck', slot: lowestSlot(state, state.self) });
  return { state: { ...state, stage: { name: 'acked', atMs: nowMs } }, effects: [ack], consumed: false };
}

/** Pings may be lost: one unanswered for `PING_RETRY_MS` is sent again, until `PINGS` pongs. */
function onTick(state: StartState, nowMs: number): StartStep {
  const again = reAck(state, nowMs);
  if (again) return again;
  const { probe } = state;
  const coordinatorUp = state.peers.some((p) => p.peer === state.coordinator && p.shake !== 'pending');
  const due = probe.lastSentAtMs === null || nowMs - probe.lastSentAtMs > PING_RETRY_MS;
  return !isCoordinator(state) && !isDone(state) && probe.pongs < PINGS && coordinatorUp && due ? ping(state, nowMs) : idle(state);
}

type Handler<T extends StartEvent['type']> = (state: StartState, event: Extract<StartEvent, { type: T }>, nowMs: number) => StartStep;

const handlers: { readonly [T in StartEvent['type']]: Handler<T> } = {
  begin: (state, _event, nowMs) => (state.plan.mode === 'rematch' && !isCoordinator(state) ? ping(state, nowMs) : idle(state)),
  tick: (state, _event, nowMs) => onTick(state, nowMs),
  'peer-up': (state, event, nowMs) => onPeerUp(state, event.peer, nowMs),
  'peer-down': (state, event) =>
    idle(isOther(state, event.peer) ? fail(state, MESH_ERROR.peerLeft, `${event.peer}: ${event.reason}`) : state),
  message: (state, event, nowMs) => onMessage(state, event.from, event.msg, nowMs),
  undecodable: (state, event) => {
    // An engine message (a faster peer's first inputs) is the engine's; in a rematch, it is the
    // tail of the previous match, consumed so that it is never replayed.
    if (event.code === 'wrong-protocol') return idle(state, !isDone(state) && state.plan.mode === 'rematch');
    // A peer of another protocol version cannot take part: that is the handshake's failure.
    if (isDone(state) || event.code !== 'version-mismatch') return idle(state);
    return idle(fail(state, MESH_ERROR.versionMismatch, event.detail), true);
  },
  fault: (state, event) =>
    idle(state.stage.name === 'failed' ? state : { ...state, stage: { name: 'failed', error: meshError(MESH_ERROR.startFailed, event.detail) } }, true),
};

/** The handshake's reducer: after every event, the ack or the start goes out once all are ready. */
export function reduceStart(state: StartState, event: StartEvent, nowMs: number): StartStep {
  const handler = handlers[event.type] as Handler<typeof event.type>;
  return progress(handler(state, event as never, nowMs), nowMs);
}
