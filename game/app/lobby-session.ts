/**
 * This tab's lobby membership, kept in sessionStorage: it lives as long as the tab, reloads
 * included, and no other tab sees it (each tab is its own player). It says that the tab had
 * joined, with the member's token (a host that still knows it gives the place back) and the PIN
 * that let it in, so a reloaded tab or one whose host came back joins again by itself.
 */

/** What a tab remembers of its lobby membership. */
export interface LobbySession {
  /** The member's secret from the latest welcome. */
  readonly token: string;
  /** The PIN the join carried, if the host wanted one. */
  readonly pin: string | null;
}

const SESSION_KEY = 'ricochet.lobby';

/** This tab's membership, or null if it has not joined (or its storage is unusable). */
export function readLobbySession(storage: Storage | undefined = globalThis.sessionStorage): LobbySession | null {
  try {
    const saved = JSON.parse(storage?.getItem(SESSION_KEY) ?? 'null') as Partial<LobbySession> | null;
    if (typeof saved?.token !== 'string' || !saved.token) return null;
    return { token: saved.token, pin: typeof saved.pin === 'string' ? saved.pin : null };
  } catch {
    return null;
  }
}

/** Remembers this tab's membership (best effort). */
export function saveLobbySession(session: LobbySession, storage: Storage | undefined = globalThis.sessionStorage): void {
  try {
    storage?.setItem(SESSION_KEY, JSON.stringify(session));
  } catch {
    // Storage refused: a reload will need a click on Join.
  }
}
