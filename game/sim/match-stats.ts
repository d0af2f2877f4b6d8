/**
 * Match statistics, tallied from the sim's events (never from the picture), so the same numbers
 * come out of a live match and of its replay re-run. Per slot:
 *   shots        `fire` events: shells fired;
 *   hits         shells that destroyed a tank other than their owner's;
 *   kills        tanks destroyed by the slot's shells, its own excluded (a shell is spent on the
 *                first tank it touches, so today hits equal kills; both are kept, as the rules may
 *                one day let a shell go through);
 *   selfHits     times the slot's own shell destroyed its own tank;
 *   longestRicochet  most walls a shell bounced off before it destroyed another tank (0 if none);
 *   longestBounce    most walls any shell of the slot bounced off, hit or not.
 * Only the match counts: events after the frame that ends it (`match-over`) are ignored, so a
 * replay that runs on past the end (the page keeps stepping on the results screen) adds nothing.
 */
import { runReplay, type Replay } from './replay';
import type { SimEvent } from './types';

/** One slot's statistics (see the file header). */
export interface PlayerStats {
  shots: number;
  hits: number;
  kills: number;
  selfHits: number;
  longestRicochet: number;
  longestBounce: number;
}

/** A running tally; feed it every stepped state's events in frame order. */
export interface StatsTally {
  /** Adds one frame's events. */
  add(events: readonly SimEvent[]): void;
  /** A copy of the statistics so far, by slot. */
  stats(): PlayerStats[];
  /** Whether the match has ended (later events are ignored). */
  over(): boolean;
  /** An independent tally with the same counts so far (to go back to, should later frames be recounted). */
  copy(): StatsTally;
}

/** All zero: a slot that did nothing. */
export const emptyStats = (): PlayerStats => ({ shots: 0, hits: 0, kills: 0, selfHits: 0, longestRicochet: 0, longestBounce: 0 });

/** What a tally holds: the statistics, each shell's bounces so far, whether the match ended. */
interface TallyData {
  readonly stats: PlayerStats[];
  readonly bounces: Record<number, number>;
  readonly over: boolean;
}

/** A tally for `players` slots, all zero. */
export function createStatsTally(players: number): StatsTally {
  return tallyFrom({ stats: Array.from({ length: players }, emptyStats), bounces: {}, over: false });
}

/** A tally going on from `from` (which it owns). */
function tallyFrom(from: TallyData): StatsTally {
  // bounces: so far, of each shell by id (bounce events carry no count).
  const { stats, bounces } = from;
  let over = from.over;
  const on = (e: SimEvent): void => {
    if (e.type === 'fire') stats[e.slot]!.shots++;
    else if (e.type === 'bounce') {
      const n = (bounces[e.shell] ?? 0) + 1;
      bounces[e.shell] = n;
      const p = stats[e.owner]!;
      p.longestBounce = Math.max(p.longestBounce, n);
    } else if (e.type === 'explode') onExplode(stats, e);
    else if (e.type === 'match-over') over = true;
  };
  return {
    add(events) {
      if (over) return;
      for (const e of events) if (knows(stats, e)) on(e);
    },
    stats: () => stats.map((p) => ({ ...p })),
    over: () => over,
    copy: () => tallyFrom({ stats: stats.map((p) => ({ ...p })), bounces: { ...bounces }, over }),
  };
}

/** Whether every slot `e` names is a slot of this match (a hand-built event may name others). */
function knows(stats: readonly PlayerStats[], e: SimEvent): boolean {
  if (e.type === 'fire') return e.slot in stats;
  if (e.type === 'bounce') return e.owner in stats;
  if (e.type === 'explode') return e.by in stats && e.slot in stats;
  return true;
}

function onExplode(stats: PlayerStats[], e: Extract<SimEvent, { type: 'explode' }>): void {
  const shooter = stats[e.by]!;
  shooter.longestBounce = Math.max(shooter.longestBounce, e.bounces);
  if (e.by === e.slot) {
    shooter.selfHits++;
    return;
  }
  shooter.hits++;
  shooter.kills++;
  shooter.longestRicochet = Math.max(shooter.longestRicochet, e.bounces);
}

/** The statistics of a replay, by re-running it (and whether its checkpoints matched). */
export function replayStats(replay: Replay): { stats: PlayerStats[]; ok: boolean } {
  const tally = createStatsTally(replay.setup.players.length);
  const result = runReplay(replay, (state) => tally.add(state.events));
  return { stats: tally.stats(), ok: result.ok };
}
