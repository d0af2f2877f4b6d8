/**
 * The binary peer-to-peer wire format: two protocols in one framing (wire-format.ts).
 * - The engine protocol, for net/lockstep: engine-messages.ts, `encodeEngine`/`decodeEngine`.
 * - The handshake protocol, for net/mesh before frame 0: handshake-messages.ts,
 *   `encodeHandshake`/`decodeHandshake`.
 * - The spectate protocol, between a spectator and the player feeding it (net/spectate):
 *   spectate-messages.ts, `encodeSpectate`/`decodeSpectate`.
 * Both carry the RTT probes (probe-messages.ts). Each decoder answers `wrong-protocol` for a
 * message of the other.
 */
export * from './wire-format';
export type * from './decode-result';
export * from './probe-messages';
export * from './engine-messages';
export * from './snapshot-messages';
export * from './handshake-messages';
export { encodeEngine, decodeEngine, type EngineDecodeResult } from './engine-codec';
export { encodeHandshake, decodeHandshake, type HandshakeDecodeResult } from './handshake-codec';
export * from './relay-messages';
export * from './spectate-messages';
export { encodeSpectate, decodeSpectate } from './spectate-codec';
