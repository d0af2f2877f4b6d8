/**
 * Relaying through a peer when a direct link can't form (issue #13): a Transport for the engine
 * that routes a pair with no live link through a third page, with end-to-end authentication.
 */
export { createRelayTransport } from './relay-transport';
export type { LinkView, RelayConfig, RelayNotice, RelayStats, RelayTransport } from './relay-transport';
export { hmacSha256, sha256 } from './sha256';
