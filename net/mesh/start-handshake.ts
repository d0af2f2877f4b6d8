/**
 * The start handshake on a mesh, before frame 0: hellos, acks, then the coordinator's start (the
 * algorithm and its rules are in start-state.ts, a pure reducer). This shell feeds it transport
 * events and carries out its sends; the wire format is met in one place, `fromWire` / `toWire`.
 * Nothing it is fed throws: a step it cannot carry out fails the handshake (`fault`), with an
 * error the page shows.
 *
 * Messages the handshake does not use (early inputs of a faster peer, ...) are left for the
 * engine: `handle` returns false for them.
 */
import type { PeerId, Transport, TransportEvent } from '../lockstep';
import { decodeHandshake, encodeHandshake, type HandshakeMessage } from '../protocol';
import { thrownText } from './mesh-errors';
import {
  coordinatorOf,
  createStartState,
  missingPeers,
  outcomeOf,
  reduceStart,
  type AgreedStart,
  type HandshakeOutcome,
  type StartEvent,
  type StartPlan,
} from './start-state';

/** Defined with the reducer; re-exported for connect-match.ts and the page, which know only the shell. */
export type { AgreedStart, HandshakeOutcome };

/** What both ends must agree on, the transport to agree over, and a rematch's seed source. */
export interface HandshakeConfig extends StartPlan {
  readonly transport: Transport;
  /** Rematch only: the coordinator's new seed. */
  readonly newSeed?: () => number;
}

/** The handshake in progress. */
export interface StartHandshake {
  /** Call once, right after creation (a rematch acks the coordinator at once). */
  begin(nowMs: number): void;
  /** Call every poll: re-sends a ping that got no answer (pings may be lost), and a rematch's ack until the start. */
  tick(nowMs: number): void;
  /** Feeds one event; returns false if it is not the handshake's (keep it for the engine). */
  handle(event: TransportEvent, nowMs: number): boolean;
  /** Null while in progress. */
  outcome(): HandshakeOutcome | null;
  /** Peers not up yet, or whose hello or ack is missing: for timeout messages. */
  missing(): PeerId[];
}

/** The handshake's only decoding: a transport event as the reducer takes it. */
function fromWire(event: TransportEvent): StartEvent {
  if (event.type !== 'message') return event;
  const decoded = decodeHandshake(event.data);
  if (decoded.ok) return { type: 'message', from: event.from, msg: decoded.msg };
  return { type: 'undecodable', from: event.from, code: decoded.error.code, detail: decoded.error.message };
}

/** The handshake's only encoding. */
const toWire = (msg: HandshakeMessage): Uint8Array => encodeHandshake(msg);

/**
 * The plan the reducer works from. A rematch's coordinator draws its seed here, up front: the
 * reducer is pure, and only the coordinator's draw is ever used.
 */
function planOf(config: HandshakeConfig, self: PeerId): StartPlan {
  const { slotOwners, names, seed, matchId, buildId, countdownMs, mode, newSeed } = config;
  const draws = mode === 'rematch' && newSeed !== undefined && coordinatorOf(self, slotOwners) === self;
  return { slotOwners, names, seed: draws ? newSeed() >>> 0 : seed, matchId, buildId, countdownMs, mode };
}

/** Starts a handshake; `self` is `config.transport.self`. */
export function createStartHandshake(config: HandshakeConfig): StartHandshake {
  const { transport } = config;
  let state = createStartState(transport.self, planOf(config, transport.self));
  const run = (event: StartEvent, nowMs: number): boolean => {
    try {
      const step = reduceStart(state, event, nowMs);
      // Everything is encoded before the step is taken and anything is sent: a message that
      // cannot be encoded (a name too long for the wire) fails the handshake with nothing half sent.
      const sends = step.effects.map(({ to, msg, channel }) => ({ to, data: toWire(msg), channel }));
      state = step.state;
      for (const { to, data, channel } of sends) transport.send(to, data, channel);
      return step.consumed;
    } catch (thrown) {
      // Escaping, the throw would stop the caller's poll loop: no start, and no timeout either.
      state = reduceStart(state, { type: 'fault', detail: thrownText(thrown) }, nowMs).state;
      return true;
    }
  };
  return {
    begin: (nowMs) => void run({ type: 'begin' }, nowMs),
    tick: (nowMs) => void run({ type: 'tick' }, nowMs),
    handle: (event, nowMs) => run(fromWire(event), nowMs),
    outcome: () => outcomeOf(state),
    missing: () => missingPeers(state),
  };
}
