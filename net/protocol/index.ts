/**
 * The binary peer-to-peer wire format: message types (messages.ts) and `encode`/`decode` (codec.ts).
 */
export * from './messages';
export { encode, decode } from './codec';
