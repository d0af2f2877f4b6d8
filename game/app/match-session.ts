/**
 * The match this page is playing (or played last): everything the scenes and the test surface
 * read about it. One at a time; a new match replaces the previous one.
 */
import type { LockstepEngine } from '../../net/lockstep/engine-types';
import type { PeerId } from '../../net/lockstep/transport';
import type { SimSetup, SimState } from '../sim/types';
import type { MatchLoop } from './match-loop';

/** A match in progress or just finished. */
export interface MatchSession {
  readonly mode: 'practice' | 'network';
  readonly setup: SimSetup;
  readonly self: PeerId;
  readonly slotOwners: readonly PeerId[];
  readonly localSlots: readonly number[];
  readonly botSlots: readonly number[];
  /** The slot the local human watches (the first local slot); bots may be playing it. */
  readonly viewSlot: number;
  /** CSS colours, by slot. */
  readonly colours: readonly string[];
  readonly engine: LockstepEngine<SimState>;
  readonly loop: MatchLoop;
  /** Who the last tick waited on, if it stalled. */
  waitingFor: readonly PeerId[] | null;
  /** Why the match stopped early (desync, dropped), if it did. */
  problem: string | null;
  /** Stops the frame loop and the input devices. Idempotent. */
  stop(): void;
}

let current: MatchSession | null = null;

/** The current match, if any. */
export const currentSession = (): MatchSession | null => current;

/** Makes `session` the current match, stopping the previous one. */
export function setCurrentSession(session: MatchSession | null): void {
  if (current && current !== session) current.stop();
  current = session;
}
