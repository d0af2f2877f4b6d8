/**
 * The match this page is playing (or played last): everything the scenes and the test surface
 * read about it, and what its starter (practice or the mesh) does when the player chooses. The
 * actions are how scenes stay ignorant of whether the match is networked: they call back, and
 * practice and the mesh each answer in their own way.
 */
import type { LockstepEngine, LockstepEvent, PeerId } from '../../net/lockstep';
import type { SimSetup, SimState, StatsTally } from '../sim';
import type { RenderQuality } from '../view/render-quality';
import type { MatchLoop } from './match-loop';
import type { BotLevel } from '../bots';
import type { PaceMeter } from './pace-meter';

/** How many engine events a match keeps for the test surface: a long match must not grow without bound. */
export const EVENT_LOG_LIMIT = 256;

/** A match in progress or just finished. */
export interface MatchSession {
  readonly setup: SimSetup;
  readonly self: PeerId;
  readonly slotOwners: readonly PeerId[];
  readonly localSlots: readonly number[];
  readonly botSlots: readonly number[];
  /** How this page's bots play (the match options' level). */
  readonly botLevel: BotLevel;
  /** The slot the local human watches (the first local slot); bots may be playing it. */
  readonly viewSlot: number;
  /** CSS colours, by slot. */
  readonly colours: readonly string[];
  readonly engine: LockstepEngine<SimState>;
  readonly loop: MatchLoop;
  /** Shots, kills, ricochets: tallied from every confirmed frame's events (game/sim/match-stats.ts), counted again after a resync (stats-recount.ts). */
  readonly stats: StatsTally;
  /** Who the last tick waited on, if it stalled. */
  waitingFor: readonly PeerId[] | null;
  /** Display rate and input-send cadence of this page, for `window.ricochet.pace()` and render scaling. */
  readonly pace: PaceMeter;
  /** The render quality the Match scene should draw at (lowered while the display cannot keep up). */
  quality: RenderQuality;
  /** Why the match stopped early (desync, dropped), if it did. */
  problem: string | null;
  /**
   * The first checkpoint mismatch this page saw, as shown to the player: another peer's (`fatal`
   * false, the match plays on) or this page's (the match ended). Its report: desync-report.ts.
   */
  desync: { readonly text: string; readonly fatal: boolean } | null;
  /** The engine's events so far, oldest first (the latest EVENT_LOG_LIMIT), for `window.ricochet.events()`. */
  readonly events: LockstepEvent[];
  /** Runs the frame loop now: the Match scene calls it right before drawing, so it draws the newest state. */
  pump(): void;
  /** Stops the frame loop and the input devices. Idempotent. */
  stop(): void;
  /**
   * Freezes (or thaws) the frame loop without losing time: on resume the clock does not owe the
   * paused time. Only for a match nobody else plays in (practice): a lockstep peer must play on.
   */
  setPaused(paused: boolean): void;
}

/** What happens on the player's choices, decided by whoever started the match. */
export interface MatchActions {
  /** The match is over and the results are about to show (a networked match tells the host). */
  onOver(): void;
  /** "Play again". `say` puts a status line on the results screen (e.g. waiting for the others). */
  onPlayAgain(say: (text: string) => void): void;
  /** "Back to lobby": this match is done with for good. */
  onBackToLobby(): void;
  /** The page is going away (pagehide): tell the others now rather than after a silence. */
  onLeave(): void;
  /**
   * "Leave match" in the menu, mid-match: leave for good (the peers drop us at once, as when a
   * tab closes), tell whoever must know, and forget the match. The caller shows the lobby.
   */
  onQuit(): void;
  /** Pauses the match while the menu is open, where nobody else plays; absent: it plays on. */
  readonly pause?: (paused: boolean) => void;
}

/** A match as the Match and Results scenes get it (their Phaser `init` data). */
export interface ShownMatch {
  readonly session: MatchSession;
  readonly actions: MatchActions;
}
