/**
 * The lobby protocol: JSON messages between a page and its host process over the WebSocket at
 * `/api/lobby`, plus the live LAN match list served as SSE at `/api/matches`.
 *
 * The host is the lobby's authority until the start: it owns the roster (slots in join order),
 * names, colours, ready flags, bots and the seed. After `start`, everything is peer to peer.
 *
 * Both directions are validated: a malformed message is data (`{ ok: false, error }`), never an
 * exception, because either end may be a different build or a hostile page.
 */

/**
 * The close code of a lobby socket whose member another socket took over with the member's token
 * (a duplicated tab carries the token along): the page must not reconnect and take it back.
 */
export const CLOSE_REPLACED = 4001;

/** Players (humans and bots) per match. */
export const MAX_SLOTS = 8;

/**
 * The colour-blind-safe palette (Okabe & Ito, 2008), with white standing in for black so that every
 * tank shows on a dark arena. Each slot gets a distinct one.
 */
export const PALETTE = [
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#009E73', // bluish green
  '#F0E442', // yellow
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#CC79A7', // reddish purple
  '#FFFFFF', // white
] as const;

/** One of the palette's colours. */
export type Colour = (typeof PALETTE)[number];

/** Why the host refused a join. `version-mismatch`: the page must be reloaded from the host. */
export const REFUSAL = {
  versionMismatch: 'version-mismatch',
  full: 'full',
  started: 'started',
  badRequest: 'bad-request',
  /** The host needs a PIN and the join carried none. */
  pinRequired: 'pin-required',
  wrongPin: 'wrong-pin',
  /** Too many wrong PINs from this address lately: it must wait. */
  pinLocked: 'pin-locked',
} as const;

/** A refusal reason code. */
export type RefusalReason = (typeof REFUSAL)[keyof typeof REFUSAL];

/** `lobby`: players gather and ready up. `playing`: started, the lobby is closed to joins. */
export type LobbyPhase = 'lobby' | 'playing';

/** What the page needs to reach the host's PeerJS server (mounted at `/peerjs`). */
export interface PeerServerParams {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  /** The key of the match (a fresh one for every match the lobby starts). */
  readonly key: string;
  readonly secure: boolean;
  /**
   * This member's own secret: PeerJS sends it as its `token`, and the host lets only its holder
   * register the member's peer id. Sent only in the member's own welcome, never in a roster.
   */
  readonly token?: string;
}

/** An RTCIceServer, as plain JSON. Empty on a LAN; configurable on the host for STUN/TURN. */
export interface IceServer {
  readonly urls: string | string[];
  readonly username?: string;
  readonly credential?: string;
}

/** One occupied slot of the roster. Bots run on their owner's page (the creator's). */
export interface RosterSlot {
  readonly slot: number;
  readonly kind: 'player' | 'bot';
  /** The owning player's id (for a bot, the player who added it). */
  readonly playerId: string;
  readonly name: string;
  readonly colour: Colour;
  /** Bots are always ready. */
  readonly ready: boolean;
  readonly isCreator: boolean;
}

/** The whole lobby as the host sees it; sent after every change. */
export interface Roster {
  readonly matchId: string;
  readonly matchName: string;
  readonly phase: LobbyPhase;
  readonly capacity: number;
  /** Occupied slots, in slot order (slot numbers are dense: 0..n-1). */
  readonly slots: readonly RosterSlot[];
  /** The creator's choices for the next match; everyone sees them, only the creator changes them. */
  readonly options: MatchOptions;
  /** Spectators watching (or waiting to watch) the match; absent from hosts of older builds. */
  readonly watching?: number;
}

/** Maze size: `auto` grows with the player count (the sim's `mazeSize`), the others are fixed. */
export type MazeChoice = 'auto' | 'small' | 'medium' | 'large';
/** How hard the bots play. */
export type BotLevel = 'easy' | 'normal' | 'hard';
/** `lockstep` never shows an unconfirmed frame; `rollback` predicts missing inputs and corrects. */
export type Netcode = 'lockstep' | 'rollback';

/** What the lobby's creator chooses for the next match; the host sends it in every roster and in `start`. */
export interface MatchOptions {
  /** Round wins that take the match (1..99). */
  readonly targetScore: number;
  readonly maze: MazeChoice;
  readonly botLevel: BotLevel;
  readonly netcode: Netcode;
}

/** The values of each option, in the order the controls show them. */
export const MAZE_CHOICES: readonly MazeChoice[] = ['auto', 'small', 'medium', 'large'];
export const BOT_LEVELS: readonly BotLevel[] = ['easy', 'normal', 'hard'];
export const NETCODES: readonly Netcode[] = ['lockstep', 'rollback'];
/** What a fresh lobby offers until its creator chooses. */
export const DEFAULT_MATCH_OPTIONS: MatchOptions = { targetScore: 5, maze: 'auto', botLevel: 'normal', netcode: 'lockstep' };

/** Everything the peers need to begin the match; identical on every page. */
export interface StartInfo {
  readonly matchId: string;
  /**
   * Counts the matches started in this lobby: 1 for the first, 2 for the next... (not the sim's
   * rounds, which count mazes within one match).
   */
  readonly matchNumber: number;
  /** Drawn by the host; the sim's seed. */
  readonly seed: number;
  /** Slot -> owning peer id, in slot order. A peer owning several slots runs bots for the extra. */
  readonly slotOwners: readonly string[];
  readonly names: readonly string[];
  readonly colours: readonly Colour[];
  /** Slots played by a deterministic bot (on their owner's page). */
  readonly botSlots: readonly number[];
  /** The signalling key of this match: pages that register at the start use it. */
  readonly peerKey: string;
  /** The creator's choices for this match. */
  readonly options: MatchOptions;
}

