/**
 * What the page remembers of its mesh, for `window.ricochet.mesh()`: the live mesh's status, the
 * figures of the latest (re)start, the error of a failed connect, and the figures of every start
 * on this page, so that a test can compare a rematch's time to a full mesh with the first one's.
 * (This used to be `window.ricochetMesh`, written from inside net/mesh.)
 */
import type { MeshError } from '../../net/mesh';
import { connectionFigures, type NetworkMatch } from '../../net/mesh';
import type { MeshStatus } from '../../net/mesh';

/** One start's figures: slots, names, seed, start time, time to a full mesh, RTT. */
export type ConnectionFigures = ReturnType<typeof connectionFigures>;

/** The mesh as the test surface reports it. */
export interface MeshFigures {
  /** Links and time to a full mesh of the latest match; null before one or after a failure. */
  readonly status: MeshStatus | null;
  readonly connection: ConnectionFigures | null;
  /** Why the latest connect failed, if it did. */
  readonly error: MeshError | null;
  /** Every start and rematch on this page, oldest first. */
  readonly history: readonly ConnectionFigures[];
}

/** Collects the figures as matches start and fail. */
export interface MeshRecord {
  /** A match (or a rematch on the same mesh) started. */
  started(match: NetworkMatch<unknown>): void;
  /** Connecting failed: the latest match is this error. */
  failed(error: MeshError): void;
  figures(): MeshFigures;
}

/** An empty record. */
export function createMeshRecord(): MeshRecord {
  let latest: NetworkMatch<unknown> | null = null;
  let error: MeshError | null = null;
  const history: ConnectionFigures[] = [];
  return {
    started(match) {
      latest = match;
      error = null;
      history.push(connectionFigures(match.connection()));
    },
    failed(why) {
      latest = null;
      error = why;
    },
    figures: () => ({
      status: latest?.status() ?? null,
      connection: latest ? connectionFigures(latest.connection()) : null,
      error,
      history: [...history],
    }),
  };
}
