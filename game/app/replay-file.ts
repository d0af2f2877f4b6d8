/**
 * The replay file a match leaves behind (the format is the sim's, `game/sim/replay.ts`): the setup,
 * every frame's inputs, the leaves and the checkpoint hashes, plus (version 2) the recording page's
 * build id and the players' colours for a viewer. `npm run sim -- --replay FILE` re-runs it headless
 * and checks every checkpoint; the lobby's "Watch a replay" plays it (replay-open.ts).
 */
import type { InputLog } from '../../net/lockstep';
import { pageBuildId } from '../../net/lobby';
import type { ReplayV2, SimSetup } from '../sim';
import type { MatchSession } from './match-session';

/** Replay file as the page writes it: version 2. */
export type ReplayFile = ReplayV2;

/** What a replay is built from besides the engine's log. */
export interface ReplaySource {
  readonly setup: SimSetup;
  readonly colours: readonly string[];
  /** The recording page's build id (net/lobby `pageBuildId()`). */
  readonly build: string;
}

/** Builds the replay JSON from what the engine recorded. */
export function buildReplay(source: ReplaySource, log: InputLog, checkpoints: readonly (readonly [number, number])[]): ReplayFile {
  return {
    version: 2,
    build: source.build,
    setup: structuredClone(source.setup),
    colours: source.setup.players.map((_, slot) => source.colours[slot] ?? '#ffffff'),
    inputs: log.inputs.map((frame) => [...frame]),
    leaves: log.leaves.map(([frame, slot]) => [frame, slot]),
    checkpoints: checkpoints.map(([frame, hash]) => [frame, hash]),
  };
}

/** The replay of `session` so far (this page's build id), or null before any match. */
export function sessionReplay(session: MatchSession | null): ReplayFile | null {
  if (!session) return null;
  return buildReplay({ setup: session.setup, colours: session.colours, build: pageBuildId() }, session.engine.inputLog(), session.engine.checkpoints());
}

/** `yyyy-mm-dd` of `now`, local time, for file names. */
export function dayStamp(now: Date): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The file name a download gets: `ricochet-<yyyy-mm-dd>-<seed>.json` (pure; `now` from the caller). */
export function replayFileName(replay: { readonly setup: { readonly seed: number } }, now: Date): string {
  return `ricochet-${dayStamp(now)}-${replay.setup.seed >>> 0}.json`;
}

/** Offers `replay` as a file download (a Blob behind a temporary link). */
export function downloadReplay(doc: Document, replay: ReplayFile, now = new Date()): string {
  return downloadJson(doc, replayFileName(replay, now), replay);
}

/** Offers `value` as a JSON file called `name`; returns the name. */
export function downloadJson(doc: Document, name: string, value: unknown): string {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value)], { type: 'application/json' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; revoking later leaves it time to start.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
