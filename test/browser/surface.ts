/**
 * The page's `window.ricochet` as the browser tests see it (game/app/test-surface.ts), typed for
 * `page.evaluate` callbacks.
 */
import type { MeshFigures } from '../../game/app/mesh-record';
import type { ViewerFigures } from '../../game/app/page-context';
import type { PlayerStats } from '../../game/sim/match-stats';
import type { Replay } from '../../game/sim/replay';

/** A tank as `state()` returns it. */
export interface TankView {
  x: number;
  y: number;
  angle: number;
  alive: boolean;
}

/** The read-only test surface. */
export interface Surface {
  frame(): number;
  scene(): string;
  loadProgress(): number;
  checkpoints(): [number, number][];
  replay(): Replay | null;
  state(): { tanks: TankView[]; shells: { owner: number }[]; phase: string; winner: number } | null;
  stats(): { stalls: number; lastCheckpoint: { status: string } | null } | null;
  slots(): { local: number[]; bots: number[]; view: number };
  /** The match on screen in CSS px: the smallest name label, a tank, the arena's edges. */
  view(): { labelPx: number; tankPx: number; arena: { left: number; top: number; right: number; bottom: number } } | null;
  /** How steadily the page runs (over 5 s), with the render quality level; null outside a match. */
  pace(): { displayFps: number; lateBeatShare: number; renderLevel: number } | null;
  /** Each slot's match statistics so far. */
  matchStats(): PlayerStats[] | null;
  /** The replay viewer's figures while it shows. */
  viewer(): ViewerFigures | null;
  /** The mesh (formerly `window.ricochetMesh`): status, connection, error, history. */
  mesh(): MeshFigures;
}

declare global {
  interface Window {
    ricochet: Surface;
  }
}
