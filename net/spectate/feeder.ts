/**
 * The feeding side of spectating: a player sends each spectator that asks it (`watch`) a snapshot
 * of its newest confirmed checkpoint, then every confirmed frame's inputs and leaves from there,
 * and its checkpoint hashes, so that the spectator plays the match itself and checks that it
 * agrees. The engine never hears of it: the feeder reads the engine's confirmed frames, input log,
 * checkpoints and kept states (`FeedSource`) after the fact, on the spectators' half of the
 * transport (split-transport.ts), so a slow or silent spectator can never stall a player.
 *
 * Everything travels on the reliable channel: ordered and retransmitted, so a lost packet costs a
 * little time and never a hole. A spectator that asks twice, asks from a frame far ahead, or sends
 * anything that is not a `watch` is refused with a reason (an event), and changes nothing.
 */
import { snapshotChunks, type Game, type InputLog, type PeerId, type Transport } from '../lockstep';
import { decodeSpectate, encodeSpectate, MAX_FEED_FRAMES, type SpectateMessage } from '../protocol';

/** What the feeder reads from the engine (a LockstepEngine fits). */
export interface FeedSource<State> {
  confirmedFrame(): number;
  inputLog(): InputLog;
  checkpoints(): readonly (readonly [number, number])[];
  checkpointState(): { readonly frame: number; readonly state: State } | null;
}

/** At most this many spectators per player: a bound for hostile input (the host spreads them out). */
export const MAX_WATCHERS = 16;
/** Input messages per spectator per poll (32 frames each): a spectator far behind gets 512 frames a poll. */
export const FEED_MESSAGES_PER_POLL = 16;
/** A resuming spectator may ask from at most this many frames past our confirmed frame (10 s). */
export const MAX_RESUME_AHEAD = 600;

/** What happened to the feeder's spectators. */
export type FeederEvent =
  | { readonly type: 'watching'; readonly peer: PeerId; readonly from: number; readonly snapshotBytes: number }
  | { readonly type: 'watcher-gone'; readonly peer: PeerId }
  | { readonly type: 'watcher-refused'; readonly peer: PeerId; readonly reason: string };

/** One spectator being fed. */
interface Watcher {
  /** Waiting for our first checkpoint (a snapshot is needed, none is kept yet). */
  pendingSnapshot: boolean;
  /** The next frame whose inputs it needs. */
  next: number;
  /** The newest checkpoint frame forwarded (or the snapshot's). */
  lastCheckpoint: number;
}

/** Feeds the spectators that watch this player. */
export class SpectatorFeeder<State> {
  private readonly watchers = new Map<PeerId, Watcher>();
  private readonly events: FeederEvent[] = [];

  constructor(
    private readonly transport: Transport,
    private readonly game: Pick<Game<State, unknown>, 'hash' | 'encodeState'>,
    private readonly slots: number,
  ) {}

  /** The spectators watching now. */
  watching(): PeerId[] {
    return [...this.watchers.keys()];
  }

  drainEvents(): FeederEvent[] {
    return this.events.splice(0);
  }

  /** Reads the spectators' messages, then sends each what it lacks of `source`. */
  poll(source: FeedSource<State>): void {
    for (const event of this.transport.drain()) {
      if (event.type === 'peer-down' && this.watchers.delete(event.peer)) this.events.push({ type: 'watcher-gone', peer: event.peer });
      if (event.type !== 'message') continue;
      const decoded = decodeSpectate(event.data);
      if (!decoded.ok) this.refuse(event.from, `a message that is not the spectate protocol's: ${decoded.error.message}`);
      else this.onMessage(event.from, decoded.msg, source);
    }
    for (const [peer, watcher] of this.watchers) this.feed(peer, watcher, source);
  }

  private onMessage(peer: PeerId, msg: SpectateMessage, source: FeedSource<State>): void {
    if (msg.kind !== 'watch') return this.refuse(peer, `a ${msg.kind} message, which only a player sends`);
    if (this.watchers.has(peer)) return this.refuse(peer, 'a second watch: it is already fed');
    if (this.watchers.size >= MAX_WATCHERS) return this.refuse(peer, `${MAX_WATCHERS} spectators already watch this player`);
    const confirmed = source.confirmedFrame();
    if (msg.from !== null && msg.from > confirmed + MAX_RESUME_AHEAD) {
      return this.refuse(peer, `a watch from frame ${msg.from}, far past this player's frame ${confirmed}`);
    }
    const watcher: Watcher = { pendingSnapshot: msg.from === null, next: msg.from ?? 0, lastCheckpoint: msg.from ?? 0 };
    this.watchers.set(peer, watcher);
    if (msg.from !== null) this.events.push({ type: 'watching', peer, from: msg.from, snapshotBytes: 0 });
  }

  private refuse(peer: PeerId, reason: string): void {
    this.events.push({ type: 'watcher-refused', peer, reason });
  }

  private send(peer: PeerId, msg: SpectateMessage): void {
    this.transport.send(peer, encodeSpectate(msg), 'reliable');
  }

  /** The snapshot if it still needs one (once we have a checkpoint), then inputs and checkpoints. */
  private feed(peer: PeerId, watcher: Watcher, source: FeedSource<State>): void {
    if (watcher.pendingSnapshot && !this.sendSnapshot(peer, watcher, source)) return;
    const log = source.inputLog();
    const confirmed = Math.min(source.confirmedFrame(), log.inputs.length);
    for (let n = 0; n < FEED_MESSAGES_PER_POLL && watcher.next < confirmed; n++) {
      const start = watcher.next;
      const end = Math.min(confirmed, start + MAX_FEED_FRAMES);
      const rows = log.inputs.slice(start, end).map((row) => Array.from({ length: this.slots }, (_, slot) => row[slot] ?? 0));
      const leaves = log.leaves.filter(([frame]) => frame >= start && frame < end);
      this.send(peer, { kind: 'feedInputs', startFrame: start, slots: this.slots, rows, leaves });
      watcher.next = end;
    }
    // The newest checkpoints only: walk back to the last one forwarded (the list grows all match).
    const list = source.checkpoints();
    let first = list.length;
    while (first > 0 && (list[first - 1] as readonly [number, number])[0] > watcher.lastCheckpoint) first--;
    for (const [frame, hash] of list.slice(first)) {
      this.send(peer, { kind: 'checkpoint', frame, hash, sections: [] });
      watcher.lastCheckpoint = frame;
    }
  }

  /** Sends our newest kept checkpoint state; false if we have none yet (before the first checkpoint). */
  private sendSnapshot(peer: PeerId, watcher: Watcher, source: FeedSource<State>): boolean {
    const kept = source.checkpointState();
    if (kept === null) return false;
    if (!this.game.encodeState) {
      this.watchers.delete(peer);
      this.refuse(peer, 'this game cannot encode its state for a spectator');
      return false;
    }
    const bytes = this.game.encodeState(kept.state);
    this.send(peer, { kind: 'feedStart', frame: kept.frame, hash: this.game.hash(kept.state) });
    for (const chunk of snapshotChunks(kept.frame, bytes)) this.send(peer, chunk);
    watcher.pendingSnapshot = false;
    watcher.next = kept.frame;
    watcher.lastCheckpoint = kept.frame;
    this.events.push({ type: 'watching', peer, from: kept.frame, snapshotBytes: bytes.length });
    return true;
  }
}
