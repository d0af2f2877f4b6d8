/**
 * `window.ricochet`: the one read-only surface tests and curious players use (documented in the
 * README). A frozen object of functions; every call returns fresh copies, so nothing a caller does
 * can reach the game's state. `mesh()` took over what `window.ricochetMesh` used to give.
 */
import type { SpectatorEngine } from '../../net/spectate';
import type { MatchSession } from './match-session';
import type { MeshFigures } from './mesh-record';
import { sessionDesyncReport } from './desync-report';
import { sessionReplay } from './replay-file';

/** Where the surface reads from: the page context, through main.ts. */
export interface SurfaceSources {
  /** The match being played or just finished, if any. */
  session(): MatchSession | null;
  /** The mesh's figures (status, connection, error, history). */
  mesh(): MeshFigures;
  /** Key of the scene on screen. */
  scene(): string;
  /** The lobby as the page sees it (status, roster), or null before it connects. */
  lobby(): unknown;
  /** Fraction of the assets loaded, 0..1. */
  loadProgress(): number;
  /** Sizes on screen of the match being drawn (CSS px), or null when none is. */
  view?(): { labelPx: number; tankPx: number; arena: { left: number; top: number; right: number; bottom: number } } | null;
  /** The replay viewer's figures while it shows, else null. */
  viewer?(): unknown;
}

/** One peer of the match, as `peers()` lists it. */
export interface PeerInfo {
  readonly peer: string;
  readonly self: boolean;
  readonly slots: number[];
  readonly rttMs: number | null;
}

const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

function peers(s: MatchSession | null): PeerInfo[] {
  if (!s) return [];
  const rtt = s.engine.stats().rttByPeer;
  return [...new Set(s.slotOwners)].map((peer) => ({
    peer,
    self: peer === s.self,
    slots: s.slotOwners.flatMap((owner, slot) => (owner === peer ? [slot] : [])),
    rttMs: rtt[peer] ?? null,
  }));
}

/** Installs `window.ricochet` (once; later calls are ignored). */
export function installTestSurface(win: Window, sources: SurfaceSources): void {
  if ('ricochet' in win) return;
  const session = (): MatchSession | null => sources.session();
  const surface = Object.freeze({
    frame: (): number => session()?.engine.frame() ?? 0,
    checkpoints: (): [number, number][] => copy((session()?.engine.checkpoints() ?? []) as [number, number][]),
    peers: () => peers(session()),
    stats: () => copy(session()?.engine.stats() ?? null),
    replay: () => sessionReplay(session()),
    /** The statistics of the match on screen, by slot (game/sim/match-stats.ts). */
    matchStats: () => copy(session()?.stats.stats() ?? null),
    /** The current sim state (a copy), for tests that look at tanks. */
    state: () => copy(session()?.engine.state() ?? null),
    /** The local slots, which of them bots play, and at which level. */
    slots: () => copy({ local: session()?.localSlots ?? [], bots: session()?.botSlots ?? [], view: session()?.viewSlot ?? -1, botLevel: session()?.botLevel ?? null }),
    problem: (): string | null => session()?.problem ?? null,
    /**
     * 'spectator' while this page watches a match (`spectate=1`, or it came after the start or as
     * the 9th visitor), 'away' while it sits out (hidden, or away until the others agree its rejoin
     * frame), else 'player'.
     */
    role: (): 'player' | 'spectator' | 'away' => session()?.engine.role() ?? 'player',
    /** A spectator's feed: phase, feeder, problem, the snapshot loaded, checkpoints agreed and differing; null on a player's page. */
    spectator: () => copy((session()?.engine as Partial<SpectatorEngine<unknown>> | undefined)?.status?.() ?? null),
    /** The desync report of the first checkpoint that did not agree (game/app/desync-report.ts), or null while all agree. */
    desyncReport: () => sessionDesyncReport(session()),
    /** The once-only sim events played (sounds, effects) as `identity@frame`, e.g. `explode:2:17@1234`: each once, whatever rollbacks re-simulate. */
    played: (): string[] => copy([...(session()?.loop.played() ?? [])]),
    /**
     * How steadily the page runs over the last 5 s: display and sim frames per second, local input
     * sends per second and the p99 and largest gap between two of them, and the render quality level.
     */
    pace: () => {
      const s = session();
      return s ? copy({ ...s.pace.figures(performance.now()), renderLevel: s.quality.level }) : null;
    },
    /** The engine's events of this match (drops and their reasons, delay changes, desyncs). */
    events: () => copy(session()?.events ?? []),
    scene: () => sources.scene(),
    /** The replay viewer: frame, total, verdict, checked, resimulated (by the last seek), keyframeEvery, playing, speed; null when it is not on screen. */
    viewer: () => copy(sources.viewer?.() ?? null),
    loadProgress: () => sources.loadProgress(),
    lobby: () => copy(sources.lobby()),
    /** The match on screen: its smallest name label, a tank and the arena's edges, in CSS px (null when none is drawn). */
    view: () => copy(sources.view?.() ?? null),
    /** The mesh: `{ status, connection, error, history }` (formerly `window.ricochetMesh`). */
    mesh: (): MeshFigures => copy(sources.mesh()),
  });
  Object.defineProperty(win, 'ricochet', { value: surface, writable: false, configurable: false, enumerable: true });
}
