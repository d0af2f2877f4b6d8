/**
 * `window.ricochet`: the read-only surface tests and curious players use (documented in the
 * README). A frozen object of functions; every call returns fresh copies, so nothing a caller does
 * can reach the game's state.
 */
import { currentSession } from './match-session';
import { buildReplay, type ReplayFile } from './replay-file';

/** What the surface reads besides the match session. */
export interface SurfaceSources {
  /** Key of the scene on screen. */
  scene(): string;
  /** The lobby as the page sees it (status, roster), or null before it connects. */
  lobby(): unknown;
  /** Fraction of the assets loaded, 0..1. */
  loadProgress(): number;
}

/** One peer of the match, as `peers()` lists it. */
export interface PeerInfo {
  readonly peer: string;
  readonly self: boolean;
  readonly slots: number[];
  readonly rttMs: number | null;
}

const copy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

function peers(): PeerInfo[] {
  const s = currentSession();
  if (!s) return [];
  const rtt = s.engine.stats().rttByPeer;
  return [...new Set(s.slotOwners)].map((peer) => ({
    peer,
    self: peer === s.self,
    slots: s.slotOwners.flatMap((owner, slot) => (owner === peer ? [slot] : [])),
    rttMs: rtt[peer] ?? null,
  }));
}

function replay(): ReplayFile | null {
  const s = currentSession();
  return s ? buildReplay(s.setup, s.engine.inputLog(), s.engine.checkpoints()) : null;
}

/** Installs `window.ricochet` (once; later calls are ignored). */
export function installTestSurface(win: Window, sources: SurfaceSources): void {
  if ('ricochet' in win) return;
  const surface = Object.freeze({
    frame: (): number => currentSession()?.engine.frame() ?? 0,
    checkpoints: (): [number, number][] => copy((currentSession()?.engine.checkpoints() ?? []) as [number, number][]),
    peers,
    stats: () => copy(currentSession()?.engine.stats() ?? null),
    replay,
    /** The current sim state (a copy), for tests that look at tanks. */
    state: () => copy(currentSession()?.engine.state() ?? null),
    /** The local slots and which of them bots play. */
    slots: () => copy({ local: currentSession()?.localSlots ?? [], bots: currentSession()?.botSlots ?? [], view: currentSession()?.viewSlot ?? -1 }),
    problem: (): string | null => currentSession()?.problem ?? null,
    scene: () => sources.scene(),
    loadProgress: () => sources.loadProgress(),
    lobby: () => copy(sources.lobby()),
  });
  Object.defineProperty(win, 'ricochet', { value: surface, writable: false, configurable: false, enumerable: true });
}
