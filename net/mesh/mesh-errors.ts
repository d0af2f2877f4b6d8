/**
 * Why joining or starting a match failed, as data the page can show: a code for tests and logic,
 * a sentence for the player, and a hint saying what to do about it.
 */

/** Every way a join or a start can fail. */
export const MESH_ERROR = {
  versionMismatch: 'version-mismatch',
  full: 'full',
  started: 'started',
  hostUnreachable: 'host-unreachable',
  webrtcFailed: 'webrtc-failed',
  timeout: 'timeout',
  refused: 'refused',
  peerLeft: 'peer-left',
  startMismatch: 'start-mismatch',
  notInMatch: 'not-in-match',
  startFailed: 'start-failed',
} as const;

/** A failure code. */
export type MeshErrorCode = (typeof MESH_ERROR)[keyof typeof MESH_ERROR];

/** A failure the page shows as it is. */
export interface MeshError {
  readonly code: MeshErrorCode;
  readonly message: string;
  readonly hint: string;
}

const TEXT: { readonly [C in MeshErrorCode]: readonly [message: string, hint: string] } = {
  'version-mismatch': [
    'This page runs a different version of Ricochet than the other players.',
    'Reload the page from the host (open the URL the host printed).',
  ],
  full: ['This match is full.', 'Ask the host to start another match, or wait for the next one.'],
  started: ['This match has already started.', 'Wait for it to end and join the next one.'],
  'host-unreachable': [
    'The host cannot be reached.',
    'Check that the host is still running and that you are on the same network as the host.',
  ],
  'webrtc-failed': [
    'Could not connect directly to the other players.',
    'Your network may keep devices apart (client isolation on guest Wi-Fi): use a network that lets devices talk to each other, such as a home Wi-Fi or a phone hotspot.',
  ],
  timeout: ['The other players did not get ready in time.', 'Try again; if it keeps happening, reload the page.'],
  refused: ['Another player refused this connection.', 'Reload the page from the host and join again.'],
  'peer-left': ['A player left before the match started.', 'Go back to the lobby and start again.'],
  'start-mismatch': [
    'The players disagree about how the match starts.',
    'Reload the page from the host: the players probably run different versions.',
  ],
  'not-in-match': ['This page is not part of the match that started.', 'Join the next match from the lobby.'],
  'start-failed': [
    'This page could not take its part in starting the match.',
    'Go back to the lobby and start again; if it happens again, reload the page from the host.',
  ],
};

/** The error for `code`, with an optional technical detail appended to its message. */
export function meshError(code: MeshErrorCode, detail?: string): MeshError {
  const [message, hint] = TEXT[code];
  return { code, message: detail ? `${message} (${detail})` : message, hint };
}

/** A thrown value as a detail for `meshError`. */
export const thrownText = (thrown: unknown): string => (thrown instanceof Error ? thrown.message : String(thrown));

/** The same errors for the lobby's refusals of a join, so the page shows one vocabulary. */
export function fromLobbyRefusal(reason: string, detail?: string): MeshError {
  if (reason === 'version-mismatch') return meshError(MESH_ERROR.versionMismatch, detail);
  if (reason === 'full') return meshError(MESH_ERROR.full, detail);
  if (reason === 'started') return meshError(MESH_ERROR.started, detail);
  if (reason === 'no-host' || reason === 'closed') return meshError(MESH_ERROR.hostUnreachable, detail);
  return meshError(MESH_ERROR.refused, detail ?? reason);
}
