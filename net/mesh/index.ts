/**
 * The mesh: the PeerJS `Transport` for browsers (one link per pair of pages, an unreliable input
 * channel beside PeerJS's reliable one), the start handshake, and networked matches with rematches.
 * What the page uses of it; its reducers and shells stay inside.
 */
export type { ConnectMatchOptions } from './connect-match';
export type { MeshError } from './mesh-errors';
export type { PeerLike } from './mesh-ports';
export { connectionFigures, startNetworkMatch } from './network-match';
export type { NetworkMatch, StartNetworkMatchResult } from './network-match';
export { createPeerjsPeer } from './peerjs-adapter';
export { createPeerjsTransport } from './peerjs-transport';
export type { MeshStatus, PeerjsTransport } from './peerjs-transport';