/** The host's answer to a successful join. */
export interface Welcome {
  readonly playerId: string;
  readonly peerId: string;
  readonly matchId: string;
  readonly matchName: string;
  readonly isCreator: boolean;
  readonly peerServer: PeerServerParams;
  readonly iceServers: readonly IceServer[];
  readonly protocolVersion: number;
  readonly buildId: string;
}

/** Page -> host. */
export type ClientMessage =
  | {
      readonly type: 'join';
      readonly protocolVersion: number;
      readonly buildId: string;
      readonly name: string;
      readonly colour?: Colour;
      /** The host's PIN, when it asks for one (`?pin=` on the page, or typed in the lobby). */
      readonly pin?: string;
      /**
       * The member's secret from an earlier welcome (`peerServer.token`), when this page had joined
       * before (its lobby socket dropped, or the tab reloaded): a host that still knows it gives the
       * member its place back (same slot, ids and token); one that does not (restarted) takes the
       * join as a new member's.
       */
      readonly token?: string;
    }
  | { readonly type: 'set-ready'; readonly ready: boolean }
  | { readonly type: 'set-colour'; readonly colour: Colour }
  /** A joined player renames themself (the one name rule, `cleanName`; deduplicated like a join's). */
  | { readonly type: 'set-name'; readonly name: string }
  | { readonly type: 'add-bot' }
  | { readonly type: 'remove-bot'; readonly slot: number }
  | { readonly type: 'start' }
  /**
   * Creator only, in the lobby: change some of the match options (the fields given; the others
   * stay). A field out of range or a key that is not an option makes the whole message malformed.
   */
  | { readonly type: 'set-options'; readonly options: Partial<MatchOptions> }
  /** The match this page played is over: back to the lobby once every player has said so. */
  | { readonly type: 'match-over' }
  /**
   * Watch the match rather than play (`spectate=1`, or after a join was refused because the match
   * had started or was full). Same fields as a join but the token and colour.
   */
  | { readonly type: 'spectate'; readonly protocolVersion: number; readonly buildId: string; readonly name: string; readonly pin?: string };

/**
 * The host's answer to `spectate`, and again whenever it changes: a match starts, or the player
 * feeding this spectator leaves. `start` and `feeder` are null while there is no match to watch.
 */
export interface Spectating {
  readonly spectatorId: string;
  /** The spectator's own PeerJS id, which only it may register (with `peerServer.token`). */
  readonly peerId: string;
  /** The running match's signalling key and this spectator's token; the key is '' while no match runs. */
  readonly peerServer: PeerServerParams;
  readonly iceServers: readonly IceServer[];
  readonly start: StartInfo | null;
  /** The peer id of the player that feeds this spectator. */
  readonly feeder: string | null;
}

/** Host -> page. */
export type HostMessage =
  | ({ readonly type: 'welcome' } & Welcome)
  | { readonly type: 'refused'; readonly reason: RefusalReason; readonly message: string }
  | { readonly type: 'roster'; readonly roster: Roster }
  | { readonly type: 'start'; readonly start: StartInfo }
  /** An action the host turned down (not the creator, colour taken...). The lobby goes on. */
  | { readonly type: 'error'; readonly message: string }
  /**
   * A player's page closed its connection to the host during the match: its tab closed or
   * crashed. A network cut never closes it (the heartbeat takes 10 s), so the peers may drop that
   * player at once instead of waiting out the silence that a cut also shows.
   */
  | { readonly type: 'peer-gone'; readonly peerId: string }
  | ({ readonly type: 'spectating' } & Spectating)
  /** To a player of the running match: feed the spectator `peerId` (net/spectate). */
  | { readonly type: 'feed'; readonly peerId: string };

/** What a host announces about its match on mDNS (its TXT record, net/host/txt.ts). */
export interface MatchAdvert {
  readonly protocolVersion: number;
  readonly matchId: string;
  readonly name: string;
  readonly players: number;
  readonly capacity: number;
  readonly phase: LobbyPhase;
  /** Joining needs the host's PIN (`--pin`). The PIN itself is never announced. */
  readonly pinRequired: boolean;
}

/** One Ricochet match on the LAN, as a host process sees it (itself included): its advert and more. */
export interface MatchListing extends MatchAdvert {
  /** The page URL to open to join it. */
  readonly url: string;
  /** False once its `/health` stops answering (mDNS alone keeps a dead host listed for hours). */
  readonly alive: boolean;
  /** True for the match of the host process serving this list. */
  readonly self: boolean;
}

/** The payload of each `/api/matches` SSE event (`data:` line): the whole list, every time. */
export interface MatchListEvent {
  readonly matches: readonly MatchListing[];
}

/**
 * What `/health` answers: lets a page (or a peer host) tell a Ricochet host from anything else.
 * The advert's fields, but `name` is `matchName` on this endpoint (older hosts read it so).
 */
export interface Health extends Omit<MatchAdvert, 'name' | 'pinRequired'> {
  readonly app: 'ricochet';
  readonly ok: true;
  readonly matchName: string;
  readonly buildId: string;
  /** Joining needs a PIN (absent from hosts of older builds, which had none). */
  readonly pinRequired?: boolean;
}

/** A parse result: messages from the wire are data, never exceptions. */
export type Parsed<T> = { readonly ok: true; readonly msg: T } | { readonly ok: false; readonly error: string };
